// DWS drills end to end against the simulator on a manual clock: switchover-and-back,
// failover-and-recovery, and a switchover that fails.
import { DEFAULT_DWS_CLUSTERS } from '@hcdr/simulator';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MemoryJournalStore } from '../../src/journal/index.ts';
import { buildDrillReport, DwsDrillTarget, manualDrillClock, openDrillJournal, parseDrillPlan, runDrill, validateDrillReport } from '../../src/drills/index.ts';
import { DWS_PRIMARY, DWS_STANDBY, JOB_MS, startWorld, type World } from './helpers/sim-world.ts';

const TASK = 'c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f';
const plan = (scenario = 'switchover-and-back', extra = '') =>
  parseDrillPlan(`version: 1
name: dws-sales
service: dws
target: { task: ${TASK}, region: cn-north-4 }
scenario: ${scenario}
objectives: { rto: 10m, rpo: 2m }
hold: 20s
sample_interval: 10s
poll_interval: 5s
${extra}`);

let world: World;
beforeEach(async () => {
  world = await startWorld({});
  world.sim.reset();
});
afterEach(async () => {
  await world.close();
});

async function startWith(startedAgoMs: number) {
  await world.close();
  world = await startWorld({
    dws: { clusters: DEFAULT_DWS_CLUSTERS, tasks: [{ id: TASK, name: 'sales_dr', drType: 'az', primaryClusterId: DWS_PRIMARY, standbyClusterId: DWS_STANDBY, drSyncPeriod: '1m', startedAt: Date.now() - startedAgoMs }] },
  });
}

async function drill(p = plan()) {
  const clock = manualDrillClock(world.clock);
  const store = new MemoryJournalStore();
  const target = new DwsDrillTarget({
    client: world.dws('cn-north-4'),
    taskId: TASK,
    region: 'cn-north-4',
    policy: { rpoObjectiveMs: p.objectives.rpoMs, rtoObjectiveMs: p.objectives.rtoMs, maxLagMs: p.abort.maxLagMs },
    journal: store,
    clock,
  });
  const journal = await openDrillJournal({ store, plan: p });
  const result = await runDrill({ plan: p, target, journal, clock, tool: { name: 'hcdr', version: 'test' }, operator: 'tester', host: 'ci' });
  return buildDrillReport({ plan: p, result, targets: await target.describe(), target, tool: { name: 'hcdr', version: 'test' }, operator: 'tester', host: 'ci', now: world.clock.now() });
}

const primaryNow = () => world.sim.state.dws.tasks.find((t) => t.id === TASK)?.primaryClusterId;
const phases = (r: { phases: { name: string; status: string }[] }) => r.phases.map((p) => `${p.name}:${p.status}`);

describe('DWS drill against the simulator', () => {
  it('switchover-and-back passes; RTO within one poll of the simulated transition; RPO is the time since the last sync', async () => {
    await startWith(90_000);
    const report = await drill();
    expect(validateDrillReport(report)).toEqual([]);
    expect(report.verdict, report.verdict_reason).toBe('passed');
    expect(phases(report)).toEqual(['preflight:passed', 'switchover:passed', 'verify-switched:passed', 'hold:passed', 'failback:passed', 'verify-restored:passed', 'postflight:passed']);
    expect(primaryNow()).toBe(DWS_PRIMARY);
    const sw = world.sim.requests.list().find((e) => e.operationId === 'switchoverDisasterRecovery');
    const measured = report.measured.rto_seconds ?? Number.NaN;
    expect(Date.parse(report.measured.rto_started_at ?? '')).toBe(Date.parse(sw?.time ?? ''));
    expect(measured).toBeGreaterThanOrEqual(JOB_MS / 1000);
    expect(measured - JOB_MS / 1000).toBeLessThanOrEqual(5);
    expect(report.measured.rpo_seconds).toBeGreaterThanOrEqual(0);
    expect(report.measured.rpo_seconds).toBeLessThanOrEqual(60);
    expect(report.targets.task).toMatchObject({ id: TASK, name: 'sales_dr', region: 'cn-north-4' });
    expect(report.targets.sides.map((s) => s.id)).toEqual([DWS_PRIMARY, DWS_STANDBY]);
  });

  it('failover-and-recovery (confirmed in the plan) fails over, recovers, switches back', async () => {
    await startWith(90_000);
    const report = await drill(plan('failover-and-recovery', 'confirm_failover: true\n'));
    expect(report.verdict, report.verdict_reason).toBe('passed');
    expect(phases(report)).toEqual(['preflight:passed', 'failover:passed', 'verify-switched:passed', 'hold:passed', 'recovery:passed', 'failback:passed', 'verify-restored:passed', 'postflight:passed']);
    expect(world.sim.requests.list().filter((e) => e.method === 'POST').map((e) => e.operationId)).toEqual(['switchFailoverDisaster', 'restoreDisaster', 'switchoverDisasterRecovery']);
    expect(primaryNow()).toBe(DWS_PRIMARY);
  });

  it('a failed switchover aborts: the roles never changed, the report says why and that the task is abnormal', async () => {
    await startWith(90_000);
    world.sim.faults.add({ match: { operationId: 'switchoverDisasterRecovery' }, fault: { kind: 'jobFails' } });
    const report = await drill();
    expect(report.verdict).toBe('aborted');
    expect(phases(report)).toEqual(['preflight:passed', 'switchover:aborted', 'rollback:passed']);
    expect(report.final_state).toMatchObject({ roles_restored: true, primary: DWS_PRIMARY, status: 'abnormal' });
    expect(report.final_state.note).toMatch(/but the status is abnormal/);
    expect(primaryNow()).toBe(DWS_PRIMARY);
  });
});
