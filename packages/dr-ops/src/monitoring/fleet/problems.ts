// What is wrong with a resource, judged from one reading: the same conditions as the alert rules
// in monitoring/hcdr-dr-alerts.yml (except role flips, which need history), so `hcdr status --all`
// and Prometheus agree on what a problem is.
import type { DwsTaskReading, GeminiDbInstanceReading } from '../collect/types.js';


export type Severity = 'critical' | 'warning';

export interface Problem {
  readonly severity: Severity;
  /** Stable identifier, also the alert it corresponds to (see ALERT_FOR_PROBLEM). */
  readonly code: ProblemCode;
  readonly message: string;
}

export type ProblemCode =
  | 'lag-above-rpo'
  | 'sync-paused'
  | 'not-syncing'
  | 'instance-abnormal'
  | 'role-unknown'
  | 'task-not-running'
  | 'task-in-transition'
  | 'rpo-above-objective'
  | 'scope-unreachable';

/** The alert in hcdr-dr-alerts.yml that fires for the same condition. */
export const ALERT_FOR_PROBLEM: Readonly<Record<ProblemCode, string | undefined>> = {
  'lag-above-rpo': 'HcdrGeminiDbLagAboveRpoObjective',
  'sync-paused': 'HcdrGeminiDbSyncPaused',
  'not-syncing': 'HcdrGeminiDbNotSyncing',
  'instance-abnormal': 'HcdrGeminiDbInstanceAbnormal',
  'role-unknown': undefined,
  'task-not-running': 'HcdrDwsTaskNotRunning',
  'task-in-transition': 'HcdrDwsTaskNotRunning',
  'rpo-above-objective': 'HcdrDwsRpoAboveObjective',
  'scope-unreachable': 'HcdrScopeStale',
};

/** DWS statuses a task passes through on its way back to `running` (a warning, not yet critical). */
const DWS_TRANSITIONS = new Set(['starting', 'switchovering', 'creating']);

const secs = (v: number) => `${Math.round(v * 1000) / 1000} s`;

/** `objectiveSeconds`: see rpoObjectiveSeconds(). */
export function geminiDbProblems(r: GeminiDbInstanceReading, objectiveSeconds: number | undefined): Problem[] {
  const problems: Problem[] = [];
  if (r.instanceStatus?.toLowerCase() === 'abnormal') problems.push({ severity: 'critical', code: 'instance-abnormal', message: 'instance is abnormal' });
  const s = r.sync;
  if (s) {
    if (s.paused) problems.push({ severity: 'warning', code: 'sync-paused', message: `synchronisation is paused (${s.status})` });
    else if (s.status !== 'SYNCING') problems.push({ severity: 'critical', code: 'not-syncing', message: `synchronisation status is ${s.status}` });
    if (objectiveSeconds !== undefined && s.lagSeconds !== undefined && s.lagSeconds > objectiveSeconds) {
      problems.push({ severity: 'critical', code: 'lag-above-rpo', message: `lag ${secs(s.lagSeconds)} is above the RPO objective ${secs(objectiveSeconds)}` });
    }
  }
  if (r.role === undefined) problems.push({ severity: 'warning', code: 'role-unknown', message: 'role could not be read' });
  return problems;
}

/** `objective`: see rpoObjectiveSeconds(). */
export function dwsProblems(r: DwsTaskReading, objective: number | undefined): Problem[] {
  const problems: Problem[] = [];
  if (r.status !== 'running') {
    const transitional = DWS_TRANSITIONS.has(r.status);
    problems.push({
      severity: transitional ? 'warning' : 'critical',
      code: transitional ? 'task-in-transition' : 'task-not-running',
      message: `task is ${r.status}, not running`,
    });
  }
  if (objective !== undefined && r.rpoSeconds !== undefined && r.rpoSeconds > objective) {
    problems.push({ severity: 'critical', code: 'rpo-above-objective', message: `RPO ${secs(r.rpoSeconds)} is above the objective ${secs(objective)}` });
  }
  return problems;
}
