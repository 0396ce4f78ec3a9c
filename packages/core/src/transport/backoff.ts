/** Back-off arithmetic. Pure: the random source and the clock are parameters. */

export interface BackoffOptions {
  /** Delay ceiling of the first retry, doubled on each further retry. */
  baseMs: number;
  /** Upper bound of the ceiling. */
  capMs: number;
}

/**
 * "Full jitter" (AWS Architecture Blog): uniform in [0, min(cap, base·2^(retry-1))).
 * Spreads simultaneous clients apart better than equal or no jitter.
 * @param retry 1 for the first retry.
 * @param random returns a number in [0, 1).
 */
export function fullJitterDelay(retry: number, options: BackoffOptions, random: () => number): number {
  const ceiling = Math.min(options.capMs, options.baseMs * 2 ** Math.max(0, retry - 1));
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.floor(r * ceiling);
}

/**
 * Parses Retry-After: delta-seconds or an HTTP date. Returns milliseconds (>= 0), or undefined
 * when absent or unparseable.
 */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | undefined {
  if (value === null || value === undefined) return undefined;
  const v = value.trim();
  if (v === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000);
  if (!/[a-z]/i.test(v)) return undefined; // e.g. "-5": not a date either
  const at = Date.parse(v);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMs);
}

/** The wait before the next attempt: Retry-After (capped) when the server sent one, else full jitter. */
export function retryDelay(
  retry: number,
  retryAfterMs: number | undefined,
  options: BackoffOptions & { retryAfterCapMs: number },
  random: () => number,
): number {
  if (retryAfterMs !== undefined) return Math.min(retryAfterMs, options.retryAfterCapMs);
  return fullJitterDelay(retry, options, random);
}
