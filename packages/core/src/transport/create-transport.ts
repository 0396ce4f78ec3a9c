import type { AuthConfig } from '../config/resolve-config.js';
import { HuaweiCloudAbortError, HuaweiCloudNetworkError, HuaweiCloudTimeoutError } from '../errors/errors.js';
import { HuaweiCloudInvalidResponseError, responseFacts } from '../errors/invalid-response-error.js';
import { parseErrorBody, type ErrorFields } from '../errors/parse-error-body.js';
import { rememberSecretsFor } from '../errors/to-api-error.js';
import { DEFAULT_LOG_HEADER_ALLOWLIST, redactHeaders } from '../logging/headers.js';
import { scrubText } from '../logging/redact.js';
import type { RequestLogEvent, RequestLogger } from '../logging/types.js';
import { signHeaders } from '../signing/sign-request.js';
import { parseRetryAfter, retryDelay } from './backoff.js';
import { BufferedResponse } from './buffered-response.js';
import { DeferredRequest } from './deferred-request.js';
import { BodyLimitExceeded, readBodyLimited } from './read-body-limited.js';
import { decideRetry, failedBeforeSend, type AttemptOutcome, type RetryDecision } from './retry-policy.js';
import { attemptGuard, defaultSleep, raceWithSignal, timeoutSignal, type Sleep } from './timeouts.js';

/** Defaults of createTransport; see the README ("Retries", "Timeouts") for the reasoning. */
export const TRANSPORT_DEFAULTS = Object.freeze({
  /** Per attempt, covering connect, headers and the whole body. */
  timeoutMs: 30_000,
  /** All attempts and back-off waits together. */
  deadlineMs: 120_000,
  /** Retries after the first attempt (so up to 4 attempts). */
  maxRetries: 3,
  backoffBaseMs: 500,
  backoffCapMs: 8_000,
  retryAfterCapMs: 60_000,
  /**
   * Largest response body read into memory: 10 MiB. DR API answers are a few KiB; the largest
   * realistic one (a 1 000-item page of jobs or instances at ~1 KiB each) is about 1 MiB, so this
   * leaves 10x headroom while capping what a broken or hostile endpoint can make a client allocate.
   */
  maxResponseBytes: 10 * 1024 * 1024,
});

/** The underlying fetch; the global `fetch` fits. */
export type FetchLike = (input: Request, init?: RequestInit) => Promise<Response>;

/** What createTransport returns: a fetch-compatible function for openapi-fetch's `fetch` option. */
export type Transport = (input: Request | string | URL, init?: RequestInit) => Promise<Response>;

