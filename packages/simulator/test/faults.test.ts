import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSimulator, DEFAULT_GEMINIDB_INSTANCES, type Simulator } from '../src/index.js';
import { client, dwsBase, gdbBase, startHarness, TEST_SK, TEST_TOKEN, type Harness } from './helpers/client.js';

const A = DEFAULT_GEMINIDB_INSTANCES[0]!;
const P = gdbBase(A.id);
const instances = `${P}/instances`;
const precheckA = `${P}/instances/${A.id}/disaster-recovery/precheck`;

describe('fault injection, observed from a client', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(() => h.close());

  it('reset: the socket is destroyed and fetch rejects', async () => {
    h.sim.faults.add({ match: { operationId: 'listInstances' }, fault: 'reset' });
    await expect(h.api.call('GET', instances)).rejects.toThrow(/fetch failed/);
    expect((await h.api.call('GET', instances)).status).toBe(200);
  });

  it('slow: a client timeout fires first, and the server still does the work afterwards', async () => {
    h.sim.faults.add({ match: { operationId: 'checkDisasterRecoveryOperation' }, fault: { kind: 'slow', delayMs: 1500 } });
    const started = Date.now();
    await expect(h.api.call('POST', precheckA, { operation: 'construction' }, { signal: AbortSignal.timeout(100) })).rejects.toThrow(
      /timeout|aborted/i,
    );
    // Well before the 1.5 s delay (a loaded machine may take a while to deliver the abort).
    expect(Date.now() - started).toBeLessThan(1200);
    await new Promise((r) => setTimeout(r, 1600));
    // the precheck went through server-side: construction is now allowed
    const built = await h.api.call('POST', `${P}/instances/${A.id}/disaster-recovery/construction`, {
      alias: 'a',
      password: 'p',
      instance_role: 'master',
      disaster_recovery_instance: { id: DEFAULT_GEMINIDB_INSTANCES[1]!.id, region_code: 'ap-southeast-3', subnet_cidrs: ['10.1.1.0/24'], node_ips: ['10.1.1.2', '10.1.1.3', '10.1.1.4'] },
    });
    expect(built.status).toBe(202);
  });

  it('html500: HTTP 500 with a text/html body', async () => {
    h.sim.faults.add({ match: { method: 'GET', pathIncludes: '/instances' }, fault: 'html500' });
    const res = await h.api.call('GET', instances);
    expect(res.status).toBe(500);
    expect(res.headers.get('content-type')).toBe('text/html');
    expect(res.text).toContain('<html>');
    expect(res.headers.get('x-request-id')).toBeTruthy();
  });

  it('jobFails: the next job ends Failed with a fail_reason', async () => {
    h.sim.faults.add({ fault: { kind: 'jobFails', failReason: 'disk full on node 2' } });
    // reads and refused calls do not use the fault up
    expect((await h.api.call('GET', instances)).status).toBe(200);
    expect((await h.api.call('POST', `${P}/instances/${A.id}/switchover-slave`)).status).toBe(400);
    expect(h.sim.faults.list()).toHaveLength(1);

    await h.api.call('POST', precheckA, { operation: 'construction' });
    const b = DEFAULT_GEMINIDB_INSTANCES[1]!;
    const res = await h.api.call<{ job_id: string }>('POST', `${P}/instances/${A.id}/disaster-recovery/construction`, {
      alias: 'a',
      password: 'p',
      instance_role: 'master',
      disaster_recovery_instance: { id: b.id, region_code: b.region, subnet_cidrs: [b.subnetCidr], node_ips: [...b.nodeIps] },
    });
    expect(res.status).toBe(202);
    expect(h.sim.faults.list()).toHaveLength(0);
    h.tick();
    const job = await h.api.call<{ jobs: Record<string, unknown>[] }>('GET', `${P}/jobs?id=${res.body.job_id}`);
    expect(job.body.jobs[0]).toMatchObject({ status: 'Failed', fail_reason: 'disk full on node 2', progress: '' });
    expect(h.sim.state.geminidb.instances[0]?.drRelationshipId).toBeNull();
  });

  it('busy: 409 DBS.200019', async () => {
    h.sim.faults.add({ match: { operationId: 'checkDisasterRecoveryOperation' }, fault: 'busy' });
    const res = await h.api.call('POST', precheckA, { operation: 'construction' });
    expect(res).toMatchObject({ status: 409, body: { error_code: 'DBS.200019' } });
  });

  it('clockSkew: 401 APIGW.0301 signature expired, for AK/SK and token alike', async () => {
    h.sim.faults.add({ match: { operationId: 'listInstances' }, times: 2, fault: 'clockSkew' });
    const signed = await h.api.call('GET', instances);
    expect(signed).toMatchObject({ status: 401, body: { error_code: 'APIGW.0301' } });
    expect(String(signed.body.error_msg)).toContain('signature expired');
    expect((await h.api.call('GET', instances, undefined, { auth: 'token' })).status).toBe(401);
    expect((await h.api.call('GET', instances)).status).toBe(200);
  });

  it('status: any status and body; times and matching are honoured', async () => {
    h.sim.faults.add({ match: { service: 'dws' }, times: 2, fault: { kind: 'status', status: 503, body: { error_code: 'DWS.0503', error_msg: 'try later' } } });
    expect((await h.api.call('GET', instances)).status).toBe(200); // not a DWS route
    for (let i = 0; i < 2; i++) {
      const res = await h.api.call('GET', `${dwsBase()}/disaster-recoveries`);
      expect(res).toMatchObject({ status: 503, body: { error_code: 'DWS.0503', error_msg: 'try later' } });
    }
    expect((await h.api.call('GET', `${dwsBase()}/disaster-recoveries`)).status).toBe(200);
  });

  it('unlimited rules stay until removed; operationId needs the service to be unambiguous', async () => {
    const rule = h.sim.faults.add({ match: { service: 'geminidb', operationId: 'createDisasterRecovery' }, times: 'unlimited', fault: 'busy' });
    const dws = await h.api.call('POST', `${dwsBase()}/disaster-recoveries`, { disaster_recovery: { name: 'x' } });
    expect(dws.status).toBe(400); // the DWS operation with the same operationId is untouched
    for (let i = 0; i < 3; i++) expect((await h.api.call('POST', `${P}/instances/${A.id}/disaster-recovery/construction`, {})).status).toBe(409);
    expect(h.sim.faults.list()[0]).toMatchObject({ id: rule.id, hits: 3, remaining: 'unlimited' });
    expect(h.sim.faults.remove(rule.id)).toBe(true);
    expect((await h.api.call('POST', `${P}/instances/${A.id}/disaster-recovery/construction`, {})).status).toBe(400);
  });

  it('rejects malformed fault rules', () => {
    expect(() => h.sim.faults.add({ fault: { kind: 'slow' } as never })).toThrow(/delayMs/);
    expect(() => h.sim.faults.add({ fault: 'explode' as never })).toThrow(/fault must be one of/);
    expect(() => h.sim.faults.add({ times: 0, fault: 'busy' })).toThrow(/times/);
  });
});

