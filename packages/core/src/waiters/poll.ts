import { HuaweiCloudAbortError, HuaweiCloudWaiterError } from '../errors/errors.js';
import { defaultSleep, raceWithSignal, type Sleep } from '../transport/timeouts.js';

export type PollStatus = 'pending' | 'success' | 'failure';

/** What an acceptor says about one observation. */
export interface PollClassification {
  status: PollStatus;
  /** Failure reason, e.g. a job's fail_reason. */
  reason?: string | undefined;
  /** Progress text, e.g. `60%`. */
  progress?: string | undefined;
  /** The resource's own status word (e.g. `Running`, `starting`); a change of label counts as a status change. */
  label?: string | undefined;
}

export type Classification = PollStatus | PollClassification;

export interface PollProgressEvent<T> {
  /** 1-based observation number. */
  attempt: number;
  elapsedMs: number;
  status: PollStatus;
  /** The resource's status word (or the PollStatus when the acceptor gives none). */
  label: string;
  /** True on the first observation and whenever `label` differs from the previous observation. */
  changed: boolean;
  previousLabel?: string | undefined;
  progress?: string | undefined;
  reason?: string | undefined;
  /** The fetched state, when the observation was a value. */
  value?: T | undefined;
  /** The error, when the observation was an error that `classifyError` accepted. */
  error?: unknown;
  /** Wait before the next observation; undefined when this observation ends the wait. */
  nextDelayMs?: number | undefined;
}

export interface PollOptions<T> {
  /** Reads the current state. Receives the caller's signal. */
  fetchState: (context: { attempt: number; signal: AbortSignal | undefined }) => Promise<T>;
  /** Maps a state to pending / success / failure. */
  classify: (state: T) => Classification;
  /**
   * Maps an error thrown by fetchState (e.g. a 404 meaning "deleted"). Return `'throw'` (or omit
   * this option) to let the error end the wait by rejecting.
   */
  classifyError?: ((error: unknown) => Classification | 'throw') | undefined;
  /** Wait before the first observation (default 5 000 ms): async operations need a moment to show up. */
  initialDelayMs?: number | undefined;
  /** First interval between observations (default 5 000 ms). */
  minIntervalMs?: number | undefined;
  /** Largest interval (default 30 000 ms); intervals grow ×1.5 from min to max. */
  maxIntervalMs?: number | undefined;
  /** Give up after this long (default 30 min). */
  maxWaitMs?: number | undefined;
  /** Growth factor of the interval (default 1.5). */
  backoffFactor?: number | undefined;
  /** Cancels the wait immediately, including during a sleep. */
  signal?: AbortSignal | undefined;
  /** Called after every observation (the event says whether the status changed). */
  onProgress?: ((event: PollProgressEvent<T>) => void) | undefined;
  /** Injectable for tests. */
  sleep?: Sleep | undefined;
  /** Injectable clock (ms). */
  now?: (() => number) | undefined;
}

export type PollResult<T> =
  | { state: 'succeeded'; value: T; lastState: T | undefined; attempts: number; elapsedMs: number }
  | { state: 'failed'; reason: string | undefined; lastState: T | undefined; lastError?: unknown; attempts: number; elapsedMs: number }
  | { state: 'timeout'; lastState: T | undefined; lastLabel: string | undefined; attempts: number; elapsedMs: number }
  | { state: 'aborted'; lastState: T | undefined; attempts: number; elapsedMs: number };

export const POLL_DEFAULTS = Object.freeze({
  initialDelayMs: 5_000,
  minIntervalMs: 5_000,
  maxIntervalMs: 30_000,
  maxWaitMs: 30 * 60_000,
  backoffFactor: 1.5,
});

function normalize(c: Classification): PollClassification {
  return typeof c === 'string' ? { status: c } : c;
}

/**
 * Generic waiter: observes a resource until its acceptor says success or failure, maxWaitMs
 * passes, or the signal aborts. Never throws for those outcomes; it returns a discriminated result.
 * (It rejects only when fetchState throws something classifyError does not accept.)
 */
