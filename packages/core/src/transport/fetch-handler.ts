/**
 * The handler over a `fetch`: an injected one (test doubles, wrappers, a custom undici dispatcher)
 * or the global fetch of a runtime without node:http. It gets a real Request, as such callers expect.
 */
import { AttemptTimedOut, BodyLimitExceeded, contentEncoding, declaredLength, NULL_BODY_STATUSES, type HttpHandler, type HttpResponse } from './http-handler.js';
import { attemptGuard, raceWithSignal } from './timeouts.js';

/** A fetch: the global one fits. */
export type FetchLike = (input: Request, init?: RequestInit) => Promise<Response>;

const encoder = new TextEncoder();

function plainHeaders(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, name) => {
    out[name] = value;
  });
  return out;
}

/**
 * A handler over `fetchFn`, for a client's `httpHandler` option: `createFetchHandler(fetch)` (the
 * global fetch, e.g. on a runtime without node:http) or a test double. Same guarantees as the
 * node:http handler: per-attempt timeout, body limit, no redirects followed.
 */
export function createFetchHandler(fetchFn: FetchLike): HttpHandler {
  return async function fetchHandler(request, { timeoutMs, maxResponseBytes, signal }) {
    // One controller and one timer per attempt (AbortSignal.any + AbortSignal.timeout cost more).
    const guard = attemptGuard(signal, timeoutMs);
    try {
      const body = request.body;
      const req = new Request(request.url, {
        method: request.method,
        headers: request.headers,
        // Bytes, not a string: a string body would make fetch add a content-type the signature does not cover.
        body: body === undefined ? undefined : typeof body === 'string' ? encoder.encode(body) : new Uint8Array(body),
        signal: guard.signal,
        // A token header would otherwise follow a redirect to wherever it points.
        redirect: 'manual',
      });
      // Raced too: an injected fetch that ignores its signal still cannot outlive the attempt.
      const response = await raceWithSignal(fetchFn(req), guard.signal);
      const headers = plainHeaders(response.headers);
      const bytes = await readBodyLimited(response, headers, maxResponseBytes, guard.signal);
      if (contentEncoding(headers) !== undefined) {
        // fetch already decoded the body; the old encoding and length no longer describe these bytes.
        delete headers['content-encoding'];
        if (!NULL_BODY_STATUSES.has(response.status)) headers['content-length'] = String(bytes.byteLength);
      }
      return { status: response.status, statusText: response.statusText, headers, body: bytes } satisfies HttpResponse;
    } catch (error) {
      if (guard.timedOut()) throw new AttemptTimedOut(timeoutMs);
      if (signal?.aborted) throw signal.reason;
      throw error;
    } finally {
      guard.clear();
    }
  };
}

/**
 * Reads the body chunk by chunk and stops (cancelling it, so undici closes the connection) once more
 * than `limitBytes` arrived; a Content-Length over the limit fails before reading anything. fetch
 * decodes gzip/br, so for those only the decoded bytes are counted, which also stops a decompression
 * bomb. Each read is raced with `signal`, so a stalled body still ends with the attempt.
 */
async function readBodyLimited(
  response: Response,
  headers: Record<string, string>,
  limitBytes: number,
  signal: AbortSignal,
): Promise<Uint8Array> {
  const body = response.body;
  if (body === null) return new Uint8Array(0);
  const facts = { status: response.status, headers };
  const declared = declaredLength(headers);
  const encoded = contentEncoding(headers) !== undefined;
  if (declared !== undefined && declared > limitBytes && !encoded) {
    body.cancel().catch(() => {});
    throw new BodyLimitExceeded(0, declared, facts);
  }
  if (declared !== undefined && !encoded) {
    // A Content-Length within the limit bounds the read (fetch fails a longer body): one arrayBuffer().
    return new Uint8Array(await raceWithSignal(response.arrayBuffer(), signal));
  }

  const reader = body.getReader();
  const cancel = (reason?: unknown) => {
    reader.cancel(reason).catch(() => {});
  };
  const onAbort = () => cancel(signal.reason);
  if (signal.aborted) onAbort();
  else signal.addEventListener('abort', onAbort, { once: true });
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await raceWithSignal(reader.read(), signal);
      if (done) break;
      total += value.byteLength;
      if (total > limitBytes) {
        cancel();
        throw new BodyLimitExceeded(total, declared, facts);
      }
      chunks.push(value);
    }
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}
