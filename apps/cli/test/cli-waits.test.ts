// Waits through the built binary against the simulator: the first check is immediate (a finished job or
// a task already there answers it, even with a long --poll-interval), a wait that cannot end without
// another call ends at once with exit 1 and the command that would make that call, and a DWS switchover
// waits for the clusters to swap. The --poll-interval of 30 s makes any sleep before the first check
// exceed the spawn's time limit (15 s), so these are checks of behaviour, not of timing.
import { createSimulator, DEFAULT_DWS_CLUSTERS, DEFAULT_GEMINIDB_INSTANCES, type Simulator } from '@hcdr/simulator';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DWS_PRIMARY, DWS_STANDBY, hcdr, parseJson, PRIMARY, regional, simulatorEnv, STANDBY, type RunOptions } from './helpers/cli.js';

const SK = 'sim-secret-key-WAITS-5120';
const UNSTART = 'a0a0a0a0-b1b1-4c2c-8d3d-e4e4e4e4e4e4';
const RUNNING = 'e59d6b86-9072-46eb-a996-13f8b44994c1';
const ANALYTICS = (DEFAULT_DWS_CLUSTERS[2] as { id: string }).id;
const FOURTH = 'c4c4c4c4-d5d5-4e6e-8f7f-a8a8a8a8a8a8';

let sim: Simulator;
let url: string;

beforeAll(async () => {
  sim = createSimulator({
    credentials: { secretAccessKey: SK },
    jobDurationMs: 600,
    geminidb: { instances: DEFAULT_GEMINIDB_INSTANCES, relationships: [{ id: '04efe8e2-9255-44ae-a98b-d87cae411890', alias: 'video-dr', masterId: PRIMARY, slaveId: STANDBY }] },
    dws: {
      clusters: [...DEFAULT_DWS_CLUSTERS, { id: FOURTH, name: 'dws-fourth', region: 'cn-north-4', availabilityZone: 'cn-north-4c' }],
      tasks: [
        { id: RUNNING, name: 'dr_running', drType: 'az', primaryClusterId: DWS_PRIMARY, standbyClusterId: DWS_STANDBY, drSyncPeriod: '20m' },
        { id: UNSTART, name: 'dr_unstart', drType: 'az', primaryClusterId: ANALYTICS, standbyClusterId: FOURTH, drSyncPeriod: '20m', status: 'unstart' },
      ],
    },
  });
  ({ url } = await sim.listen());
});
afterAll(() => sim?.close());
beforeEach(() => sim.reset());

const env = simulatorEnv(SK);
const run = (args: string[], options: RunOptions = {}) => hcdr(['--endpoint', regional(url), ...args], { env, timeoutMs: 15_000, ...options });
const dws = (args: string[]) => run(['--region', 'cn-north-4', 'dws', 'dr', ...args]);
const reads = (operationId: string) => sim.requests.list({ operationId }).length;

/** Until no simulated job is running. */
async function settled(): Promise<void> {
  for (let i = 0; i < 200 && sim.state.geminidb.jobs.some((j) => j.status === 'Running'); i++) await new Promise((r) => setTimeout(r, 25));
}

describe('GeminiDB jobs wait', () => {
  it('a finished job answers the first check: one read, no sleep first', async () => {
    const paused = parseJson((await run(['-o', 'json', 'geminidb', 'dr', 'pause', PRIMARY])).stdout) as { job_id: string };
    await settled();
    sim.requests.clear();
    const r = await run(['geminidb', 'jobs', 'wait', paused.job_id, '--poll-interval', '30s']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`Job ${paused.job_id}`);
    expect(reads('listJobs')).toBe(1);
  });

  it('a failed job ends the wait at once with exit 1, its reason, and what to do instead of waiting', async () => {
    sim.faults.add({ match: { service: 'geminidb', operationId: 'pauseResumeDataSynchronization' }, fault: { kind: 'jobFails', failReason: 'simulated disk full' } });
    const paused = parseJson((await run(['-o', 'json', 'geminidb', 'dr', 'pause', PRIMARY])).stdout) as { job_id: string };
    await settled();
    sim.requests.clear();
    const r = await run(['geminidb', 'jobs', 'wait', paused.job_id, '--poll-interval', '30s']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('simulated disk full');
    expect(r.stderr).toMatch(/hint: A failed job does not resume: fix the cause, then run the command that started it again/);
    expect(reads('listJobs')).toBe(1);
  });
});

describe('hcdr dws dr wait', () => {
  it('a task never started, waited for running: exit 1 at once with the command that starts it', async () => {
    const r = await dws(['wait', UNSTART, '--until', 'running', '--poll-interval', '30s']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`error: DR task ${UNSTART} is "unstart" and nothing is changing it: "running" follows only after startDisasterRecovery`);
    expect(r.stderr).toContain(`hint: Waiting longer would not help. Run: hcdr dws dr start ${UNSTART} --region cn-north-4`);
    expect(reads('showDisasterDetail')).toBe(1);
    // The command it names does the job.
    expect((await dws(['start', UNSTART, '--wait', '--poll-interval', '100ms'])).code).toBe(0);
    expect((await dws(['wait', UNSTART, '--until', 'running', '--poll-interval', '30s'])).code).toBe(0);
  });

  it('a running task waited for stopped names pause; one already there returns at once', async () => {
    const stop = await dws(['wait', RUNNING, '--until', 'stopped']);
    expect(stop.code).toBe(1);
    expect(stop.stderr).toContain(`Run: hcdr dws dr pause ${RUNNING}`);
    sim.requests.clear();
    const there = await dws(['-o', 'json', 'wait', RUNNING, '--until', 'running', '--poll-interval', '30s']);
    expect(there.code, there.stderr).toBe(0);
    expect(parseJson(there.stdout)).toMatchObject({ id: RUNNING, wait: 'succeeded', task: { status: 'running' } });
    expect(reads('showDisasterDetail')).toBe(1);
  });

  it('a task that does not exist: exit 1 at once, pointing at the task list', async () => {
    const r = await dws(['wait', 'b0b0b0b0-0000-4000-a000-000000000000', '--until', 'running']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error: DR task b0b0b0b0-0000-4000-a000-000000000000 not found');
    expect(r.stderr).toContain('hcdr dws dr list');
  });

  it('a transition is still waited for (it ends by itself)', async () => {
    expect((await dws(['pause', RUNNING])).code).toBe(0); // accepted: stopping
    const r = await dws(['-o', 'json', 'wait', RUNNING, '--until', 'stopped', '--poll-interval', '100ms']);
    expect(r.code, r.stderr).toBe(0);
    expect(reads('showDisasterDetail')).toBeGreaterThan(1);
  });
});

describe('hcdr dws dr switchover --wait', () => {
  it('waits for the clusters to swap (not the running it started from), with one switchover call', async () => {
    const r = await dws(['-o', 'json', 'switchover', RUNNING, '--yes', '--wait', '--poll-interval', '100ms']);
    expect(r.code, r.stderr).toBe(0);
    expect(parseJson(r.stdout)).toMatchObject({ status: 'running', primary_cluster_id: DWS_STANDBY });
    expect(sim.requests.list({ operationId: 'switchoverDisasterRecovery' })).toHaveLength(1);
    const shown = parseJson((await dws(['-o', 'json', 'show', RUNNING])).stdout) as { disaster_recovery: { primary_cluster: { id: string } } };
    expect(shown.disaster_recovery.primary_cluster.id).toBe(DWS_STANDBY);
  });
});
