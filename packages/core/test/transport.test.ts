import { describe, expect, it } from 'vitest';
import { isHuaweiCloudAbortError, isHuaweiCloudNetworkError, isHuaweiCloudTimeoutError, HuaweiCloudTimeoutError } from '../src/errors/errors.js';
import { computeSignature } from '../src/signing/sign-request.js';
import { createTransport, TRANSPORT_DEFAULTS, networkErrorCode } from '../src/transport/create-transport.js';
import type { RequestLogEvent } from '../src/logging/types.js';
import { fakeTime, json, networkError, recordingFetch, seededRandom, sequence, TEST_AK, TEST_PROJECT, TEST_SK } from './helpers.js';

const BASE = 'https://example.cn-north-4.myhuaweicloud.com';
const aksk = { type: 'aksk' as const, accessKeyId: TEST_AK, secretAccessKey: TEST_SK };

function setup(handler: Parameters<typeof recordingFetch>[0], extra: Partial<Parameters<typeof createTransport>[0]> = {}) {
  const rec = recordingFetch(handler);
  const time = fakeTime();
  const transport = createTransport({ auth: aksk, projectId: TEST_PROJECT, fetch: rec.fetch, sleep: time.sleep, now: time.now, random: seededRandom(42), ...extra });
  return { ...rec, time, transport };
}

describe('retries: which requests', () => {
  it('retries a GET answered 503 up to maxRetries, then returns the last response', async () => {
    const { transport, calls } = setup(sequence(() => json(503, { error_code: 'X', error_msg: 'busy 1' })), { maxRetries: 3 });
    const res = await transport(new Request(`${BASE}/v3/p/jobs`));
    expect(calls).toHaveLength(4);
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ error_code: 'X', error_msg: 'busy 1' });
  });

  it('stops retrying once a GET succeeds', async () => {
    const { transport, calls } = setup(sequence(() => json(502, {}), () => json(504, {}), () => json(200, { ok: true })));
    const res = await transport(new Request(`${BASE}/v3/p/jobs`));
    expect(calls).toHaveLength(3);
    expect(await res.json()).toEqual({ ok: true });
  });

  it('never retries a POST answered 503', async () => {
    const { transport, calls, time } = setup(sequence(() => json(503, {}), () => json(200, {})));
    const res = await transport(new Request(`${BASE}/v3/p/instances/i/switchover-master`, { method: 'POST', body: '{}' }));
    expect(res.status).toBe(503);
    expect(calls).toHaveLength(1);
    expect(time.sleeps).toEqual([]);
  });

  it.each(['PUT', 'DELETE', 'PATCH'])('never retries a %s answered 429 or 502', async (method) => {
    for (const status of [429, 502]) {
      const { transport, calls } = setup(sequence(() => json(status, {}), () => json(200, {})));
      const res = await transport(new Request(`${BASE}/x`, { method, body: method === 'DELETE' ? null : '{}' }));
      expect(res.status).toBe(status);
      expect(calls).toHaveLength(1);
    }
  });

  it('does not retry non-transient statuses, even for GET', async () => {
    for (const status of [400, 401, 403, 404, 409, 500]) {
      const { transport, calls } = setup(sequence(() => json(status, {}), () => json(200, {})));
      expect((await transport(new Request(`${BASE}/x`))).status).toBe(status);
      expect(calls).toHaveLength(1);
    }
  });

  it('maxRetries: 0 disables retries', async () => {
    const { transport, calls } = setup(sequence(() => json(503, {})), { maxRetries: 0 });
    await transport(new Request(`${BASE}/x`));
    expect(calls).toHaveLength(1);
  });

  it('default maxRetries is 3 (4 attempts)', async () => {
    const { transport, calls } = setup(sequence(() => json(503, {})));
    await transport(new Request(`${BASE}/x`));
    expect(calls).toHaveLength(TRANSPORT_DEFAULTS.maxRetries + 1);
  });
});

