/**
 * The request pipeline shared by the clients and createTransport: for each attempt it resolves
 * credentials (cached providers make that free), signs last with a fresh X-Sdk-Date, hands the
 * attempt to the HTTP handler under the per-attempt timeout and the overall deadline, and decides
 * on a retry (retry policy + the shared retry quota). HTTP error statuses come back as responses;
 * network failures, timeouts, aborts and oversized bodies throw typed errors. Every result and
 * error carries CallMetadata.
 */
import type { AuthConfig } from '../config/resolve-config.js';
import type { CredentialIdentity, CredentialProvider } from '../credentials/types.js';
import { isHuaweiCloudError } from '../errors/base.js';
import { HuaweiCloudAbortError, HuaweiCloudNetworkError, HuaweiCloudTimeoutError } from '../errors/errors.js';
import { HuaweiCloudInvalidResponseError } from '../errors/invalid-response-error.js';
import { parseErrorBody } from '../errors/parse-error-body.js';
import { DEFAULT_LOG_HEADER_ALLOWLIST, redactHeaders } from '../logging/headers.js';
import { scrubText } from '../logging/redact.js';
import type { RequestLogger } from '../logging/types.js';
import { signHeaderRecord } from '../signing/sign-request.js';
import { parseRetryAfter, retryDelay } from './backoff.js';
import { attachCallMetadata, type CallMetadata } from './call-metadata.js';
import { AttemptTimedOut, BodyLimitExceeded, type HttpHandler, type HttpResponse } from './http-handler.js';
import { createRetryQuota } from './retry-quota.js';
import { decideRetry, failedBeforeSend, type AttemptOutcome, type RetryDecision } from './retry-policy.js';
import { defaultSleep, raceWithSignal, timeoutSignal } from './timeouts.js';
import type { TransportOptions } from './transport-options.js';

/** Defaults of the pipeline; see the README ("Retries", "Timeouts") for the reasoning. */
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

/** The pipeline's options: the transport's, with the handler chosen (createTransport picks node:http or fetch). */
export interface PipelineOptions extends Omit<TransportOptions, 'fetch' | 'httpHandler' | 'proxy' | 'operationName'> {
  /** Sends each attempt. */
  handler: HttpHandler;
}

/** One call as the client layer hands it over. */
export interface OutgoingRequest {
  method: string;
  url: URL;
  /** Lower-case names. */
  headers: Readonly<Record<string, string>>;
  /** The exact bytes to send (a string is UTF-8); read once, sent unchanged on every attempt. */
  body?: Uint8Array | string | undefined;
}

export interface CallContext {
  /** operationId (or `METHOD /path`) for errors and logs. */
  operation: string;
  signal?: AbortSignal | undefined;
}

/** The final response of a call. */
export interface SentResponse extends HttpResponse {
  readonly metadata: CallMetadata;
  /** Secret values the call used (to scrub from errors built from this response). */
  readonly secrets: readonly string[];
}

export type RequestSender = (request: OutgoingRequest, context: CallContext) => Promise<SentResponse>;

/** Headers a caller may not supply: the pipeline sets them per attempt. */
const STRIPPED_HEADERS = new Set(['authorization', 'x-sdk-date', 'x-auth-token', 'x-security-token', 'host']);

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

function secretsOf(identity: AuthConfig): readonly string[] {
  if (identity.type === 'aksk') return identity.securityToken ? [identity.secretAccessKey, identity.securityToken] : [identity.secretAccessKey];
  return identity.type === 'token' ? [identity.token] : [];
}

type Failure = HuaweiCloudAbortError | HuaweiCloudTimeoutError | HuaweiCloudNetworkError | HuaweiCloudInvalidResponseError;

