// The options of createTransport, and (through ApiClientOptions) of every client: authentication,
// where requests go, and the retry, timeout and size limits of the pipeline.
import type { AuthConfig } from '../config/resolve-config.js';
import type { CredentialProvider } from '../credentials/types.js';
import type { ErrorFields } from '../errors/parse-error-body.js';
import type { RequestLogger } from '../logging/types.js';
import type { FetchLike } from './fetch-handler.js';
import type { HttpHandler } from './http-handler.js';
import type { ProxySetting } from './proxy.js';
import type { RetryQuota } from './retry-quota.js';
import type { Sleep } from './timeouts.js';

/** Options of createTransport; a client takes them too (ApiClientOptions), with auth and project from its config. */
export interface TransportOptions {
  /** How to authenticate: static AK/SK, an X-Auth-Token or none (local mocks), or a provider resolved before every attempt. */
  auth: AuthConfig | CredentialProvider;
  /**
   * Send through this fetch instead of node:http (test doubles, wrappers, runtimes without
   * node:http). It receives a Request per attempt.
   */
  fetch?: FetchLike | undefined;
  /** Send through this handler (takes precedence over `fetch`), e.g. one createNodeHttpHandler() shared by several clients. */
  httpHandler?: HttpHandler | undefined;
  /**
   * Proxy for the default node:http handler: `undefined` (default) follows HTTPS_PROXY / HTTP_PROXY /
   * NO_PROXY from process.env, a URL string forces that proxy, `false` never uses one.
   */
  proxy?: ProxySetting;
  /** Names the operation in errors and logs (e.g. the operationId); default `METHOD /path`. */
  operationName?: ((request: Request) => string | undefined) | undefined;
  /** Sent as X-Project-Id with AK/SK (unless the request already has one). */
  projectId?: string | undefined;
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
   * Over it the connection is closed and the call throws HuaweiCloudInvalidResponseError (kind
   * `too-large`) without retrying, for any method. A Content-Length over it fails before reading.
   * `Infinity` disables the limit.
   */
  maxResponseBytes?: number | undefined;
  /** Token bucket limiting retries across concurrent calls (default: one per client, 500 tokens). */
  retryQuota?: RetryQuota | undefined;
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
  /** User-Agent to send (not signed). */
  userAgent?: string | undefined;
  /** Headers added to every request unless already present (e.g. `{ 'X-Language': 'en-us' }`). */
  headers?: Readonly<Record<string, string>> | undefined;
}
