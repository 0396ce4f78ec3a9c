// GeminiDB DR lifecycle through the typed client and its waiters, against the stateful simulator behind
// `prism proxy --errors specs/geminidb-dr.yaml`: Prism validates every request AND every simulator response
// against the spec. Zero violations allowed; every call is recorded (see the coverage table's workflow column).
import type { GeminiDbClient } from '@hcdr/geminidb';
import {
  waitUntilCreateDisasterRecoveryDone,
  waitUntilJobCompleted,
  waitUntilSwitchOverDisasterRecoveryDone,
  waitUntilSwitchToMasterDone,
  waitUntilSwitchToSlaveDone,
} from '@hcdr/geminidb';
import { createManualClock } from '@hcdr/simulator';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { geminidb } from './helpers/clients.ts';
import type { Recorder } from './helpers/recorder.ts';
import {
  FAST_WAIT,
  type GeminiSeed,
  type ProxiedSimulator,
  SEED_A as A,
  SEED_B as B,
  SEED_C as C,
  JOB_MS,
  projectOf,
  REGION_A,
  REGION_B,
  SIM_AKSK,
  startSimulatorBehindPrism,
} from './helpers/simulator.ts';
import { expectZeroViolations } from './helpers/workflow.ts';

const ALIAS = 'contract DR';
const PASSWORD = 'Dr-Cluster#2024';
const precheckPeer = (x: GeminiSeed) => ({ vpc_cidr: x.vpcCidr, spec_code: x.specCode ?? 'geminidb.redis.xlarge.4', node_ips: [...x.nodeIps] });
const peer = (x: GeminiSeed) => ({ id: x.id, region_code: x.region, subnet_cidrs: [x.subnetCidr], node_ips: [...x.nodeIps] });

