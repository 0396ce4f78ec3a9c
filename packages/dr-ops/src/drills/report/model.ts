// The drill report: what auditors ask for (plan, who/where, timeline with evidence, measured RTO/RPO
// against the objectives, deviations, final state), as one versioned JSON document
// (schemas/drill-report.v1.schema.json). The Markdown and HTML renderings are views of it.
import type { DrillScenario, DrillService, ReadinessWarningAction } from '../plan/types.js';
import type { ReadinessReport } from '../readiness/types.js';

export const DRILL_REPORT_VERSION = 1;

export type DrillVerdict = 'passed' | 'failed' | 'aborted';

/** Phases in the order a drill runs them (a scenario uses a subset). */
export type DrillPhaseName =
  | 'preflight'
  | 'switchover'
  | 'failover'
  | 'verify-switched'
  | 'hold'
  | 'recovery'
  | 'failback'
  | 'verify-restored'
  | 'postflight'
  | 'rollback';

/** passed: done and checked; failed: its check failed; aborted: stopped by an abort condition; skipped: not run. */
export type PhaseStatus = 'passed' | 'failed' | 'aborted' | 'skipped';

/** One HTTP exchange made during a phase (no headers, no bodies: nothing secret). */
export interface EvidenceCall {
  at: string;
  side: string;
  method: string;
  /** Path template, e.g. `/v3/{project_id}/instances/{instance_id}/instance-role`. */
  path: string;
  status: number | null;
  request_id: string | null;
  duration_ms: number;
  error?: string | undefined;
}

/** A value read from the API that a decision was based on. */
export interface EvidenceValue {
  at: string;
  name: string;
  value: string | number | boolean | null;
  /** Where it was read: operation and side, e.g. `showInstanceRole (standby)`. */
  source: string;
}

/** An asynchronous job / task transition started or awaited in a phase. */
export interface EvidenceJob {
  id: string;
  side: string;
  name: string;
  status: string;
  started_at?: string | undefined;
  ended_at?: string | undefined;
  fail_reason?: string | undefined;
}

export interface PhaseEvidence {
  calls: EvidenceCall[];
  values: EvidenceValue[];
  jobs: EvidenceJob[];
}

export interface PhaseRecord {
  name: DrillPhaseName;
  /** One sentence: what the phase does. */
  title: string;
  status: PhaseStatus;
  started_at: string;
  ended_at: string;
  /** From the monotonic clock (not the difference of the wall-clock times). */
  duration_seconds: number;
  /** Monotonic offsets from the start of the process run that executed the phase. */
  monotonic_ms: { start: number; end: number };
  /** Which run of `hcdr drill run` executed it (1, or more after an interruption and resume). */
  run: number;
  budget_seconds: number | null;
  /** What happened, in words (outcome, or why it failed / aborted / was skipped). */
  summary: string;
  evidence: PhaseEvidence;
}

export interface LagSample {
  at: string;
  /** Seconds since the drill started (wall clock; monotonic within one run). */
  t_seconds: number;
  phase: DrillPhaseName;
  /** Replication lag (GeminiDB: FAILOVER-scene RPO) or time since the last sync (DWS), in seconds; null when not reported. */
  lag_seconds: number | null;
  /** GeminiDB WAL backlog (rsync_wal_size, MB) when reported. */
  backlog_mb?: number | null | undefined;
  /** Sync status as reported (GeminiDB `status`, DWS task `status`). */
  sync_status: string | null;
}

export interface ObjectiveResult {
  objective: 'rto' | 'rpo';
  target_seconds: number;
  measured_seconds: number | null;
  /** null: not measured (the drill did not get that far). */
  met: boolean | null;
  /** How the value was measured: its two endpoints or its source. */
  measured_as: string;
}

export interface Deviation {
  at: string;
  kind: 'abort' | 'rollback' | 'resume' | 'warning' | 'retry';
  phase: DrillPhaseName | null;
  message: string;
}

export interface DrillTargetSide {
  role_at_start: 'primary' | 'standby';
  /** GeminiDB instance or DWS cluster ID. */
  id: string;
  name: string | null;
  region: string;
  project_id: string | null;
  profile: string | null;
}

export interface DrillReport {
  report_version: typeof DRILL_REPORT_VERSION;
  drill_id: string;
  verdict: DrillVerdict;
  /** Why the verdict is what it is, in one or two sentences. */
  verdict_reason: string;
  plan: {
    name: string;
    description: string | null;
    labels: Record<string, string>;
    service: DrillService;
    scenario: DrillScenario;
    /** SHA-256 of the plan file's bytes. */
    sha256: string;
    file: string | null;
    hold_seconds: number;
    sample_interval_seconds: number;
    poll_interval_seconds: number;
    abort: { max_lag_seconds: number; on_readiness_warning: ReadinessWarningAction; conditions: string[] };
    budgets_seconds: Record<string, number>;
  };
  objectives: { rto_seconds: number; rpo_seconds: number };
  measured: {
    rto_seconds: number | null;
    rpo_seconds: number | null;
    rto_from: string;
    rto_to: string;
    rto_started_at: string | null;
    rto_ended_at: string | null;
    rpo_source: string;
    rpo_read_at: string | null;
    /** Precision of the RTO: the confirmation is found by polling at this interval. */
    rto_resolution_seconds: number;
    not_measured: string[];
  };
  objective_results: ObjectiveResult[];
  targets: {
    service: DrillService;
    regions: string[];
    /** DWS: the DR task. */
    task: { id: string; name: string | null; region: string } | null;
    sides: DrillTargetSide[];
  };
  phases: PhaseRecord[];
  lag_samples: LagSample[];
  deviations: Deviation[];
  readiness: { preflight: ReadinessReport | null; postflight: ReadinessReport | null };
  final_state: {
    checked_at: string | null;
    /** true: the original primary is primary again; false: not; null: could not be read. */
    roles_restored: boolean | null;
    primary: string | null;
    standby: string | null;
    status: string | null;
    note: string;
  };
  environment: {
    tool: string;
    tool_version: string;
    dr_ops_version: string;
    node_version: string;
    platform: string;
    host: string;
    operator: string;
    runs: number;
  };
  started_at: string;
  ended_at: string;
  duration_seconds: number;
}
