/** Timer and abort plumbing shared by the transport and the waiters. */

/** Larger delays overflow setTimeout (they would fire immediately). */
const MAX_TIMER_MS = 2_147_483_647;

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/** setTimeout-based sleep that rejects with the signal's reason as soon as it aborts. */
export const defaultSleep: Sleep = (ms, signal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, Math.max(0, Math.min(ms, MAX_TIMER_MS)));
    signal?.addEventListener('abort', onAbort, { once: true });
  });

/** An AbortSignal that fires after `ms`; `clear()` disarms it. Infinite or huge values never fire. */
export function timeoutSignal(ms: number): { signal: AbortSignal; clear: () => void } {
  const controller = new AbortController();
  if (!Number.isFinite(ms) || ms > MAX_TIMER_MS) return { signal: controller.signal, clear: () => {} };
  const timer = setTimeout(() => controller.abort(new Error(`timed out after ${ms} ms`)), Math.max(0, ms));
  // Do not keep a CLI alive just for a guard timer; the socket or sleep it guards holds the loop.
  timer.unref?.();
  return { signal: controller.signal, clear: () => clearTimeout(timer) };
}

/**
 * Settles with `promise`, or rejects with `signal.reason` as soon as the signal aborts, even if
 * the work behind `promise` ignores the signal (an injected fetch or sleep might).
 */
export function raceWithSignal<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) {
    promise.catch(() => {});
    return Promise.reject(signal.reason);
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => {
      promise.catch(() => {});
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}

/**
 * One attempt's signal: aborts when the caller's signal does or after `ms`. A single controller, a
 * single timer and one listener — what `AbortSignal.any([caller, AbortSignal.timeout(ms)])` does, at
 * a fraction of its cost on Node 20. `timedOut()` tells the timer from the caller; `clear()` disarms both.
 */
export function attemptGuard(caller: AbortSignal | undefined, ms: number): { signal: AbortSignal; timedOut: () => boolean; clear: () => void } {
  const controller = new AbortController();
  let fired = false;
  const onCallerAbort = () => controller.abort(caller?.reason);
  if (caller?.aborted) onCallerAbort();
  else caller?.addEventListener('abort', onCallerAbort, { once: true });
  const timer =
    Number.isFinite(ms) && ms <= MAX_TIMER_MS
      ? setTimeout(() => {
          fired = true;
          controller.abort(new Error(`timed out after ${ms} ms`));
        }, Math.max(0, ms))
      : undefined;
  // Do not keep a CLI alive just for a guard timer; the socket it guards holds the loop.
  timer?.unref?.();
  return {
    signal: controller.signal,
    timedOut: () => fired,
    clear: () => {
      if (timer !== undefined) clearTimeout(timer);
      caller?.removeEventListener('abort', onCallerAbort);
    },
  };
}
