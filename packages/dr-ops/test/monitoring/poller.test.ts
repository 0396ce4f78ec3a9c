// The polling policy on its own, with a fake collector: jitter bounds, back-off on failures,
// Retry-After honoured on 429/503, the global concurrency cap, and the cache kept on failure.
import { HuaweiCloudApiError } from '@hcdr/core';
import { createManualClock } from '@hcdr/simulator';
import { describe, expect, it } from 'vitest';
import { createApiCaller, ThrottledError } from '../../src/monitoring/poll/api-caller.js';
import { MAX_BACKOFF_MS, ScopePoller, type Collect } from '../../src/monitoring/poll/scope-poller.js';
import { Semaphore } from '../../src/monitoring/poll/semaphore.js';
import { manualPollClock } from './helpers/poll-clock.js';

const identity = { key: 'dws/cn-north-4/p', service: 'dws' as const, region: 'cn-north-4', projectId: 'p', index: 0 };
const noObserver = { onRequest() {}, onError() {} };
const noRetryAfter = { take: () => undefined };
const reading = { resources: [], staleResources: 0 };

function poller(collect: Collect, random = () => 0.5, intervalMs = 30_000) {
  const clock = manualPollClock(createManualClock(0), random);
  return new ScopePoller({ identity, intervalMs, collect, semaphore: new Semaphore(2), clock, observer: noObserver, retryAfter: noRetryAfter });
}
const signal = () => new AbortController().signal;

describe('scope poller', () => {
  it('waits the interval ±10 % after a success', async () => {
    for (const [random, expected] of [
      [0, 27_000],
      [0.5, 30_000],
      [0.999_999, 33_000],
    ] as const) {
      const outcome = await poller(async () => reading, () => random).pollOnce(signal());
      expect(outcome.ok).toBe(true);
      expect(outcome.nextDelayMs).toBe(expected);
    }
  });

  it('backs off exponentially on failures, capped, and keeps the last good reading', async () => {
    let fail = false;
    const good = { resources: [], staleResources: 3 };
    const p = poller(async () => {
      if (fail) throw new Error('connection refused');
      return good;
    });
    await p.pollOnce(signal());
    fail = true;
    const delays: number[] = [];
    for (let i = 0; i < 8; i++) delays.push((await p.pollOnce(signal())).nextDelayMs);
    expect(delays).toEqual([30_000, 60_000, 120_000, 240_000, 480_000, MAX_BACKOFF_MS, MAX_BACKOFF_MS, MAX_BACKOFF_MS]);
    expect(p.state.reading).toBe(good);
    expect(p.state.consecutiveFailures).toBe(8);
    expect(p.state.lastFailure).toMatchObject({ code: 'OTHER', message: 'connection refused', throttled: false });
    fail = false;
    const back = await p.pollOnce(signal());
    expect(back.nextDelayMs).toBe(30_000);
    expect(p.state.backoffMs).toBe(0);
  });

  it('on 429/503 waits at least twice as long, and honours a longer Retry-After', async () => {
    let retryAfterMs: number | undefined;
    const p = poller(async () => {
      throw new ThrottledError(429, retryAfterMs, 'listDisasterRecover');
    });
    expect((await p.pollOnce(signal())).nextDelayMs).toBe(60_000);
    retryAfterMs = 600_000;
    expect((await p.pollOnce(signal())).nextDelayMs).toBe(600_000);
    expect(p.state.lastFailure).toMatchObject({ throttled: true, retryAfterMs: 600_000, code: 'HTTP_429' });
    retryAfterMs = 10 * 24 * 3_600_000; // a broken gateway asking for ten days
    expect((await p.pollOnce(signal())).nextDelayMs).toBe(3_600_000);
  });

  it('turns a 429 answer into ThrottledError carrying the recorded Retry-After', async () => {
    const caller = createApiCaller({ semaphore: new Semaphore(1), poll: new AbortController(), observer: noObserver, retryAfter: { take: () => 120_000 } });
    const error = new HuaweiCloudApiError({ status: 429, code: 'APIGW.0308', errorMessage: 'throttled', operation: 'listInstances' } as never);
    await expect(caller.call('listInstances', async () => Promise.reject(error))).rejects.toMatchObject({ name: 'ThrottledError', status: 429, retryAfterMs: 120_000 });
  });

  it('never has more calls in flight than the global cap, across scopes', async () => {
    const semaphore = new Semaphore(3);
    let inFlight = 0;
    let peak = 0;
    const call = async () => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((r) => setTimeout(r, 1));
      inFlight--;
    };
    const collect: Collect = async (caller) => {
      await Promise.all(Array.from({ length: 20 }, () => caller.call('op', call)));
      return reading;
    };
    const clock = manualPollClock(createManualClock(0));
    const pollers = [0, 1, 2, 3].map(
      (i) => new ScopePoller({ identity: { ...identity, key: `k${i}` }, intervalMs: 30_000, collect, semaphore, clock, observer: noObserver, retryAfter: noRetryAfter }),
    );
    await Promise.all(pollers.map((p) => p.pollOnce(signal())));
    expect(peak).toBe(3);
    expect(semaphore.inUse).toBe(0);
  });

  it('stops sending the rest of a poll after the first 429', async () => {
    let sent = 0;
    const collect: Collect = async (caller) => {
      await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          caller.call('op', async () => {
            sent++;
            if (i === 0) throw new ThrottledError(429, undefined, 'op');
            await new Promise((r) => setTimeout(r, 1));
          }),
        ),
      );
      return reading;
    };
    const p = new ScopePoller({
      identity,
      intervalMs: 30_000,
      collect,
      semaphore: new Semaphore(1),
      clock: manualPollClock(createManualClock(0)),
      observer: noObserver,
      retryAfter: noRetryAfter,
    });
    const outcome = await p.pollOnce(signal());
    expect(outcome.failure?.throttled).toBe(true);
    expect(sent).toBe(1);
  });
});