describe('retries: network errors', () => {
  it('retries a GET after a connection reset', async () => {
    let n = 0;
    const { transport, calls } = setup(() => {
      if (n++ === 0) throw networkError('ECONNRESET');
      return json(200, { ok: 1 });
    });
    expect((await transport(new Request(`${BASE}/x`))).status).toBe(200);
    expect(calls).toHaveLength(2);
  });

  it('does not retry a POST after a reset (it may have reached the server)', async () => {
    const { transport, calls } = setup(() => {
      throw networkError('ECONNRESET');
    });
    const err = await transport(new Request(`${BASE}/x`, { method: 'POST', body: '{}' })).catch((e: unknown) => e);
    expect(isHuaweiCloudNetworkError(err)).toBe(true);
    expect(err).toMatchObject({ errorCode: 'ECONNRESET', beforeSend: false, attempts: 1, operation: 'POST /x' });
    expect(calls).toHaveLength(1);
  });

  it.each(['ECONNREFUSED', 'ENOTFOUND'])('retries a POST when the connection provably failed before sending (%s)', async (code) => {
    let n = 0;
    const { transport, calls } = setup(() => {
      if (n++ === 0) throw networkError(code);
      return json(202, { job_id: 'j' });
    });
    const res = await transport(new Request(`${BASE}/x`, { method: 'POST', body: '{"a":1}' }));
    expect(res.status).toBe(202);
    expect(calls).toHaveLength(2);
    expect(calls[1]?.body).toBe('{"a":1}');
  });

  it('throws a typed network error after the last retry', async () => {
    const { transport, calls } = setup(() => {
      throw networkError('ENOTFOUND');
    }, { maxRetries: 2 });
    const err = await transport(new Request(`${BASE}/x`)).catch((e: unknown) => e);
    expect(isHuaweiCloudNetworkError(err)).toBe(true);
    expect(err).toMatchObject({ errorCode: 'ENOTFOUND', beforeSend: true, attempts: 3 });
    expect(calls).toHaveLength(3);
  });

  it('finds error codes nested in causes and AggregateErrors', () => {
    expect(networkErrorCode(networkError('EAI_AGAIN'))).toBe('EAI_AGAIN');
    const agg = new TypeError('fetch failed', { cause: new AggregateError([Object.assign(new Error('x'), { code: 'ECONNREFUSED' })]) });
    expect(networkErrorCode(agg)).toBe('ECONNREFUSED');
    expect(networkErrorCode(new Error('plain'))).toBeUndefined();
  });
});

describe('retries: busy codes (opt-in)', () => {
  const busy = () => json(409, { error_code: 'SVC.BUSY1', error_msg: 'Another operation is being performed' });
  const busyCodes = ['SVC.BUSY1', 'SVC.BUSY2'];

  it('does not retry busy answers by default', async () => {
    const { transport, calls } = setup(sequence(busy, () => json(202, {})));
    expect((await transport(new Request(`${BASE}/x`, { method: 'POST', body: '{}' }))).status).toBe(409);
    expect(calls).toHaveLength(1);
  });

  it('retries a POST answered with a busy code when retryBusy is set, with back-off', async () => {
    const { transport, calls, time } = setup(sequence(busy, () => json(400, { error_code: 'SVC.BUSY2', error_msg: 'b' }), () => json(202, { job_id: 'j' })), { retryBusy: true, busyCodes });
    const res = await transport(new Request(`${BASE}/x`, { method: 'POST', body: '{}' }));
    expect(res.status).toBe(202);
    expect(calls).toHaveLength(3);
    expect(time.sleeps).toHaveLength(2);
    // the body handed back is still readable after the busy check peeked at it
    expect(await res.json()).toEqual({ job_id: 'j' });
  });

  it('does not treat other error codes as busy', async () => {
    const { transport, calls } = setup(sequence(() => json(409, { error_code: 'SVC.OTHER', error_msg: 'x' }), () => json(202, {})), { retryBusy: true, busyCodes });
    expect((await transport(new Request(`${BASE}/x`, { method: 'POST', body: '{}' }))).status).toBe(409);
    expect(calls).toHaveLength(1);
  });

  it('finds the busy code in the service\'s own error fields (errorFields)', async () => {
    const legacy = () => json(409, { errCode: 'SVC.BUSY1', externalMessage: 'busy' });
    const { transport, calls } = setup(sequence(legacy, () => json(202, {})), { retryBusy: true, busyCodes, errorFields: { code: ['errCode'] } });
    expect((await transport(new Request(`${BASE}/x`, { method: 'POST', body: '{}' }))).status).toBe(202);
    expect(calls).toHaveLength(2);
  });

  it('retries nothing as busy when no busy codes are given', async () => {
    const { transport, calls } = setup(sequence(busy, () => json(202, {})), { retryBusy: true });
    expect((await transport(new Request(`${BASE}/x`, { method: 'POST', body: '{}' }))).status).toBe(409);
    expect(calls).toHaveLength(1);
  });
});

