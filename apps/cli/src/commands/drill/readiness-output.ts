// Prints a readiness report (checks on stdout, the verdict on stderr) and turns the verdict into the
// exit code: fail → 1; warn → 0, or 1 with --fail-on-warning; pass → 0. Shared by
// `hcdr geminidb dr readiness` and `hcdr dws dr readiness`.
import type { Command } from 'commander';
import type { ReadinessPolicy, ReadinessReport } from '@hcdr/dr-ops';
import type { AppContext } from '../../context.js';
import { CliError } from '../../io/errors.js';
import { EXIT } from '../../io/exit-codes.js';
import type { InputChecks } from '../../validation/checks.js';

export interface PolicyFlags {
  rpo?: string;
  rto?: string;
  maxLag?: string;
  allowRunningJobs?: boolean;
  failOnWarning?: boolean;
  plan?: string;
}

export function addPolicyOptions(command: Command): Command {
  return command
    .option('--rpo <duration>', 'RPO objective: the replication lag / time since the last sync must be within it, e.g. 1m')
    .option('--rto <duration>', "RTO objective: the API's RTO estimate is compared with it (a warning when above), e.g. 10m")
    .option('--max-lag <duration>', 'largest acceptable lag (default: --rpo)')
    .option('--allow-running-jobs', 'a running job is a warning instead of a failure')
    .option('--fail-on-warning', 'exit 1 when a check warns (default: only failures exit 1)')
    .option('--plan <file>', 'take the target and objectives from a drill plan (flags still override the objectives)');
}

const DAY = 86_400_000;

/** The policy from flags; `base` holds the plan's objectives when --plan is given. */
export function readPolicy(c: InputChecks, o: PolicyFlags, base: ReadinessPolicy = {}): ReadinessPolicy {
  const rpo = c.duration('--rpo', o.rpo, { min: 1000, max: 30 * DAY }) ?? base.rpoObjectiveMs;
  const rto = c.duration('--rto', o.rto, { min: 1000, max: 30 * DAY }) ?? base.rtoObjectiveMs;
  const maxLag = c.duration('--max-lag', o.maxLag, { min: 1000, max: 30 * DAY }) ?? base.maxLagMs;
  return { rpoObjectiveMs: rpo, rtoObjectiveMs: rto, maxLagMs: maxLag, allowRunningJobs: o.allowRunningJobs === true };
}

export function printReadiness(ctx: AppContext, report: ReadinessReport, o: PolicyFlags): void {
  ctx.out.data(report, { list: 'checks', columns: ['status', 'id', 'message'], headings: { status: 'RESULT', id: 'CHECK', message: 'DETAILS' } });
  const counts = (s: string) => report.checks.filter((c) => c.status === s).length;
  const summary = `Readiness ${report.verdict.toUpperCase()}: ${counts('pass')} passed, ${counts('warn')} warned, ${counts('fail')} failed (read at ${report.checked_at}, ${report.calls.length} API calls).`;
  if (report.verdict === 'fail') throw new CliError(summary, EXIT.failure, 'fix the failed checks before a drill or a switchover');
  if (report.verdict === 'warn' && o.failOnWarning) throw new CliError(summary, EXIT.failure, 'warnings fail because of --fail-on-warning');
  if (report.verdict === 'warn') ctx.out.warn(summary);
  else ctx.out.success(summary);
}
