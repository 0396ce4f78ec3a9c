import { computeSignature, isHuaweiCloudApiError, isHuaweiCloudValidationError, isHuaweiCloudWaiterError, createFetchHandler } from '@hcdr/core';
import { fakeTime, recordingFetch, sequence } from '@hcdr/core/testing';
import { describe, expect, it } from 'vitest';
import {
  createGeminiDbClient,
  operations,
  waitForJob,
  waitUntilJobCompleted,
  type ConstructDisasterRecoveryBody,
  type GeminiDbClientOptions,
} from '../src/index.js';

const AK = 'GDBTESTAK0001';
const SK = 'gdb-test-secret-DO-NOT-LEAK';
const PROJECT = '0123456789abcdef0123456789abcdef';
const PRIMARY = 'a1b2c3d4e5f64a7b8c9d0e1f2a3b4c5din12';
const STANDBY = 'f0e1d2c3b4a54968a7b6c5d4e3f2a1b0in12';

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

function client(handler: Parameters<typeof recordingFetch>[0], extra: GeminiDbClientOptions = {}) {
  const recorder = recordingFetch(handler);
  const gdb = createGeminiDbClient({
    region: 'ap-southeast-1',
    projectId: PROJECT,
    credentials: { accessKeyId: AK, secretAccessKey: SK },
    env: {},
    httpHandler: createFetchHandler(recorder.fetch),
    ...extra,
  });
  return { gdb, calls: recorder.calls };
}

const body: ConstructDisasterRecoveryBody = {
  alias: 'video-dr',
  password: 'Dr#Passw0rd-secret',
  instance_role: 'master',
  disaster_recovery_instance: { id: STANDBY, region_code: 'ap-southeast-3', subnet_cidrs: ['10.0.1.0/24'], node_ips: ['10.0.1.2'] },
};

describe('createGeminiDbClient', () => {
  it('sends construction to the regional endpoint with the project filled in, signed over the exact bytes', async () => {
    const { gdb, calls } = client(() => json(202, { job_id: 'job-1', disaster_recovery_id: 'dr-1' }));
    const data = await gdb.createDisasterRecovery({ instance_id: PRIMARY, body });
    expect(data).toEqual({ job_id: 'job-1', disaster_recovery_id: 'dr-1' });

    const [call] = calls;
    expect(call?.method).toBe('POST');
    expect(call?.url).toBe(`https://gaussdb-nosql.ap-southeast-1.myhuaweicloud.com/v3/${PROJECT}/instances/${PRIMARY}/disaster-recovery/construction`);
    expect(JSON.parse(call!.body)).toEqual(body);
    expect(call?.headers['x-project-id']).toBe(PROJECT);
    // Re-derive the signature from what was received: proves the signed bytes are the sent bytes.
    const signedHeaders = /SignedHeaders=([^,]+)/.exec(call!.headers.authorization!)![1]!.split(';');
    const headers = new Headers(signedHeaders.filter((h) => h !== 'host').map((h) => [h, call!.headers[h]!]));
    const bytes = new TextEncoder().encode(call!.body);
    const expected = computeSignature({ method: 'POST', url: call!.url, headers, body: bytes, accessKeyId: AK, secretAccessKey: SK });
    expect(call?.headers.authorization).toBe(expected.authorization);
  });

  it('has one method per operation in the spec', () => {
    const { gdb } = client(() => json(200, {}));
    for (const id of Object.keys(operations)) expect(typeof (gdb as unknown as Record<string, unknown>)[id]).toBe('function');
    expect(Object.keys(operations)).toHaveLength(16);
  });

  it('throws HuaweiCloudApiError for an error response, busy codes flagged; withResponse throws the same', async () => {
    const { gdb } = client(() => json(409, { error_code: 'DBS.200019', error_msg: 'Another operation is being performed' }, { 'x-request-id': 'req-9' }));
    for (const call of [() => gdb.switchToSlave({ instance_id: PRIMARY }), () => gdb.withResponse.switchToSlave({ instance_id: PRIMARY })]) {
      const error = await call().catch((e: unknown) => e);
      expect(isHuaweiCloudApiError(error)).toBe(true);
      expect(error).toMatchObject({ status: 409, code: 'DBS.200019', busy: true, requestId: 'req-9', operation: 'switchToSlave' });
    }
  });

  it('reads the older DBS envelope {errCode, externalMessage} (the service descriptor\'s errorFields)', async () => {
    const { gdb } = client(() => json(400, { errCode: 'DBS.280001', externalMessage: 'Invalid parameter' }));
    const error = await gdb.showInstanceRole({ instance_id: PRIMARY }).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 400, code: 'DBS.280001', errorMessage: 'Invalid parameter', busy: false });
  });

  it('retries a busy answer to a POST only with retryBusy (GeminiDB\'s busy codes come from its descriptor)', async () => {
    const busyThenOk = () => sequence(() => json(409, { error_code: 'DBS.201015', error_msg: 'busy' }), () => json(202, { job_id: 'job-2' }));
    const plain = client(busyThenOk(), { maxRetries: 1 });
    await expect(plain.gdb.switchToSlave({ instance_id: PRIMARY })).rejects.toMatchObject({ code: 'DBS.201015', busy: true });
    const opted = client(busyThenOk(), { maxRetries: 1, retryBusy: true, sleep: async () => {} });
    await expect(opted.gdb.switchToSlave({ instance_id: PRIMARY })).resolves.toEqual({ job_id: 'job-2' });
    expect(opted.calls).toHaveLength(2);
  });

  it('throws for an error response with an empty body (openapi-fetch would give error: undefined)', async () => {
    const { gdb } = client(() => new Response(null, { status: 404, statusText: 'Not Found', headers: { 'x-request-id': 'req-404' } }));
    const error = await gdb.showInstanceRole({ instance_id: PRIMARY }).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 404, code: undefined, requestId: 'req-404', errorMessage: 'HTTP 404 Not Found' });
  });

  it('withResponse resolves to { data, response } (status and headers of a success)', async () => {
    const { gdb } = client(() => json(202, { job_id: 'job-1' }, { 'x-request-id': 'req-202' }));
    const { data, response } = await gdb.withResponse.switchToSlave({ instance_id: PRIMARY });
    expect(data).toEqual({ job_id: 'job-1' });
    expect(response.status).toBe(202);
    expect(response.headers.get('x-request-id')).toBe('req-202');
  });

  it('refuses options of 0.1 from plain JavaScript (throwOnError, fetch, middleware), naming what replaces them', () => {
    expect(() => client(() => json(200, {}), { throwOnError: false } as GeminiDbClientOptions)).toThrow(/throwOnError: .*client\.withResponse/);
    const gone = { fetch: globalThis.fetch, middleware: [] } as unknown as GeminiDbClientOptions;
    expect(() => client(() => json(200, {}), gone)).toThrow(/fetch: .*createFetchHandler[\s\S]*middleware: .*observers/);
  });

  it('returns data, throws HuaweiCloudApiError with code and request id, and never retries a POST', async () => {
    const { gdb, calls } = client(() => json(503, { error: { code: 'DBS.000503', message: 'Service unavailable' } }, { 'x-request-id': 'req-503' }));
    const error = await gdb.switchToMaster({ instance_id: STANDBY, body: { force: true } }).catch((e: unknown) => e);
    expect(isHuaweiCloudApiError(error)).toBe(true);
    expect(error).toMatchObject({ status: 503, code: 'DBS.000503', requestId: 'req-503', operation: 'switchToMaster' });
    expect(calls).toHaveLength(1);
  });

  it('refuses a call with a missing path parameter before anything is sent', async () => {
    const { gdb, calls } = client(() => json(200, {}));
    const error = await gdb.showInstanceRole({ instance_id: '' }).catch((e: unknown) => e);
    expect(isHuaweiCloudValidationError(error)).toBe(true);
    expect(String(error)).toContain('instance_id');
    expect(calls).toHaveLength(0);
  });

  it.each(['.', '..'])('refuses the path segment %j, which URL parsing would resolve into another path', async (segment) => {
    const { gdb, calls } = client(() => json(200, {}));
    const error = await gdb.showInstanceRole({ instance_id: segment }).catch((e: unknown) => e);
    expect(isHuaweiCloudValidationError(error)).toBe(true);
    expect(error).toMatchObject({ field: 'instance_id', operation: 'showInstanceRole' });
    expect(calls).toHaveLength(0);
  });

  it('never puts the DR password or the SK into an error message', async () => {
    const { gdb } = client(() => json(400, { error_code: 'DBS.200001', error_msg: `bad password ${body.password}` }));
    const error = (await gdb.createDisasterRecovery({ instance_id: PRIMARY, body }).catch((e: unknown) => e)) as Error;
    expect(error.message).not.toContain(SK);
    expect(JSON.stringify(error)).not.toContain(SK);
  });
});

