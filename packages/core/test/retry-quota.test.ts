// The retry quota (a token bucket shared by concurrent calls) and the call metadata on results and errors.
import { describe, expect, it } from 'vitest';
import { isHuaweiCloudNetworkError } from '../src/errors/errors.js';
import { callMetadata } from '../src/transport/call-metadata.js';
import { createTransport } from '../src/transport/create-transport.js';
import { createRetryQuota } from '../src/transport/retry-quota.js';
import { fakeTime, json, networkError, recordingFetch, seededRandom, sequence, TEST_AK, TEST_PROJECT, TEST_SK } from './helpers.js';

const BASE = 'https://dws.cn-north-4.myhuaweicloud.com';
const aksk = { type: 'aksk' as const, accessKeyId: TEST_AK, secretAccessKey: TEST_SK };

describe('createRetryQuota', () => {
  it('charges 5 per retry and 10 after a timeout, refuses what it cannot pay, and refills on success', () => {
    const quota = createRetryQuota({ capacity: 22 });
    expect(quota.acquire(false)).toBe(5);
    expect(quota.acquire(true)).toBe(10);
    expect(quota.available).toBe(7);
    expect(quota.acquire(true)).toBeUndefined();
    expect(quota.acquire(false)).toBe(5);
    expect(quota.acquire(false)).toBeUndefined();
    quota.succeeded(5); // a call that succeeded after a retry returns what that retry took
    quota.succeeded(undefined); // a first-time success adds 1
    expect(quota.available).toBe(8);
    for (let i = 0; i < 100; i++) quota.succeeded(undefined);
    expect(quota.available).toBe(22); // never above capacity
  });
});

describe('retry quota shared by concurrent calls', () => {
  it('an outage does not become a retry storm: 20 concurrent GETs against a dead endpoint', async () => {
    const outage = () => {
      const rec = recordingFetch(sequence(() => json(503, { error_code: 'APIGW.0305', error_msg: 'down' })));
      const time = fakeTime();
      return { rec, options: { auth: aksk, projectId: TEST_PROJECT, fetch: rec.fetch, sleep: time.sleep, now: time.now, random: seededRandom(7), maxRetries: 3 } };
    };
    // Without a shared budget every call makes its 4 attempts.
    const unlimited = outage();
    const plain = createTransport({ ...unlimited.options, retryQuota: createRetryQuota({ capacity: Number.MAX_SAFE_INTEGER }) });
    await Promise.all(Array.from({ length: 20 }, () => plain(`${BASE}/v2/p/disaster-recoveries`)));
    expect(unlimited.rec.calls).toHaveLength(80);

    // With a 50-token bucket (10 retries at 5 each), the 20 calls together make 20 + 10 attempts.
    const limited = outage();
    const quota = createRetryQuota({ capacity: 50 });
    const transport = createTransport({ ...limited.options, retryQuota: quota });
    const responses = await Promise.all(Array.from({ length: 20 }, () => transport(`${BASE}/v2/p/disaster-recoveries`)));
    expect(responses.every((r) => r.status === 503)).toBe(true);
    expect(limited.rec.calls).toHaveLength(30);
    expect(quota.available).toBeLessThan(5);
    const attempts = responses.map((r) => callMetadata(r)?.attempts ?? 0);
    expect(attempts.reduce((a, b) => a + b, 0)).toBe(30);
  });

  it('successes refill the bucket, so retries resume after the outage', async () => {
    const quota = createRetryQuota({ capacity: 10 });
    const rec = recordingFetch(sequence(() => json(503, {}), () => json(503, {}), () => json(503, {}), () => json(200, { ok: 1 })));
    const time = fakeTime();
    const transport = createTransport({ auth: aksk, fetch: rec.fetch, sleep: time.sleep, now: time.now, random: seededRandom(1), retryQuota: quota });
    const first = await transport(`${BASE}/a`);
    // Two retries fit in 10 tokens; the third is refused and the 503 returned.
    expect(first.status).toBe(503);
    expect(callMetadata(first)?.attempts).toBe(3);
    expect(quota.available).toBe(0);
    const second = await transport(`${BASE}/a`);
    expect(second.status).toBe(200); // the fourth answer: a first-time success
    expect(quota.available).toBe(1);
  });

  it('a bucket passed to several clients is shared by them', async () => {
    const shared = createRetryQuota({ capacity: 5 });
    const make = () => {
      const rec = recordingFetch(sequence(() => json(502, {})));
      const time = fakeTime();
      return { rec, transport: createTransport({ auth: aksk, fetch: rec.fetch, sleep: time.sleep, now: time.now, random: seededRandom(2), retryQuota: shared }) };
    };
    const a = make();
    const b = make();
    await a.transport(`${BASE}/a`);
    await b.transport(`${BASE}/b`);
    expect(a.rec.calls).toHaveLength(2); // one retry took the 5 tokens
    expect(b.rec.calls).toHaveLength(1); // nothing left for the other client
  });
});

describe('call metadata', () => {
  it('a response carries attempts, time, retry waits, status and the request id of the last answer', async () => {
    const rec = recordingFetch(
      sequence(
        () => json(503, {}, { 'x-request-id': 'rq-1' }),
        () => json(200, { ok: true }, { 'x-request-id': 'rq-2' }),
      ),
    );
    const time = fakeTime();
    const transport = createTransport({ auth: aksk, fetch: rec.fetch, sleep: time.sleep, now: time.now, random: () => 0.5 });
    const response = await transport(`${BASE}/x`);
    expect(callMetadata(response)).toEqual({ attempts: 2, totalMs: 250, retryDelayMs: 250, status: 200, requestId: 'rq-2' });
    expect(callMetadata({})).toBeUndefined();
    expect(callMetadata(undefined)).toBeUndefined();
  });

  it('an error carries it too, as error.$metadata and through callMetadata()', async () => {
    const rec = recordingFetch(
      sequence(() => {
        throw networkError('ECONNRESET');
      }),
    );
    const time = fakeTime();
    const transport = createTransport({ auth: aksk, fetch: rec.fetch, sleep: time.sleep, now: time.now, random: () => 0, maxRetries: 2 });
    const error = await transport(`${BASE}/x`).catch((e: unknown) => e);
    expect(isHuaweiCloudNetworkError(error)).toBe(true);
    const expected = { attempts: 3, totalMs: 0, retryDelayMs: 0, status: undefined, requestId: undefined };
    expect(callMetadata(error)).toEqual(expected);
    expect((error as { $metadata: unknown }).$metadata).toEqual(expected);
  });
});

describe('call metadata on API errors', () => {
  it('toApiError copies the metadata the transport recorded on the response', async () => {
    const { toApiError } = await import('../src/errors/to-api-error.js');
    const rec = recordingFetch(sequence(() => json(409, { error_code: 'DBS.200019', error_msg: 'busy' }, { 'x-request-id': 'rq-9' })));
    const transport = createTransport({ auth: aksk, fetch: rec.fetch });
    const response = await transport(`${BASE}/x`, { method: 'POST', body: '{}' });
    const error = toApiError(response, await response.json(), 'CreateX');
    expect(error.$metadata).toMatchObject({ attempts: 1, status: 409, requestId: 'rq-9' });
  });
});
