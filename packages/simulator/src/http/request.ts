import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';

/** The request exactly as received: signature checks need the raw path, raw query and body bytes. */
export interface ReceivedRequest {
  readonly method: string;
  /** Path as sent on the request line, still percent-encoded (region prefix included). */
  readonly rawPath: string;
  /** Query string as sent, without the `?` ('' when absent). */
  readonly rawQuery: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

/** The request line and headers: everything routing and the first authentication checks need. */
export type RequestHead = Omit<ReceivedRequest, 'body'>;

export class BodyTooLargeError extends Error {}

/** API Gateway's documented limit for AK/SK-signed request bodies. */
export const MAX_BODY_BYTES = 12 * 1024 * 1024;

export function requestHead(req: IncomingMessage): RequestHead {
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  return {
    method: (req.method ?? 'GET').toUpperCase(),
    rawPath: q === -1 ? url : url.slice(0, q),
    rawQuery: q === -1 ? '' : url.slice(q + 1),
    headers: req.headers,
  };
}

/** Refuses a declared Content-Length over the limit before a single body byte is read. */
export function checkDeclaredLength(headers: IncomingHttpHeaders, limit: number): void {
  const declared = headers['content-length'];
  if (declared !== undefined && /^\d+$/.test(declared) && Number(declared) > limit) {
    throw new BodyTooLargeError(`request body of ${declared} bytes exceeds ${limit} bytes`);
  }
}

/**
 * Reads the body, counting bytes as they arrive (a chunked body has no Content-Length to check first).
 * On overflow it stops reading without destroying the socket, so the 413 can still be sent.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  checkDeclaredLength(req.headers, limit);
  if (req.complete && req.readableLength === 0) return Promise.resolve(Buffer.alloc(0));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const cleanup = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('close', onClose);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        cleanup();
        req.pause();
        chunks.length = 0;
        reject(new BodyTooLargeError(`request body exceeds ${limit} bytes`));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(Buffer.concat(chunks));
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    const onClose = () => {
      cleanup();
      reject(new Error('connection closed before the request body was complete'));
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('close', onClose);
  });
}

/** Single value of a header (Node joins repeated headers; signing uses the joined value too). */
export function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name.toLowerCase()];
  return Array.isArray(v) ? v.join(',') : v;
}
