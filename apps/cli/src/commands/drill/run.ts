// `hcdr drill run <plan> --report-dir <dir>`: flags and plan → @hcdr/dr-ops runDrill → report files
// and a summary. The phases, abort rules, rollback and measurements live in the library; this file
// builds the clients, asks for confirmation, prints progress and maps the verdict to the exit code.
import type { Command } from 'commander';
import type { DrillJournal, DrillRunEvent, DrillRunResult, DrillTarget, ResolvedDrillPlan } from '@hcdr/dr-ops';
import { dwsClient, geminiDbClient, globalConnection } from '../../config/client-options.js';
import { addSideConnectionOptions, sideConnection } from '../../config/side-connection.js';
import type { AppContext, Runtime } from '../../context.js';
import { confirm } from '../../io/confirm.js';
import { createDryRunRecorder } from '../../io/dry-run.js';
import { CliError, UsageError } from '../../io/errors.js';
import { quote } from '../../io/sanitize.js';
import { EXIT } from '../../io/exit-codes.js';
import { renderCommand } from '../../io/shell.js';
import { InputChecks } from '../../validation/checks.js';
import { VERSION } from '../../version.js';
import { action, examples } from '../shared.js';
import { openJournalStore } from './journal-store.js';
import { loadPlanOrUsage } from './plan-input.js';
import { printPlannedCalls } from './planned-calls.js';

interface RunFlags {
  reportDir?: string;
  operator?: string;
  [key: string]: unknown;
}

function progressPrinter(ctx: AppContext) {
  const p = ctx.paint;
  return (e: DrillRunEvent) => {
    if (e.type === 'phase-start') ctx.out.info(`${p.cyan('→')} ${e.phase}: ${e.title}${e.resumed ? ' (continuing the interrupted phase)' : ''}`);
    else if (e.type === 'phase-end') {
      const mark = e.record.status === 'passed' ? p.green('✔') : e.record.status === 'skipped' ? '-' : p.red('✖');
      const line = `${mark} ${e.record.name} ${e.record.status} in ${e.record.duration_seconds}s: ${e.record.summary}`;
      if (e.record.status === 'passed') ctx.out.info(line);
      else ctx.out.failure(line.slice(2));
    } else if (e.type === 'sample') ctx.out.info(`  lag ${e.sample.lag_seconds ?? 'n/a'} s (${e.sample.sync_status ?? 'status n/a'}) at ${e.sample.at}`);
    else if (e.type === 'note') ctx.out.info(`  ${e.message}`);
    else if (e.type === 'abort') ctx.out.warn(`abort in ${e.phase}: ${e.reason} — rolling back to the original roles`);
  };
}

async function dryRun(ctx: AppContext, plan: ResolvedDrillPlan, o: Record<string, unknown>): Promise<void> {
  const { drillCallPlan } = await import('@hcdr/dr-ops');
  const recorder = await createDryRunRecorder();
  const c = new InputChecks();
  const p = plan.plan;
  const clients: Partial<Record<'primary' | 'standby' | 'task', object>> = {};
  if (p.service === 'geminidb') {
    const primary = sideConnection(ctx, c, o, 'primary', { region: p.target.primary.region, projectId: p.target.primary.project_id, profile: p.target.primary.profile });
    const standby = sideConnection(ctx, c, o, 'standby', { region: p.target.standby.region, projectId: p.target.standby.project_id, profile: p.target.standby.profile });
    c.done();
    clients.primary = await geminiDbClient(ctx, primary, recorder);
    clients.standby = await geminiDbClient(ctx, standby, recorder);
  } else {
    c.done();
    const g = globalConnection(ctx);
    clients.task = await dwsClient(ctx, { ...g, region: g.region ?? p.target.region, projectId: g.projectId ?? p.target.project_id, profile: g.profile ?? p.target.profile }, recorder);
  }
  await printPlannedCalls(ctx, `Drill ${p.name} (${p.service}, ${p.scenario}) would make these calls, phase by phase`, drillCallPlan(plan), clients, recorder);
}

