// Turns a drill's progress (what every run journaled) into the report document.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { formatDuration, toSeconds } from '../duration.js';
import type { ResolvedDrillPlan } from '../plan/types.js';
import { DRILL_REPORT_VERSION, type DrillReport, type ObjectiveResult } from '../report/model.js';
import { measuredObjectives, type DrillRunResult } from './run-drill.js';
import type { DrillTarget } from './target.js';

let ownVersion: string | undefined;

/** This package's version (the report names the library that measured, next to the tool). */
export function drOpsVersion(): string {
  if (ownVersion === undefined) {
    try {
      const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version?: string };
      ownVersion = pkg.version ?? 'unknown';
    } catch {
      ownVersion = 'unknown';
    }
  }
  return ownVersion;
}

export interface BuildDrillReportInput {
  plan: ResolvedDrillPlan;
  planFile?: string | undefined;
  result: DrillRunResult;
  targets: DrillReport['targets'];
  target: Pick<DrillTarget, 'measurement' | 'originalPrimary' | 'originalStandby'>;
  tool: { name: string; version: string };
  operator: string;
  host: string;
  /** Wall clock when the report is built (its end time). */
  now: number;
}

function abortConditions(plan: ResolvedDrillPlan): string[] {
  const b = plan.budgetsMs;
  return [
    `pre-flight readiness fails${plan.abort.onReadinessWarning === 'abort' ? ' or warns' : ''}`,
    `replication lag above ${formatDuration(plan.abort.maxLagMs)} before the cutover or during the hold`,
    `a phase over its budget (switchover ${formatDuration(b.switchover)}, verify ${formatDuration(b.verify)}, failback ${formatDuration(b.failback)}, pre/post-flight ${formatDuration(b.preflight)}/${formatDuration(b.postflight)})`,
    'a failed or refused job / role change',
    'on abort: roll back to the original roles',
  ];
}

export function buildDrillReport(input: BuildDrillReportInput): DrillReport {
  const { plan, result } = input;
  const p = result.progress;
  const source = plan.plan;
  const measured = measuredObjectives(plan, p);
  const rto = measured.find((m) => m.objective === 'rto');
  const rpo = measured.find((m) => m.objective === 'rpo');
  const m = input.target.measurement;
  const objectiveResults: ObjectiveResult[] = [
    {
      objective: 'rto',
      target_seconds: rto?.target ?? 0,
      measured_seconds: rto?.measured ?? null,
      met: rto?.met ?? null,
      measured_as: `${m.rtoFrom} → ${m.rtoTo}`,
    },
    {
      objective: 'rpo',
      target_seconds: rpo?.target ?? 0,
      measured_seconds: rpo?.measured ?? null,
      met: rpo?.met ?? null,
      measured_as: m.rpoSource,
    },
  ];
  const startedAt = p.startedAt ?? new Date(input.now).toISOString();
  const endedAt = p.end?.at ?? new Date(input.now).toISOString();
  const final = result.finalState;
  // Unread but never changed: the drill sent nothing that could have moved the roles.
  const restored = final === undefined ? (result.changed ? null : true) : final.primary === input.target.originalPrimary;
  const phases = p.phases.map((r) => ({ ...r, evidence: { ...r.evidence, jobs: mergeJobs(r.evidence.jobs, p.jobs.filter((j) => j.phase === r.name).map((j) => j.job)) } }));
  return {
    report_version: DRILL_REPORT_VERSION,
    drill_id: p.drillId ?? 'unknown',
    verdict: result.verdict,
    verdict_reason: result.verdictReason,
    plan: {
      name: source.name,
      description: source.description ?? null,
      labels: source.labels ?? {},
      service: source.service,
      scenario: source.scenario,
      sha256: plan.sha256,
      file: input.planFile ? path.basename(input.planFile) : null,
      hold_seconds: toSeconds(plan.holdMs),
      sample_interval_seconds: toSeconds(plan.sampleIntervalMs),
      poll_interval_seconds: toSeconds(plan.pollIntervalMs),
      abort: { max_lag_seconds: toSeconds(plan.abort.maxLagMs), on_readiness_warning: plan.abort.onReadinessWarning, conditions: abortConditions(plan) },
      budgets_seconds: Object.fromEntries(Object.entries(plan.budgetsMs).map(([k, v]) => [k, toSeconds(v)])),
    },
    objectives: { rto_seconds: toSeconds(plan.objectives.rtoMs), rpo_seconds: toSeconds(plan.objectives.rpoMs) },
    measured: {
      rto_seconds: rto?.measured ?? null,
      rpo_seconds: rpo?.measured ?? null,
      rto_from: m.rtoFrom,
      rto_to: m.rtoTo,
      rto_started_at: p.facts.rto_started_at ?? null,
      rto_ended_at: p.facts.rto_ended_at ?? null,
      rpo_source: m.rpoSource,
      rpo_read_at: p.facts.rpo_read_at ?? null,
      rto_resolution_seconds: toSeconds(plan.pollIntervalMs),
      not_measured: [
        ...m.notMeasured,
        ...(p.deviations.some((d) => d.kind === 'resume' && (d.phase === 'switchover' || d.phase === 'failover'))
          ? ['the RTO spans an interruption of the drill (the cutover finished in a later run): it includes the time the drill was not running']
          : []),
      ],
    },
    objective_results: objectiveResults,
    targets: input.targets,
    phases,
    lag_samples: p.samples,
    deviations: p.deviations,
    readiness: p.readiness,
    final_state: {
      checked_at: result.finalReadAt === undefined ? null : new Date(result.finalReadAt).toISOString(),
      roles_restored: restored,
      primary: final?.primary ?? null,
      standby: final?.standby ?? null,
      status: final?.status ?? null,
      note:
        final === undefined
          ? result.changed
            ? `The final roles could not be read (${result.finalReadError ?? 'no answer'}): check them before relying on this pair.`
            : `Not changed by the drill (it stopped before any state-changing call); not read back: ${result.finalReadError ?? 'no answer'}.`
          : restored
            ? `The original primary ${input.target.originalPrimary} is the primary again${final.healthy ? ' and replication is healthy' : `, but the status is ${final.status ?? 'not reported'}`}.`
            : `The original primary is NOT the primary: ${final.primary ?? 'no instance'} is. Restore the roles before relying on this pair.`,
    },
    environment: {
      tool: input.tool.name,
      tool_version: input.tool.version,
      dr_ops_version: drOpsVersion(),
      node_version: process.version,
      platform: `${process.platform} ${process.arch}`,
      host: input.host,
      operator: input.operator,
      runs: Math.max(1, result.runs),
    },
    started_at: startedAt,
    ended_at: endedAt,
    duration_seconds: toSeconds(Math.max(0, Date.parse(endedAt) - Date.parse(startedAt))),
  };
}

function mergeJobs<T extends { id: string }>(own: readonly T[], journaled: readonly T[]): T[] {
  const out = [...own];
  for (const j of journaled) {
    const i = out.findIndex((o) => o.id === j.id);
    if (i >= 0) out[i] = j;
    else out.push(j);
  }
  return out;
}
