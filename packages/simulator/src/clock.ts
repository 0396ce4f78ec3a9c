/**
 * The simulator's notion of time. Everything time-dependent (job progress, DR task transitions,
 * X-Sdk-Date skew checks, timestamps in responses) reads this one clock, so a test that injects
 * `now` controls all of it and gets deterministic results.
 */
export interface Clock {
  /** Milliseconds since the Unix epoch, as the simulator sees it. */
  now(): number;
  /** How long one simulated job or DR-task transition lasts on this clock, in ms. */
  readonly transitionMs: number;
  /** The speed-up factor (`timeScale` option): slow simulated processes such as lag waves run this much faster. */
  readonly timeScale: number;
}

export interface ClockOptions {
  now?: () => number;
  /** Duration of every job / transition before scaling. Default 1500 ms (comfortable for a live demo). */
  jobDurationMs?: number;
  /** Speed-up factor: durations are divided by it. `timeScale: 30` turns 1500 ms jobs into 50 ms. */
  timeScale?: number;
}

export const DEFAULT_JOB_DURATION_MS = 1500;

export function createClock(options: ClockOptions = {}): Clock {
  const now = options.now ?? Date.now;
  const jobDurationMs = options.jobDurationMs ?? DEFAULT_JOB_DURATION_MS;
  const timeScale = options.timeScale ?? 1;
  if (!Number.isFinite(jobDurationMs) || jobDurationMs < 0) {
    throw new RangeError(`jobDurationMs must be a finite number >= 0, got ${jobDurationMs}`);
  }
  if (!Number.isFinite(timeScale) || timeScale <= 0) {
    throw new RangeError(`timeScale must be a finite number > 0, got ${timeScale}`);
  }
  return { now: () => now(), transitionMs: jobDurationMs / timeScale, timeScale };
}

/** A clock tests can move by hand. Starts at `start` (default: the real time, so signed requests stay fresh). */
export interface ManualClock {
  readonly now: () => number;
  advance(ms: number): void;
  set(epochMs: number): void;
}

export function createManualClock(start: number = Date.now()): ManualClock {
  let current = start;
  return {
    now: () => current,
    advance(ms) {
      current += ms;
    },
    set(epochMs) {
      current = epochMs;
    },
  };
}

/** `yyyy-mm-ddThh:mm:ss+0000`, the offset style GeminiDB job timestamps use. */
export function formatGeminiTime(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/\.\d{3}Z$/, '+0000');
}

/** `yyyy-mm-ddThh:mm:ssZ` (UTC, no fractional seconds). */
export function formatIsoSeconds(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