export interface TransportOptions {
  /** How to authenticate: AK/SK signing, an X-Auth-Token, or none (local mocks). */
  auth: AuthConfig;
  /** Sent as X-Project-Id with AK/SK (unless the request already has one). */
  projectId?: string | undefined;
  /** Underlying fetch (default: globalThis.fetch). */
  fetch?: FetchLike | undefined;
  /** Per-attempt timeout in ms (default 30 000). `Infinity` disables it. */
  timeoutMs?: number | undefined;
  /** Overall deadline for all attempts and waits in ms (default 120 000). `Infinity` disables it. */
  deadlineMs?: number | undefined;
  /** Maximum retries after the first attempt (default 3). 0 disables retries. */
  maxRetries?: number | undefined;
  /** Retry the service's "busy, nothing was done" codes for any method (default false). */
  retryBusy?: boolean | undefined;
  /** The "busy" error codes (default: the service descriptor's, via createApiClient; none otherwise). */
  busyCodes?: readonly string[] | undefined;
  /** Where the service's error bodies keep the code, beyond the shared envelopes (a descriptor's `errorFields`). */
  errorFields?: ErrorFields | undefined;
  /** Full-jitter back-off: first retry waits up to this many ms, doubling (default 500). */
  backoffBaseMs?: number | undefined;
  /** Ceiling of the back-off window (default 8 000). */
  backoffCapMs?: number | undefined;
  /** Longest Retry-After honoured (default 60 000); longer values are capped. */
  retryAfterCapMs?: number | undefined;
  /**
   * Largest response body (after content decoding) read into memory, in bytes (default 10 MiB).
   * Over it the body is cancelled and the call throws HuaweiCloudInvalidResponseError (kind
   * `too-large`) without retrying, for any method. A Content-Length over it fails before reading.
   * `Infinity` disables the limit.
   */
  maxResponseBytes?: number | undefined;
  /** Random source in [0,1) for jitter (default Math.random). */
  random?: (() => number) | undefined;
  /** Sleep used for back-off (default setTimeout-based). Aborts are honoured even if it ignores its signal. */
  sleep?: Sleep | undefined;
  /** Clock in ms since the epoch, used for X-Sdk-Date, durations and the deadline budget (default Date.now). */
  now?: (() => number) | undefined;
  /** Opt-in debug hook, called once per attempt. Never receives secrets. */
  logger?: RequestLogger | undefined;
  /** Extra header names whose values may be logged (Authorization and tokens stay redacted regardless). */
  logHeaders?: readonly string[] | undefined;
  /** Names the operation in errors and logs (e.g. the operationId); default `METHOD /path`. */
  operationName?: ((request: Request) => string | undefined) | undefined;
  /** User-Agent to send (not signed). */
  userAgent?: string | undefined;
  /** Headers added to every request unless already present (e.g. `{ 'X-Language': 'en-us' }`). */
  headers?: Readonly<Record<string, string>> | undefined;
}

/** What one attempt sends. */
interface AttemptRequest {
  url: string;
  headers: Headers;
  init: RequestInit & { headers: Headers };
}

const STRIPPED_HEADERS = ['authorization', 'x-sdk-date', 'x-auth-token', 'x-security-token'];
const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

function nonNegative(name: string, value: number | undefined, fallback: number): number {
  const v = value ?? fallback;
  if (typeof v !== 'number' || Number.isNaN(v) || v < 0) throw new RangeError(`createTransport: ${name} must be a non-negative number`);
  return v;
}

/** Finds a Node/undici error code (ECONNREFUSED...) in an error or its cause chain. */
export function networkErrorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 6 && typeof current === 'object' && current !== null; depth++) {
    const rec = current as { code?: unknown; cause?: unknown; errors?: unknown };
    if (typeof rec.code === 'string' && rec.code !== '') return rec.code;
    if (Array.isArray(rec.errors)) {
      const inner = rec.errors.map(networkErrorCode).find((c) => c !== undefined);
      if (inner) return inner;
    }
    current = rec.cause;
  }
  return undefined;
}

/**
 * Creates the fetch function shared by the clients. Per call it reads the body once, then for each
 * attempt: builds a fresh Request, adds auth (signing last, with a fresh date), applies the caller's
 * signal + per-attempt timeout + overall deadline, fetches, buffers the response and decides on a
 * retry. HTTP errors are returned as Responses (openapi-fetch turns them into `{error}`); network
 * failures, timeouts and aborts throw typed errors.
 */
