import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fullJitterDelay, parseRetryAfter, retryDelay } from '../src/transport/backoff.js';
import { decideRetry, failedBeforeSend, isSafeMethod, type AttemptOutcome } from '../src/transport/retry-policy.js';
import { defaultSleep, raceWithSignal, timeoutSignal } from '../src/transport/timeouts.js';
import { seededRandom } from './helpers.js';

const decide = (method: string, outcome: AttemptOutcome, extra: { attempt?: number; maxRetries?: number; retryBusy?: boolean; busyCodes?: readonly string[] } = {}) =>
  decideRetry({ method, outcome, attempt: extra.attempt ?? 1, maxRetries: extra.maxRetries ?? 3, retryBusy: extra.retryBusy ?? false, busyCodes: extra.busyCodes });

describe('decideRetry', () => {
  it('GET/HEAD are safe; the rest are not', () => {
    expect(['GET', 'head'].map(isSafeMethod)).toEqual([true, true]);
    expect(['POST', 'PUT', 'DELETE', 'PATCH'].map(isSafeMethod)).toEqual([false, false, false, false]);
  });

  it('retries transient statuses only for safe methods', () => {
    for (const status of [429, 502, 503, 504]) {
      expect(decide('GET', { kind: 'response', status }).retry).toBe(true);
      for (const m of ['POST', 'PUT', 'DELETE', 'PATCH']) expect(decide(m, { kind: 'response', status }).retry).toBe(false);
    }
    for (const status of [200, 400, 401, 404, 409, 500, 501]) expect(decide('GET', { kind: 'response', status }).retry).toBe(false);
  });

  it('retries network errors for GET, and for POST only before sending', () => {
    expect(decide('GET', { kind: 'network', errorCode: 'ECONNRESET' }).retry).toBe(true);
    expect(decide('GET', { kind: 'network' }).retry).toBe(true);
    expect(decide('POST', { kind: 'network', errorCode: 'ECONNRESET' }).retry).toBe(false);
    expect(decide('POST', { kind: 'network' }).retry).toBe(false);
    for (const code of ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT']) {
      expect(failedBeforeSend(code)).toBe(true);
      expect(decide('POST', { kind: 'network', errorCode: code }).retry).toBe(true);
    }
    expect(failedBeforeSend('ECONNRESET')).toBe(false);
    expect(failedBeforeSend('UND_ERR_SOCKET')).toBe(false);
  });

  it('retries attempt timeouts for GET only; never deadlines or aborts', () => {
    expect(decide('GET', { kind: 'timeout', scope: 'attempt' }).retry).toBe(true);
    expect(decide('POST', { kind: 'timeout', scope: 'attempt' }).retry).toBe(false);
    expect(decide('GET', { kind: 'timeout', scope: 'deadline' }).retry).toBe(false);
    expect(decide('GET', { kind: 'abort' }).retry).toBe(false);
  });

  it('retries busy codes for any method only when opted in', () => {
    const busy: AttemptOutcome = { kind: 'response', status: 409, errorCode: 'SVC.BUSY' };
    expect(decide('POST', busy, { busyCodes: ['SVC.BUSY'] }).retry).toBe(false);
    expect(decide('POST', busy, { retryBusy: true, busyCodes: ['SVC.BUSY'] })).toEqual({ retry: true, reason: 'instance busy (SVC.BUSY)' });
    // No code is busy unless the service says so.
    expect(decide('POST', busy, { retryBusy: true }).retry).toBe(false);
    expect(decideRetry({ method: 'POST', outcome: { kind: 'response', status: 409, errorCode: 'X.1' }, attempt: 1, maxRetries: 3, retryBusy: true, busyCodes: ['X.1'] }).retry).toBe(true);
  });

  it('respects maxRetries and says why it stopped', () => {
    const r = decide('GET', { kind: 'response', status: 503 }, { attempt: 4, maxRetries: 3 });
    expect(r).toEqual({ retry: false, reason: 'HTTP 503; retry limit (3) reached' });
    expect(decide('GET', { kind: 'response', status: 503 }, { attempt: 3, maxRetries: 3 }).retry).toBe(true);
  });
});

describe('back-off', () => {
  it('full jitter stays within [0, min(cap, base·2^(n-1))) for any random source value', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (retry, r) => {
        const d = fullJitterDelay(retry, { baseMs: 500, capMs: 8000 }, () => r);
        const ceiling = Math.min(8000, 500 * 2 ** (retry - 1));
        expect(d).toBeGreaterThanOrEqual(0);
        expect(d).toBeLessThan(ceiling);
        expect(Number.isInteger(d)).toBe(true);
      }),
    );
  });

  it('spreads delays across the window with a seeded source', () => {
    const random = seededRandom(1);
    const delays = Array.from({ length: 1000 }, () => fullJitterDelay(5, { baseMs: 500, capMs: 8000 }, random));
    expect(Math.min(...delays)).toBeLessThan(400);
    expect(Math.max(...delays)).toBeGreaterThan(7600);
  });

  it('parses Retry-After seconds and HTTP dates', () => {
    const now = Date.UTC(2024, 0, 1, 0, 0, 0);
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
    expect(parseRetryAfter('1.5', now)).toBe(1500);
    expect(parseRetryAfter('Mon, 01 Jan 2024 00:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Sun, 31 Dec 2023 23:00:00 GMT', now)).toBe(0);
    for (const bad of [null, undefined, '', '-5', 'soon', 'NaN']) expect(parseRetryAfter(bad, now)).toBeUndefined();
  });

  it('Retry-After wins over jitter and is capped', () => {
    const opts = { baseMs: 500, capMs: 8000, retryAfterCapMs: 60_000 };
    expect(retryDelay(1, 2000, opts, () => 0.5)).toBe(2000);
    expect(retryDelay(1, 600_000, opts, () => 0.5)).toBe(60_000);
    expect(retryDelay(1, undefined, opts, () => 0.5)).toBe(250);
  });
});

describe('timer helpers (real timers)', () => {
  it('defaultSleep resolves after the delay and rejects at once on abort', async () => {
    const t0 = performance.now();
    await defaultSleep(15);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(10);
    const c = new AbortController();
    setTimeout(() => c.abort(new Error('stop')), 5);
    const t1 = performance.now();
    await expect(defaultSleep(10_000, c.signal)).rejects.toThrow('stop');
    expect(performance.now() - t1).toBeLessThan(1000);
  });

  it('timeoutSignal fires, can be cleared, and never fires for Infinity', async () => {
    const a = timeoutSignal(5);
    const b = timeoutSignal(5);
    b.clear();
    const c = timeoutSignal(Infinity);
    await defaultSleep(30);
    expect(a.signal.aborted).toBe(true);
    expect(b.signal.aborted).toBe(false);
    expect(c.signal.aborted).toBe(false);
  });

  it('raceWithSignal settles with the promise or the abort, whichever is first', async () => {
    await expect(raceWithSignal(Promise.resolve(1), new AbortController().signal)).resolves.toBe(1);
    await expect(raceWithSignal(new Promise(() => {}), AbortSignal.abort(new Error('gone')))).rejects.toThrow('gone');
    await expect(raceWithSignal(Promise.reject(new Error('own')), undefined)).rejects.toThrow('own');
  });
});
