import { computeSignature, isHuaweiCloudApiError, isHuaweiCloudValidationError, isHuaweiCloudWaiterError } from '@hcdr/core';
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

function client<Throw extends boolean = false>(handler: Parameters<typeof recordingFetch>[0], extra: GeminiDbClientOptions<Throw> = {}) {
  const recorder = recordingFetch(handler);
  const gdb = createGeminiDbClient<Throw>({
    region: 'ap-southeast-1',
    projectId: PROJECT,
    credentials: { accessKeyId: AK, secretAccessKey: SK },
    env: {},
    fetch: recorder.fetch,
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
    const { data, error } = await gdb.createDisasterRecovery({ instance_id: PRIMARY, body });
    expect(error).toBeUndefined();
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

  it('keeps openapi-fetch results by default: an error response is data-less with the parsed envelope', async () => {
    const { gdb } = client(() => json(409, { error_code: 'DBS.200019', error_msg: 'Another operation is being performed' }, { 'x-request-id': 'req-9' }));
    const result = await gdb.switchToSlave({ instance_id: PRIMARY });
    expect(result.data).toBeUndefined();
    expect(result.error).toMatchObject({ error_code: 'DBS.200019' });
    expect(result.response.status).toBe(409);
  });

  it('throwOnError: returns data, throws HuaweiCloudApiError with code and request id, and never retries a POST', async () => {
    const { gdb, calls } = client(
      () => json(503, { error: { code: 'DBS.000503', message: 'Service unavailable' } }, { 'x-request-id': 'req-503' }),
      { throwOnError: true },
    );
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
    const { gdb } = client(() => json(400, { error_code: 'DBS.200001', error_msg: `bad password ${body.password}` }), { throwOnError: true });
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

  it('stops at maxWaitMs with state "timeout" and works with a throwing client too', async () => {
    const { gdb } = client(() => job('Running'), { throwOnError: true });
    const time = fakeTime();
    const result = await waitForJob(gdb, 'job-1', { sleep: time.sleep, now: time.now, maxWaitMs: 60_000 });
    expect(result.state).toBe('timeout');
    expect(result.elapsedMs).toBeLessThanOrEqual(60_000);
  });
});
