// Wording and number formats shared by the Markdown and HTML renderings, so both say the same thing.
import { formatDuration } from '../duration.js';
import type { DrillPhaseName, DrillReport, DrillVerdict, ObjectiveResult, PhaseStatus } from './model.js';

export function seconds(value: number | null | undefined): string {
  return value === null || value === undefined ? 'not measured' : formatDuration(value * 1000);
}

export const VERDICT_WORDS: Readonly<Record<DrillVerdict, string>> = {
  passed: 'PASSED',
  failed: 'FAILED',
  aborted: 'ABORTED',
};

export const PHASE_STATUS_MARK: Readonly<Record<PhaseStatus, string>> = {
  passed: '✔',
  failed: '✖',
  aborted: '■',
  skipped: '–',
};

export const PHASE_LABELS: Readonly<Record<DrillPhaseName, string>> = {
  preflight: 'Pre-flight readiness',
  switchover: 'Switchover',
  failover: 'Failover',
  'verify-switched': 'Verify roles flipped',
  hold: 'Hold',
  recovery: 'Recovery',
  failback: 'Failback',
  'verify-restored': 'Verify roles restored',
  postflight: 'Post-flight readiness',
  rollback: 'Rollback',
};

export function objectiveWord(result: ObjectiveResult): string {
  if (result.met === null) return 'NOT MEASURED';
  return result.met ? 'MET' : 'MISSED';
}

export function scenarioWords(report: DrillReport): string {
  return report.plan.scenario === 'switchover-and-back'
    ? 'planned switchover and switch back (the standby is allowed to catch up before the roles change)'
    : 'forced failover, recovery of the old primary, and switch back (a failover does not wait for the standby to catch up)';
}

export function targetsLine(report: DrillReport): string {
  const sides = report.targets.sides.map((s) => `${s.role_at_start} ${s.id}${s.name ? ` (${s.name})` : ''} in ${s.region}`).join('; ');
  return report.targets.task ? `DR task ${report.targets.task.id}${report.targets.task.name ? ` (${report.targets.task.name})` : ''} in ${report.targets.task.region}: ${sides}` : sides;
}