describe('back-off', () => {
  it('uses full jitter within [0, min(cap, base·2^(n-1))) driven by the injected random source', async () => {
    const { transport, time } = setup(sequence(() => json(503, {})), { maxRetries: 6, backoffBaseMs: 500, backoffCapMs: 8000, random: seededRandom(7), deadlineMs: Infinity });
    await transport(new Request(`${BASE}/x`));
    const expected = seededRandom(7);
    const ceilings = [500, 1000, 2000, 4000, 8000, 8000];
    expect(time.sleeps).toEqual(ceilings.map((c) => Math.floor(expected() * c)));
    time.sleeps.forEach((s, i) => {
      expect(s).toBeGreaterThanOrEqual(0);
      expect(s).toBeLessThan(ceilings[i]!);
    });
  });

  it('is reproducible with the same seed', async () => {
    const run = async () => {
      const { transport, time } = setup(sequence(() => json(503, {})), { random: seededRandom(123) });
      await transport(new Request(`${BASE}/x`));
      return time.sleeps;
    };
    expect(await run()).toEqual(await run());
  });

  it('honours Retry-After in seconds', async () => {
    const { transport, time } = setup(sequence(() => json(429, {}, { 'retry-after': '3' }), () => json(200, {})));
    await transport(new Request(`${BASE}/x`));
    expect(time.sleeps).toEqual([3000]);
  });

  it('honours Retry-After as an HTTP date', async () => {
    const time0 = fakeTime();
    const at = new Date(time0.now() + 7000).toUTCString();
    const { transport, time } = setup(sequence(() => json(503, {}, { 'retry-after': at }), () => json(200, {})), { now: time0.now, sleep: time0.sleep });
    await transport(new Request(`${BASE}/x`));
    expect(time.sleeps).toEqual([]);
    expect(time0.sleeps).toEqual([7000]);
  });

  it('caps Retry-After', async () => {
    const { transport, time } = setup(sequence(() => json(503, {}, { 'retry-after': '3600' }), () => json(200, {})), { retryAfterCapMs: 10_000 });
    await transport(new Request(`${BASE}/x`));
    expect(time.sleeps).toEqual([10_000]);
  });

  it('gives up (returning the response) when the wait would pass the overall deadline', async () => {
    const { transport, calls, time } = setup(sequence(() => json(503, {}, { 'retry-after': '50' }), () => json(200, {})), { deadlineMs: 20_000 });
    const res = await transport(new Request(`${BASE}/x`));
    expect(res.status).toBe(503);
    expect(calls).toHaveLength(1);
    expect(time.sleeps).toEqual([]);
  });
});

