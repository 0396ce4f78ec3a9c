import { describe, expect, it } from 'vitest';
import { drillCallPlan, parseDrillPlan } from '../../src/drills/index.ts';

const GEMINIDB = `version: 1
name: p
service: geminidb
target:
  primary: { instance: inst-a, region: ap-southeast-1 }
  standby: { instance: inst-b, region: ap-southeast-3 }
scenario: switchover-and-back
objectives: { rto: 10m, rpo: 1m }
`;

describe('drill call plan (--dry-run)', () => {
  it('GeminiDB switchover-and-back: demote and promote there and back, nothing else mutates', () => {
    const calls = drillCallPlan(parseDrillPlan(GEMINIDB));
    expect(calls.filter((c) => c.mutating).map((c) => `${c.phase} ${c.operation} ${String(c.input.instance_id)}`)).toEqual([
      'switchover switchToSlave inst-a',
      'switchover switchToMaster inst-b',
      'failback switchToSlave inst-b',
      'failback switchToMaster inst-a',
    ]);
    expect(new Set(calls.map((c) => c.phase))).toEqual(new Set(['preflight', 'switchover', 'verify-switched', 'hold', 'failback', 'verify-restored', 'postflight']));
    expect(calls.find((c) => c.phase === 'hold')?.repeats).toBe('every 5s for 30s');
  });

  it('DWS failover-and-recovery: failover, recovery, switch back', () => {
    const plan = parseDrillPlan('version: 1\nname: d\nservice: dws\ntarget: { task: t-1, region: cn-north-4 }\nscenario: failover-and-recovery\nconfirm_failover: true\nobjectives: { rto: 10m, rpo: 30m }\n');
    const mutating = drillCallPlan(plan).filter((c) => c.mutating);
    expect(mutating.map((c) => `${c.phase} ${c.operation}`)).toEqual(['failover switchFailoverDisaster', 'recovery restoreDisaster', 'failback switchoverDisasterRecovery']);
    expect(mutating.every((c) => c.input.disaster_recovery_id === 't-1')).toBe(true);
  });
});