describe('/__sim control endpoints (what a CLI subprocess test uses)', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(() => h.close());

  const control = (method: string, path: string, body?: unknown) =>
    fetch(`${h.api.baseUrl}/__sim${path}`, {
      method,
      ...(body !== undefined && { body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } }),
    });

  it('adds, lists and clears faults over HTTP, without authentication', async () => {
    const added = await control('POST', '/faults', { match: { operationId: 'listInstances' }, fault: 'busy' });
    expect(added.status).toBe(201);
    expect(added.headers.get('x-request-id')).toBeTruthy();
    const rule = (await added.json()) as { id: string };
    expect((await h.api.call('GET', instances)).status).toBe(409);
    await control('POST', '/faults', { fault: 'html500', times: 'unlimited' });
    expect(((await (await control('GET', '/faults')).json()) as { faults: unknown[] }).faults).toHaveLength(1);
    expect((await control('DELETE', `/faults/${rule.id}`)).status).toBe(404);
    expect((await control('DELETE', '/faults')).status).toBe(204);
    expect((await h.api.call('GET', instances)).status).toBe(200);
  });

  it('refuses a bad fault with 400', async () => {
    const res = await control('POST', '/faults', { fault: { kind: 'slow' } });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error_code: 'SIM.0400' });
  });

  it('shows state and resets it', async () => {
    await h.api.call('POST', `${dwsBase()}/disaster-recoveries`, {
      disaster_recovery: { name: 'state_test', dr_type: 'az', primary_cluster_id: '3ef5daaa-d017-4354-80b3-8a69caf2e09c', standby_cluster_id: 'e7fed7fe-f4a7-499a-afed-1fdb5c1978cb', dr_sync_period: '5m' },
    });
    const state = (await (await control('GET', '/state')).json()) as { dws: { tasks: { name: string; status: string }[] } };
    expect(state.dws.tasks).toEqual([expect.objectContaining({ name: 'state_test', status: 'creating' })]);
    expect(JSON.stringify(state)).not.toContain(TEST_SK);
    await control('POST', '/faults', { fault: 'busy' });
    expect((await control('POST', '/reset')).status).toBe(204);
    expect(h.sim.state.dws.tasks).toEqual([]);
    expect(h.sim.faults.list()).toEqual([]);
    expect((await control('GET', '/health')).status).toBe(200);
    expect((await control('GET', '/nothing')).status).toBe(404);
  });
});

