import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_GEMINIDB_INSTANCES, type RequestLogEntry } from '../src/index.js';
import { startHarness, type Harness } from './helpers/client.js';

type Seed = (typeof DEFAULT_GEMINIDB_INSTANCES)[number];
const [A, B] = DEFAULT_GEMINIDB_INSTANCES as [Seed, Seed];
const peer = (x: Seed) => ({ id: x.id, region_code: x.region, subnet_cidrs: [x.subnetCidr], node_ips: [...x.nodeIps] });

describe('request log', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ requirePrecheck: false });
  });
  afterEach(() => h.close());
  const base = (x: Seed) => `/${x.region}/v3/${h.sim.projectId(x.region)}/instances/${x.id}`;

  it('records every API request with operation, ids, region, project and status, and can be counted per instance', async () => {
    const primary = await h.api.call<{ disaster_recovery_id: string }>('POST', `${base(A)}/disaster-recovery/construction`, {
      alias: 'a', password: 'Secret#1', instance_role: 'master', disaster_recovery_instance: peer(B),
    });
    await h.api.call('POST', `${base(B)}/disaster-recovery/construction`, {
      id: primary.body.disaster_recovery_id, alias: 'a', password: 'Secret#1', instance_role: 'slave', disaster_recovery_instance: peer(A),
    });
    h.tick();
    await h.api.call('POST', `${base(A)}/disaster-recovery/deconstruction`);
    await h.api.call('GET', `${base(A)}/instance-role`, undefined, { auth: 'none' });
    await fetch(`${h.api.baseUrl}/__sim/state`);

    const all = h.sim.requests.list();
    expect(all.map((e) => [e.operationId, e.status])).toEqual([
      ['createDisasterRecovery', 202],
      ['createDisasterRecovery', 202],
      ['deleteDisasterRecovery', 202],
      ['showInstanceRole', 401],
    ]);
    expect(all[0]).toMatchObject({ method: 'POST', service: 'geminidb', region: A.region, projectId: h.sim.projectId(A.region), instanceId: A.id, seq: 1 });
    expect(all[0]?.path).toBe(`${base(A)}/disaster-recovery/construction`);
    const net = (id: string) =>
      h.sim.requests.list({ instanceId: id, operationId: 'createDisasterRecovery', status: 202 }).length -
      h.sim.requests.list({ instanceId: id, operationId: 'deleteDisasterRecovery', status: 202 }).length;
    expect([net(A.id), net(B.id)]).toEqual([0, 1]);

    // The same over the control API, with filters; nothing secret in it.
    const res = await fetch(`${h.api.baseUrl}/__sim/requests?instanceId=${B.id}`);
    const listed = (await res.json()) as { requests: RequestLogEntry[] };
    expect(listed.requests.map((e) => e.operationId)).toEqual(['createDisasterRecovery']);
    expect(JSON.stringify(h.sim.requests.list())).not.toContain('Secret#1');
    expect((await fetch(`${h.api.baseUrl}/__sim/requests?since=3`).then((r) => r.json())) as unknown).toMatchObject({ requests: [{ seq: 4 }] });
    expect((await fetch(`${h.api.baseUrl}/__sim/requests?bogus=1`)).status).toBe(400);
    expect((await fetch(`${h.api.baseUrl}/__sim/requests`, { method: 'DELETE' })).status).toBe(204);
    expect(h.sim.requests.list()).toEqual([]);
  });

  it('records faults, resets and unknown routes', async () => {
    h.sim.faults.add({ match: { operationId: 'listInstances' }, fault: 'reset' });
    await expect(h.api.call('GET', `/${A.region}/v3/${h.sim.projectId(A.region)}/instances`)).rejects.toThrow();
    await h.api.call('GET', `/${A.region}/v3/${h.sim.projectId(A.region)}/nothing`);
    await new Promise((r) => setTimeout(r, 20));
    expect(h.sim.requests.list().map((e) => [e.operationId, e.status, e.fault])).toEqual([
      ['listInstances', 'reset', 'reset'],
      [undefined, 404, undefined],
    ]);
  });

  it('keeps only the newest entries past its limit', async () => {
    const small = await startHarness({ requestLogLimit: 3 });
    try {
      for (let i = 0; i < 5; i++) await small.api.call('GET', `/${A.region}/v3/${small.sim.projectId(A.region)}/jobs`);
      expect(small.sim.requests.list().map((e) => e.seq)).toEqual([3, 4, 5]);
    } finally {
      await small.close();
    }
  });
});
