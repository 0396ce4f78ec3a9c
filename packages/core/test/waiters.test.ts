import { describe, expect, it } from 'vitest';
import { isHuaweiCloudAbortError, isHuaweiCloudWaiterError } from '../src/errors/errors.js';
import { poll, pollOrThrow, type PollProgressEvent } from '../src/waiters/poll.js';
import { fakeTime } from './helpers.js';

/** fetchState that returns the given states in order (the last one repeats) and advances the clock by `costMs`. */
function states<T>(list: T[], time?: ReturnType<typeof fakeTime>, costMs = 0) {
  let i = 0;
  return async () => {
    time?.advance(costMs);
    const v = list[Math.min(i, list.length - 1)] as T;
    i++;
    return v;
  };
}


describe('poll', () => {
  it('succeeds, reporting attempts and elapsed time', async () => {
    const time = fakeTime();
    const result = await poll({
      fetchState: states(['a', 'a', 'done'], time),
      classify: (s) => (s === 'done' ? 'success' : 'pending'),
      initialDelayMs: 1000,
      minIntervalMs: 2000,
      maxIntervalMs: 10_000,
      sleep: time.sleep,
      now: time.now,
    });
    expect(result).toEqual({ state: 'succeeded', value: 'done', lastState: 'done', attempts: 3, elapsedMs: 1000 + 2000 + 3000 });
    expect(time.sleeps).toEqual([1000, 2000, 3000]);
  });

  it('backs off from min to max interval (×1.5)', async () => {
    const time = fakeTime();
    await poll({ fetchState: states(['p']), classify: () => 'pending', initialDelayMs: 0, minIntervalMs: 5000, maxIntervalMs: 30_000, maxWaitMs: 200_000, sleep: time.sleep, now: time.now });
    expect(time.sleeps.slice(0, 7)).toEqual([5000, 7500, 11_250, 16_875, 25_313, 30_000, 30_000]);
    expect(Math.max(...time.sleeps)).toBeLessThanOrEqual(30_000);
    expect(Math.min(...time.sleeps.slice(0, -1))).toBeGreaterThanOrEqual(5000);
  });

  it('fails with the acceptor reason', async () => {
    const time = fakeTime();
    const result = await poll<{ s: string; why?: string }>({
      fetchState: states([{ s: 'Running' }, { s: 'Failed', why: 'quota' }]),
      classify: (x) => (x.s === 'Failed' ? { status: 'failure', reason: x.why } : 'pending'),
      sleep: time.sleep,
      now: time.now,
    });
    expect(result).toMatchObject({ state: 'failed', reason: 'quota', attempts: 2, lastState: { s: 'Failed', why: 'quota' } });
  });

  it('times out after maxWaitMs, with a last check at the limit', async () => {
    const time = fakeTime();
    const result = await poll({ fetchState: states(['Running']), classify: () => ({ status: 'pending', label: 'Running' }), initialDelayMs: 5000, minIntervalMs: 5000, maxIntervalMs: 5000, maxWaitMs: 20_000, sleep: time.sleep, now: time.now });
    expect(result).toEqual({ state: 'timeout', lastState: 'Running', lastLabel: 'Running', attempts: 4, elapsedMs: 20_000 });
    expect(time.sleeps).toEqual([5000, 5000, 5000, 5000]);
  });

  it('counts time spent in fetchState against maxWaitMs', async () => {
    const time = fakeTime();
    const result = await poll({ fetchState: states(['p'], time, 9000), classify: () => 'pending', initialDelayMs: 0, minIntervalMs: 1000, maxWaitMs: 20_000, sleep: time.sleep, now: time.now });
    expect(result.state).toBe('timeout');
    expect(result.attempts).toBe(3);
  });

  it('aborts immediately during a sleep (real timers)', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 20);
    const started = performance.now();
    const result = await poll({ fetchState: states(['p']), classify: () => 'pending', initialDelayMs: 0, minIntervalMs: 60_000, signal: controller.signal });
    expect(result).toMatchObject({ state: 'aborted', attempts: 1, lastState: 'p' });
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('aborts during fetchState and passes the signal to it', async () => {
    const controller = new AbortController();
    let received: AbortSignal | undefined;
    const pending = poll({
      fetchState: ({ signal }) => {
        received = signal;
        setTimeout(() => controller.abort(), 5);
        return new Promise<string>(() => {});
      },
      classify: () => 'pending',
      initialDelayMs: 0,
      signal: controller.signal,
    });
    expect(await pending).toMatchObject({ state: 'aborted', attempts: 1 });
    expect(received).toBe(controller.signal);
  });

  it('returns aborted without fetching when already aborted', async () => {
    let calls = 0;
    const result = await poll({
      fetchState: async () => {
        calls++;
        return 1;
      },
      classify: () => 'success',
      signal: AbortSignal.abort(),
    });
    expect(result.state).toBe('aborted');
    expect(calls).toBe(0);
  });

  it('reports progress on every observation and flags status changes', async () => {
    const time = fakeTime();
    const events: Array<PollProgressEvent<string>> = [];
    await poll<string>({
      fetchState: states(['Running', 'Running', 'Switching', 'Completed']),
      classify: (s) => ({ status: s === 'Completed' ? 'success' : 'pending', label: s, progress: s === 'Running' ? '50%' : undefined }),
      initialDelayMs: 0,
      minIntervalMs: 1000,
      maxIntervalMs: 1000,
      onProgress: (e) => events.push(e),
      sleep: time.sleep,
      now: time.now,
    });
    expect(events.map((e) => [e.attempt, e.label, e.changed, e.status])).toEqual([
      [1, 'Running', true, 'pending'],
      [2, 'Running', false, 'pending'],
      [3, 'Switching', true, 'pending'],
      [4, 'Completed', true, 'success'],
    ]);
    expect(events[0]).toMatchObject({ progress: '50%', nextDelayMs: 1000, value: 'Running' });
    expect(events[3]?.nextDelayMs).toBeUndefined();
    expect(events[2]?.previousLabel).toBe('Running');
  });

  it('rethrows fetchState errors unless classifyError accepts them', async () => {
    const boom = new Error('boom');
    const fetchState = async (): Promise<string> => {
      throw boom;
    };
    await expect(poll({ fetchState, classify: () => 'pending', initialDelayMs: 0 })).rejects.toBe(boom);
    const time = fakeTime();
    const result = await poll({ fetchState, classify: () => 'pending', classifyError: () => ({ status: 'failure', reason: 'gone' }), initialDelayMs: 0, sleep: time.sleep, now: time.now });
    expect(result).toMatchObject({ state: 'failed', reason: 'gone', lastError: boom });
  });
});

