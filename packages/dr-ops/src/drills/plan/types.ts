// A drill plan as written (validated against schemas/drill-plan.v1.schema.json) and as the runner
// uses it (durations in milliseconds, defaults applied).

export type DrillService = 'geminidb' | 'dws';
export type DrillScenario = 'switchover-and-back' | 'failover-and-recovery';
export type ReadinessWarningAction = 'continue' | 'abort';
/** Phases that have a time budget in the plan. */
export type BudgetedPhase = 'preflight' | 'switchover' | 'verify' | 'failback' | 'postflight' | 'rollback';
export const BUDGETED_PHASES: readonly BudgetedPhase[] = ['preflight', 'switchover', 'verify', 'failback', 'postflight', 'rollback'];

/** Where one side lives and as whom to reach it (no secrets: a profile name, never a key). */
export interface DrillConnection {
  region: string;
  project_id?: string | undefined;
  profile?: string | undefined;
}

export interface GeminiDbPlanSide extends DrillConnection {
  instance: string;
}

export interface GeminiDbPlanTarget {
  /** The instance that is the primary (master) now. */
  primary: GeminiDbPlanSide;
  /** The instance that is the standby (slave) now. */
  standby: GeminiDbPlanSide;
}

export interface DwsPlanTarget extends DrillConnection {
  task: string;
}

interface DrillPlanCommon {
  version: 1;
  name: string;
  description?: string | undefined;
  labels?: Record<string, string> | undefined;
  scenario: DrillScenario;
  confirm_failover?: boolean | undefined;
  objectives: { rto: string; rpo: string };
  hold?: string | undefined;
  sample_interval?: string | undefined;
  poll_interval?: string | undefined;
  abort?: { max_lag?: string | undefined; on_readiness_warning?: ReadinessWarningAction | undefined } | undefined;
  budgets?: Partial<Record<BudgetedPhase, string>> | undefined;
}

export interface GeminiDbDrillPlan extends DrillPlanCommon {
  service: 'geminidb';
  target: GeminiDbPlanTarget;
}

export interface DwsDrillPlan extends DrillPlanCommon {
  service: 'dws';
  target: DwsPlanTarget;
}

/** The plan file's content once it passed the schema. */
export type DrillPlan = GeminiDbDrillPlan | DwsDrillPlan;

/** Defaults for what a plan may leave out. */
export const PLAN_DEFAULTS = {
  hold: '30s',
  sample_interval: '5s',
  poll_interval: '5s',
  on_readiness_warning: 'continue',
  budgets: { preflight: '5m', switchover: '30m', verify: '10m', failback: '30m', postflight: '5m', rollback: '60m' },
} as const satisfies { hold: string; sample_interval: string; poll_interval: string; on_readiness_warning: ReadinessWarningAction; budgets: Record<BudgetedPhase, string> };

/** What the runner works with: the plan, its durations in ms and its digest (the report cites it). */
export interface ResolvedDrillPlan {
  readonly plan: DrillPlan;
  /** SHA-256 of the plan file's bytes, so a report can be tied to the exact plan that ran. */
  readonly sha256: string;
  readonly objectives: { readonly rtoMs: number; readonly rpoMs: number };
  readonly holdMs: number;
  readonly sampleIntervalMs: number;
  readonly pollIntervalMs: number;
  readonly abort: { readonly maxLagMs: number; readonly onReadinessWarning: ReadinessWarningAction };
  readonly budgetsMs: Readonly<Record<BudgetedPhase, number>>;
}
