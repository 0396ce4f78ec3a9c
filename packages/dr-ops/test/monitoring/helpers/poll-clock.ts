// A PollClock on the simulator's manual clock: pollers' sleeps end only when the test advances
// time, so "within one interval" is checked by moving the clock, never by waiting.
import type { ManualClock } from '@hcdr/simulator';
import type { PollClock } from '../../../src/monitoring/index.js';

export interface ManualPollClock extends PollClock {
  /** Moves the clock (simulator included) and wakes the sleepers that are due, in order. */
  advance(ms: number): void;
  /** Sleepers waiting right now. */
  readonly sleepers: number;
}

export function manualPollClock(clock: ManualClock, random: () => number = () => 0.5): ManualPollClock {
  const sleepers: { due: number; resolve: () => void }[] = [];
  return {
    now: clock.now,
    random,
    get sleepers() {
      return sleepers.length;
    },
    sleep(ms, signal) {
      return new Promise<void>((resolve, reject) => {
        if (signal.aborted) return reject(signal.reason);
        const entry = {
          due: clock.now() + ms,
          resolve: () => {
            signal.removeEventListener('abort', onAbort);
            resolve();
          },
        };
        const onAbort = () => {
          const i = sleepers.indexOf(entry);
          if (i >= 0) sleepers.splice(i, 1);
          reject(signal.reason);
        };
        signal.addEventListener('abort', onAbort, { once: true });
        sleepers.push(entry);
      });
    },
    advance(ms) {
      clock.advance(ms);
      const now = clock.now();
      const due = sleepers.filter((s) => s.due <= now).sort((a, b) => a.due - b.due);
      for (const s of due) {
        sleepers.splice(sleepers.indexOf(s), 1);
        s.resolve();
      }
    },
  };
}

/**
 * Waits until `condition` holds, letting I/O run in between. A guard of a few seconds of real time
 * turns a hang into a failure; it measures nothing.
 */
export async function until(condition: () => boolean, what: string, guardMs = 10_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > guardMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