export function createTransport(options: TransportOptions): Transport {
  const timeoutMs = nonNegative('timeoutMs', options.timeoutMs, TRANSPORT_DEFAULTS.timeoutMs);
  const deadlineMs = nonNegative('deadlineMs', options.deadlineMs, TRANSPORT_DEFAULTS.deadlineMs);
  const maxRetries = nonNegative('maxRetries', options.maxRetries, TRANSPORT_DEFAULTS.maxRetries);
  const backoff = {
    baseMs: nonNegative('backoffBaseMs', options.backoffBaseMs, TRANSPORT_DEFAULTS.backoffBaseMs),
    capMs: nonNegative('backoffCapMs', options.backoffCapMs, TRANSPORT_DEFAULTS.backoffCapMs),
    retryAfterCapMs: nonNegative('retryAfterCapMs', options.retryAfterCapMs, TRANSPORT_DEFAULTS.retryAfterCapMs),
  };
  const maxResponseBytes = nonNegative('maxResponseBytes', options.maxResponseBytes, TRANSPORT_DEFAULTS.maxResponseBytes);
  const random = options.random ?? Math.random;
  const sleep = options.sleep ?? defaultSleep;
  const now = options.now ?? Date.now;
  const retryBusy = options.retryBusy ?? false;
  const busyCodes = options.busyCodes ?? [];
  const logAllow = [...DEFAULT_LOG_HEADER_ALLOWLIST, ...(options.logHeaders ?? [])];
  const auth = options.auth;
  const secrets =
    auth.type === 'aksk'
      ? [auth.secretAccessKey, ...(auth.securityToken ? [auth.securityToken] : [])]
      : auth.type === 'token'
        ? [auth.token]
        : [];

  const log = (event: RequestLogEvent) => {
    if (!options.logger) return;
    try {
      options.logger(event);
    } catch {
      // A broken logger must not break the request.
    }
  };

  /** One attempt's request: headers rebuilt from the original, auth added, signed last. */
  function prepareAttempt(original: Pick<Request, 'url' | 'method' | 'headers'>, body: Uint8Array<ArrayBuffer> | undefined, signal: AbortSignal): AttemptRequest {
    const headers = new Headers(original.headers);
    for (const h of STRIPPED_HEADERS) headers.delete(h);
    for (const [name, value] of Object.entries(options.headers ?? {})) if (!headers.has(name)) headers.set(name, value);
    if (options.userAgent && !headers.has('user-agent')) headers.set('User-Agent', options.userAgent);
    if (auth.type === 'token') headers.set('X-Auth-Token', auth.token);
    if (auth.type === 'aksk') {
      if (options.projectId && !headers.has('x-project-id')) headers.set('X-Project-Id', options.projectId);
      // Signing is the last step, inside each attempt, so every retry carries a fresh X-Sdk-Date.
      // The headers are signed before any Request exists: no body re-read, no extra Request.
      signHeaders({ method: original.method, url: original.url, headers, body }, auth, { date: new Date(now()) });
    }
    // Redirects are not followed: a token header would be forwarded to wherever the redirect points.
    return { url: original.url, headers, init: { method: original.method, headers, body, signal, redirect: 'manual' } };
  }

  /**
   * An injected fetch gets a Request (what test doubles and wrappers expect). The global fetch gets
   * url + init: it builds its own Request anyway, and a second one (with a body stream and an
   * AbortSignal of its own) costs more on Node 20 than signing does.
   */
  function send(attempt: AttemptRequest, forwardInit: RequestInit | undefined): Promise<Response> {
    if (options.fetch) return options.fetch(new Request(attempt.url, attempt.init), forwardInit);
    return globalThis.fetch(attempt.url, forwardInit ? { ...attempt.init, ...forwardInit } : attempt.init);
  }

  return async function hcdrFetch(input: Request | string | URL, init?: RequestInit): Promise<Response> {
    const original: Request | DeferredRequest =
      DeferredRequest.is(input) ? input : init === undefined && input instanceof Request ? input : new Request(input, init);
    // openapi-fetch passes undici extras (e.g. a dispatcher) as the second argument; forward only those.
    const forwardInit = extractDispatcher(init);
    const method = original.method.toUpperCase();
    const url = original.url;
    // A DeferredRequest stands in for the Request openapi-fetch created (and middleware tagged).
    const operation = options.operationName?.(original as Request) ?? `${method} ${new URL(url).pathname}`;
    const callerSignal = original.signal;
    const aborted = () => new HuaweiCloudAbortError({ operation, reason: callerSignal.reason });

    if (callerSignal.aborted) throw aborted();
    let body: Uint8Array<ArrayBuffer> | undefined;
    try {
      body = await bodyBytes(original, callerSignal);
    } catch (error) {
      if (callerSignal.aborted) throw aborted();
      throw error;
    }

    const start = now();
    // The deadline runs on both clocks: the injected one (tests move it) and real time (a frozen
    // injected clock must not make a call endless). One timer per attempt covers whichever of the
    // attempt timeout and the remaining deadline ends first; AbortSignal.any and a deadline-wide
    // AbortSignal cost more than the call itself on Node 20, so they are only built for retries.
    const realStart = Date.now();
    const remainingMs = () => Math.min(deadlineMs - (now() - start), deadlineMs - (Date.now() - realStart));
    for (let attempt = 1; ; attempt++) {
      if (callerSignal.aborted) throw aborted();
      const remaining = remainingMs();
      const attemptScope: 'attempt' | 'deadline' = timeoutMs <= remaining ? 'attempt' : 'deadline';
      const guard = attemptGuard(callerSignal, Math.max(0, Math.min(timeoutMs, remaining)));
      const signal = guard.signal;
      const attemptStart = now();
      let request: AttemptRequest | undefined;
      let response: Response | undefined;
      let failure: HuaweiCloudAbortError | HuaweiCloudTimeoutError | HuaweiCloudNetworkError | HuaweiCloudInvalidResponseError | undefined;
      // Undefined when the attempt ended in a way no retry can fix (a body over maxResponseBytes).
      let outcome: AttemptOutcome | undefined;
      try {
        request = prepareAttempt(original, body, signal);
        const raw = await raceWithSignal(send(request, forwardInit), signal);
        response = await bufferResponse(raw, signal, url, maxResponseBytes, (tooLarge) =>
          tooLargeError(tooLarge, raw, operation, maxResponseBytes, attempt),
        );
        rememberSecretsFor(response, secrets);
        outcome = { kind: 'response', status: response.status, errorCode: await busyCodeOf(response) };
      } catch (error) {
        if (callerSignal.aborted) {
          failure = aborted();
          outcome = { kind: 'abort' };
        } else if (guard.timedOut()) {
          failure = new HuaweiCloudTimeoutError({
            operation,
            scope: attemptScope,
            timeoutMs: attemptScope === 'attempt' ? timeoutMs : deadlineMs,
            attempts: attempt,
          });
          outcome = { kind: 'timeout', scope: attemptScope };
        } else if (error instanceof HuaweiCloudInvalidResponseError) {
          // Too large is not transient: repeating the request would download the same flood again.
          failure = error;
        } else if (request === undefined) {
          throw error; // building or signing the request failed: a programming/config error, not a network one
        } else {
          const code = networkErrorCode(error);
          failure = new HuaweiCloudNetworkError({ operation, errorCode: code, beforeSend: failedBeforeSend(code), attempts: attempt, cause: error });
          outcome = { kind: 'network', errorCode: code };
        }
      } finally {
        guard.clear();
      }

      let decision: RetryDecision = outcome
        ? decideRetry({ method, outcome, attempt, maxRetries, retryBusy, busyCodes })
        : { retry: false, reason: `response body over maxResponseBytes (${maxResponseBytes})` };
      let delayMs = 0;
      if (decision.retry) {
        const retryAfter = response ? parseRetryAfterHeader(response, now()) : undefined;
        delayMs = retryDelay(attempt, retryAfter, backoff, random);
        if (delayMs >= remainingMs()) {
          decision = { retry: false, reason: `${decision.reason}; waiting ${delayMs} ms would pass the overall deadline` };
        }
      }

      if (options.logger) log({
        type: response ? 'response' : 'error',
        operation,
        method,
        url,
        attempt,
        status: response?.status,
        durationMs: Math.max(0, now() - attemptStart),
        requestId: response?.headers.get('x-request-id') ?? undefined,
        headers: request ? redactHeaders(request.headers, logAllow) : {},
        responseHeaders: response ? redactHeaders(response.headers, logAllow) : undefined,
        signedHeaders: request?.headers.get('authorization')?.match(/SignedHeaders=([^,\s]+)/)?.[1],
        error: failure ? scrubText(`${failure.name}: ${failure.message}`, secrets) : undefined,
        retry: decision.retry ? { delayMs, reason: decision.reason } : undefined,
      });

      if (!decision.retry) {
        if (response) return response;
        throw failure ?? new Error('unreachable: no response and no failure');
      }

      const deadline = timeoutSignal(Math.max(0, remainingMs()));
      const sleepSignal = AbortSignal.any([callerSignal, deadline.signal]);
      try {
        // Raced as well, so an injected sleep that ignores its signal still cannot delay an abort.
        await raceWithSignal(sleep(delayMs, sleepSignal), sleepSignal);
      } catch (error) {
        if (callerSignal.aborted) throw aborted();
        if (deadline.signal.aborted) {
          if (response) return response;
          throw failure ?? new HuaweiCloudTimeoutError({ operation, scope: 'deadline', timeoutMs: deadlineMs, attempts: attempt });
        }
        throw error;
      } finally {
        deadline.clear();
      }
    }
  };

  async function busyCodeOf(response: Response): Promise<string | undefined> {
    if (!retryBusy || response.status < 400) return undefined;
    try {
      return parseErrorBody(await response.clone().text(), options.errorFields).code;
    } catch {
      return undefined;
    }
  }
}

