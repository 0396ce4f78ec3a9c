// Call observers: a plain hook per call for evidence recorders, tracers and throttle meters, run on
// the direct call path (no Request/Response objects are built for them, and nothing from the
// openapi-fetch escape hatch is needed by a client that has none).
import type { CallMetadata } from '../transport/call-metadata.js';

/** One call as observers see it; the same object is passed to every callback of that call. */
export interface ObservedCall {
  /** The operationId. */
  readonly operation: string;
  readonly method: string;
  /** The path template, e.g. `/v3/{project_id}/jobs/{job_id}`. */
  readonly path: string;
  /** The URL sent (path and query filled in; no credentials are ever part of it). */
  readonly url: string;
}

/** The final answer of a call, whatever its status (an error status is still an answer). */
export interface ObservedResponse {
  readonly status: number;
  /** Response headers, lower-case names. */
  readonly headers: Readonly<Record<string, string>>;
  readonly metadata: CallMetadata;
}

/**
 * Sees every call a client makes: `onRequest` before the first attempt, then exactly one of
 * `onResponse` (the final answer, any status) or `onError` (no answer: network failure, timeout,
 * abort). Per call, not per attempt (retries are inside). An observer that throws does not break
 * the call. Observers never see request headers or bodies.
 */
export interface CallObserver {
  /** The call is about to be sent (its input passed the checks). */
  onRequest?(call: ObservedCall): void;
  /** The call's final answer arrived, whatever its status (an error status then throws to the caller). */
  onResponse?(call: ObservedCall, response: ObservedResponse): void;
  /** The call ended without an answer: network failure, timeout, abort, a body over the limit. */
  onError?(call: ObservedCall, error: unknown): void;
}

/** The observers of one client: fixed ones from its options plus those attached later. */
export interface ObserverList {
  readonly list: CallObserver[];
  /** Attaches an observer; returns a function that detaches it. */
  attach(observer: CallObserver): () => void;
}

export function createObserverList(initial: readonly CallObserver[] = []): ObserverList {
  const list = [...initial];
  return {
    list,
    attach(observer) {
      list.push(observer);
      return () => {
        const i = list.indexOf(observer);
        if (i !== -1) list.splice(i, 1);
      };
    },
  };
}

/** Calls `event` on each observer of `list` (a per-call snapshot), keeping a throwing observer from breaking the call. */
export function notifyObservers(list: readonly CallObserver[], event: (observer: CallObserver) => void): void {
  for (const observer of list) {
    try {
      event(observer);
    } catch {
      // An observer is a bystander: its failure must not change the call's outcome.
    }
  }
}
