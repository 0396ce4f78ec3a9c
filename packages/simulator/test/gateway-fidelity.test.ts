import { createHash } from 'node:crypto';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_GEMINIDB_INSTANCES } from '../src/index.js';
import { startHarness, TEST_SK, type Harness } from './helpers/client.js';
import { sdkDate, sign } from './helpers/signer.js';

/**
 * Every byte the signature covers is bound: a request signed for one thing and sent as another is
 * refused with 401 APIGW.0301 before it can change state. One test per kind of tampering, each
 * checked over real HTTP (the simulator sees exactly what was sent).
 */
const A = DEFAULT_GEMINIDB_INSTANCES[0]!;
const sha = (text: string) => createHash('sha256').update(text).digest('hex');

interface Wire {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
}

describe('gateway fidelity: the signature binds method, path, query, signed headers and body', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  const project = () => h.sim.projectId(A.region);
  const precheckPath = () => `/${A.region}/v3/${project()}/instances/${A.id}/disaster-recovery/precheck`;
  const signed = (over: { method?: string; path?: string; body?: string; headers?: Record<string, string>; payloadHash?: string } = {}): Wire => {
    const method = over.method ?? 'POST';
    const path = over.path ?? precheckPath();
    const body = over.body ?? JSON.stringify({ operation: 'construction' });
    const headers = over.headers ?? { 'Content-Type': 'application/json', 'X-Project-Id': project() };
    return {
      method,
      path,
      body,
      headers: sign({
        method,
        url: `${h.api.baseUrl}${path}`,
        headers,
        body,
        accessKey: 'HCDRSIMULATORAK',
        secretKey: TEST_SK,
        date: sdkDate(h.clock.now()),
        ...(over.payloadHash !== undefined && { payloadHash: over.payloadHash }),
      }),
    };
  };

  /** Sends exactly these bytes (fetch would add or normalise headers). */
  const send = (w: Wire): Promise<{ status: number; body: Record<string, unknown> }> =>
    new Promise((resolve, reject) => {
      const url = new URL(`${h.api.baseUrl}${w.path}`);
      const req = request(
        { host: url.hostname, port: url.port, method: w.method, path: w.path, headers: { ...w.headers, 'Content-Length': Buffer.byteLength(w.body) } },
        (res) => {
          let text = '';
          res.on('data', (c: Buffer) => (text += c.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} }));
        },
      );
      req.on('error', reject);
      req.end(w.body);
    });

  const refused = async (w: Wire, message = /verify aksk signature fail/) => {
    const before = h.sim.requests.list().length;
    const res = await send(w);
    expect(res.status).toBe(401);
    expect(res.body.error_code).toBe('APIGW.0301');
    expect(String(res.body.error_msg)).toMatch(message);
    expect(h.sim.requests.list().at(before)?.status).toBe(401);
  };

  it('accepts the untouched request (so each refusal below is caused by its one change)', async () => {
    expect((await send(signed())).status).toBe(204);
    expect((await send(signed({ headers: { 'Content-Type': 'application/json', 'X-Project-Id': project(), 'X-Sdk-Content-Sha256': sha('{"operation":"construction"}') } }))).status).toBe(204);
  });

  it('refuses a body changed after signing', async () => {
    await refused({ ...signed(), body: JSON.stringify({ operation: 'deconstruction' }) });
  });

  it('refuses a changed body whose X-Sdk-Content-Sha256 still states the signed body (the old hole), and changes nothing', async () => {
    const path = `/${A.region}/v3/${project()}/instances/disaster-recovery/settings`;
    const original = JSON.stringify({ disaster_recovery_settings: [{ instance_id: A.id, switchover_ratio: 90 }] });
    const tampered = JSON.stringify({ disaster_recovery_settings: [{ instance_id: A.id, switchover_ratio: 50 }] });
    const headers = { 'Content-Type': 'application/json', 'X-Project-Id': project(), 'X-Sdk-Content-Sha256': sha(original) };
    const w = signed({ method: 'PUT', path, body: original, headers, payloadHash: sha(original) });
    await refused({ ...w, body: tampered }, /x-sdk-content-sha256 does not match the request body/);
    const settings = await h.api.call<{ disaster_recovery_settings: { switchover_ratio: number }[] }>('GET', `${path}?instance_id=${A.id}`);
    expect(settings.body.disaster_recovery_settings[0]?.switchover_ratio).toBe(100);
    // The same request untampered goes through, so the refusal above was the tampering's.
    expect((await send(w)).status).toBe(200);
  });

  it('refuses a stated hash that was updated to the new body but not re-signed', async () => {
    const original = JSON.stringify({ operation: 'construction' });
    const tampered = JSON.stringify({ operation: 'deconstruction' });
    const w = signed({ headers: { 'Content-Type': 'application/json', 'X-Project-Id': project(), 'X-Sdk-Content-Sha256': sha(original) }, payloadHash: sha(original) });
    await refused({ ...w, body: tampered, headers: { ...w.headers, 'X-Sdk-Content-Sha256': sha(tampered) } });
  });

  it('refuses UNSIGNED-PAYLOAD on a JSON body (it would leave the body unsigned)', async () => {
    const w = signed({ headers: { 'Content-Type': 'application/json', 'X-Project-Id': project(), 'X-Sdk-Content-Sha256': 'UNSIGNED-PAYLOAD' }, payloadHash: 'UNSIGNED-PAYLOAD' });
    await refused(w, /UNSIGNED-PAYLOAD is not accepted for a JSON body/);
  });

  it('accepts UNSIGNED-PAYLOAD where the SDK sends it (a non-JSON Content-Type)', async () => {
    const w = signed({ headers: { 'Content-Type': 'text/plain', 'X-Project-Id': project(), 'X-Sdk-Content-Sha256': 'UNSIGNED-PAYLOAD' }, payloadHash: 'UNSIGNED-PAYLOAD' });
    expect((await send(w)).status).not.toBe(401);
  });

  it('refuses a changed method', async () => {
    const path = `/${A.region}/v3/${project()}/instances/disaster-recovery/settings`;
    const w = signed({ method: 'GET', path, body: '' });
    expect((await send(w)).status).toBe(200);
    await refused({ ...w, method: 'PUT', body: '' });
  });

  it('refuses a changed path', async () => {
    const w = signed();
    await refused({ ...w, path: `/${A.region}/v3/${project()}/instances/${DEFAULT_GEMINIDB_INSTANCES[2]!.id}/disaster-recovery/precheck` });
  });

  it('refuses a changed query string (value, added parameter, removed parameter)', async () => {
    const w = signed({ method: 'GET', path: `/${A.region}/v3/${project()}/jobs?limit=10`, body: '' });
    expect((await send(w)).status).toBe(200);
    await refused({ ...w, path: `/${A.region}/v3/${project()}/jobs?limit=20` });
    await refused({ ...w, path: `/${A.region}/v3/${project()}/jobs?limit=10&status=Failed` });
    await refused({ ...w, path: `/${A.region}/v3/${project()}/jobs` });
  });

  it('refuses a changed, or dropped, signed header, and the Host it was signed for', async () => {
    const w = signed();
    await refused({ ...w, headers: { ...w.headers, 'X-Project-Id': 'ffffffffffffffffffffffffffffffff' } });
    const { 'X-Project-Id': _dropped, ...rest } = w.headers;
    await refused({ ...w, headers: rest });
    await refused({ ...w, headers: { ...w.headers, Host: 'gaussdb-nosql.ap-southeast-1.myhuaweicloud.com' } });
  });

  it('lets headers outside SignedHeaders change (as the gateway does)', async () => {
    const w = signed();
    expect((await send({ ...w, headers: { ...w.headers, 'User-Agent': 'something-else/1.0' } })).status).toBe(204);
  });
});
