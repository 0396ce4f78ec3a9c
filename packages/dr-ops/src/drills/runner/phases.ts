// The phases of each scenario, in order, and what each one does (the report's phase titles).
import type { DrillScenario } from '../plan/types.js';
import type { DrillPhaseName } from '../report/model.js';

const SCENARIO_PHASES: Readonly<Record<DrillScenario, readonly DrillPhaseName[]>> = {
  'switchover-and-back': ['preflight', 'switchover', 'verify-switched', 'hold', 'failback', 'verify-restored', 'postflight'],
  'failover-and-recovery': ['preflight', 'failover', 'verify-switched', 'hold', 'recovery', 'failback', 'verify-restored', 'postflight'],
};

export function phasesOf(scenario: DrillScenario): readonly DrillPhaseName[] {
  return SCENARIO_PHASES[scenario];
}

export const PHASE_TITLES: Readonly<Record<DrillPhaseName, string>> = {
  preflight: 'Check readiness before changing anything',
  switchover: 'Planned switchover: the standby becomes the primary',
  failover: 'Failover: force the standby to become the primary',
  'verify-switched': 'Verify the roles flipped and replication is healthy',
  hold: 'Stay switched over, sampling replication lag',
  recovery: 'Recover the old primary as the new standby',
  failback: 'Switch back: the original primary becomes the primary again',
  'verify-restored': 'Verify the original roles and healthy replication',
  postflight: 'Check readiness after the drill',
  rollback: 'Roll back to the original roles after an abort',
};
