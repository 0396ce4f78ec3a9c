// GeminiDB drills end to end: the real target (readiness readers + @hcdr/dr-ops switchover workflow)
// against the simulator on a manual clock; the drill's sleeps move that clock, so a drill of minutes
// of simulated time runs in a fraction of a second, and timings are exact.
import { DEFAULT_GEMINIDB_INSTANCES } from '@hcdr/simulator';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MemoryJournalStore } from '../../src/journal/index.ts';
import {
  buildDrillReport,
  GeminiDbDrillTarget,
  manualDrillClock,
  openDrillJournal,
  parseDrillPlan,
  runDrill,
  validateDrillReport,
  type DrillRunEvent,
} from '../../src/drills/index.ts';
import { A, B, JOB_MS, startWorld, type World } from './helpers/sim-world.ts';

const REL = 'rel-video';
const POLL_MS = 5_000;
const PLAN = `version: 1
name: redis-video-quarterly
service: geminidb
target:
  primary: { instance: ${A}, region: ap-southeast-1 }
  standby: { instance: ${B}, region: ap-southeast-3 }
scenario: switchover-and-back
objectives: { rto: 10m, rpo: 1m }
hold: 30s
sample_interval: 10s
poll_interval: 5s
`;

let world: World;
beforeEach(async () => {
  world = await startWorld({ geminidb: { instances: DEFAULT_GEMINIDB_INSTANCES, relationships: [{ id: REL, alias: 'video-dr', masterId: A, slaveId: B }] } });
});
afterEach(async () => {
  await world.close();
});

async function drill(options: { onEvent?: (e: DrillRunEvent) => void; plan?: string } = {}) {
  const plan = parseDrillPlan(options.plan ?? PLAN);
  const clock = manualDrillClock(world.clock);
  const store = new MemoryJournalStore();
  const target = new GeminiDbDrillTarget({
    primary: { client: world.gemini('ap-southeast-1'), instanceId: A, region: 'ap-southeast-1' },
    standby: { client: world.gemini('ap-southeast-3'), instanceId: B, region: 'ap-southeast-3' },
    policy: { rpoObjectiveMs: plan.objectives.rpoMs, rtoObjectiveMs: plan.objectives.rtoMs, maxLagMs: plan.abort.maxLagMs },
    journal: store,
    clock,
  });
  const journal = await openDrillJournal({ store, plan });
  const result = await runDrill({ plan, target, journal, clock, tool: { name: 'hcdr', version: 'test' }, operator: 'tester', host: 'ci', onEvent: options.onEvent });
  const report = buildDrillReport({ plan, result, targets: await target.describe(), target, tool: { name: 'hcdr', version: 'test' }, operator: 'tester', host: 'ci', now: world.clock.now() });
  return { result, report, store };
}

const roles = () => Object.fromEntries(world.sim.state.geminidb.instances.filter((i) => i.id === A || i.id === B).map((i) => [i.id, i.drRole]));
const phases = (r: { phases: { name: string; status: string }[] }) => r.phases.map((p) => `${p.name}:${p.status}`);

describe('GeminiDB drill against the simulator', () => {
  it('switchover-and-back passes; RTO agrees with the simulator’s job timing within one poll interval; roles are back', async () => {
    const { report } = await drill();
    expect(validateDrillReport(report)).toEqual([]);
    expect(report.verdict, report.verdict_reason).toBe('passed');
    expect(phases(report)).toEqual(['preflight:passed', 'switchover:passed', 'verify-switched:passed', 'hold:passed', 'failback:passed', 'verify-restored:passed', 'postflight:passed']);
    expect(roles()).toEqual({ [A]: 'master', [B]: 'slave' });

    // The simulator's timing of the switchover: from the demotion request to the end of the promotion job.
    const log = world.sim.requests.list();
    const first = log.find((e) => e.operationId === 'switchToSlave');
    const promote = log.find((e) => e.operationId === 'switchToMaster');
    expect(first && promote).toBeTruthy();
    const simulated = (Date.parse(promote?.time ?? '') + JOB_MS - Date.parse(first?.time ?? '')) / 1000;
    const measured = report.measured.rto_seconds ?? Number.NaN;
    expect(measured).toBeGreaterThanOrEqual(simulated);
    expect(measured - simulated).toBeLessThanOrEqual(POLL_MS / 1000);
    expect(Date.parse(report.measured.rto_started_at ?? '')).toBe(Date.parse(first?.time ?? ''));

    // RPO: the FAILOVER-scene lag the API reported at cutover.
    expect(report.measured.rpo_seconds).toBeGreaterThan(0);
    expect(report.objective_results.every((o) => o.met)).toBe(true);
    // Evidence: every phase has its calls with request IDs; the switchover names its two jobs.
    const sw = report.phases.find((p) => p.name === 'switchover');
    expect(sw?.evidence.jobs.map((j) => j.status)).toEqual(['Completed', 'Completed']);
    expect(sw?.evidence.calls.filter((c) => c.method === 'POST').map((c) => c.path)).toEqual([
      '/v3/{project_id}/instances/{instance_id}/switchover-slave',
      '/v3/{project_id}/instances/{instance_id}/switchover-master',
    ]);
    expect(report.phases.every((p) => p.evidence.calls.every((c) => c.request_id !== null && (c.status === 200 || c.status === 202)))).toBe(true);
    expect(report.lag_samples.filter((s) => s.phase === 'hold')).toHaveLength(4);
  });

  it('a lag spike mid-drill aborts the hold and rolls back to the original roles; the report says why', async () => {
    const { report } = await drill({
      onEvent: (e) => {
        if (e.type === 'sample' && e.sample.phase === 'hold') world.sim.setLag({ relationshipId: REL, lagSeconds: 900, durationMs: 3_600_000 });
      },
    });
    expect(report.verdict).toBe('aborted');
    expect(phases(report)).toEqual(['preflight:passed', 'switchover:passed', 'verify-switched:passed', 'hold:aborted', 'rollback:passed']);
    expect(report.verdict_reason).toMatch(/^Aborted in hold: Lag 15m00s during the hold is above the abort threshold 1m00s/);
    expect(report.deviations).toContainEqual(expect.objectContaining({ kind: 'abort', phase: 'hold' }));
    expect(report.final_state).toMatchObject({ roles_restored: true, primary: A });
    expect(roles()).toEqual({ [A]: 'master', [B]: 'slave' });
  });

  it('a promotion job that fails: the drill aborts, the rollback promotes the original primary again', async () => {
    world.sim.faults.add({ match: { operationId: 'switchToMaster' }, fault: { kind: 'jobFails', failReason: 'standby storage unavailable' } });
    const { report } = await drill();
    expect(report.verdict).toBe('aborted');
    expect(phases(report)).toEqual(['preflight:passed', 'switchover:aborted', 'rollback:passed']);
    expect(report.verdict_reason).toMatch(/standby storage unavailable/);
    expect(report.final_state).toMatchObject({ roles_restored: true, primary: A });
    expect(roles()).toEqual({ [A]: 'master', [B]: 'slave' });
  });

  it('a standby region that cannot be reached fails the pre-flight; nothing is changed', async () => {
    world.sim.faults.add({ match: { region: 'ap-southeast-3' }, times: 'unlimited', fault: 'reset' });
    const { report } = await drill();
    expect(report.verdict).toBe('aborted');
    expect(phases(report)).toEqual(['preflight:aborted', 'rollback:passed']);
    expect(report.verdict_reason).toMatch(/Pre-flight readiness failed: reachable\.standby/);
    expect(world.sim.requests.list().filter((e) => e.method !== 'GET')).toEqual([]);
    expect(report.final_state.roles_restored).toBe(true);
    expect(report.final_state.note).toMatch(/^Not changed by the drill/);
    expect(report.verdict_reason).toMatch(/nothing was changed: the drill stopped before any state-changing call/);
    expect(roles()).toEqual({ [A]: 'master', [B]: 'slave' });
  });
});

