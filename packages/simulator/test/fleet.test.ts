import { describe, expect, it } from 'vitest';
import { createManualClock, createSimulator, seedFleet } from '../src/index.js';
import { startHarness } from './helpers/client.js';

describe('fleet seeding', () => {
  it('is deterministic from its seed and spreads over regions and projects', () => {
    const now = Date.UTC(2025, 0, 1);
    const a = seedFleet({ seed: 7, geminiDbRelationships: 300, dwsTasks: 200 }, now);
    const b = seedFleet({ seed: 7, geminiDbRelationships: 300, dwsTasks: 200 }, now);
    const c = seedFleet({ seed: 8, geminiDbRelationships: 300, dwsTasks: 200 }, now);
    expect(a).toEqual(b);
    expect(a.geminidb.relationships[0]?.id).not.toBe(c.geminidb.relationships[0]?.id);
    expect(a.geminidb.instances).toHaveLength(600);
    expect(a.dws.tasks).toHaveLength(200);
    expect(new Set(a.geminidb.instances.map((i) => i.region)).size).toBe(4);
    expect(new Set(a.geminidb.instances.map((i) => `${i.region}/${i.projectId}`)).size).toBe(8);
    for (const r of a.geminidb.relationships) {
      const [p, s] = [r.masterId, r.slaveId].map((id) => a.geminidb.instances.find((i) => i.id === id));
      expect(p?.region).not.toBe(s?.region);
    }
    expect(new Set(a.geminidb.instances.map((i) => i.id)).size).toBe(600);
    expect(a.geminidb.instances.some((i) => /^(192|172)\./.test(i.subnetCidr))).toBe(false);
  });

  it('refuses sizes and regions it cannot honour', () => {
    expect(() => createSimulator({ fleet: { geminiDbRelationships: -1 } })).toThrow(/fleet.geminiDbRelationships/);
    expect(() => createSimulator({ fleet: { regions: ['ap-southeast-1'] } })).toThrow(/at least 2/);
    expect(() => createSimulator({ fleet: { regions: ['ap-southeast-1', 'nowhere'] } })).toThrow(/not a region id/);
  });

  it('serves the fleet per region and project, with lag moving on every relationship', async () => {
    const h = await startHarness({ seed: 'fleet', fleet: { geminiDbRelationships: 40, dwsTasks: 30 } });
    try {
      const state = h.sim.state;
      expect(state.geminidb.relationships.filter((r) => r.active)).toHaveLength(40);
      const region = 'cn-north-4';
      for (const projectId of h.sim.regions.find((r) => r.region === region)?.projectIds ?? []) {
        const listed = await h.api.call<{ total_count: number }>('GET', `/${region}/v3/${projectId}/instances?limit=100`);
        const expected = state.geminidb.instances.filter((i) => i.region === region && i.projectId === projectId).length;
        expect(listed.body.total_count).toBe(expected);
        const tasks = await h.api.call<{ disaster_recovery: unknown[] }>('GET', `/${region}/v2/${projectId}/disaster-recoveries`);
        const visibleTasks = state.dws.tasks.filter((t) =>
          [t.primaryClusterId, t.standbyClusterId].some((id) => state.dws.clusters.some((c) => c.id === id && c.region === region && c.projectId === projectId)),
        );
        expect(tasks.body.disaster_recovery).toHaveLength(visibleTasks.length);
      }
      const before = state.geminidb.relationships.map((r) => r.lagSeconds);
      h.clock.advance(5 * 60_000);
      const after = h.sim.state.geminidb.relationships.map((r) => r.lagSeconds);
      expect(after.filter((lag, i) => lag !== before[i]).length).toBeGreaterThan(30);
      expect(h.sim.state.dws.tasks.every((t) => t.status === 'running' && t.lastSyncTime !== null)).toBe(true);
    } finally {
      await h.close();
    }
  });

  it('a reset brings the same fleet back', () => {
    const clock = createManualClock();
    const sim = createSimulator({ now: clock.now, seed: 3, fleet: { geminiDbRelationships: 5, dwsTasks: 5 } });
    const ids = sim.state.geminidb.relationships.map((r) => r.id);
    sim.reset();
    expect(sim.state.geminidb.relationships.map((r) => r.id)).toEqual(ids);
  });
});
