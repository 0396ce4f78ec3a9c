import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createManualClock, createSimulator, DEFAULT_DWS_CLUSTERS, DEFAULT_GEMINIDB_INSTANCES } from '../src/index.js';
import { startHarness, type Harness } from './helpers/client.js';

type Seed = (typeof DEFAULT_GEMINIDB_INSTANCES)[number];
const [A, B] = DEFAULT_GEMINIDB_INSTANCES as [Seed, Seed];
const relationship = { id: 'rel-1', alias: 'seeded', masterId: A.id, slaveId: B.id };

describe('replication lag', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ seed: 'lag-test', geminidb: { instances: DEFAULT_GEMINIDB_INSTANCES, relationships: [relationship] } });
  });
  afterEach(() => h.close());

  const path = (region: string, id: string) => `/${region}/v3/${h.sim.projectId(region)}/instances/${id}/disaster-recovery/data-synchronization`;
  const syncStatus = async () =>
    (await h.api.call<{ status: string; data_sync_indicators: { rsync_wal_size: number }; rto_and_rpo_indicators: { scene: string; rpo: number }[] }>('GET', path(A.region, A.id)))
      .body;

  it('moves over simulated time, the same way for the same seed', async () => {
    const samples: number[] = [];
    for (let i = 0; i < 12; i++) {
      samples.push(h.sim.lagSeconds('rel-1') ?? Number.NaN);
      h.clock.advance(60_000);
    }
    expect(new Set(samples).size).toBeGreaterThan(6);
    for (const s of samples) expect(s).toBeGreaterThan(0);

    const clock = createManualClock(h.clock.now() - 12 * 60_000);
    const twin = createSimulator({ now: clock.now, seed: 'lag-test', geminidb: { instances: DEFAULT_GEMINIDB_INSTANCES, relationships: [relationship] } });
    const again: number[] = [];
    for (let i = 0; i < 12; i++) {
      again.push(twin.lagSeconds('rel-1') ?? Number.NaN);
      clock.advance(60_000);
    }
    expect(again).toEqual(samples);
  });

  it('is what showPauseResumeStutus reports: WAL backlog and FAILOVER RPO follow it', async () => {
    h.sim.setLag({ relationshipId: 'rel-1', lagSeconds: 42 });
    const s = await syncStatus();
    expect(s.status).toBe('SYNCING');
    expect(s.data_sync_indicators.rsync_wal_size).toBe(42);
    expect(s.rto_and_rpo_indicators.find((x) => x.scene === 'FAILOVER')?.rpo).toBe(42);
  });

  it('spikes for a duration on the simulator clock, then returns to the natural wave', async () => {
    const before = h.sim.lagSeconds('rel-1') ?? 0;
    expect(before).toBeLessThan(20);
    h.sim.setLag({ relationshipId: 'rel-1', lagSeconds: 900, durationMs: 60_000 });
    expect(h.sim.lagSeconds('rel-1')).toBe(900);
    h.clock.advance(59_999);
    expect(h.sim.lagSeconds('rel-1')).toBe(900);
    h.clock.advance(1);
    expect(h.sim.lagSeconds('rel-1')).toBeLessThan(20);
    expect(h.sim.state.lagOverrides).toEqual([]);
  });

  it('grows while synchronisation is paused', async () => {
    h.sim.setLag({ relationshipId: 'rel-1', lagSeconds: 5 });
    for (const inst of [A, B]) {
      const r = await h.api.call<{ job_id: string }>('POST', path(inst.region, inst.id), { action: 'pause' });
      expect(r.status).toBe(202);
      h.tick();
    }
    h.clock.advance(100_000);
    expect(h.sim.lagSeconds('rel-1')).toBeGreaterThanOrEqual(105);
    expect((await syncStatus()).status).toBe('SUSPENDED');
  });

  it('can be set and spiked through the control API, with validation', async () => {
    const post = (body: unknown) =>
      fetch(`${h.api.baseUrl}/__sim/lag`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    const ok = await post({ relationshipId: 'rel-1', lagSeconds: 600, durationMs: 30_000 });
    expect(ok.status).toBe(201);
    expect(await ok.json()).toMatchObject({ relationshipId: 'rel-1', lagSeconds: 600, until: h.clock.now() + 30_000 });
    expect((await syncStatus()).rto_and_rpo_indicators[0]?.rpo).toBe(600);
    const report = (await (await fetch(`${h.api.baseUrl}/__sim/lag`)).json()) as { relationships: { id: string; lagSeconds: number }[] };
    expect(report.relationships.find((r) => r.id === 'rel-1')?.lagSeconds).toBe(600);
    for (const bad of [{ relationshipId: 'rel-1', lagSeconds: -1 }, { relationshipId: 'rel-1', lagSeconds: 1e12 }, { relationshipId: '', lagSeconds: 1 }, { relationshipId: 'rel-1', lagSeconds: 1, durationMs: 0 }, { relationshipId: 'rel-1', lagSeconds: 1, extra: true }]) {
      const res = await post(bad);
      expect(res.status, JSON.stringify(bad)).toBe(400);
      expect(await res.json()).toMatchObject({ error_code: 'SIM.0400' });
    }
    expect((await fetch(`${h.api.baseUrl}/__sim/lag/rel-1`, { method: 'DELETE' })).status).toBe(204);
    expect((await fetch(`${h.api.baseUrl}/__sim/lag/rel-1`, { method: 'DELETE' })).status).toBe(404);
  });

  it('fails a planned switchover when the lag exceeds sync_delay, and lets it through when it does not', async () => {
    const settings = `/${A.region}/v3/${h.sim.projectId(A.region)}/instances/disaster-recovery/settings`;
    expect((await h.api.call('PUT', settings, { disaster_recovery_settings: [{ instance_id: A.id, sync_delay: 30 }] })).status).toBe(200);
    const switchover = `/${A.region}/v3/${h.sim.projectId(A.region)}/instances/${A.id}/disaster-recovery/switchover`;
    const jobs = (id: string) => `/${A.region}/v3/${h.sim.projectId(A.region)}/jobs?id=${id}`;

    h.sim.setLag({ relationshipId: 'rel-1', lagSeconds: 45 });
    const refused = await h.api.call<{ job_id: string }>('PUT', switchover);
    expect(refused.status).toBe(202);
    h.tick();
    const failed = await h.api.call<{ jobs: { status: string; fail_reason: string }[] }>('GET', jobs(refused.body.job_id));
    expect(failed.body.jobs[0]?.status).toBe('Failed');
    expect(failed.body.jobs[0]?.fail_reason).toContain('sync_delay of 30 s');
    expect(h.sim.state.geminidb.instances.find((i) => i.id === A.id)?.drRole).toBe('master');

    h.sim.setLag({ relationshipId: 'rel-1', lagSeconds: 12 });
    const done = await h.api.call<{ job_id: string }>('PUT', switchover);
    h.tick();
    expect((await h.api.call<{ jobs: { status: string }[] }>('GET', jobs(done.body.job_id))).body.jobs[0]?.status).toBe('Completed');
    expect(h.sim.state.geminidb.instances.find((i) => i.id === A.id)?.drRole).toBe('slave');
  });
});