export async function poll<T>(options: PollOptions<T>): Promise<PollResult<T>> {
  const initialDelayMs = options.initialDelayMs ?? POLL_DEFAULTS.initialDelayMs;
  const minIntervalMs = options.minIntervalMs ?? POLL_DEFAULTS.minIntervalMs;
  const maxIntervalMs = Math.max(minIntervalMs, options.maxIntervalMs ?? POLL_DEFAULTS.maxIntervalMs);
  const maxWaitMs = options.maxWaitMs ?? POLL_DEFAULTS.maxWaitMs;
  const factor = Math.max(1, options.backoffFactor ?? POLL_DEFAULTS.backoffFactor);
  const sleep = options.sleep ?? defaultSleep;
  const now = options.now ?? Date.now;
  const signal = options.signal;

  const start = now();
  const elapsed = () => Math.max(0, now() - start);
  let attempts = 0;
  let lastState: T | undefined;
  let lastLabel: string | undefined;
  let interval = minIntervalMs;
  const aborted = (): PollResult<T> => ({ state: 'aborted', lastState, attempts, elapsedMs: elapsed() });

  /** false when aborted. */
  const wait = async (ms: number): Promise<boolean> => {
    if (signal?.aborted) return false;
    try {
      await raceWithSignal(sleep(ms, signal), signal);
    } catch (error) {
      if (signal?.aborted) return false;
      throw error;
    }
    return !signal?.aborted;
  };

  if (initialDelayMs > 0 && !(await wait(Math.min(initialDelayMs, maxWaitMs)))) return aborted();

  for (;;) {
    if (signal?.aborted) return aborted();
    attempts++;
    let classification: PollClassification;
    let value: T | undefined;
    let error: unknown;
    let hasValue = false;
    try {
      value = await raceWithSignal(options.fetchState({ attempt: attempts, signal }), signal);
      hasValue = true;
      lastState = value;
      classification = normalize(options.classify(value));
    } catch (e) {
      if (signal?.aborted) return aborted();
      const mapped = options.classifyError?.(e) ?? 'throw';
      if (mapped === 'throw') throw e;
      error = e;
      classification = normalize(mapped);
    }

    const label = classification.label ?? classification.status;
    const changed = attempts === 1 || label !== lastLabel;
    const previousLabel = lastLabel;
    lastLabel = label;
    const remaining = maxWaitMs - elapsed();
    const terminal = classification.status !== 'pending' || remaining <= 0;
    const nextDelayMs = terminal ? undefined : Math.min(interval, remaining);

    options.onProgress?.({
      attempt: attempts,
      elapsedMs: elapsed(),
      status: classification.status,
      label,
      changed,
      previousLabel,
      progress: classification.progress,
      reason: classification.reason,
      value: hasValue ? value : undefined,
      error,
      nextDelayMs,
    });

    if (classification.status === 'success') {
      return { state: 'succeeded', value: value as T, lastState, attempts, elapsedMs: elapsed() };
    }
    if (classification.status === 'failure') {
      return { state: 'failed', reason: classification.reason, lastState, lastError: error, attempts, elapsedMs: elapsed() };
    }
    if (nextDelayMs === undefined) return { state: 'timeout', lastState, lastLabel, attempts, elapsedMs: elapsed() };
    if (!(await wait(nextDelayMs))) return aborted();
    interval = Math.min(maxIntervalMs, Math.round(interval * factor));
  }
}

/**
 * Like poll(), but returns the successful state and throws otherwise:
 * HuaweiCloudWaiterError (kind `failed` | `timeout`) or HuaweiCloudAbortError.
 * @param description names the thing waited for in error messages, e.g. `job 123`.
 */
export async function pollOrThrow<T>(options: PollOptions<T> & { description?: string | undefined }): Promise<T> {
  const result = await poll(options);
  switch (result.state) {
    case 'succeeded':
      return result.value;
    case 'aborted':
      throw new HuaweiCloudAbortError({ operation: options.description ? `Waiting for ${options.description}` : 'Waiting', reason: options.signal?.reason });
    case 'failed':
      throw new HuaweiCloudWaiterError({
        kind: 'failed',
        reason: result.reason,
        lastState: result.lastState,
        attempts: result.attempts,
        elapsedMs: result.elapsedMs,
        description: options.description,
      });
    case 'timeout':
      throw new HuaweiCloudWaiterError({
        kind: 'timeout',
        reason: result.lastLabel,
        lastState: result.lastState,
        attempts: result.attempts,
        elapsedMs: result.elapsedMs,
        description: options.description,
      });
  }
}
