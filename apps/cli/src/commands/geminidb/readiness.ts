// `hcdr geminidb dr readiness`: a relationship checked against a policy (RPO/RTO, lag, sync state,
// no running jobs, both sides reachable with their credentials, port and CIDR rules, DR settings).
// Flags → @hcdr/dr-ops checkGeminiDbReadiness → output; the rules live in the library.
import type { Command } from 'commander';
import { geminiDbClient } from '../../config/client-options.js';
import { addSideConnectionOptions, sideConnection } from '../../config/side-connection.js';
import type { Runtime } from '../../context.js';
import { createDryRunRecorder } from '../../io/dry-run.js';
import { CliError } from '../../io/errors.js';
import { InputChecks } from '../../validation/checks.js';
import * as rules from '../../validation/rules.js';
import { addPolicyOptions, printReadiness, readPolicy, type PolicyFlags } from '../drill/readiness-output.js';
import { loadPlanOrUsage } from '../drill/plan-input.js';
import { printPlannedCalls } from '../drill/planned-calls.js';
import { action, examples } from '../shared.js';

const A = 'a1b2c3d4e5f64a7b8c9d0e1f2a3b4c5din12';
const B = 'f0e1d2c3b4a54968a7b6c5d4e3f2a1b0in12';

interface ReadinessFlags extends PolicyFlags {
  standby?: string;
  [key: string]: unknown;
}

export function registerReadiness(dr: Command, runtime: Runtime): void {
  examples(
    addPolicyOptions(
      addSideConnectionOptions(
        dr
          .command('readiness')
          .description('Check a DR relationship against a policy: both sides reachable, roles, sync, lag, running jobs, port/CIDR rules, DR settings')
          .argument('[primary-instance-id]', 'the instance that should be the primary now (or --plan)')
          .option('--standby <instance-id>', "the standby instance (default: the primary's DR peer as listInstances reports it)"),
        'instance',
        true,
      ),
    ).action(
      action<ReadinessFlags>(runtime, async (ctx, o, [id]) => {
        const c = new InputChecks();
        const plan = o.plan ? await loadPlanOrUsage(o.plan, '--plan', 'geminidb') : undefined;
        const target = plan?.plan.service === 'geminidb' ? plan.plan.target : undefined;
        const primaryId = c.optional('<primary-instance-id>', id as string | undefined, rules.id) ?? target?.primary.instance;
        if (!primaryId) c.fail('<primary-instance-id>', 'is required (or give --plan)');
        let standbyId = c.optional('--standby', o.standby, rules.id) ?? target?.standby.instance;
        const primaryConn = sideConnection(ctx, c, o, 'primary', { region: target?.primary.region, projectId: target?.primary.project_id, profile: target?.primary.profile });
        const standbyConn = sideConnection(ctx, c, o, 'standby', { region: target?.standby.region, projectId: target?.standby.project_id, profile: target?.standby.profile });
        const policy = readPolicy(c, o, plan ? { rpoObjectiveMs: plan.objectives.rpoMs, rtoObjectiveMs: plan.objectives.rtoMs, maxLagMs: plan.abort.maxLagMs } : {});
        c.done();

        if (ctx.globals.dryRun) {
          const [recorder, { geminiDbReadinessCalls }] = await Promise.all([createDryRunRecorder(), import('@hcdr/dr-ops')]);
          const clients = { primary: await geminiDbClient(ctx, primaryConn, recorder), standby: await geminiDbClient(ctx, standbyConn, recorder) };
          const standby = standbyId ?? '<the DR peer listInstances reports>';
          await printPlannedCalls(ctx, `Readiness of ${primaryId} and ${standby} would read`, geminiDbReadinessCalls(primaryId ?? '', standby), clients, recorder);
          return;
        }
        const [primaryClient, standbyClient, { checkGeminiDbReadiness }] = await Promise.all([geminiDbClient(ctx, primaryConn), geminiDbClient(ctx, standbyConn), import('@hcdr/dr-ops')]);
        if (!standbyId) {
          const listed = await primaryClient.listInstances({ query: { id: primaryId } }, { signal: ctx.signal });
          standbyId = (listed.instances ?? []).find((i) => i.id === primaryId)?.dr_instance_id || undefined;
          if (!standbyId) throw new CliError(`${primaryId} reports no DR peer (dr_instance_id), so there is no relationship to check.`, 1, 'give the standby with --standby <instance-id>');
        }
        const report = await checkGeminiDbReadiness({
          primary: { client: primaryClient, instanceId: primaryId ?? '', region: primaryConn.region },
          standby: { client: standbyClient, instanceId: standbyId, region: standbyConn.region },
          policy: { ...policy, expectedPrimary: primaryId },
          signal: ctx.signal,
          now: ctx.runtime.now,
        });
        printReadiness(ctx, report, o);
      }),
    ),
    `hcdr geminidb dr readiness ${A} --standby ${B} --standby-region ap-southeast-3 --rpo 1m --rto 10m`,
    'hcdr geminidb dr readiness --plan drill.yaml -o json',
  );
}
