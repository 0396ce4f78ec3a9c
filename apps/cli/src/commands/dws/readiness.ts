// `hcdr dws dr readiness <dr-id>`: a DR task checked against a policy (running, clusters available,
// last sync within the RPO, sync period, RTO estimate). Flags → @hcdr/dr-ops → output.
import type { Command } from 'commander';
import { dwsClient, globalConnection } from '../../config/client-options.js';
import type { Runtime } from '../../context.js';
import { createDryRunRecorder } from '../../io/dry-run.js';
import { InputChecks } from '../../validation/checks.js';
import * as rules from '../../validation/rules.js';
import { addPolicyOptions, printReadiness, readPolicy, type PolicyFlags } from '../drill/readiness-output.js';
import { loadPlanOrUsage } from '../drill/plan-input.js';
import { printPlannedCalls } from '../drill/planned-calls.js';
import { action, examples } from '../shared.js';

interface DwsReadinessFlags extends PolicyFlags {
  primaryCluster?: string;
}

export function registerDwsReadiness(dr: Command, runtime: Runtime): void {
  examples(
    addPolicyOptions(
      dr
        .command('readiness')
        .description('Check a DR task against a policy: running, both clusters available, last sync within the RPO, sync period, RTO estimate')
        .argument('[dr-id]', 'the DR task (or --plan)')
        .option('--primary-cluster <cluster-id>', 'the cluster that should be the primary now'),
    ).action(
      action<DwsReadinessFlags>(runtime, async (ctx, o, [id]) => {
        const c = new InputChecks();
        const plan = o.plan ? await loadPlanOrUsage(o.plan, '--plan', 'dws') : undefined;
        const target = plan?.plan.service === 'dws' ? plan.plan.target : undefined;
        const taskId = c.optional('<dr-id>', id as string | undefined, rules.id) ?? target?.task;
        if (!taskId) c.fail('<dr-id>', 'is required (or give --plan)');
        const primaryCluster = c.optional('--primary-cluster', o.primaryCluster, rules.id);
        const policy = readPolicy(c, o, plan ? { rpoObjectiveMs: plan.objectives.rpoMs, rtoObjectiveMs: plan.objectives.rtoMs, maxLagMs: plan.abort.maxLagMs } : {});
        c.done();
        const g = globalConnection(ctx);
        const conn = { ...g, region: g.region ?? target?.region, projectId: g.projectId ?? target?.project_id, profile: g.profile ?? target?.profile };
        if (ctx.globals.dryRun) {
          const [recorder, { dwsReadinessCalls }] = await Promise.all([createDryRunRecorder(), import('@hcdr/dr-ops')]);
          const clients = { task: await dwsClient(ctx, conn, recorder) };
          await printPlannedCalls(ctx, `Readiness of DR task ${taskId} would read`, dwsReadinessCalls(taskId ?? ''), clients, recorder);
          return;
        }
        const [client, { checkDwsReadiness }] = await Promise.all([dwsClient(ctx, conn), import('@hcdr/dr-ops')]);
        const report = await checkDwsReadiness({
          client,
          taskId: taskId ?? '',
          region: conn.region,
          policy: { ...policy, expectedPrimary: primaryCluster },
          signal: ctx.signal,
          now: ctx.runtime.now,
        });
        printReadiness(ctx, report, o);
      }),
    ),
    'hcdr dws dr readiness 9f1c2d3e-4b5a-4c6d-8e7f-0a1b2c3d4e5f --rpo 30m --rto 15m',
    'hcdr dws dr readiness --plan dws-drill.yaml -o json',
  );
}