describe('authentication and logging', () => {
  let sim: Simulator;
  const lines: string[] = [];
  beforeEach(async () => {
    lines.length = 0;
    sim = createSimulator({ jobDurationMs: 50, credentials: { secretAccessKey: TEST_SK, authToken: TEST_TOKEN }, log: (l) => lines.push(l) });
    await sim.listen(0);
  });
  afterEach(() => sim.close());

  it('rejects missing, wrong-token and unknown-AK requests with 401 APIGW.0301', async () => {
    const url = sim.url ?? '';
    const none = await client(url, Date.now).call('GET', instances, undefined, { auth: 'none' });
    expect(none).toMatchObject({ status: 401, body: { error_code: 'APIGW.0301' } });
    const wrongToken = await client(url, Date.now, { ak: 'HCDRSIMULATORAK', sk: TEST_SK, token: 'nope' }).call('GET', instances, undefined, { auth: 'token' });
    expect(wrongToken.body).toMatchObject({ error_code: 'APIGW.0301', error_msg: 'Incorrect IAM authentication information: decrypt token fail' });
    const unknownAk = await client(url, Date.now, { ak: 'SOMEONEELSE', sk: TEST_SK, token: '' }).call('GET', instances);
    expect(unknownAk.body).toMatchObject({ error_msg: 'Incorrect IAM authentication information: ak SOMEONEELSE not exist' });
    const wrongSk = await client(url, Date.now, { ak: 'HCDRSIMULATORAK', sk: 'wrong', token: '' }).call('GET', instances);
    expect(wrongSk.body).toMatchObject({ error_msg: 'Incorrect IAM authentication information: verify aksk signature fail' });
    const stale = await client(url, Date.now).call('GET', instances, undefined, { date: Date.now() - 16 * 60_000 });
    expect(String(stale.body.error_msg)).toContain('signature expired');
  });

  it('advances on the real clock when no clock is injected', async () => {
    const api = client(sim.url ?? '', Date.now);
    const res = await api.call<{ disaster_recovery: { id: string } }>('POST', `${dwsBase()}/disaster-recoveries`, {
      disaster_recovery: { name: 'realtime', dr_type: 'az', primary_cluster_id: '3ef5daaa-d017-4354-80b3-8a69caf2e09c', standby_cluster_id: 'e7fed7fe-f4a7-499a-afed-1fdb5c1978cb', dr_sync_period: '5m' },
    });
    const path = `${dwsBase()}/disaster-recovery/${res.body.disaster_recovery.id}`;
    expect((await api.call<{ disaster_recovery: { status: string } }>('GET', path)).body.disaster_recovery.status).toBe('creating');
    await new Promise((r) => setTimeout(r, 80));
    expect((await api.call<{ disaster_recovery: { status: string } }>('GET', path)).body.disaster_recovery.status).toBe('unstart');
  });

  it('logs one line per request without header values or bodies', async () => {
    const api = client(sim.url ?? '', Date.now);
    await api.call('POST', `${P}/instances/${A.id}/disaster-recovery/construction`, { alias: 'a', password: 'TopSecretPassword', instance_role: 'master' });
    await api.call('GET', `${instances}?name=secret-query`, undefined, { auth: 'token' });
    await new Promise((r) => setTimeout(r, 20));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(new RegExp(`^POST ${P}/instances/${A.id}/disaster-recovery/construction 400 \\d+ms$`));
    expect(lines[1]).toMatch(new RegExp(`^GET ${instances} 200 \\d+ms$`));
    const all = lines.join('\n');
    for (const secret of [TEST_SK, TEST_TOKEN, 'TopSecretPassword', 'SDK-HMAC-SHA256', 'secret-query']) expect(all).not.toContain(secret);
  });
});