describe('job waiters', () => {
  const job = (status: string, extra: Record<string, unknown> = {}) =>
    json(200, { jobs: [{ id: 'job-1', name: 'ConstructDisasterRecovery', status, progress: status === 'Running' ? '40%' : '', ...extra }], total_count: 1 });

  it('waits until Completed, reporting progress, and polls listJobs by id', async () => {
    const { gdb, calls } = client(sequence(() => job('Running'), () => job('Running'), () => job('Completed')));
    const time = fakeTime();
    const seen: string[] = [];
    const done = await waitUntilJobCompleted(gdb, 'job-1', {
      sleep: time.sleep,
      now: time.now,
      onProgress: (e) => seen.push(`${e.label}${e.progress ? ` ${e.progress}` : ''}`),
    });
    expect(done.status).toBe('Completed');
    expect(seen).toEqual(['Running 40%', 'Running 40%', 'Completed']);
    expect(calls.every((c) => c.url.endsWith(`/v3/${PROJECT}/jobs?id=job-1`))).toBe(true);
  });

  it('a Failed job throws with its fail_reason', async () => {
    const { gdb } = client(() => job('Failed', { fail_reason: 'peer unreachable' }));
    const time = fakeTime();
    const error = await waitUntilJobCompleted(gdb, 'job-1', { sleep: time.sleep, now: time.now }).catch((e: unknown) => e);
    expect(isHuaweiCloudWaiterError(error)).toBe(true);
    expect(String(error)).toContain('peer unreachable');
  });

  it('stops at maxWaitMs with state "timeout"', async () => {
    const { gdb } = client(() => job('Running'));
    const time = fakeTime();
    const result = await waitForJob(gdb, 'job-1', { sleep: time.sleep, now: time.now, maxWaitMs: 60_000 });
    expect(result.state).toBe('timeout');
    expect(result.elapsedMs).toBeLessThanOrEqual(60_000);
  });
});
