/**
 * The seam between the request pipeline (auth, signing, retries, deadlines) and the network. A
 * handler sends one attempt and returns the whole response body in memory; everything else is the
 * pipeline's. Plain objects, no Request/Response: on Node 20 those cost more than a loopback round
 * trip. Two handlers exist: node:http/https with keep-alive (the Node default) and fetch (an
 * injected fetch, or runtimes without node:http).
 */

/** One attempt as it goes on the wire. */
export interface HttpRequest {
  /** Upper-case method. */
  readonly method: string;
  /** Absolute http(s) URL, parsed once per call. */
  readonly url: URL;
  /** Lower-case header names. The handler sends exactly these (plus its transport-level ones: host, content-length). */
  readonly headers: Readonly<Record<string, string>>;
  /** The exact bytes to send (a string is sent as UTF-8). */
  readonly body?: Uint8Array | string | undefined;
}

/** One complete response; the body is already read (and decoded, for gzip/deflate/br). */
export interface HttpResponse {
  /** HTTP status code. */
  readonly status: number;
  /** Reason phrase ('' when the server sent none). */
  readonly statusText: string;
  /** Lower-case names; repeated headers joined with ", ". */
  readonly headers: Readonly<Record<string, string>>;
  /** The whole body, decoded. */
  readonly body: Uint8Array;
}

/** The limits a handler must enforce on one attempt. */
export interface HandlerOptions {
  /** Ms until the attempt (connect, request, headers and the whole body) is abandoned; Infinity: never. */
  readonly timeoutMs: number;
  /** Largest decoded body accepted; over it the connection is closed and BodyLimitExceeded thrown. */
  readonly maxResponseBytes: number;
  /** The caller's signal: aborting it destroys the attempt at once. */
  readonly signal?: AbortSignal | undefined;
}

/**
 * Sends one attempt. Rejects with AttemptTimedOut when `timeoutMs` passed, with the signal's reason
 * when the caller aborted, with BodyLimitExceeded for an oversized body, and otherwise with the
 * network error (its `code`: ECONNREFUSED, ECONNRESET, ...).
 */
export type HttpHandler = (request: HttpRequest, options: HandlerOptions) => Promise<HttpResponse>;

/** A handler's timer fired: the pipeline turns it into HuaweiCloudTimeoutError with the right scope. */
export class AttemptTimedOut extends Error {
  constructor(
    /** The limit that passed. */
    readonly timeoutMs: number,
  ) {
    super(`timed out after ${timeoutMs} ms`);
    this.name = 'AttemptTimedOut';
  }
}

/** Thrown by a handler; the pipeline turns it into a HuaweiCloudInvalidResponseError naming the operation. */
export class BodyLimitExceeded extends Error {
  constructor(
    /** Bytes received before reading stopped (0 when the Content-Length alone was over the limit). */
    readonly bytesRead: number,
    /** The Content-Length the server announced, if any. */
    readonly declaredBytes: number | undefined,
    /** Status and headers of the response that was cut off (for the error's facts). */
    readonly response: { status: number; headers: Readonly<Record<string, string>> },
  ) {
    super(`response body over the limit after ${bytesRead} bytes`);
    this.name = 'BodyLimitExceeded';
  }
}

/** Larger delays overflow setTimeout (they would fire immediately). */
export const MAX_TIMER_MS = 2_147_483_647;

/** The announced body length when it describes the bytes as sent (no content-encoding), else undefined. */
export function declaredLength(headers: Readonly<Record<string, string | string[] | undefined>>): number | undefined {
  const value = headers['content-length'];
  if (typeof value !== 'string' || !/^\s*\d+\s*$/.test(value)) return undefined;
  return Number(value);
}

export function contentEncoding(headers: Readonly<Record<string, string | string[] | undefined>>): string | undefined {
  const value = headers['content-encoding'];
  const encoding = typeof value === 'string' ? value.trim().toLowerCase() : undefined;
  return encoding === '' || encoding === 'identity' ? undefined : encoding;
}

/** Statuses whose responses have no body (a Response refuses one; a Content-Length would be wrong). */
export const NULL_BODY_STATUSES: ReadonlySet<number> = new Set([101, 204, 205, 304]);

/** URL keeps IPv6 brackets; the socket layer wants the bare address. */
export function bareHostname(hostname: string): string {
  return hostname.startsWith('[') ? hostname.slice(1, -1) : hostname;
}
