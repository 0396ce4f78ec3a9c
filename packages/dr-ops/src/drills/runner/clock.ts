// The drill's clocks: wall time for timestamps an auditor can correlate with API logs, a monotonic
// clock for durations (immune to NTP steps), and sleep. Injectable so tests run a drill on the
// simulator's manual clock in milliseconds of real time.
import { performance } from 'node:perf_hooks';

export interface DrillClock {
  /** Wall clock, ms since the epoch. */
  now(): number;
  /** Monotonic ms (only differences mean anything). */
  monotonic(): number;
  /** Waits `ms` (rejects with the signal's reason when aborted). */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: DrillClock = {
  now: () => Date.now(),
  monotonic: () => performance.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
};

/**
 * A clock driven by a manual `now` (e.g. the simulator's): sleeping advances it, and the monotonic
 * clock is the same time line. For tests and rehearsals on a compressed clock.
 */
export function manualDrillClock(manual: { now(): number; advance(ms: number): void }): DrillClock {
  const origin = manual.now();
  return {
    now: () => manual.now(),
    monotonic: () => manual.now() - origin,
    sleep: async (ms, signal) => {
      if (signal?.aborted) throw signal.reason;
      manual.advance(ms);
      await new Promise((resolve) => setImmediate(resolve));
    },
  };
}
