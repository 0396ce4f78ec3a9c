/** Reads a response body into memory, but never more than a limit, so a broken or hostile endpoint cannot exhaust memory. */
import { raceWithSignal } from './timeouts.js';

/** Thrown by readBodyLimited; the transport turns it into a HuaweiCloudInvalidResponseError naming the operation. */
export class BodyLimitExceeded extends Error {
  constructor(
    /** Bytes received before reading stopped (0 when the Content-Length alone was over the limit). */
    readonly bytesRead: number,
    /** The Content-Length the server announced, if any. */
    readonly declaredBytes: number | undefined,
  ) {
    super(`response body over the limit after ${bytesRead} bytes`);
    this.name = 'BodyLimitExceeded';
  }
}

/** The announced body length, when it describes the bytes fetch will hand over (no content-encoding). */
function declaredLength(headers: Headers): number | undefined {
  const value = headers.get('content-length');
  if (value === null || !/^\d+$/.test(value.trim())) return undefined;
  return Number(value.trim());
}

function isEncoded(headers: Headers): boolean {
  const encoding = headers.get('content-encoding')?.trim().toLowerCase();
  return encoding !== undefined && encoding !== '' && encoding !== 'identity';
}

/**
 * Reads `response.body` chunk by chunk. Stops and cancels the body (undici then closes the
 * connection, so the server stops sending) as soon as more than `limitBytes` arrived; a
 * Content-Length over the limit fails before reading anything. fetch decodes gzip/br bodies, so for
 * those the announced (compressed) length says little and only the decoded bytes are counted —
 * which also stops a decompression bomb. Each read is raced with `signal`, so a stalled body still
 * ends with the attempt timeout even under an injected fetch that ignores signals.
 */
export async function readBodyLimited(response: Response, limitBytes: number, signal: AbortSignal): Promise<Uint8Array<ArrayBuffer>> {
  const body = response.body;
  if (body === null) return new Uint8Array(0);
  const declared = declaredLength(response.headers);
  if (declared !== undefined && declared > limitBytes && !isEncoded(response.headers)) {
    body.cancel().catch(() => {});
    throw new BodyLimitExceeded(0, declared);
  }

  if (declared !== undefined && !isEncoded(response.headers)) {
    // A Content-Length within the limit bounds the read already (fetch fails a body longer than
    // announced), so one arrayBuffer() does, at a fraction of the chunk loop's cost.
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
        throw new BodyLimitExceeded(total, declared);
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