describe('GeminiDB drill interrupted mid-switchover', () => {
  it('run again with the same journal, it continues: no mutation is repeated, the report has both runs', async () => {
    const plan = parseDrillPlan(PLAN);
    const store = new MemoryJournalStore();
    const manual = manualDrillClock(world.clock);
    const controller = new AbortController();
    let phase = '';
    // The first process "dies" (Ctrl-C) while it waits for the demotion job it sent.
    const interrupting = {
      ...manual,
      sleep: async (ms: number, signal?: AbortSignal) => {
        if (phase === 'switchover' && world.sim.requests.list().some((e) => e.operationId === 'switchToSlave')) controller.abort(new Error('SIGINT'));
        return manual.sleep(ms, signal);
      },
    };
    const targetWith = (clock: typeof manual) =>
      new GeminiDbDrillTarget({
        primary: { client: world.gemini('ap-southeast-1'), instanceId: A, region: 'ap-southeast-1' },
        standby: { client: world.gemini('ap-southeast-3'), instanceId: B, region: 'ap-southeast-3' },
        policy: { rpoObjectiveMs: plan.objectives.rpoMs, rtoObjectiveMs: plan.objectives.rtoMs, maxLagMs: plan.abort.maxLagMs },
        journal: store,
        clock,
      });
    const first = runDrill({
      plan,
      target: targetWith(interrupting),
      journal: await openDrillJournal({ store, plan }),
      clock: interrupting,
      signal: controller.signal,
      tool: { name: 'hcdr', version: 'test' },
      onEvent: (e) => {
        if (e.type === 'phase-start') phase = e.phase;
      },
    });
    await expect(first).rejects.toThrow(/interrupted; run the same command again/);
    // Stopped while the demotion job runs: the re-run must wait for it, then only promote.
    expect(world.sim.state.geminidb.instances.find((i) => i.id === A)?.actions).toEqual(['SwitchOverDisasterRecovery']);

    const target = targetWith(manual);
    const result = await runDrill({ plan, target, journal: await openDrillJournal({ store, plan }), clock: manual, tool: { name: 'hcdr', version: 'test' } });
    expect(result.resumed).toBe(true);
    expect(result.verdict, result.verdictReason).toBe('passed');
    const mutations = world.sim.requests.list().filter((e) => e.method !== 'GET').map((e) => `${e.operationId} ${e.instanceId}`);
    expect(mutations).toEqual([`switchToSlave ${A}`, `switchToMaster ${B}`, `switchToSlave ${B}`, `switchToMaster ${A}`]);
    const report = buildDrillReport({ plan, result, targets: await target.describe(), target, tool: { name: 'hcdr', version: 'test' }, operator: 'tester', host: 'ci', now: world.clock.now() });
    expect(report.environment.runs).toBe(2);
    expect(report.deviations).toContainEqual(expect.objectContaining({ kind: 'resume', phase: 'switchover' }));
    expect(report.measured.not_measured.join(' ')).toMatch(/spans an interruption/);
    expect(roles()).toEqual({ [A]: 'master', [B]: 'slave' });
  });
});
