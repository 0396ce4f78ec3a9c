import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_GEMINIDB_INSTANCES } from '../src/index.js';
import { GDB_REGIONS, gdbBase, gdbRegionBase, startHarness, type Harness } from './helpers/client.js';

type Seed = (typeof DEFAULT_GEMINIDB_INSTANCES)[number];
const [A, B, C] = DEFAULT_GEMINIDB_INSTANCES as [Seed, Seed, Seed];
const P = gdbBase(DEFAULT_GEMINIDB_INSTANCES[0]!.id);
const inst = (id: string) => `${DEFAULT_GEMINIDB_INSTANCES.some((i) => i.id === id) ? gdbBase(id) : P}/instances/${id}`;
const peerOf = (x: Seed) => ({ id: x.id, region_code: x.region, subnet_cidrs: [x.subnetCidr], node_ips: [...x.nodeIps] });
const construction = (peer: Seed, extra: Record<string, unknown> = {}) => ({
  alias: 'dr',
  password: 'Secret#1',
  instance_role: 'master',
  disaster_recovery_instance: peerOf(peer),
  ...extra,
});

describe('GeminiDB invalid transitions and error codes', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(() => h.close());

  const call = (method: string, path: string, body?: unknown) => h.api.call(method, path, body);
  const precheck = (id: string, operation = 'construction') => call('POST', `${inst(id)}/disaster-recovery/precheck`, { operation });

  async function pair(): Promise<string> {
    await precheck(A.id);
    await precheck(B.id);
    const primary = await h.api.call<{ disaster_recovery_id: string }>('POST', `${inst(A.id)}/disaster-recovery/construction`, construction(B));
    const drId = primary.body.disaster_recovery_id;
    expect((await call('POST', `${inst(B.id)}/disaster-recovery/construction`, construction(A, { id: drId, instance_role: 'slave' }))).status).toBe(202);
    h.tick();
    return drId;
  }

  it('answers 404 DBS.200002 for an unknown instance', async () => {
    for (const res of [await precheck('nosuchinstancein12'), await call('GET', `${inst('nosuchinstancein12')}/instance-role`)]) {
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject({ error_code: 'DBS.200002' });
      expect(res.headers.get('x-request-id')).toBeTruthy();
    }
  });

  it('answers 404 APIGW.0101 for an unknown route or method', async () => {
    for (const res of [await call('GET', `${P}/nothing-here`), await call('DELETE', `${inst(A.id)}/instance-role`)]) {
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject({ error_code: 'APIGW.0101' });
    }
  });

  it('rejects bad bodies with 400 DBS.200001', async () => {
    expect((await precheck(A.id, 'destruction')).body).toMatchObject({ error_code: 'DBS.200001' });
    const notJson = await fetch(`${h.api.baseUrl}${inst(A.id)}/disaster-recovery/precheck`, {
      method: 'POST',
      headers: { 'X-Auth-Token': 'test-token-abcdef', 'Content-Type': 'application/json' },
      body: '{"operation":',
    });
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toMatchObject({ error_code: 'DBS.200001' });
    const missing = await call('POST', `${inst(A.id)}/disaster-recovery/construction`, { alias: 'x' });
    expect(missing.body).toMatchObject({ error_code: 'DBS.200001' });
    expect(String(missing.body.error_msg)).toContain('password');
  });

  it('requires the construction precheck, and refuses a 192/172 peer', async () => {
    const res = await call('POST', `${inst(A.id)}/disaster-recovery/construction`, construction(B));
    expect(res).toMatchObject({ status: 400, body: { error_code: 'DBS.200004' } });
    const cidr = await call('POST', `${inst(A.id)}/disaster-recovery/precheck`, {
      operation: 'construction',
      disaster_recovery_instance: { vpc_cidr: '192.168.0.0/16', spec_code: 'x', node_ips: ['192.168.0.2'] },
    });
    expect(cidr.body).toMatchObject({ error_code: 'DBS.200001' });
  });

  it('validates the peer description and the primary/standby calls', async () => {
    await precheck(A.id);
    await precheck(B.id);
    const wrongIps = await call('POST', `${inst(A.id)}/disaster-recovery/construction`, construction(B, { disaster_recovery_instance: { ...peerOf(B), node_ips: ['10.1.1.2'] } }));
    expect(wrongIps.body).toMatchObject({ error_code: 'DBS.200001' });
    const idOnMaster = await call('POST', `${inst(A.id)}/disaster-recovery/construction`, construction(B, { id: 'abc' }));
    expect(idOnMaster.body).toMatchObject({ error_code: 'DBS.200001' });

    const primary = await h.api.call<{ disaster_recovery_id: string }>('POST', `${inst(A.id)}/disaster-recovery/construction`, construction(B));
    expect(primary.status).toBe(202);
    const drId = primary.body.disaster_recovery_id;
    const slave = (extra: Record<string, unknown>) =>
      call('POST', `${inst(B.id)}/disaster-recovery/construction`, construction(A, { id: drId, instance_role: 'slave', ...extra }));
    expect((await slave({ password: 'Other#1' })).body).toMatchObject({ error_code: 'DBS.200001', error_msg: expect.stringContaining('password') });
    expect((await slave({ id: '00000000-0000-4000-8000-000000000000' })).body).toMatchObject({ error_code: 'DBS.200001' });
    expect((await slave({ id: undefined })).body).toMatchObject({ error_code: 'DBS.200001' });
    expect((await slave({})).status).toBe(202);
  });

  it('refuses construction on an instance already in DR, and a precheck for it', async () => {
    await pair();
    expect((await precheck(A.id)).body).toMatchObject({ error_code: 'DBS.200004' });
    await precheck(C.id);
    const third = await call('POST', `${inst(C.id)}/disaster-recovery/construction`, construction(A));
    expect(third).toMatchObject({ status: 400, body: { error_code: 'DBS.200004' } });
  });

  it('refuses switchover-master without force while the primary is still master', async () => {
    await pair();
    const res = await call('POST', `${inst(B.id)}/switchover-master`, { force: false });
    expect(res).toMatchObject({ status: 400, body: { error_code: 'DBS.200004' } });
    expect((await call('POST', `${inst(B.id)}/switchover-slave`)).body).toMatchObject({ error_code: 'DBS.200004' });
    expect((await call('POST', `${inst(A.id)}/switchover-master`)).body).toMatchObject({ error_code: 'DBS.200004' });
  });

  it('answers 409 DBS.200019 to a second operation while a job runs', async () => {
    await pair();
    expect((await call('POST', `${inst(A.id)}/switchover-slave`)).status).toBe(202);
    const res = await call('POST', `${inst(A.id)}/disaster-recovery/data-synchronization`, { action: 'pause' });
    expect(res).toMatchObject({
      status: 409,
      body: { error_code: 'DBS.200019', error_msg: 'Another operation is being performed on the DB instance or the DB instance is faulty' },
    });
  });

  it('tracks pause per side and refuses pausing twice', async () => {
    await pair();
    expect((await call('POST', `${inst(A.id)}/disaster-recovery/data-synchronization`, { action: 'pause' })).status).toBe(202);
    h.tick();
    expect((await call('POST', `${inst(A.id)}/disaster-recovery/data-synchronization`, { action: 'pause' })).body).toMatchObject({ error_code: 'DBS.200004' });
    expect((await call('POST', `${inst(B.id)}/disaster-recovery/data-synchronization`, { action: 'resume' })).body).toMatchObject({ error_code: 'DBS.200004' });
  });

  it('requires the deconstruction precheck; not-in-DR instances get DBS.200004 and sync status NA', async () => {
    await pair();
    expect((await call('POST', `${inst(A.id)}/disaster-recovery/deconstruction`)).body).toMatchObject({ error_code: 'DBS.200004' });
    expect((await precheck(C.id, 'deconstruction')).body).toMatchObject({ error_code: 'DBS.200004' });
    expect((await call('GET', `${inst(C.id)}/instance-role`)).body).toMatchObject({ error_code: 'DBS.200004' });
    expect((await call('GET', `${inst(C.id)}/disaster-recovery/data-synchronization`)).body).toEqual({ status: 'NA' });
  });

  it('fails the standby construction when the primary side failed', async () => {
    h.sim.faults.add({ match: { operationId: 'createDisasterRecovery', pathIncludes: A.id }, fault: 'jobFails' });
    await precheck(A.id);
    await precheck(B.id);
    const primary = await h.api.call<{ disaster_recovery_id: string; job_id: string }>('POST', `${inst(A.id)}/disaster-recovery/construction`, construction(B));
    h.clock.advance(500);
    const standby = await h.api.call<{ job_id: string }>('POST', `${inst(B.id)}/disaster-recovery/construction`, construction(A, { id: primary.body.disaster_recovery_id, instance_role: 'slave' }));
    h.tick(2);
    const jobs = [];
    for (const region of GDB_REGIONS) {
      jobs.push(...(await h.api.call<{ jobs: { id: string; status: string; fail_reason: string }[] }>('GET', `${gdbRegionBase(region)}/jobs`)).body.jobs);
    }
    const byId = Object.fromEntries(jobs.map((j) => [j.id, j]));
    expect(byId[primary.body.job_id]?.status).toBe('Failed');
    expect(byId[standby.body.job_id]).toMatchObject({ status: 'Failed', fail_reason: expect.stringContaining('peer') });
    expect(h.sim.state.geminidb.instances.every((i) => i.drRelationshipId === null)).toBe(true);
  });

  it('sets and shows DR settings, rejecting invalid thresholds with DBS.03000002', async () => {
    const bad = await call('PUT', `${P}/instances/disaster-recovery/settings`, { disaster_recovery_settings: [{ instance_id: A.id, switchover_ratio: 55 }] });
    expect(bad).toMatchObject({ status: 400, body: { error_code: 'DBS.03000002' } });
    const ok = await call('PUT', `${P}/instances/disaster-recovery/settings`, {
      disaster_recovery_settings: [{ instance_id: A.id, switchover_ratio: 70, sync_delay: 60 }],
    });
    expect(ok).toMatchObject({ status: 200, body: { successed_instance_ids: [A.id] } });
    const shown = await call('GET', `${P}/instances/disaster-recovery/settings?instance_id=${A.id}`);
    expect(shown.body).toEqual({ disaster_recovery_settings: [{ instance_id: A.id, switchover_ratio: 70, sync_delay: 60 }], total_count: 1 });
    expect((await call('PUT', `${P}/instances/disaster-recovery/settings`, { disaster_recovery_settings: [{ instance_id: 'x' }] })).status).toBe(404);
  });

  it('lists DR regions and builds/releases a dual-active relationship', async () => {
    expect((await call('GET', `${inst(A.id)}/disaster-recovery/regions`)).body).toEqual({ region_codes: ['ap-southeast-3'] });
    expect((await call('DELETE', `${inst(A.id)}/dual-active-relationship`)).body).toMatchObject({ error_code: 'DBS.03000001' });
    const wrongRegion = await call('POST', `${inst(A.id)}/dual-active-relationship`, { destination_region: 'ap-southeast-1', destination_instance_id: C.id });
    expect(wrongRegion.body).toMatchObject({ error_code: 'DBS.200001' });
    const badTables = await call('POST', `${inst(A.id)}/dual-active-relationship`, { destination_region: C.region, destination_instance_id: C.id, tables: 'orders' });
    expect(badTables).toMatchObject({ status: 400, body: { error_code: 'DBS.200001', error_msg: expect.stringContaining('tables') } });
    const build = await call('POST', `${inst(A.id)}/dual-active-relationship`, { destination_region: C.region, destination_instance_id: C.id, tables: ['ks1.orders'] });
    expect(build.status).toBe(202);
    h.tick();
    const listed = await h.api.call<{ instances: { id: string; created?: string; updated?: string; dual_active_info?: Record<string, unknown> }[] }>(
      'GET',
      `${P}/instances?id=${A.id}`,
    );
    expect(listed.body.instances[0]?.dual_active_info).toMatchObject({ destination_instance_id: C.id, destination_region: C.region, status: 'normal' });
    // A number on the wire, as in the Node.js SDK (the spec had it as a string before).
    expect(listed.body.instances[0]?.dual_active_info?.destination_instance_node_num).toBe(C.nodeIps.length);
    // Fields the SDKs mark required or that the listing promises (availability zone); `updated` moves with jobs.
    expect(listed.body.instances[0]).toMatchObject({ availability_zone: A.availabilityZone, db_user_name: 'rwuser', pay_mode: '0' });
    expect(listed.body.instances[0]?.updated).not.toBe(listed.body.instances[0]?.created);
    expect((await call('DELETE', `${inst(C.id)}/dual-active-relationship`)).status).toBe(202);
    h.tick();
    const after = await h.api.call<{ instances: { dual_active_info?: unknown }[] }>('GET', `${P}/instances?id=${A.id}`);
    expect(after.body.instances[0]).not.toHaveProperty('dual_active_info');
  });

  it('validates listJobs query parameters', async () => {
    expect((await call('GET', `${P}/jobs?limit=15`)).body).toMatchObject({ error_code: 'DBS.200001' });
    expect((await call('GET', `${P}/jobs?start_time=yesterday`)).body).toMatchObject({ error_code: 'DBS.200001' });
    expect((await call('GET', `${P}/jobs?id=unknown`)).body).toEqual({ jobs: [], total_count: 0 });
  });

  it('lets an old primary be repaired after a failover so the pair synchronises again', async () => {
    await pair();
    expect((await call('POST', `${inst(B.id)}/switchover-master`, { force: true })).status).toBe(202);
    h.tick();
    expect((await call('GET', `${inst(B.id)}/disaster-recovery/data-synchronization`)).body).toMatchObject({ status: 'NA' });
    const recovered = await fetch(`${h.api.baseUrl}/__sim/geminidb/instances/${A.id}/recover`, { method: 'POST' });
    expect(recovered.status).toBe(204);
    expect((await call('GET', `${inst(B.id)}/disaster-recovery/data-synchronization`)).body).toMatchObject({
      master_instance_id: B.id,
      slave_instance_id: A.id,
      status: 'SYNCING',
    });
  });
});