const encoder = new TextEncoder();

/** The request's body bytes, read once: straight from a DeferredRequest's parts, else from the stream. */
async function bodyBytes(request: Request | DeferredRequest, signal: AbortSignal): Promise<Uint8Array<ArrayBuffer> | undefined> {
  if (DeferredRequest.is(request) && !request.materialized) {
    const text = request.bodyText;
    if (text === undefined) return undefined;
    return typeof text === 'string' ? encoder.encode(text) : new Uint8Array(text);
  }
  if (request.body === null) return undefined;
  return new Uint8Array(await raceWithSignal(request.arrayBuffer(), signal));
}

function parseRetryAfterHeader(response: Response, nowMs: number): number | undefined {
  return parseRetryAfter(response.headers.get('retry-after'), nowMs);
}

function extractDispatcher(init: RequestInit | undefined): RequestInit | undefined {
  if (!init || typeof init !== 'object' || !('dispatcher' in init)) return undefined;
  return { dispatcher: (init as { dispatcher?: unknown }).dispatcher } as RequestInit;
}

function tooLargeError(
  tooLarge: BodyLimitExceeded,
  raw: Response,
  operation: string,
  limitBytes: number,
  attempt: number,
): HuaweiCloudInvalidResponseError {
  return new HuaweiCloudInvalidResponseError({
    kind: 'too-large',
    operation,
    ...responseFacts(raw),
    bytesRead: tooLarge.bytesRead,
    declaredBytes: tooLarge.declaredBytes,
    limitBytes,
    attempts: attempt,
  });
}

