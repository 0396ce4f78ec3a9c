// Every API call of the exporter goes through here: it waits for a slot under the global cap,
// counts the call, turns 429/503 into a ThrottledError carrying the server's Retry-After (which
// stops the scope's poll and backs it off), and gives each failure a bounded label value.
import {
  isHuaweiCloudAbortError,
  isHuaweiCloudApiError,
  isHuaweiCloudConfigError,
  isHuaweiCloudInvalidResponseError,
  isHuaweiCloudNetworkError,
  isHuaweiCloudTimeoutError,
  parseRetryAfter,
  type CallObserver as ClientCallObserver,
} from '@hcdr/core';
import type { Semaphore } from './semaphore.js';

/** The API asked us to slow down (HTTP 429, or 503 with or without Retry-After). */
export class ThrottledError extends Error {
  override readonly name = 'ThrottledError';
  constructor(
    readonly status: number,
    /** The server's Retry-After, in ms, when it sent one. */
    readonly retryAfterMs: number | undefined,
    readonly operation: string,
    options?: ErrorOptions,
  ) {
    super(`${operation}: HTTP ${status}${retryAfterMs === undefined ? '' : ` (Retry-After ${Math.ceil(retryAfterMs / 1000)}s)`}`, options);
  }
}

export const isThrottled = (error: unknown): error is ThrottledError => error instanceof ThrottledError;

export interface CallObserver {
  onRequest(operation: string): void;
  onError(code: string): void;
}

export interface ApiCaller {
  readonly signal: AbortSignal;
  /** Runs one API call under the global cap. Throws ThrottledError on 429/503. */
  call<T>(operation: string, fn: (signal: AbortSignal) => Promise<T>): Promise<T>;
}

/**
 * Remembers the Retry-After of 429/503 answers (the typed API error does not carry headers).
 * Add `observer` to the scope's clients; `take()` returns the longest value seen and forgets it.
 */
export function retryAfterRecorder(now: () => number = Date.now): { observer: ClientCallObserver; take(): number | undefined } {
  let longest: number | undefined;
  return {
    observer: {
      onResponse(_call, response) {
        if (response.status !== 429 && response.status !== 503) return;
        const ms = parseRetryAfter(response.headers['retry-after'], now());
        if (ms !== undefined) longest = Math.max(longest ?? 0, ms);
      },
    },
    take() {
      const value = longest;
      longest = undefined;
      return value;
    },
  };
}

export function createApiCaller(options: {
  semaphore: Semaphore;
  /** The poll's controller: aborted on the first 429/503, so queued calls of the poll are never sent. */
  poll: AbortController;
  observer: CallObserver;
  retryAfter: { take(): number | undefined };
}): ApiCaller {
  const { semaphore, poll, observer, retryAfter } = options;
  const signal = poll.signal;
  return {
    signal,
    async call(operation, fn) {
      return semaphore.run(async () => {
        signal.throwIfAborted();
        observer.onRequest(operation);
        try {
          return await fn(signal);
        } catch (error) {
          if (isHuaweiCloudAbortError(error) || signal.aborted) throw error;
          let thrown = error;
          if (isHuaweiCloudApiError(error) && (error.status === 429 || error.status === 503)) {
            thrown = new ThrottledError(error.status, retryAfter.take(), operation, { cause: error });
          }
          observer.onError(errorCode(error));
          // Before the slot is released: the next queued call must see the poll aborted.
          if (isThrottled(thrown)) poll.abort(thrown);
          throw thrown;
        }
      }, signal);
    },
  };
}

const API_CODE = /^[A-Za-z][A-Za-z0-9]{0,15}\.[A-Za-z0-9]{1,16}$/;

/**
 * A label value for a failure, from a small set: the API's error code when it looks like one
 * (`DBS.200019`, `APIGW.0301`), else `HTTP_<status>`, `NETWORK_<errno>`, `TIMEOUT`, ...
 * A hostile or broken endpoint cannot make the label set grow without bound.
 */
export function errorCode(error: unknown): string {
  if (isThrottled(error)) return `HTTP_${error.status}`;
  if (isHuaweiCloudApiError(error)) return error.code && API_CODE.test(error.code) ? error.code : `HTTP_${error.status}`;
  if (isHuaweiCloudTimeoutError(error)) return 'TIMEOUT';
  if (isHuaweiCloudNetworkError(error)) return error.errorCode && /^E[A-Z_]{1,30}$/.test(error.errorCode) ? `NETWORK_${error.errorCode}` : 'NETWORK';
  if (isHuaweiCloudInvalidResponseError(error)) return 'INVALID_RESPONSE';
  if (isHuaweiCloudConfigError(error)) return 'CONFIG';
  return 'OTHER';
}