/** Creates the report directory if needed and proves it writable; a usage error (exit 2) otherwise. */
async function ensureWritableDir(dir: string): Promise<void> {
  const { mkdir, open, rm } = await import('node:fs/promises');
  const probe = `${dir.replace(/\/+$/, '')}/.hcdr-write-test-${process.pid}`;
  try {
    await mkdir(dir, { recursive: true });
    const handle = await open(probe, 'wx', 0o600);
    await handle.close();
    await rm(probe, { force: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new UsageError([{ flag: '--report-dir', message: `${quote(dir)} cannot be written (${code}); the drill was not started and nothing was sent` }]);
  }
}

export function registerDrillRun(drill: Command, runtime: Runtime): void {
  examples(
    addSideConnectionOptions(
      drill
        .command('run')
        .description('Run a DR drill from a plan: readiness, switchover, hold, failback, readiness; timed, with evidence, rolled back on abort; writes a JSON, Markdown and HTML report')
        .argument('<plan>', 'drill plan (YAML), see @hcdr/dr-ops schemas/drill-plan.v1.schema.json')
        .option('--report-dir <dir>', 'directory for the report files (<plan name>-<start>.json/.md/.html)')
        .option('--operator <name>', 'who runs the drill, for the report (default: the OS user name)'),
      'instance',
      true,
    ).action(
      action<RunFlags>(runtime, async (ctx, o, [planFile]) => {
        const plan = await loadPlanOrUsage(planFile as string, '<plan>');
        if (ctx.globals.dryRun) return dryRun(ctx, plan, o);
        const c = new InputChecks();
        const reportDir = c.required('--report-dir', o.reportDir);
        const operator = c.optional('--operator', o.operator, (v) => (v.length <= 128 ? undefined : 'must be at most 128 characters'));
        const p = plan.plan;
        const sides =
          p.service === 'geminidb'
            ? {
                primary: sideConnection(ctx, c, o, 'primary', { region: p.target.primary.region, projectId: p.target.primary.project_id, profile: p.target.primary.profile }),
                standby: sideConnection(ctx, c, o, 'standby', { region: p.target.standby.region, projectId: p.target.standby.project_id, profile: p.target.standby.profile }),
              }
            : undefined;
        c.done();
        // A drill whose report cannot be written must not start: check the directory before anything is sent.
        await ensureWritableDir(reportDir);

        const what =
          p.service === 'geminidb'
            ? `switch GeminiDB instance ${p.target.standby.instance} over to primary and back (drill ${p.name})`
            : `${p.scenario === 'failover-and-recovery' ? 'FAIL OVER' : 'switch over'} DWS DR task ${p.target.task} and back (drill ${p.name})`;
        await confirm(ctx.term, ctx.paint, ctx.globals, {
          action: what,
          details: [
            'Clients of the primary see it become the standby for the length of the drill.',
            ...(p.scenario === 'failover-and-recovery' ? ['A failover does not wait for the standby to catch up: data of the last sync period may be lost.'] : []),
          ],
        });

        const lib = await import('@hcdr/dr-ops');
        const store = await openJournalStore(ctx);
        const now = () => lib.systemClock.now();
        const policy = { rpoObjectiveMs: plan.objectives.rpoMs, rtoObjectiveMs: plan.objectives.rtoMs, maxLagMs: plan.abort.maxLagMs };
        let target: DrillTarget;
        if (p.service === 'geminidb' && sides) {
          const [primary, standby] = await Promise.all([geminiDbClient(ctx, sides.primary), geminiDbClient(ctx, sides.standby)]);
          target = new lib.GeminiDbDrillTarget({
            primary: { client: primary, instanceId: p.target.primary.instance, region: p.target.primary.region, projectId: p.target.primary.project_id, profile: p.target.primary.profile },
            standby: { client: standby, instanceId: p.target.standby.instance, region: p.target.standby.region, projectId: p.target.standby.project_id, profile: p.target.standby.profile },
            policy,
            journal: store,
            clock: lib.systemClock,
          });
        } else if (p.service === 'dws') {
          const g = globalConnection(ctx);
          const client = await dwsClient(ctx, { ...g, region: g.region ?? p.target.region, projectId: g.projectId ?? p.target.project_id, profile: g.profile ?? p.target.profile });
          target = new lib.DwsDrillTarget({ client, taskId: p.target.task, region: p.target.region, projectId: p.target.project_id, profile: p.target.profile, policy, journal: store, clock: lib.systemClock });
        } else throw new CliError('unsupported plan');

        const rerun = renderCommand(['hcdr', 'drill', 'run', planFile as string, '--report-dir', reportDir]);
        let journal: DrillJournal;
        try {
          journal = await lib.openDrillJournal({ store, plan, rerun, reportDir });
        } catch (error) {
          if (lib.isDrOperationError(error) && error.kind === 'locked') throw new CliError(error.message, EXIT.failure, 'another drill or operation is running on these targets');
          throw error;
        }
        let result: DrillRunResult;
        try {
          result = await lib.runDrill({ plan, planFile: planFile as string, target, journal, signal: ctx.signal, tool: { name: 'hcdr', version: VERSION }, operator, onEvent: progressPrinter(ctx) });
        } catch (error) {
          if (error instanceof lib.DrillInterruptedError) throw new CliError(`${error.message}`, EXIT.interrupted, `continue with: ${rerun}`);
          if (error instanceof lib.DrillResumeMismatchError) throw new CliError(error.message, EXIT.failure);
          throw error;
        }
        const report = lib.buildDrillReport({
          plan,
          planFile: planFile as string,
          result,
          targets: await target.describe(),
          target,
          tool: { name: 'hcdr', version: VERSION },
          operator: result.operator,
          host: result.host,
          now: now(),
        });
        const written = await lib.writeDrillReport(reportDir, report);
        ctx.out.data(
          {
            drill_id: report.drill_id,
            verdict: report.verdict,
            verdict_reason: report.verdict_reason,
            rto_seconds: report.measured.rto_seconds,
            rpo_seconds: report.measured.rpo_seconds,
            objectives: report.objectives,
            roles_restored: report.final_state.roles_restored,
            phases: report.phases.map((ph) => ({ name: ph.name, status: ph.status, duration_seconds: ph.duration_seconds })),
            report: { json: written.json.path, markdown: written.markdown.path, html: written.html.path },
          },
          { list: 'phases', columns: ['name', 'status', 'duration_seconds'], headings: { name: 'PHASE', status: 'STATUS', duration_seconds: 'SECONDS' } },
        );
        ctx.out.info(`Report: ${written.html.path} (${written.html.bytes} bytes), ${written.markdown.path}, ${written.json.path}`);
        const line = `Drill ${report.verdict.toUpperCase()}: ${report.verdict_reason}`;
        if (report.verdict !== 'passed') throw new CliError(line, EXIT.failure);
        ctx.out.success(line);
      }),
    ),
    'hcdr drill run drill.yaml --report-dir ./drill-reports --yes',
    'hcdr drill run drill.yaml --dry-run',
    'hcdr drill run drill.yaml --report-dir ./drill-reports --yes -o json',
  );
}
