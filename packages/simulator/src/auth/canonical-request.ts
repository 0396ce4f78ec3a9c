import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { headerValue } from '../http/request.js';

/**
 * SDK-HMAC-SHA256 canonical request, rebuilt from the bytes the server RECEIVED (reference §D.2).
 * Written independently of any client signer so that a client bug (double-encoded path, query
 * encoded differently from what was sent, body re-serialised after signing) shows up as a 401.
 */

export const ALGORITHM = 'SDK-HMAC-SHA256';
const UNRESERVED = /[A-Za-z0-9\-_.~]/;

/** RFC 3986 encoding: everything except `A-Z a-z 0-9 - _ . ~` becomes `%XX` (UTF-8, upper-case hex). */
export function encodeRfc3986(value: string): string {
  let out = '';
  for (const ch of value) {
    if (UNRESERVED.test(ch)) {
      out += ch;
      continue;
    }
    for (const byte of Buffer.from(ch, 'utf8')) out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    // A malformed escape cannot have come from a correct signer; keep the bytes so the signature fails.
    return value;
  }
}

/**
 * The official signers decode the whole path, split it on `/`, encode each segment and append a
 * trailing `/`. Doing the same here means `a%20b` and `a b` canonicalise alike, while an
 * already-encoded segment that the client encoded twice (`%253A`) does not.
 */
export function canonicalUri(rawPath: string): string {
  const uri = safeDecode(rawPath).split('/').map(encodeRfc3986).join('/');
  return uri.endsWith('/') ? uri : `${uri}/`;
}

/**
 * Keys sorted, repeated keys' values sorted, `enc(k)=enc(v)` joined by `&`. Query values are
 * form-decoded (`+` is a space) because the Node SDK sends spaces as `+` (axios) but signs `%20`,
 * and the Go SDK parses queries with `url.ParseQuery`, which does the same.
 */
export function canonicalQuery(rawQuery: string): string {
  if (rawQuery === '') return '';
  const grouped = new Map<string, string[]>();
  for (const [key, value] of new URLSearchParams(rawQuery)) {
    const values = grouped.get(key);
    if (values) values.push(value);
    else grouped.set(key, [value]);
  }
  const parts: string[] = [];
  for (const key of [...grouped.keys()].sort()) {
    for (const value of (grouped.get(key) ?? []).sort()) parts.push(`${encodeRfc3986(key)}=${encodeRfc3986(value)}`);
  }
  return parts.join('&');
}

/** One `name:value` line per signed header, in SignedHeaders order (which the signer already sorted). */
export function canonicalHeaders(headers: IncomingHttpHeaders, signedHeaders: readonly string[]): string {
  return signedHeaders.map((name) => `${name}:${(headerValue(headers, name) ?? '').trim()}\n`).join('');
}

export function hexSha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

export interface CanonicalRequestInput {
  readonly method: string;
  readonly rawPath: string;
  readonly rawQuery: string;
  readonly headers: IncomingHttpHeaders;
  readonly signedHeaders: readonly string[];
  readonly body: Uint8Array;
}

/** The marker the official Node SDK sends in `X-Sdk-Content-Sha256` for a non-JSON body (reference §C, §D.2). */
export const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';

/**
 * The payload hash of the canonical request. A client may state it in `X-Sdk-Content-Sha256`; the
 * stated value is used in the canonical request (as the signers do), so it is only trusted after
 * `checkPayloadHash` has compared it with the body received.
 */
export function payloadHash(headers: IncomingHttpHeaders, body: Uint8Array): string {
  return headerValue(headers, 'x-sdk-content-sha256') ?? hexSha256(body);
}

function isJsonContentType(headers: IncomingHttpHeaders): boolean {
  const type = (headerValue(headers, 'content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  return type === 'application/json' || type.endsWith('+json');
}

/**
 * Binds the body to the signature: a stated `X-Sdk-Content-Sha256` must be the hex SHA-256 of the
 * bytes received, or the SDK's `UNSIGNED-PAYLOAD` marker, which is accepted only where the SDK sends
 * it (a non-JSON Content-Type). Whether API Gateway accepts the marker at all is UNVERIFIED; these
 * APIs take JSON bodies only, so accepting it for JSON would leave every body unsigned.
 * Returns a problem description, or undefined when the hash is consistent.
 */
export function checkPayloadHash(headers: IncomingHttpHeaders, body: Uint8Array): string | undefined {
  const stated = headerValue(headers, 'x-sdk-content-sha256');
  if (stated === undefined) return undefined;
  if (stated === UNSIGNED_PAYLOAD) {
    return isJsonContentType(headers) ? 'x-sdk-content-sha256 UNSIGNED-PAYLOAD is not accepted for a JSON body' : undefined;
  }
  return stated.toLowerCase() === hexSha256(body) ? undefined : 'x-sdk-content-sha256 does not match the request body';
}

export function buildCanonicalRequest(input: CanonicalRequestInput): string {
  return [
    input.method.toUpperCase(),
    canonicalUri(input.rawPath),
    canonicalQuery(input.rawQuery),
    canonicalHeaders(input.headers, input.signedHeaders),
    input.signedHeaders.join(';'),
    payloadHash(input.headers, input.body),
  ].join('\n');
}

export function buildStringToSign(sdkDate: string, canonicalRequest: string): string {
  return `${ALGORITHM}\n${sdkDate}\n${hexSha256(canonicalRequest)}`;
}
