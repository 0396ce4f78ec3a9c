import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkDwsReadiness, checkGeminiDbReadiness, type ReadinessReport } from '../../src/drills/index.ts';
import { A, B, closedPortUrl, DWS_PRIMARY, PROJECT, pairGeminiDb, runningDwsTask, SK, startWorld, type World } from './helpers/sim-world.ts';

let world: World;
beforeEach(async () => {
  world = await startWorld();
});
afterEach(async () => {
  await world.close();
});

const statusOf = (r: ReadinessReport, id: string) => r.checks.find((c) => c.id === id)?.status;

function geminiInput(policy = { rpoObjectiveMs: 60_000, rtoObjectiveMs: 600_000 }) {
  return {
    primary: { client: world.gemini('ap-southeast-1'), instanceId: A, region: 'ap-southeast-1' },
    standby: { client: world.gemini('ap-southeast-3'), instanceId: B, region: 'ap-southeast-3' },
    policy,
    now: world.clock.now,
  };
}

describe('GeminiDB readiness against the simulator', () => {
  it('a healthy pair passes every check, with the values read and the request ids', async () => {
    await pairGeminiDb(world);
    const report = await checkGeminiDbReadiness(geminiInput());
    expect(report.checks.filter((c) => c.status !== 'pass')).toEqual([]);
    expect(report.verdict).toBe('pass');
    expect(report.checks.map((c) => c.id)).toEqual([
      'reachable.primary',
      'reachable.standby',
      'region.primary',
      'region.standby',
      'instances.normal',
      'jobs.idle',
      'pair.linked',
      'roles.expected',
      'network.port',
      'network.cidr',
      'sync.status',
      'lag.max',
      'rto.estimate',
      'settings.sync_delay',
    ]);
    expect(report.checks.find((c) => c.id === 'lag.max')?.evidence[0]).toMatchObject({ name: 'lag_seconds (FAILOVER rpo)', value: expect.any(Number), source: 'showPauseResumeStutus (primary)' });
    expect(report.calls.length).toBeGreaterThanOrEqual(6);
    expect(report.calls.every((c) => c.status === 200 && /^[0-9a-f-]{36}$/.test(c.request_id ?? ''))).toBe(true);
    expect(new Set(report.calls.map((c) => c.side))).toEqual(new Set(['primary', 'standby']));
  });

  it('instances that are not paired fail pair.linked, roles and sync', async () => {
    const report = await checkGeminiDbReadiness(geminiInput());
    expect(report.verdict).toBe('fail');
    expect(statusOf(report, 'pair.linked')).toBe('fail');
    expect(statusOf(report, 'roles.expected')).toBe('fail');
    expect(statusOf(report, 'sync.status')).toBe('fail');
  });

  it('a standby region that cannot be reached fails reachable.standby and judges nothing it cannot see', async () => {
    await pairGeminiDb(world);
    const { createGeminiDbClient } = await import('@hcdr/geminidb');
    const down = createGeminiDbClient({ region: 'ap-southeast-3', projectId: PROJECT, endpoint: await closedPortUrl(), credentials: { accessKeyId: 'HCDRSIMULATORAK', secretAccessKey: SK }, env: {}, maxRetries: 0 });
    const report = await checkGeminiDbReadiness({ ...geminiInput(), standby: { client: down, instanceId: B, region: 'ap-southeast-3' } });
    expect(report.verdict).toBe('fail');
    expect(statusOf(report, 'reachable.primary')).toBe('pass');
    expect(report.checks.find((c) => c.id === 'reachable.standby')).toMatchObject({ status: 'fail', message: expect.stringMatching(/cannot be reached/) });
    expect(report.checks.map((c) => c.id)).toEqual(['reachable.primary', 'reachable.standby']);
  });

  it('lag above the limit fails lag.max; a running job fails jobs.idle; the wrong expected primary fails roles', async () => {
    await pairGeminiDb(world);
    const a = world.gemini('ap-southeast-1');
    const b = world.gemini('ap-southeast-3');
    await a.pauseResumeDataSynchronization({ instance_id: A, body: { action: 'pause' } });
    await b.pauseResumeDataSynchronization({ instance_id: B, body: { action: 'pause' } });
    world.clock.advance(20_001);
    expect(world.sim.state.geminidb.instances.filter((i) => i.syncPaused)).toHaveLength(2); // settles the pause jobs now
    world.clock.advance(90_000); // paused 90 s: the FAILOVER RPO grows with the pause
    let report = await checkGeminiDbReadiness(geminiInput());
    expect(report.checks.find((c) => c.id === 'lag.max')).toMatchObject({ status: 'fail', message: expect.stringMatching(/> limit 1m00s/) });
    expect(statusOf(report, 'sync.status')).toBe('fail');

    await a.pauseResumeDataSynchronization({ instance_id: A, body: { action: 'resume' } });
    report = await checkGeminiDbReadiness(geminiInput());
    expect(report.checks.find((c) => c.id === 'jobs.idle')).toMatchObject({ status: 'fail', message: expect.stringMatching(/primary is running ResumeDisasterRecoverySynchronization/) });
    report = await checkGeminiDbReadiness({ ...geminiInput({ rpoObjectiveMs: 60_000, rtoObjectiveMs: 600_000, allowRunningJobs: true } as never) });
    expect(statusOf(report, 'jobs.idle')).toBe('warn');

    world.clock.advance(20_001);
    await b.pauseResumeDataSynchronization({ instance_id: B, body: { action: 'resume' } });
    world.clock.advance(20_001);
    report = await checkGeminiDbReadiness({ ...geminiInput(), policy: { rpoObjectiveMs: 60_000, expectedPrimary: B } });
    expect(statusOf(report, 'roles.expected')).toBe('fail');
  });

  it('an RTO objective below the API estimate warns; wrong credentials fail as credentials', async () => {
    await pairGeminiDb(world);
    let report = await checkGeminiDbReadiness(geminiInput({ rpoObjectiveMs: 60_000, rtoObjectiveMs: 60_000 }));
    expect(report.checks.find((c) => c.id === 'rto.estimate')).toMatchObject({ status: 'warn', message: expect.stringMatching(/^estimate 2m\d\ds > objective 1m00s$/) });
    expect(report.verdict).toBe('warn');

    const { createGeminiDbClient } = await import('@hcdr/geminidb');
    const wrong = createGeminiDbClient({ region: 'ap-southeast-3', projectId: world.sim.projectId('ap-southeast-3'), endpoint: `${world.url}/ap-southeast-3`, credentials: { accessKeyId: 'HCDRSIMULATORAK', secretAccessKey: 'wrong' }, env: {} });
    report = await checkGeminiDbReadiness({ ...geminiInput(), standby: { client: wrong, instanceId: B, region: 'ap-southeast-3' } });
    expect(report.checks.find((c) => c.id === 'reachable.standby')).toMatchObject({ status: 'fail', message: expect.stringMatching(/credentials for this side were refused/) });
  });
});