describe('DWS synchronisation times', () => {
  const [P, S] = DEFAULT_DWS_CLUSTERS as [(typeof DEFAULT_DWS_CLUSTERS)[number], (typeof DEFAULT_DWS_CLUSTERS)[number]];
  it('tick with dr_sync_period, and a lag spike holds them back', async () => {
    const h = await startHarness({
      dws: { clusters: DEFAULT_DWS_CLUSTERS, tasks: [{ id: 'task-1', name: 'task_one', drType: 'az', primaryClusterId: P.id, standbyClusterId: S.id, drSyncPeriod: '5m' }] },
    });
    try {
      const progress = async () =>
        (
          await h.api.call<{ disaster_recovery_progress: { latest_barrier_time: string; recovery_point_object: number } }>(
            'GET',
            `/${P.region}/v1/${h.sim.projectId(P.region)}/disaster-recovery/task-1/show-progress`,
          )
        ).body.disaster_recovery_progress;
      const first = await progress();
      h.clock.advance(4 * 60_000);
      const later = await progress();
      expect(later.latest_barrier_time).toBe(first.latest_barrier_time);
      expect(later.recovery_point_object).toBe(first.recovery_point_object + 240);
      h.clock.advance(60_000);
      const next = await progress();
      expect(Date.parse(next.latest_barrier_time) - Date.parse(first.latest_barrier_time)).toBe(5 * 60_000);

      h.sim.setLag({ relationshipId: 'task-1', lagSeconds: 3600, durationMs: 10 * 60_000 });
      expect((await progress()).recovery_point_object).toBe(3600);
      expect(Math.round(h.sim.lagSeconds('task-1') ?? 0)).toBe(3600);
      h.clock.advance(10 * 60_000);
      expect((await progress()).recovery_point_object).toBeLessThan(300);
    } finally {
      await h.close();
    }
  });
});