export function createRequestSender(options: PipelineOptions): RequestSender {
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
  const quota = options.retryQuota ?? createRetryQuota();
  const handler = options.handler;
  const logAllow = [...DEFAULT_LOG_HEADER_ALLOWLIST, ...(options.logHeaders ?? [])];
  const defaults: Record<string, string> = {};
  for (const [name, value] of Object.entries(options.headers ?? {})) defaults[name.toLowerCase()] = value;
  if (options.userAgent) defaults['user-agent'] ??= options.userAgent;
  const auth = options.auth;
  // A static identity resolves to the same settled promise every time: one await, no allocation.
  const provider: CredentialProvider = typeof auth === 'function' ? auth : ((p) => () => p)(Promise.resolve(auth as CredentialIdentity));
  const refreshable = typeof auth === 'function';

  const log = options.logger
    ? (event: Parameters<RequestLogger>[0]) => {
        try {
          options.logger?.(event);
        } catch {
          // A broken logger must not break the request.
        }
      }
    : undefined;

  /** What every attempt starts from: the caller's headers without auth, plus the defaults. */
  function baseHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
    const out: Record<string, string> = {};
    for (const name in headers) {
      const lower = name.toLowerCase();
      if (!STRIPPED_HEADERS.has(lower)) out[lower] = headers[name] as string;
    }
    for (const name in defaults) if (out[name] === undefined) out[name] = defaults[name] as string;
    return out;
  }

  async function busyCodeOf(response: HttpResponse): Promise<string | undefined> {
    if (!retryBusy || response.status < 400) return undefined;
    try {
      return parseErrorBody(new TextDecoder().decode(response.body), options.errorFields).code;
    } catch {
      return undefined;
    }
  }

  return async function send(request: OutgoingRequest, context: CallContext): Promise<SentResponse> {
    const { operation, signal } = context;
    const method = request.method;
    const url = request.url;
    const body = request.body;
    const aborted = () => new HuaweiCloudAbortError({ operation, reason: signal?.reason });
    if (signal?.aborted) throw aborted();
    const base = baseHeaders(request.headers);

    const start = now();
    // The deadline runs on both clocks: the injected one (tests move it) and real time (a frozen
    // injected clock must not make a call endless).
    const realStart = Date.now();
    const remainingMs = () => Math.min(deadlineMs - (now() - start), deadlineMs - (Date.now() - realStart));
    let retryDelayMs = 0;
    let retryCost: number | undefined;
    let authRefreshed = false;
    let forceRefresh = false;
    const metadata = (attempts: number, response: HttpResponse | undefined): CallMetadata => ({
      attempts,
      totalMs: Math.max(0, now() - start),
      retryDelayMs,
      status: response?.status,
      requestId: response?.headers['x-request-id'],
    });

    for (let attempt = 1; ; attempt++) {
      if (signal?.aborted) throw attachCallMetadata(aborted(), metadata(attempt - 1, undefined));
      const remaining = remainingMs();
      const attemptScope: 'attempt' | 'deadline' = timeoutMs <= remaining ? 'attempt' : 'deadline';
      const attemptStart = now();

      let identity: CredentialIdentity;
      try {
        const pending = provider(signal || forceRefresh ? { signal, forceRefresh } : undefined);
        forceRefresh = false;
        identity = await (signal ? raceWithSignal(pending, signal) : pending);
      } catch (error) {
        if (signal?.aborted) throw attachCallMetadata(aborted(), metadata(attempt - 1, undefined));
        throw error; // no credentials (a config error): nothing was sent
      }
      const secrets = secretsOf(identity);
      const headers = { ...base };
      if (identity.type === 'token') headers['x-auth-token'] = identity.token;
      else if (identity.type === 'aksk') {
        if (options.projectId && headers['x-project-id'] === undefined) headers['x-project-id'] = options.projectId;
        // Signing is the last step, inside each attempt, so every retry carries a fresh X-Sdk-Date.
        signHeaderRecord(method, url, headers, body, identity, new Date(now()));
      }

      let response: HttpResponse | undefined;
      let failure: Failure | undefined;
      // Undefined when the attempt ended in a way no retry can fix (a body over maxResponseBytes).
      let outcome: AttemptOutcome | undefined;
      try {
        response = await handler(
          { method, url, headers, body },
          { timeoutMs: Math.max(0, Math.min(timeoutMs, remaining)), maxResponseBytes, signal },
        );
        outcome = { kind: 'response', status: response.status, errorCode: await busyCodeOf(response) };
      } catch (error) {
        if (signal?.aborted) {
          failure = aborted();
          outcome = { kind: 'abort' };
        } else if (error instanceof AttemptTimedOut) {
          failure = new HuaweiCloudTimeoutError({
            operation,
            scope: attemptScope,
            timeoutMs: attemptScope === 'attempt' ? timeoutMs : deadlineMs,
            attempts: attempt,
          });
          outcome = { kind: 'timeout', scope: attemptScope };
        } else if (error instanceof BodyLimitExceeded) {
          // Too large is not transient: repeating the request would download the same flood again.
          failure = new HuaweiCloudInvalidResponseError({
            kind: 'too-large',
            operation,
            status: error.response.status,
            requestId: error.response.headers['x-request-id'],
            contentType: error.response.headers['content-type'],
            bytesRead: error.bytesRead,
            declaredBytes: error.declaredBytes,
            limitBytes: maxResponseBytes,
            attempts: attempt,
          });
        } else if (isHuaweiCloudError(error)) {
          throw error; // e.g. an invalid proxy URL: a configuration error, nothing was sent
        } else {
          const code = networkErrorCode(error);
          failure = new HuaweiCloudNetworkError({ operation, errorCode: code, beforeSend: failedBeforeSend(code), attempts: attempt, cause: error });
          outcome = { kind: 'network', errorCode: code };
        }
      }

      let decision: RetryDecision;
      if (response?.status === 401 && refreshable && !authRefreshed && identity.expiresAt !== undefined) {
        // Temporary credentials the gateway rejected (expired early, clock skew): nothing was executed,
        // so one retry with freshly fetched credentials is safe for any method.
        authRefreshed = true;
        forceRefresh = true;
        decision = { retry: true, reason: 'HTTP 401 with temporary credentials: refreshing them' };
      } else {
        decision = outcome
          ? decideRetry({ method, outcome, attempt, maxRetries, retryBusy, busyCodes })
          : { retry: false, reason: `response body over maxResponseBytes (${maxResponseBytes})` };
      }
      let delayMs = 0;
      if (decision.retry) {
        const retryAfter = response ? parseRetryAfter(response.headers['retry-after'], now()) : undefined;
        delayMs = retryDelay(attempt, retryAfter, backoff, random);
        const cost = delayMs >= remainingMs() ? undefined : quota.acquire(outcome?.kind === 'timeout');
        if (delayMs >= remainingMs()) decision = { retry: false, reason: `${decision.reason}; waiting ${delayMs} ms would pass the overall deadline` };
        else if (cost === undefined) decision = { retry: false, reason: `${decision.reason}; the client's retry quota is used up (too many recent failures)` };
        else retryCost = cost;
      }

      log?.({
        type: response ? 'response' : 'error',
        operation,
        method,
        url: url.href,
        attempt,
        status: response?.status,
        durationMs: Math.max(0, now() - attemptStart),
        requestId: response?.headers['x-request-id'],
        headers: redactHeaders(headers, logAllow),
        responseHeaders: response ? redactHeaders(response.headers, logAllow) : undefined,
        signedHeaders: headers['authorization']?.match(/SignedHeaders=([^,\s]+)/)?.[1],
        error: failure ? scrubText(`${failure.name}: ${failure.message}`, secrets) : undefined,
        retry: decision.retry ? { delayMs, reason: decision.reason } : undefined,
      });

      if (!decision.retry) {
        if (response) {
          if (response.status < 400) quota.succeeded(retryCost);
          return { ...response, metadata: metadata(attempt, response), secrets };
        }
        throw attachCallMetadata(failure ?? new Error('unreachable: no response and no failure'), metadata(attempt, undefined));
      }

      const deadline = timeoutSignal(Math.max(0, remainingMs()));
      const sleepSignal = signal ? AbortSignal.any([signal, deadline.signal]) : deadline.signal;
      retryDelayMs += delayMs;
      try {
        // Raced as well, so an injected sleep that ignores its signal still cannot delay an abort.
        await raceWithSignal(sleep(delayMs, sleepSignal), sleepSignal);
      } catch (error) {
        if (signal?.aborted) throw attachCallMetadata(aborted(), metadata(attempt, response));
        if (deadline.signal.aborted) {
          if (response) return { ...response, metadata: metadata(attempt, response), secrets };
          throw attachCallMetadata(
            failure ?? new HuaweiCloudTimeoutError({ operation, scope: 'deadline', timeoutMs: deadlineMs, attempts: attempt }),
            metadata(attempt, undefined),
          );
        }
        throw error;
      } finally {
        deadline.clear();
      }
    }
  };
}