describe('DWS readiness against the simulator', () => {
  it('a running task passes; the sync period above the RPO objective warns', async () => {
    const id = await runningDwsTask(world);
    const client = world.dws('cn-north-4');
    let report = await checkDwsReadiness({ client, taskId: id, region: 'cn-north-4', policy: { rpoObjectiveMs: 120_000, rtoObjectiveMs: 900_000, expectedPrimary: DWS_PRIMARY }, now: world.clock.now });
    expect(report.checks.filter((c) => c.status !== 'pass')).toEqual([]);
    expect(report.checks.map((c) => c.id)).toEqual(['reachable.task', 'task.status', 'roles.expected', 'clusters.available', 'lag.max', 'sync.period', 'rto.estimate']);
    expect(report.target).toMatchObject({ task: id, primary_cluster: DWS_PRIMARY });

    report = await checkDwsReadiness({ client, taskId: id, region: 'cn-north-4', policy: { rpoObjectiveMs: 30_000, maxLagMs: 120_000 }, now: world.clock.now });
    expect(report.checks.find((c) => c.id === 'sync.period')).toMatchObject({ status: 'warn', message: expect.stringMatching(/1m \(1m00s\) > RPO objective 30s/) });
  });

  it('a paused task fails task.status and, once the last sync is old, lag.max; an unknown task fails reachable', async () => {
    const id = await runningDwsTask(world);
    const client = world.dws('cn-north-4');
    await client.pauseDisasterRecovery({ disaster_recovery_id: id });
    world.clock.advance(20_001 + 300_000);
    let report = await checkDwsReadiness({ client, taskId: id, region: 'cn-north-4', policy: { rpoObjectiveMs: 120_000 }, now: world.clock.now });
    expect(statusOf(report, 'task.status')).toBe('fail');
    expect(report.checks.find((c) => c.id === 'lag.max')).toMatchObject({ status: 'fail' });

    report = await checkDwsReadiness({ client, taskId: 'no-such-task', region: 'cn-north-4', now: world.clock.now });
    expect(report.checks).toEqual([expect.objectContaining({ id: 'reachable.task', status: 'fail' })]);
  });
});