describe('geminidb-dr workflows through prism proxy --errors in front of the simulator', () => {
  let env: ProxiedSimulator | undefined;
  /** One client per region, each through its region's proxy with its region's project, as in the cloud. */
  let c: GeminiDbClient;
  let cB: GeminiDbClient;
  let recorder: Recorder;
  let recorderB: Recorder;
  const on = (x: GeminiSeed) => (x.region === REGION_A ? c : cB);
  const clock = createManualClock();

  beforeAll(async () => {
    // A manual clock: jobs finish when the test says so, not when a loaded CI machine gets round to it,
    // so "the instance is busy while its job runs" is observed deterministically.
    env = await startSimulatorBehindPrism('geminidb-dr', { now: clock.now });
    // AK/SK through the proxy: the simulator verifies every signature against the bytes it receives
    // (it trusts the proxy's Host, which Prism rewrites), so the workflow also proves signed bytes = sent bytes.
    const client = (region: string) =>
      geminidb({ url: env!.proxies[region]!.server.url, projectId: projectOf(region), auth: 'aksk', credentials: SIM_AKSK, target: 'proxy' });
    ({ client: c, recorder } = client(REGION_A));
    ({ client: cB, recorder: recorderB } = client(REGION_B));
  });

  afterEach(() => {
    expectZeroViolations(recorder.observations);
    expectZeroViolations(recorderB.observations);
  });

  afterAll(async () => {
    if (!env) return;
    if (process.platform === 'linux') {
      for (const proxy of Object.values(env.proxies)) expect(proxy.pids, 'the Prism proxy process was found').toHaveLength(1);
    }
    expect(await env.stop(), 'no stray Prism proxy').toEqual([]);
  });

  /** A job is listed in the region of its instance: wait for it there. */
  const done = (jobId: string | undefined, on: GeminiSeed = A) => {
    expect(jobId).toBeTypeOf('string');
    clock.advance(JOB_MS * 10);
    return waitUntilJobCompleted(on.region === REGION_A ? c : cB, jobId!, FAST_WAIT);
  };
  /** The operation's generated waiter, on the client of the instance's region, after letting the simulated job run. */
  const finished = <R, T>(wait: (client: GeminiDbClient, ref: R, options: typeof FAST_WAIT) => Promise<T>, ref: R, x: GeminiSeed = A) => {
    clock.advance(JOB_MS * 10);
    return wait(on(x), ref, FAST_WAIT);
  };
  const role = async (x: GeminiSeed) => (await on(x).showInstanceRole({ instance_id: x.id })).role;
  const syncStatus = async (x: GeminiSeed) => (await on(x).showPauseResumeStutus({ instance_id: x.id })).status;

  it('pair → status → pause/resume → planned switchover → one-call switchover → failover → unpair', async () => {
    const before = await c.listInstances({ query: { datastore_type: 'redis', limit: 100 } });
    expect(before.instances?.find((i) => i.id === A.id)?.dr_instance_id).toBeUndefined();

    // Pair: precheck both sides, construct on the primary, then on the standby with the DR id.
    await c.checkDisasterRecoveryOperation({ instance_id: A.id, body: { operation: 'construction', disaster_recovery_instance: precheckPeer(B) } });
    await cB.checkDisasterRecoveryOperation({ instance_id: B.id, body: { operation: 'construction', disaster_recovery_instance: precheckPeer(A) } });
    const primary = await c.createDisasterRecovery({
      instance_id: A.id,
      body: { alias: ALIAS, password: PASSWORD, instance_role: 'master', disaster_recovery_instance: peer(B) },
    });
    expect(primary.disaster_recovery_id).toBeTypeOf('string');
    const busy = await c.listInstances({ query: { id: A.id } });
    expect(busy.instances?.[0]?.actions).toContain('ConstructDisasterRecovery');
    const standby = await cB.createDisasterRecovery({
      instance_id: B.id,
      body: { id: primary.disaster_recovery_id, alias: ALIAS, password: PASSWORD, instance_role: 'slave', disaster_recovery_instance: peer(A) },
    });
    const built = await Promise.all([finished(waitUntilCreateDisasterRecoveryDone, primary), finished(waitUntilCreateDisasterRecoveryDone, standby, B)]);
    expect(built.map((j) => [j.name, j.status])).toEqual([
      ['ConstructDisasterRecovery', 'Completed'],
      ['ConstructDisasterRecovery', 'Completed'],
    ]);

    // Status.
    expect(await role(A)).toBe('master');
    expect(await role(B)).toBe('slave');
    const sync = await on(A).showPauseResumeStutus({ instance_id: A.id });
    expect(sync).toMatchObject({ master_instance_id: A.id, slave_instance_id: B.id, status: 'SYNCING' });
    expect(sync.rto_and_rpo_indicators?.map((r) => r.scene).sort()).toEqual(['FAILOVER', 'SWITCHOVER']);
    const paired = await c.listInstances({ query: { datastore_type: 'redis' } });
    expect(paired.instances?.find((i) => i.id === A.id)?.dr_instance_id).toBe(B.id);

    // Pause and resume synchronisation (both sides).
    for (const x of [A, B]) await done((await on(x).pauseResumeDataSynchronization({ instance_id: x.id, body: { action: 'pause' } })).job_id, x);
    expect(await syncStatus(A)).toBe('SUSPENDED');
    for (const x of [A, B]) await done((await on(x).pauseResumeDataSynchronization({ instance_id: x.id, body: { action: 'resume' } })).job_id, x);
    expect(await syncStatus(A)).toBe('SYNCING');

    // Planned switchover: demote the primary, then promote the standby.
    await finished(waitUntilSwitchToSlaveDone, await c.switchToSlave({ instance_id: A.id }));
    await finished(waitUntilSwitchToMasterDone, await cB.switchToMaster({ instance_id: B.id, body: { force: false } }), B);
    expect([await role(A), await role(B)]).toEqual(['slave', 'master']);

    // The one-call switchover swaps them back.
    await finished(waitUntilSwitchOverDisasterRecoveryDone, await cB.switchOverDisasterRecovery({ instance_id: B.id }), B);
    expect([await role(A), await role(B)]).toEqual(['master', 'slave']);

    // Failover: force-promote the standby while the primary is (taken as) abnormal.
    await done((await cB.switchToMaster({ instance_id: B.id, body: { force: true } })).job_id, B);
    expect(await role(B)).toBe('master');
    expect(await syncStatus(B)).toBe('NA');

    // Unpair: precheck deconstruction on both, then deconstruct both.
    for (const x of [A, B]) await on(x).checkDisasterRecoveryOperation({ instance_id: x.id, body: { operation: 'deconstruction' } });
    await Promise.all([done((await c.deleteDisasterRecovery({ instance_id: A.id })).job_id), done((await cB.deleteDisasterRecovery({ instance_id: B.id })).job_id, B)]);
    for (const x of [A, B]) {
      const after = await on(x).listInstances({ query: { datastore_type: 'redis' } });
      const listed = after.instances?.find((i) => i.id === x.id);
      expect(listed).toBeDefined();
      expect(listed?.dr_instance_id).toBeUndefined();
    }
  });

  it('DR settings, dual-active build and release, job listing', async () => {
    const set = await c.setDisasterRecoverySettings({ body: { disaster_recovery_settings: [{ instance_id: A.id, switchover_ratio: 70, sync_delay: 60 }] } });
    expect(set.successed_instance_ids).toEqual([A.id]);
    const shown = await c.showDisasterRecoverySettings({ query: { instance_id: A.id, limit: 10 } });
    expect(shown.disaster_recovery_settings).toEqual([{ instance_id: A.id, switchover_ratio: 70, sync_delay: 60 }]);

    const regions = await on(C).showInstanceBiactiveRegions({ instance_id: C.id });
    expect(regions.region_codes).toContain(A.region);
    const build = await done(
      (await on(C).createGeminiDbDualActive({ instance_id: C.id, body: { destination_region: A.region, destination_instance_id: A.id, tables: ['ks1.orders'] } })).job_id,
      C,
    );
    expect(build.name).toBe('BuildBiActiveInstance');
    const withPeer = await on(C).listInstances({ query: { id: C.id } });
    expect(withPeer.instances?.[0]?.dual_active_info?.destination_instance_id).toBe(A.id);
    expect(withPeer.instances?.[0]?.dual_active_info?.destination_instance_node_num).toBe(A.nodeIps.length);
    expect(withPeer.instances?.[0]?.availability_zone).toBe(C.availabilityZone);
    await done((await on(C).deleteGeminiDbDualActive({ instance_id: C.id })).job_id, C);

    const completed = await c.listJobs({ query: { status: 'Completed', limit: 50 } });
    expect(completed.jobs?.length).toBeGreaterThan(0);
  });

  it('the check is real: a non-conforming response gets sl-violations, an invalid request a 422', async () => {
    env!.sim.faults.add({ match: { operationId: 'listJobs' }, fault: { kind: 'status', status: 200, body: { jobs: 'not-an-array' } } });
    // A separate recorder: this one call is meant to violate the spec.
    const other = geminidb({ url: env!.proxy.server.url, auth: 'aksk', credentials: SIM_AKSK, target: 'proxy' });
    // Prism answers such a response with an error status, so the raw client is used to read its headers.
    const { response } = await other.raw.GET('/v3/{project_id}/jobs', { params: { path: { project_id: other.client.config.projectId } } });
    expect(response.headers.get('sl-violations')).toContain('jobs');
    expect(other.recorder.observations.at(-1)).toMatchObject({ operationId: 'listJobs', accepted: false });
    // An invalid request never reaches the simulator. In proxy mode Prism ignores the declared 400 and answers
    // 422 problem+json with the violations in the body (no sl-violations header); the recorder flags the
    // undeclared status, so expectZeroViolations would catch it too.
    const bad = await other.raw.POST('/v3/{project_id}/instances/{instance_id}/disaster-recovery/precheck', {
      params: { path: { project_id: other.client.config.projectId, instance_id: A.id } },
      body: { operation: 'rebuild' } as never,
    });
    expect(bad.response.status).toBe(422);
    expect(JSON.stringify((bad.error as { validation?: unknown }).validation)).toContain('operation');
    expect(other.recorder.observations.at(-1)?.schemaErrors).toContain('HTTP 422 is not declared for checkDisasterRecoveryOperation');
  });
});
