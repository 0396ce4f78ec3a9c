import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';

/** The request exactly as received: signature checks need the raw path, raw query and body bytes. */
export interface ReceivedRequest {
  readonly method: string;
  /** Path as sent on the request line, still percent-encoded. */
  readonly rawPath: string;
  /** Query string as sent, without the `?` ('' when absent). */
  readonly rawQuery: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

export class BodyTooLargeError extends Error {}

/** API Gateway's documented limit for AK/SK-signed request bodies. */
export const MAX_BODY_BYTES = 12 * 1024 * 1024;

export async function readRequest(req: IncomingMessage): Promise<ReceivedRequest> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLargeError(`request body exceeds ${MAX_BODY_BYTES} bytes`);
    chunks.push(buf);
  }
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  return {
    method: (req.method ?? 'GET').toUpperCase(),
    rawPath: q === -1 ? url : url.slice(0, q),
    rawQuery: q === -1 ? '' : url.slice(q + 1),
    headers: req.headers,
    body: Buffer.concat(chunks),
  };
}

/** Single value of a header (Node joins repeated headers; signing uses the joined value too). */
export function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name.toLowerCase()];
  return Array.isArray(v) ? v.join(',') : v;
}
