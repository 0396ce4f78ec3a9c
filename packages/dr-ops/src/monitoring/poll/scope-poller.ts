// One poller per scope: polls, keeps the last good reading (a scrape never calls the API), and
// decides when to poll next: the interval with ±10 % jitter when healthy; on 429/503 the server's
// Retry-After or an exponential back-off, whichever is longer; after other failures an exponential
// back-off from the interval. Failures never clear the cached reading: staleness shows in
// hcdr_scope_last_success_timestamp_seconds instead.
import { setMaxListeners } from 'node:events';
import type { ResourceReading, ScopeIdentity, ScopeReading } from '../collect/types.js';
import { type ApiCaller, createApiCaller, errorCode, isThrottled, type CallObserver } from './api-caller.js';
import type { PollClock } from './clock.js';
import type { Semaphore } from './semaphore.js';

/** Longest wait between polls of a failing scope. */
export const MAX_BACKOFF_MS = 15 * 60_000;
/** Longest Retry-After honoured: a broken gateway must not silence a scope for days. */
export const MAX_RETRY_AFTER_MS = 60 * 60_000;
const JITTER = 0.1;

export interface PollFailure {
  readonly code: string;
  /** The error's message (core errors carry no secrets). */
  readonly message: string;
  readonly throttled: boolean;
  readonly retryAfterMs?: number | undefined;
}

export interface ScopeState {
  readonly reading: ScopeReading | undefined;
  readonly lastAttemptMs: number | undefined;
  readonly lastSuccessMs: number | undefined;
  readonly lastDurationMs: number | undefined;
  /** The last poll's failure, undefined after a success. */
  readonly lastFailure: PollFailure | undefined;
  readonly consecutiveFailures: number;
  /** How much longer than the interval the poller is waiting now (0 when healthy). */
  readonly backoffMs: number;
  readonly polls: number;
}

export interface PollOutcome {
  readonly ok: boolean;
  readonly durationMs: number;
  readonly failure?: PollFailure | undefined;
  /** When the next poll is due, from the end of this one. */
  readonly nextDelayMs: number;
}

export type Collect = (caller: ApiCaller, previous: ReadonlyMap<string, ResourceReading>) => Promise<ScopeReading>;

export interface ScopePollerOptions {
  readonly identity: ScopeIdentity;
  readonly intervalMs: number;
  readonly collect: Collect;
  readonly semaphore: Semaphore;
  readonly clock: PollClock;
  readonly observer: CallObserver;
  readonly retryAfter: { take(): number | undefined };
  /** Called after every poll (metrics, logs). */
  readonly onPoll?: ((poller: ScopePoller, outcome: PollOutcome) => void) | undefined;
}

export class ScopePoller {
  readonly identity: ScopeIdentity;
  readonly intervalMs: number;
  readonly #o: ScopePollerOptions;
  #state: ScopeState = {
    reading: undefined,
    lastAttemptMs: undefined,
    lastSuccessMs: undefined,
    lastDurationMs: undefined,
    lastFailure: undefined,
    consecutiveFailures: 0,
    backoffMs: 0,
    polls: 0,
  };
  #running: Promise<PollOutcome> | undefined;

  constructor(options: ScopePollerOptions) {
    this.#o = options;
    this.identity = options.identity;
    this.intervalMs = options.intervalMs;
  }

  get state(): ScopeState {
    return this.#state;
  }

  /** One poll now. A poll already under way is joined, not doubled. */
  pollOnce(signal: AbortSignal): Promise<PollOutcome> {
    if (!this.#running) {
      this.#running = this.#poll(signal).finally(() => {
        this.#running = undefined;
      });
    }
    return this.#running;
  }

  /**
   * Polls until `signal` aborts. The first poll waits a random part of `initialSpreadMs` so that
   * scopes (and exporters restarted together) do not hit the API in step.
   */
  async run(signal: AbortSignal, initialSpreadMs = Math.min(this.intervalMs, 5_000)): Promise<void> {
    const { clock } = this.#o;
    try {
      await clock.sleep(Math.floor(clock.random() * initialSpreadMs), signal);
      for (;;) {
        const outcome = await this.pollOnce(signal);
        await clock.sleep(outcome.nextDelayMs, signal);
      }
    } catch (error) {
      if (!signal.aborted) throw error;
    }
  }

  async #poll(outer: AbortSignal): Promise<PollOutcome> {
    const { clock, semaphore, observer, retryAfter } = this.#o;
    // Aborted on the first 429/503 so that queued calls of this poll are not sent.
    const poll = new AbortController();
    // Every queued and in-flight call of the poll listens to it: hundreds for a large scope.
    setMaxListeners(0, poll.signal);
    const stop = () => poll.abort(outer.reason);
    outer.addEventListener('abort', stop, { once: true });
    const started = clock.now();
    retryAfter.take(); // a Retry-After from an earlier poll is no advice for this one
    const caller = createApiCaller({ semaphore, poll, observer, retryAfter });
    const previous = new Map<string, ResourceReading>();
    for (const r of this.#state.reading?.resources ?? []) previous.set(r.service === 'geminidb' ? r.instanceId : r.drId, r);
    try {
      const reading = await this.#o.collect(caller, previous);
      const durationMs = clock.now() - started;
      this.#state = {
        ...this.#state,
        reading,
        lastAttemptMs: started,
        lastSuccessMs: clock.now(),
        lastDurationMs: durationMs,
        lastFailure: undefined,
        consecutiveFailures: 0,
        backoffMs: 0,
        polls: this.#state.polls + 1,
      };
      return this.#finish({ ok: true, durationMs, nextDelayMs: this.#jitter(this.intervalMs) });
    } catch (thrown) {
      if (outer.aborted) throw thrown;
      // A throttled poll may end with the abort it caused: report the throttling itself.
      const error = poll.signal.aborted && isThrottled(poll.signal.reason) ? poll.signal.reason : thrown;
      poll.abort(error);
      const failures = this.#state.consecutiveFailures + 1;
      const failure = describeFailure(error);
      const backoff = Math.min(MAX_BACKOFF_MS, this.intervalMs * 2 ** (failures - 1));
      const wait = failure.throttled ? Math.max(Math.min(failure.retryAfterMs ?? 0, MAX_RETRY_AFTER_MS), backoff * 2) : backoff;
      const nextDelayMs = this.#jitter(Math.max(wait, this.intervalMs));
      const durationMs = clock.now() - started;
      this.#state = {
        ...this.#state,
        lastAttemptMs: started,
        lastDurationMs: durationMs,
        lastFailure: failure,
        consecutiveFailures: failures,
        backoffMs: Math.max(0, nextDelayMs - this.intervalMs),
        polls: this.#state.polls + 1,
      };
      return this.#finish({ ok: false, durationMs, failure, nextDelayMs });
    } finally {
      outer.removeEventListener('abort', stop);
    }
  }

  #finish(outcome: PollOutcome): PollOutcome {
    this.#o.onPoll?.(this, outcome);
    return outcome;
  }

  #jitter(ms: number): number {
    return Math.round(ms * (1 - JITTER + 2 * JITTER * this.#o.clock.random()));
  }
}

function describeFailure(error: unknown): PollFailure {
  const message = (error instanceof Error ? error.message : String(error)).split('\n')[0]?.slice(0, 300) ?? '';
  if (isThrottled(error)) return { code: `HTTP_${error.status}`, message, throttled: true, retryAfterMs: error.retryAfterMs };
  return { code: errorCode(error), message, throttled: false };
}
