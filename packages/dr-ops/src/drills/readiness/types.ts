// Readiness: a relationship (GeminiDB) or task (DWS) checked against a policy. Each check passes,
// warns or fails with the values it read (when, from which call), so the verdict can be audited.
import type { DrillService } from '../plan/types.js';
import type { EvidenceCall, EvidenceValue } from '../report/model.js';

export type CheckStatus = 'pass' | 'warn' | 'fail';

export interface ReadinessCheck {
  /** Stable id, e.g. `sync.status`, `lag.max`, `reachable.standby`. */
  id: string;
  title: string;
  status: CheckStatus;
  /** Why it passed, warned or failed, with the numbers. */
  message: string;
  evidence: EvidenceValue[];
}

/** What the checks hold the target to. Absent limits are not checked (said so in the report). */
export interface ReadinessPolicy {
  /** The RPO objective: the replication lag / time since last sync must be within it. */
  rpoObjectiveMs?: number | undefined;
  /** The RTO objective: the API's own RTO estimate is compared with it (warn only: an estimate). */
  rtoObjectiveMs?: number | undefined;
  /** Largest acceptable lag (default: the RPO objective). */
  maxLagMs?: number | undefined;
  /** The ID (GeminiDB instance, DWS cluster) that must be primary now; default: the target's primary. */
  expectedPrimary?: string | undefined;
  /** Warn instead of fail on a running job (default false: a drill must not race another operation). */
  allowRunningJobs?: boolean | undefined;
}

export interface ReadinessReport {
  service: DrillService;
  /** The worst check status. */
  verdict: CheckStatus;
  checked_at: string;
  /** What was checked: instance / task / cluster IDs and regions. */
  target: Record<string, string>;
  policy: { rpo_objective_seconds: number | null; rto_objective_seconds: number | null; max_lag_seconds: number | null; allow_running_jobs: boolean };
  checks: ReadinessCheck[];
  calls: EvidenceCall[];
}

export function worstStatus(statuses: Iterable<CheckStatus>): CheckStatus {
  let worst: CheckStatus = 'pass';
  for (const s of statuses) {
    if (s === 'fail') return 'fail';
    if (s === 'warn') worst = 'warn';
  }
  return worst;
}

/** The policy as the report shows it (seconds; null = not checked). */
export function policySummary(policy: ReadinessPolicy): ReadinessReport['policy'] {
  const s = (ms: number | undefined) => (ms === undefined ? null : ms / 1000);
  return {
    rpo_objective_seconds: s(policy.rpoObjectiveMs),
    rto_objective_seconds: s(policy.rtoObjectiveMs),
    max_lag_seconds: s(policy.maxLagMs ?? policy.rpoObjectiveMs),
    allow_running_jobs: policy.allowRunningJobs ?? false,
  };
}
