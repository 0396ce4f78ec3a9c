import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_GEMINIDB_INSTANCES } from '../src/index.js';
import { GDB_REGIONS, gdbBase, gdbRegionBase, startHarness, type Harness } from './helpers/client.js';

const [A, B] = DEFAULT_GEMINIDB_INSTANCES as [(typeof DEFAULT_GEMINIDB_INSTANCES)[0], (typeof DEFAULT_GEMINIDB_INSTANCES)[0]];
const inst = (id: string) => `${gdbBase(id)}/instances/${id}`;

interface Job {
  id: string;
  name: string;
  status: string;
  progress: string;
  end_time: string;
  fail_reason: string;
  instance: { id: string; name: string };
}

const peerOf = (x: typeof A) => ({
  id: x.id,
  region_code: x.region,
  subnet_cidrs: [x.subnetCidr],
  node_ips: [...x.nodeIps],
});
const precheckBody = (peer: typeof A) => ({
  operation: 'construction',
  disaster_recovery_instance: { vpc_cidr: peer.vpcCidr, spec_code: 'geminidb.redis.xlarge.4', node_ips: [...peer.nodeIps] },
});

describe('GeminiDB DR lifecycle (AK/SK-signed fetch, hand-moved clock)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  /** A job is listed in its instance's region only. */
  async function job(id: string): Promise<Job> {
    const found: Job[] = [];
    for (const region of GDB_REGIONS) {
      const res = await h.api.call<{ jobs: Job[]; total_count: number }>('GET', `${gdbRegionBase(region)}/jobs?id=${id}`);
      expect(res.status).toBe(200);
      found.push(...res.body.jobs);
    }
    expect(found).toHaveLength(1);
    return found[0] as Job;
  }

  /** Sum of a jobs query over both regions. */
  async function jobCount(query: string): Promise<number> {
    let total = 0;
    for (const region of GDB_REGIONS) total += (await h.api.call<{ total_count: number }>('GET', `${gdbRegionBase(region)}/jobs?${query}`)).body.total_count;
    return total;
  }

  async function completes(jobId: string): Promise<void> {
    expect((await job(jobId)).status).toBe('Running');
    h.tick();
    const done = await job(jobId);
    expect(done).toMatchObject({ status: 'Completed', progress: '', fail_reason: '' });
    expect(done.end_time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+0000$/);
  }

  async function role(id: string): Promise<string> {
    const res = await h.api.call<{ role: string }>('GET', `${inst(id)}/instance-role`);
    expect(res.status).toBe(200);
    return res.body.role;
  }

  async function sync(id: string): Promise<Record<string, unknown>> {
    const res = await h.api.call('GET', `${inst(id)}/disaster-recovery/data-synchronization`);
    expect(res.status).toBe(200);
    return res.body;
  }

  /** Instances of both seeded regions, by id. */
  async function instances(): Promise<Record<string, { dr_instance_id?: string; actions: string[]; status: string }>> {
    const out: Record<string, { dr_instance_id?: string; actions: string[]; status: string }> = {};
    for (const region of GDB_REGIONS) {
      const res = await h.api.call<{ instances: { id: string; dr_instance_id?: string; actions: string[]; status: string }[] }>('GET', `${gdbRegionBase(region)}/instances`);
      expect(res.status).toBe(200);
      for (const i of res.body.instances) out[i.id] = i;
    }
    return out;
  }

  it('lists the seeded Redis instances of each region with DR-relevant fields and a UUID X-Request-Id', async () => {
    const res = await h.api.call<{ instances: Record<string, unknown>[]; total_count: number }>('GET', `${gdbRegionBase('ap-southeast-1')}/instances`);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(res.body.total_count).toBe(1);
    expect(res.body.instances[0]).toMatchObject({ id: A.id, port: '8635', region: 'ap-southeast-1', datastore: { type: 'redis' }, actions: [] });
    expect(res.body.instances[0]).not.toHaveProperty('dr_instance_id');
    const other = await h.api.call<{ instances: Record<string, unknown>[]; total_count: number }>('GET', `${gdbRegionBase('ap-southeast-3')}/instances`);
    expect(other.body.total_count).toBe(2);
    expect(other.body.instances[0]).toMatchObject({ id: B.id, region: 'ap-southeast-3' });
    for (const region of GDB_REGIONS) {
      const fuzzy = await h.api.call<{ total_count: number }>('GET', `${gdbRegionBase(region)}/instances?name=*video`);
      expect(fuzzy.body.total_count).toBe(1);
    }
  });

  it('builds, runs, switches, fails over and tears down a DR pair', async () => {
    // 1. precheck both sides
    expect((await h.api.call('POST', `${inst(A.id)}/disaster-recovery/precheck`, precheckBody(B))).status).toBe(204);
    const pre = await h.api.call('POST', `${inst(B.id)}/disaster-recovery/precheck`, precheckBody(A));
    expect(pre.status).toBe(204);
    expect(pre.text).toBe('');
    expect(pre.headers.get('x-request-id')).toBeTruthy();

    // 2. construction on the primary
    const primary = await h.api.call<{ job_id: string; disaster_recovery_id: string }>('POST', `${inst(A.id)}/disaster-recovery/construction`, {
      alias: 'video DR',
      password: 'Dr-Cluster#2024',
      instance_role: 'master',
      disaster_recovery_instance: peerOf(B),
    });
    expect(primary.status).toBe(202);
    const drId = primary.body.disaster_recovery_id;
    expect(drId).toMatch(/^[0-9a-f-]{36}$/);

    // A busy instance refuses a second operation.
    const busy = await h.api.call('POST', `${inst(A.id)}/disaster-recovery/precheck`, precheckBody(B));
    expect(busy.status).toBe(409);
    expect(busy.body).toMatchObject({ error_code: 'DBS.200019' });
    expect((await instances())[A.id]?.actions).toEqual(['ConstructDisasterRecovery']);
    h.clock.advance(400);
    expect(await job(primary.body.job_id)).toMatchObject({ status: 'Running', progress: '40%', end_time: '', instance: { id: A.id, name: A.name } });

    // 3. construction on the standby with the DR id and the same password
    const standby = await h.api.call<{ job_id: string }>('POST', `${inst(B.id)}/disaster-recovery/construction`, {
      id: drId,
      alias: 'video DR',
      password: 'Dr-Cluster#2024',
      instance_role: 'slave',
      disaster_recovery_instance: peerOf(A),
    });
    expect(standby.status).toBe(202);

    // Jobs complete on their own; the pair is active only when both are done.
    h.clock.advance(600);
    expect((await job(primary.body.job_id)).status).toBe('Completed');
    expect((await job(standby.body.job_id)).status).toBe('Running');
    expect((await instances())[A.id]).not.toHaveProperty('dr_instance_id');
    expect((await h.api.call('GET', `${inst(A.id)}/instance-role`)).body).toMatchObject({ error_code: 'DBS.200004' });
    h.tick();
    expect((await job(standby.body.job_id)).status).toBe('Completed');
    const listed = await instances();
    expect(listed[A.id]?.dr_instance_id).toBe(B.id);
    expect(listed[B.id]?.dr_instance_id).toBe(A.id);

    // 4. roles and synchronisation
    expect(await role(A.id)).toBe('master');
    expect(await role(B.id)).toBe('slave');
    const onPrimary = await sync(A.id);
    expect(onPrimary).toMatchObject({ master_instance_id: A.id, slave_instance_id: B.id, status: 'SYNCING', data_sync_indicators: { rsync_status: 1 } });
    // RPO/RTO follow the relationship's lag (moving with the clock, identical to sim.lagSeconds).
    const lag = h.sim.lagSeconds(String(primary.body.disaster_recovery_id)) ?? Number.NaN;
    expect(lag).toBeGreaterThan(0);
    expect(onPrimary.rto_and_rpo_indicators).toEqual([
      { scene: 'FAILOVER', rpo: Math.ceil(lag), rto: 60 },
      { scene: 'SWITCHOVER', rpo: 0, rto: 120 + Math.ceil(lag) },
    ]);
    expect(await sync(B.id)).not.toHaveProperty('rto_and_rpo_indicators');

    // 5. pause on both sides (tracked per side), then resume
    const pauseA = await h.api.call<{ job_id: string }>('POST', `${inst(A.id)}/disaster-recovery/data-synchronization`, { action: 'pause' });
    expect(pauseA.status).toBe(202);
    await completes(pauseA.body.job_id);
    expect((await sync(A.id)).status).toBe('SUSPENDING');
    const pauseB = await h.api.call<{ job_id: string }>('POST', `${inst(B.id)}/disaster-recovery/data-synchronization`, { action: 'pause' });
    await completes(pauseB.body.job_id);
    h.clock.advance(30_000);
    const paused = await sync(A.id);
    expect(paused).toMatchObject({ status: 'SUSPENDED', data_sync_indicators: { rsync_status: 0, rsync_ops: 0 } });
    expect((paused.data_sync_indicators as { rsync_wal_size: number }).rsync_wal_size).toBeGreaterThanOrEqual(30);
    // switchover is refused while paused
    expect((await h.api.call('POST', `${inst(A.id)}/switchover-slave`)).body).toMatchObject({ error_code: 'DBS.200004' });
    for (const id of [A.id, B.id]) {
      const resume = await h.api.call<{ job_id: string }>('POST', `${inst(id)}/disaster-recovery/data-synchronization`, { action: 'resume' });
      await completes(resume.body.job_id);
      expect((await sync(A.id)).status).toBe(id === A.id ? 'RECOVERYING' : 'SYNCING');
    }

    // 6. planned switchover: demote A, then promote B
    const demote = await h.api.call<{ job_id: string }>('POST', `${inst(A.id)}/switchover-slave`);
    expect(demote.status).toBe(202);
    await completes(demote.body.job_id);
    const promote = await h.api.call<{ job_id: string }>('POST', `${inst(B.id)}/switchover-master`, { force: false });
    expect(promote.status).toBe(202);
    await completes(promote.body.job_id);
    expect([await role(A.id), await role(B.id)]).toEqual(['slave', 'master']);
    expect(await sync(B.id)).toMatchObject({ master_instance_id: B.id, slave_instance_id: A.id, status: 'SYNCING' });

    // one-call switchover swaps back (job keeps both sides busy)
    const swap = await h.api.call<{ job_id: string }>('PUT', `${inst(A.id)}/disaster-recovery/switchover`);
    expect(swap.status).toBe(202);
    expect((await h.api.call('POST', `${inst(B.id)}/switchover-slave`)).status).toBe(409);
    await completes(swap.body.job_id);
    expect([await role(A.id), await role(B.id)]).toEqual(['master', 'slave']);

    // 7. forced failover on the standby: B becomes primary, A is abnormal
    const failover = await h.api.call<{ job_id: string }>('POST', `${inst(B.id)}/switchover-master`, { force: true });
    expect(failover.status).toBe(202);
    await completes(failover.body.job_id);
    expect(await role(B.id)).toBe('master');
    expect((await instances())[A.id]?.status).toBe('abnormal');
    expect((await sync(B.id)).status).toBe('NA');
    // the faulty old primary refuses switchovers
    expect((await h.api.call('POST', `${inst(A.id)}/switchover-master`)).body).toMatchObject({ error_code: 'DBS.200019' });

    // 8. teardown: precheck deconstruction on both, then deconstruct both
    for (const id of [A.id, B.id]) {
      expect((await h.api.call('POST', `${inst(id)}/disaster-recovery/precheck`, { operation: 'deconstruction' })).status).toBe(204);
    }
    const decA = await h.api.call<{ job_id: string }>('POST', `${inst(A.id)}/disaster-recovery/deconstruction`);
    const decB = await h.api.call<{ job_id: string }>('POST', `${inst(B.id)}/disaster-recovery/deconstruction`);
    expect([decA.status, decB.status]).toEqual([202, 202]);
    await completes(decA.body.job_id);
    const after = await instances();
    expect(after[A.id]).not.toHaveProperty('dr_instance_id');
    expect(after[A.id]?.status).toBe('normal');
    expect((await sync(A.id)).status).toBe('NA');
    expect((await h.api.call('GET', `${inst(B.id)}/instance-role`)).status).toBe(400);
    expect(h.sim.state.geminidb.relationships).toEqual([]);

    // every job is listed, newest first
    expect(await jobCount('limit=50')).toBe(12);
    const all = await h.api.call<{ jobs: Job[]; total_count: number }>('GET', `${gdbBase(A.id)}/jobs?limit=50`);
    expect(all.body.jobs.map((j) => j.name)).toContain('DeConstructDisasterRecovery');
    expect(all.body.jobs.every((j) => j.instance.id === A.id)).toBe(true);
    expect(await jobCount('name=ConstructDisasterRecovery&status=Completed')).toBe(2);
  });

  it('works with token authentication too', async () => {
    const res = await h.api.call('GET', `${gdbBase(A.id)}/instances`, undefined, { auth: 'token' });
    expect(res.status).toBe(200);
  });
});