describe('pollOrThrow', () => {
  const base = { initialDelayMs: 0, minIntervalMs: 1, maxIntervalMs: 1 };

  it('returns the value on success', async () => {
    const time = fakeTime();
    await expect(pollOrThrow({ ...base, fetchState: states([1, 2]), classify: (n) => (n === 2 ? 'success' : 'pending'), sleep: time.sleep, now: time.now })).resolves.toBe(2);
  });

  it('throws HuaweiCloudWaiterError kind failed', async () => {
    const time = fakeTime();
    const err = await pollOrThrow({ ...base, description: 'job j1', fetchState: states(['x']), classify: () => ({ status: 'failure', reason: 'bad' }), sleep: time.sleep, now: time.now }).catch((e: unknown) => e);
    expect(isHuaweiCloudWaiterError(err)).toBe(true);
    expect(err).toMatchObject({ kind: 'failed', reason: 'bad', attempts: 1 });
    expect((err as Error).message).toContain('job j1 failed: bad');
  });

  it('throws HuaweiCloudWaiterError kind timeout', async () => {
    const time = fakeTime();
    const err = await pollOrThrow({ ...base, maxWaitMs: 10, fetchState: states(['x']), classify: () => ({ status: 'pending', label: 'Running' }), sleep: time.sleep, now: time.now }).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'timeout', reason: 'Running' });
  });

  it('throws HuaweiCloudAbortError when aborted', async () => {
    const err = await pollOrThrow({ ...base, fetchState: states(['x']), classify: () => 'pending', signal: AbortSignal.abort() }).catch((e: unknown) => e);
    expect(isHuaweiCloudAbortError(err)).toBe(true);
  });
});