/**
 * Reads the whole body (up to `limitBytes`) under the attempt's signal, so the per-attempt timeout
 * also covers a stalled body and errors stay typed; returns an equivalent Response over the
 * buffered bytes.
 */
async function bufferResponse(
  raw: Response,
  signal: AbortSignal,
  requestUrl: string,
  limitBytes: number,
  onTooLarge: (error: BodyLimitExceeded) => HuaweiCloudInvalidResponseError,
): Promise<Response> {
  let bytes: Uint8Array<ArrayBuffer>;
  try {
    bytes = await readBodyLimited(raw, limitBytes, signal);
  } catch (error) {
    throw error instanceof BodyLimitExceeded ? onTooLarge(error) : error;
  }
  const headers = new Headers(raw.headers);
  // fetch already decoded the body; the old encoding and length no longer describe these bytes.
  headers.delete('content-encoding');
  const nullBody = NULL_BODY_STATUSES.has(raw.status);
  if (!nullBody) headers.set('content-length', String(bytes.byteLength));
  const init = { status: raw.status, statusText: raw.statusText, headers };
  const url = raw.url || requestUrl;
  if (nullBody) {
    const response = new Response(null, init);
    Object.defineProperty(response, 'url', { value: url });
    return response;
  }
  return new BufferedResponse(bytes, init, url);
}
