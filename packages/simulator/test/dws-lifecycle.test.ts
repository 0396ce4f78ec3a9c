import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_DWS_CLUSTERS } from '../src/index.js';
import { dwsBase, startHarness, type Harness } from './helpers/client.js';

type Cluster = (typeof DEFAULT_DWS_CLUSTERS)[number];
const [PRIMARY, STANDBY, THIRD] = DEFAULT_DWS_CLUSTERS as [Cluster, Cluster, Cluster];
const V2 = `${dwsBase()}`;
const task = (id: string) => `${V2}/disaster-recovery/${id}`;

interface Detail {
  id: string;
  status: string;
  dr_sync_period: string;
  start_time?: string;
  primary_cluster: { id: string; role: string; status: string; progress?: string; last_success_time?: string };
  standby_cluster: { id: string; role: string; status: string };
}

const createBody = (name = 'dr_drill_1', extra: Record<string, unknown> = {}) => ({
  disaster_recovery: {
    name,
    dr_type: 'az',
    primary_cluster_id: PRIMARY.id,
    standby_cluster_id: STANDBY.id,
    dr_sync_period: '5m',
    ...extra,
  },
});

describe('DWS DR task lifecycle', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(() => h.close());

  async function detail(id: string): Promise<Detail> {
    const res = await h.api.call<{ disaster_recovery: Detail }>('GET', task(id));
    expect(res.status).toBe(200);
    return res.body.disaster_recovery;
  }

  async function create(name?: string): Promise<string> {
    const res = await h.api.call<{ disaster_recovery: { id: string } }>('POST', `${V2}/disaster-recoveries`, createBody(name));
    expect(res.status).toBe(200);
    return res.body.disaster_recovery.id;
  }

  async function act(id: string, action: string, expectedVia: string, expectedEnd: string): Promise<Detail> {
    const res = await h.api.call('POST', `${task(id)}/${action}`);
    expect(res.status, action).toBe(200);
    expect(res.body).toEqual({ disaster_recovery: { id } });
    expect((await detail(id)).status).toBe(expectedVia);
    h.tick();
    const after = await detail(id);
    expect(after.status).toBe(expectedEnd);
    return after;
  }

  it('create → unstart → start → running → switchover → pause → stopped → delete → DWS.10101', async () => {
    const checked = await h.api.call('GET', `${V2}/disaster-recovery/check-name?dr_name=dr_drill_1`);
    expect(checked).toMatchObject({ status: 200, body: {} });

    const id = await create();
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect((await detail(id)).status).toBe('creating');
    h.clock.advance(500);
    expect((await detail(id)).primary_cluster.progress).toBe('50%');
    h.clock.advance(500);
    const unstart = await detail(id);
    expect(unstart).toMatchObject({ status: 'unstart', primary_cluster: { id: PRIMARY.id, role: 'primary' }, standby_cluster: { id: STANDBY.id, role: 'standby' } });
    expect(unstart).not.toHaveProperty('start_time');
    expect(unstart.primary_cluster.status).toBe('stopped');

    // the name is now taken
    const taken = await h.api.call('GET', `${V2}/disaster-recovery/check-name?dr_name=dr_drill_1`);
    expect(taken).toMatchObject({ status: 400, body: { error_code: 'DWS.0003' } });

    const running = await act(id, 'start', 'starting', 'running');
    expect(running.start_time).toMatch(/Z$/);
    expect(running.primary_cluster).toMatchObject({ progress: '100%', status: 'waiting' });
    expect(running.primary_cluster.last_success_time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);

    const progress = await h.api.call<{ disaster_recovery_progress: Record<string, unknown> }>('GET', `${dwsBase('v1')}/disaster-recovery/${id}/show-progress`);
    expect(progress.status).toBe(200);
    expect(progress.body.disaster_recovery_progress).toMatchObject({ primary_cluster: { action_type: 'Backup' }, standby_cluster: { action_type: 'Restore' } });

    const switched = await act(id, 'switchover', 'switchovering', 'running');
    expect(switched.primary_cluster).toMatchObject({ id: STANDBY.id, role: 'primary' });
    expect(switched.standby_cluster).toMatchObject({ id: PRIMARY.id, role: 'standby' });
    const list = await h.api.call<{ disaster_recovery: Record<string, unknown>[] }>('GET', `${V2}/disaster-recoveries?primary_cluster_id=${STANDBY.id}`);
    expect(list.body.disaster_recovery).toHaveLength(1);
    expect(list.body.disaster_recovery[0]).toMatchObject({ id, status: 'running', primary_cluster_id: STANDBY.id, standby_cluster_id: PRIMARY.id });

    await act(id, 'pause', 'stopping', 'stopped');

    const updated = await h.api.call('PUT', task(id), { disaster_recovery: { dr_sync_period: '2H' } });
    expect(updated).toMatchObject({ status: 200, body: { disaster_recovery: { id } } });
    expect((await detail(id)).dr_sync_period).toBe('2H');

    const deleted = await h.api.call('DELETE', task(id));
    expect(deleted).toMatchObject({ status: 200, body: {} });
    expect((await detail(id)).status).toBe('deleting');
    h.tick();
    const gone = await h.api.call('GET', task(id));
    expect(gone).toMatchObject({ status: 400, body: { error_code: 'DWS.10101' } });
    expect((await h.api.call<{ disaster_recovery: unknown[] }>('GET', `${V2}/disaster-recoveries`)).body.disaster_recovery).toEqual([]);
  });

  it('failover promotes the standby and leaves the task abnormal until recovery re-pairs it', async () => {
    const id = await create();
    h.tick();
    await act(id, 'start', 'starting', 'running');
    const failed = await act(id, 'failover', 'switchovering', 'abnormal');
    expect(failed.primary_cluster).toMatchObject({ id: STANDBY.id, status: 'stopped' });
    expect(failed.standby_cluster).toMatchObject({ id: PRIMARY.id, status: 'abnormal' });
    expect((await h.api.call('POST', `${task(id)}/failover`)).body).toMatchObject({ error_code: 'DWS.0002' });
    expect((await h.api.call('POST', `${task(id)}/start`)).body).toMatchObject({ error_code: 'DWS.0002' });
    const recovered = await act(id, 'recovery', 'starting', 'running');
    expect(recovered.primary_cluster.id).toBe(STANDBY.id);
    expect(recovered.standby_cluster.status).toBe('waiting');
  });

  it('rejects invalid transitions with 400 DWS.0002', async () => {
    const id = await create();
    // still creating: nothing but reads
    for (const action of ['start', 'pause', 'switchover', 'recovery']) {
      expect((await h.api.call('POST', `${task(id)}/${action}`)).body, action).toMatchObject({ error_code: 'DWS.0002' });
    }
    h.tick();
    for (const action of ['pause', 'switchover', 'recovery']) {
      const res = await h.api.call('POST', `${task(id)}/${action}`);
      expect(res.status).toBe(400);
      expect(res.body, action).toMatchObject({ error_code: 'DWS.0002' });
    }
    await act(id, 'start', 'starting', 'running');
    expect((await h.api.call('DELETE', task(id))).body).toMatchObject({ error_code: 'DWS.0002' });
    expect((await h.api.call('PUT', task(id), { disaster_recovery: { dr_sync_period: '10m' } })).body).toMatchObject({ error_code: 'DWS.0002' });
    expect((await h.api.call('POST', `${task(id)}/start`)).body).toMatchObject({ error_code: 'DWS.0002' });
  });

  it('validates create requests', async () => {
    const post = (body: unknown) => h.api.call('POST', `${V2}/disaster-recoveries`, body);
    expect((await post(createBody('1bad'))).body).toMatchObject({ error_code: 'DWS.0001' });
    expect((await post(createBody('good_name', { dr_sync_period: '5 minutes' }))).body).toMatchObject({ error_code: 'DWS.0001' });
    expect((await post(createBody('good_name', { standby_cluster_id: 'nope' }))).body).toMatchObject({ error_code: 'DWS.0001' });
    expect((await post(createBody('good_name', { standby_cluster_id: PRIMARY.id }))).body).toMatchObject({ error_code: 'DWS.0001' });
    expect((await post({ disaster_recovery: { name: 'only_a_name' } })).body).toMatchObject({ error_code: 'DWS.0001' });
    await create('first_task');
    const reused = await post(createBody('second_task', { standby_cluster_id: THIRD.id }));
    expect(reused).toMatchObject({ status: 400, body: { error_code: 'DWS.0002' } });
    expect((await post(createBody('first_task'))).status).toBe(400);
  });

  it('ends in the documented failure statuses when a transition fails', async () => {
    h.sim.faults.add({ match: { service: 'dws', operationId: 'createDisasterRecovery' }, fault: 'jobFails' });
    const id = await create();
    h.tick();
    expect((await detail(id)).status).toBe('create_failed');
    expect((await h.api.call('DELETE', task(id))).status).toBe(200);
    h.tick();
    expect((await h.api.call('GET', task(id))).status).toBe(400);

    const second = await create('second_task');
    h.tick();
    h.sim.faults.add({ match: { operationId: 'startDisasterRecovery' }, fault: 'jobFails' });
    await act(second, 'start', 'starting', 'start_failed');
    await act(second, 'start', 'starting', 'running');
  });

  it('lists DR-capable clusters, serves seeded jobs and 404s unknown ones', async () => {
    const candidates = await h.api.call('GET', `${V2}/disaster-recovery-clusters?primary_cluster_id=${PRIMARY.id}&standby_az_code=cn-north-4b`);
    expect(candidates.body).toEqual({
      disaster_recovery_clusters: [
        { id: STANDBY.id, name: STANDBY.name },
        { id: THIRD.id, name: THIRD.name },
      ],
    });
    expect((await h.api.call('GET', `${V2}/disaster-recovery-clusters?primary_cluster_id=${PRIMARY.id}`)).body).toMatchObject({ error_code: 'DWS.0001' });
    await create();
    const after = await h.api.call<{ disaster_recovery_clusters: unknown[] }>('GET', `${V2}/disaster-recovery-clusters?primary_cluster_id=${THIRD.id}&standby_az_code=cn-north-4a`);
    expect(after.body.disaster_recovery_clusters).toEqual([]);

    const job = await h.api.call('GET', `${dwsBase('v1.0')}/job/ff80808287d8d4a30187e15ce9b00c1f`);
    expect(job).toMatchObject({ status: 200, body: { job_id: 'ff80808287d8d4a30187e15ce9b00c1f', status: 'SUCCESS', progress: '100%' } });
    expect((await h.api.call('GET', `${dwsBase('v1.0')}/job/deadbeef`)).status).toBe(404);
  });
});