describe('signing inside each attempt', () => {
  it('re-signs every attempt with a fresh X-Sdk-Date, and each signature verifies', async () => {
    const { transport, calls } = setup(sequence(() => json(503, {}), () => json(200, {})), { random: () => 0.999, backoffBaseMs: 5000 });
    await transport(new Request(`${BASE}/v3/${TEST_PROJECT}/jobs?id=a%20b&limit=10`, { headers: { 'content-type': 'application/json' } }));
    expect(calls).toHaveLength(2);
    const [first, second] = calls as [(typeof calls)[0], (typeof calls)[0]];
    expect(first.headers['x-sdk-date']).not.toBe(second.headers['x-sdk-date']);
    expect(first.headers['authorization']).not.toBe(second.headers['authorization']);
    for (const call of calls) {
      expect(call.headers['x-project-id']).toBe(TEST_PROJECT);
      const recomputed = computeSignature({ method: call.method, url: call.url, headers: new Headers(call.headers), body: undefined, accessKeyId: TEST_AK, secretAccessKey: TEST_SK });
      expect(call.headers['authorization']).toBe(recomputed.authorization);
      expect(recomputed.signedHeaders).toBe('content-type;host;x-project-id;x-sdk-date');
    }
  });

  it('sends the exact body bytes it signed, on every attempt', async () => {
    const bytes = new Uint8Array([0, 255, 1, 254, 0x7b]);
    const seen: Uint8Array[] = [];
    const { transport } = setup(async (req, i) => {
      seen.push(new Uint8Array(await req.clone().arrayBuffer()));
      const recomputed = computeSignature({ method: req.method, url: req.url, headers: req.headers, body: seen[i], accessKeyId: TEST_AK, secretAccessKey: TEST_SK });
      expect(req.headers.get('authorization')).toBe(recomputed.authorization);
      if (i === 0) throw networkError('ECONNREFUSED');
      return json(200, {});
    });
    await transport(new Request(`${BASE}/x`, { method: 'PUT', body: bytes, headers: { 'content-type': 'application/octet-stream' } }));
    expect(seen).toEqual([bytes, bytes]);
  });

  it('uses the injected clock for X-Sdk-Date', async () => {
    const { transport, calls } = setup(() => json(200, {}), { now: () => Date.UTC(2030, 5, 7, 8, 9, 10) });
    await transport(new Request(`${BASE}/x`));
    expect(calls[0]?.headers['x-sdk-date']).toBe('20300607T080910Z');
  });

  it('adds X-Security-Token for temporary credentials', async () => {
    const { transport, calls } = setup(() => json(200, {}), { auth: { ...aksk, securityToken: 'temp-token-123' } });
    await transport(new Request(`${BASE}/x`));
    expect(calls[0]?.headers['x-security-token']).toBe('temp-token-123');
    expect(calls[0]?.headers['authorization']).toContain('x-security-token');
  });

  it('token auth sends X-Auth-Token and neither Authorization nor X-Project-Id', async () => {
    const { transport, calls } = setup(() => json(200, {}), { auth: { type: 'token', token: 'tok-abc' } });
    await transport(new Request(`${BASE}/x`, { headers: { authorization: 'stale', 'x-sdk-date': 'stale' } }));
    expect(calls[0]?.headers['x-auth-token']).toBe('tok-abc');
    expect(calls[0]?.headers['authorization']).toBeUndefined();
    expect(calls[0]?.headers['x-sdk-date']).toBeUndefined();
    expect(calls[0]?.headers['x-project-id']).toBeUndefined();
  });

  it('does not follow redirects (a token would be forwarded)', async () => {
    let redirect: string | undefined;
    const { transport } = setup((req) => {
      redirect = req.redirect;
      return json(200, {});
    });
    await transport(new Request(`${BASE}/x`));
    expect(redirect).toBe('manual');
  });

  it('adds default headers and user agent without overriding the request', async () => {
    const { transport, calls } = setup(() => json(200, {}), { headers: { 'X-Language': 'en-us', 'X-Custom': 'default' }, userAgent: 'hcdr-test/1' });
    await transport(new Request(`${BASE}/x`, { headers: { 'x-custom': 'mine' } }));
    expect(calls[0]?.headers).toMatchObject({ 'x-language': 'en-us', 'x-custom': 'mine', 'user-agent': 'hcdr-test/1' });
    expect(calls[0]?.headers['authorization']).toContain('x-custom;x-language;');
    expect(calls[0]?.headers['authorization']).not.toContain('user-agent');
  });
});

