import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_GEMINIDB_INSTANCES, FAULT_LIMITS } from '../src/index.js';
import { startHarness, type Harness } from './helpers/client.js';

type Seed = (typeof DEFAULT_GEMINIDB_INSTANCES)[number];
const [A, B, C] = DEFAULT_GEMINIDB_INSTANCES as [Seed, Seed, Seed];

describe('scenario faults', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ geminidb: { instances: DEFAULT_GEMINIDB_INSTANCES, relationships: [{ id: 'rel-1', alias: 'x', masterId: A.id, slaveId: B.id }] } });
  });
  afterEach(() => h.close());

  const base = (x: Seed) => `/${x.region}/v3/${h.sim.projectId(x.region)}`;
  const switchover = (x: Seed) => h.api.call<{ job_id: string }>('PUT', `${base(x)}/instances/${x.id}/disaster-recovery/switchover`);
  const job = async (x: Seed, id: string) =>
    (await h.api.call<{ jobs: { status: string; fail_reason: string }[] }>('GET', `${base(x)}/jobs?id=${id}`)).body.jobs[0];

  it('jobFails by instance id: the next switchover touching instance X fails, even when called on its peer', async () => {
    h.sim.faults.add({ match: { operationId: 'switchOverDisasterRecovery', instanceId: A.id }, fault: { kind: 'jobFails', failReason: 'network partition' } });
    // A job on an unrelated instance does not use it up.
    const other = await h.api.call('GET', `${base(C)}/instances/${C.id}/disaster-recovery/regions`);
    expect(other.status).toBe(200);
    const res = await switchover(B);
    expect(res.status).toBe(202);
    h.tick();
    expect(await job(B, res.body.job_id)).toMatchObject({ status: 'Failed', fail_reason: 'network partition' });
    expect(h.sim.faults.list()).toEqual([]);
    const again = await switchover(B);
    h.tick();
    expect((await job(B, again.body.job_id))?.status).toBe('Completed');
  });

  it('an unreachable region: connection resets (or 503) for its requests only, for a duration of simulator time', async () => {
    h.sim.faults.add({ match: { region: 'ap-southeast-1' }, times: 'unlimited', durationMs: 60_000, fault: 'reset' });
    h.sim.faults.add({ match: { region: 'ap-southeast-3', instanceId: C.id }, times: 'unlimited', fault: { kind: 'status', status: 503 } });
    await expect(h.api.call('GET', `${base(A)}/instances`)).rejects.toThrow(/fetch failed/);
    await expect(h.api.call('GET', `${base(A)}/instances/${A.id}/instance-role`)).rejects.toThrow(/fetch failed/);
    expect((await h.api.call('GET', `${base(B)}/instances/${B.id}/instance-role`)).status).toBe(200);
    expect((await h.api.call('GET', `${base(C)}/instances/${C.id}/instance-role`)).status).toBe(503);
    h.clock.advance(60_000);
    expect((await h.api.call('GET', `${base(A)}/instances`)).status).toBe(200);
    expect(h.sim.faults.list()).toHaveLength(1);
  });

  it('an unreachable project: requests naming it are refused', async () => {
    const project = h.sim.projectId('ap-southeast-3');
    h.sim.faults.add({ match: { projectId: project }, times: 'unlimited', fault: { kind: 'status', status: 503 } });
    expect((await h.api.call('GET', `${base(B)}/instances`)).status).toBe(503);
    expect((await h.api.call('GET', `${base(A)}/instances`)).status).toBe(200);
  });

  it('429 storms with Retry-After', async () => {
    h.sim.faults.add({ match: { operationId: 'listJobs' }, times: 3, fault: { kind: 'throttle', retryAfterSeconds: 7 } });
    for (let i = 0; i < 3; i++) {
      const r = await h.api.call('GET', `${base(A)}/jobs`);
      expect(r.status).toBe(429);
      expect(r.headers.get('retry-after')).toBe('7');
      expect(r.body).toMatchObject({ error_code: 'APIGW.0308' });
    }
    expect((await h.api.call('GET', `${base(A)}/jobs`)).status).toBe(200);
    // A status fault can carry its own headers too.
    h.sim.faults.add({ match: { operationId: 'listJobs' }, fault: { kind: 'status', status: 503, headers: { 'Retry-After': '2' } } });
    const r = await h.api.call('GET', `${base(A)}/jobs`);
    expect([r.status, r.headers.get('retry-after')]).toEqual([503, '2']);
  });
});

describe('fault rule validation (library and POST /__sim/faults)', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(() => h.close());

  const bad: [string, unknown, RegExp][] = [
    ['unknown operationId', { match: { operationId: 'listInstance' }, fault: 'busy' }, /not an operation of any simulated spec/],
    ['operationId of the other service', { match: { service: 'dws', operationId: 'listInstances' }, fault: 'busy' }, /not a dws operation/],
    ['misspelt match key', { match: { operationID: 'listInstances' }, fault: 'busy' }, /unknown field\(s\) operationID/],
    ['unknown rule key', { match: {}, fault: 'busy', time: 2 }, /unknown field\(s\) time/],
    ['huge delay', { fault: { kind: 'slow', delayMs: 1e12 } }, /delayMs, an integer from 0 to 600000/],
    ['negative delay', { fault: { kind: 'slow', delayMs: -1 } }, /delayMs/],
    ['fractional delay', { fault: { kind: 'slow', delayMs: 1.5 } }, /delayMs/],
    ['huge Retry-After', { fault: { kind: 'throttle', retryAfterSeconds: 1e9 } }, /retryAfterSeconds/],
    ['bad method', { match: { method: 'FETCH' }, fault: 'busy' }, /match.method/],
    ['bad region', { match: { region: 'Mars' }, fault: 'busy' }, /match.region/],
    ['times too large', { times: FAULT_LIMITS.maxTimes + 1, fault: 'busy' }, /times must be/],
    ['zero duration', { durationMs: 0, fault: 'busy' }, /durationMs/],
    ['status out of range', { fault: { kind: 'status', status: 999 } }, /200..599/],
    ['header injection', { fault: { kind: 'status', status: 503, headers: { 'X-A': 'a\r\nSet-Cookie: x' } } }, /one-line/],
    ['field of another kind', { fault: { kind: 'busy', delayMs: 5 } }, /unknown field\(s\) delayMs/],
  ];

  it.each(bad)('refuses %s', async (_name, rule, message) => {
    expect(() => h.sim.faults.add(rule as never)).toThrow(message);
    const res = await fetch(`${h.api.baseUrl}/__sim/faults`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(rule) });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error_code: string; error_msg: string };
    expect(body.error_code).toBe('SIM.0400');
    expect(body.error_msg).toMatch(message);
    expect(h.sim.faults.list()).toEqual([]);
  });

  it('accepts a rule at the limits', () => {
    const rule = h.sim.faults.add({ match: { service: 'geminidb', operationId: 'listInstances', region: 'eu-west-101' }, times: FAULT_LIMITS.maxTimes, fault: { kind: 'slow', delayMs: FAULT_LIMITS.maxDelayMs } });
    expect(rule).toMatchObject({ remaining: FAULT_LIMITS.maxTimes, fault: { delayMs: FAULT_LIMITS.maxDelayMs } });
  });
});