describe('responses', () => {
  it('returns a readable response with the request URL and a null body for 204', async () => {
    const { transport } = setup(() => new Response(null, { status: 204 }));
    const res = await transport(`${BASE}/v3/p/precheck`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(204);
    expect(res.body).toBeNull();
    expect(res.url).toBe(`${BASE}/v3/p/precheck`);
  });

  it('accepts (url, init) like fetch', async () => {
    const { transport, calls } = setup(() => json(200, { a: 1 }));
    const res = await transport(`${BASE}/x?y=1`, { method: 'POST', body: 'hello', headers: { 'content-type': 'text/plain' } });
    expect(await res.json()).toEqual({ a: 1 });
    expect(calls[0]).toMatchObject({ method: 'POST', body: 'hello', url: `${BASE}/x?y=1` });
  });

  it('rejects invalid numeric options early', () => {
    expect(() => createTransport({ auth: aksk, maxRetries: -1 })).toThrow(RangeError);
    expect(() => createTransport({ auth: aksk, timeoutMs: Number.NaN })).toThrow(RangeError);
  });
});

describe('timeouts and cancellation (real timers)', () => {
  const hangRespectingSignal = (req: Request) =>
    new Promise<Response>((_, reject) => req.signal.addEventListener('abort', () => reject(req.signal.reason), { once: true }));
  const hangForever = () => new Promise<Response>(() => {});

  it('throws a per-attempt timeout error', async () => {
    const transport = createTransport({ auth: aksk, fetch: hangRespectingSignal, timeoutMs: 30, maxRetries: 0 });
    const err = await transport(new Request(`${BASE}/x`)).catch((e: unknown) => e);
    expect(isHuaweiCloudTimeoutError(err)).toBe(true);
    expect(err).toMatchObject({ scope: 'attempt', timeoutMs: 30, attempts: 1 });
  });

  it('retries a timed-out GET, but not a timed-out POST', async () => {
    for (const [method, expectedCalls] of [['GET', 3], ['POST', 1]] as const) {
      const rec = recordingFetch(hangForever);
      const transport = createTransport({ auth: aksk, fetch: rec.fetch, timeoutMs: 20, maxRetries: 2, sleep: async () => {} });
      const err = await transport(new Request(`${BASE}/x`, { method, body: method === 'POST' ? '{}' : null })).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(HuaweiCloudTimeoutError);
      expect(rec.calls).toHaveLength(expectedCalls);
    }
  });

  it('throws a deadline error when the overall deadline passes first', async () => {
    const transport = createTransport({ auth: aksk, fetch: hangForever, timeoutMs: 10_000, deadlineMs: 40 });
    const started = performance.now();
    const err = await transport(new Request(`${BASE}/x`)).catch((e: unknown) => e);
    expect(isHuaweiCloudTimeoutError(err)).toBe(true);
    expect(err).toMatchObject({ scope: 'deadline', timeoutMs: 40 });
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('covers a stalled response body with the per-attempt timeout', async () => {
    const stalled = () => new Response(new ReadableStream({ start() {} }), { status: 200 });
    const transport = createTransport({ auth: aksk, fetch: async () => stalled(), timeoutMs: 30, maxRetries: 0 });
    const err = await transport(new Request(`${BASE}/x`)).catch((e: unknown) => e);
    expect(isHuaweiCloudTimeoutError(err)).toBe(true);
  });

  it('aborts immediately during back-off (< 50 ms after abort)', async () => {
    const controller = new AbortController();
    let abortedAt = 0;
    const transport = createTransport({
      auth: aksk,
      fetch: async () => {
        setTimeout(() => {
          abortedAt = performance.now();
          controller.abort(new Error('user pressed Ctrl-C'));
        }, 20);
        return json(503, {});
      },
      backoffBaseMs: 10_000,
      backoffCapMs: 10_000,
      random: () => 0.99, // ~9.9 s of back-off, real timers
    });
    const err = await transport(new Request(`${BASE}/x`, { signal: controller.signal })).catch((e: unknown) => e);
    const latency = performance.now() - abortedAt;
    expect(isHuaweiCloudAbortError(err)).toBe(true);
    expect(abortedAt).toBeGreaterThan(0);
    expect(latency).toBeLessThan(50);
    expect(err).toMatchObject({ reason: new Error('user pressed Ctrl-C') });
  });

  it('aborts immediately during back-off even with a sleep that ignores its signal', async () => {
    const controller = new AbortController();
    const transport = createTransport({
      auth: aksk,
      fetch: async () => json(503, {}),
      sleep: () => new Promise((resolve) => setTimeout(resolve, 5_000)),
    });
    setTimeout(() => controller.abort(), 20);
    const started = performance.now();
    const err = await transport(new Request(`${BASE}/x`, { signal: controller.signal })).catch((e: unknown) => e);
    expect(isHuaweiCloudAbortError(err)).toBe(true);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('aborts an in-flight request, even if the fetch ignores its signal', async () => {
    const controller = new AbortController();
    const transport = createTransport({ auth: aksk, fetch: hangForever });
    setTimeout(() => controller.abort(), 20);
    const err = await transport(new Request(`${BASE}/x`, { signal: controller.signal })).catch((e: unknown) => e);
    expect(isHuaweiCloudAbortError(err)).toBe(true);
    expect(err).toMatchObject({ operation: 'GET /x' });
  });

  it('does not call fetch when the signal is already aborted', async () => {
    const rec = recordingFetch(() => json(200, {}));
    const transport = createTransport({ auth: aksk, fetch: rec.fetch });
    const err = await transport(new Request(`${BASE}/x`, { signal: AbortSignal.abort() })).catch((e: unknown) => e);
    expect(isHuaweiCloudAbortError(err)).toBe(true);
    expect(rec.calls).toHaveLength(0);
  });

  it('passes a signal to the underlying fetch that fires on caller abort', async () => {
    const controller = new AbortController();
    let seen: AbortSignal | undefined;
    const transport = createTransport({
      auth: aksk,
      fetch: (req) => {
        seen = req.signal;
        return hangRespectingSignal(req);
      },
    });
    const pending = transport(new Request(`${BASE}/x`, { signal: controller.signal })).catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 5));
    controller.abort();
    expect(isHuaweiCloudAbortError(await pending)).toBe(true);
    expect(seen?.aborted).toBe(true);
  });
});

describe('logger hook', () => {
  it('reports each attempt with method, url, status, duration, request id and retry info', async () => {
    const events: RequestLogEvent[] = [];
    const time = fakeTime();
    let i = 0;
    const transport = createTransport({
      auth: aksk,
      projectId: TEST_PROJECT,
      now: time.now,
      sleep: time.sleep,
      random: () => 0.5,
      fetch: async () => {
        time.advance(120);
        return i++ === 0 ? json(503, {}, { 'x-request-id': 'req-1' }) : json(200, {}, { 'x-request-id': 'req-2' });
      },
      logger: (e) => events.push(e),
      operationName: () => 'ListJobs',
    });
    await transport(new Request(`${BASE}/v3/p/jobs?id=1`, { headers: { 'content-type': 'application/json' } }));
    expect(events).toHaveLength(2);
    expect(events[0]).toMatchObject({
      type: 'response',
      operation: 'ListJobs',
      method: 'GET',
      url: `${BASE}/v3/p/jobs?id=1`,
      attempt: 1,
      status: 503,
      durationMs: 120,
      requestId: 'req-1',
      signedHeaders: 'content-type;host;x-project-id;x-sdk-date',
      retry: { delayMs: 250, reason: 'HTTP 503' },
    });
    expect(events[1]).toMatchObject({ attempt: 2, status: 200, requestId: 'req-2', retry: undefined });
    expect(events[0]?.headers['authorization']).toBe('[REDACTED]');
    expect(events[0]?.headers['x-project-id']).toBe(TEST_PROJECT);
    expect(events[0]?.headers['content-type']).toBe('application/json');
  });

  it('reports network errors and survives a throwing logger', async () => {
    const events: RequestLogEvent[] = [];
    const transport = createTransport({
      auth: aksk,
      fetch: async () => {
        throw networkError('ECONNRESET');
      },
      maxRetries: 0,
      logger: (e) => {
        events.push(e);
        throw new Error('logger bug');
      },
    });
    const err = await transport(new Request(`${BASE}/x`, { method: 'POST', body: '{}' })).catch((e: unknown) => e);
    expect(isHuaweiCloudNetworkError(err)).toBe(true);
    expect(events[0]).toMatchObject({ type: 'error', status: undefined, attempt: 1 });
    expect(events[0]?.error).toMatch(/^HuaweiCloudNetworkError: Network error calling POST \/x \(ECONNRESET\)/);
  });
});
