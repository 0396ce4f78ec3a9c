/**
 * Pure building blocks of the SDK-HMAC-SHA256 signature (huawei-dr-api.md §D.2).
 * Each function takes plain values so it can be tested against known answers.
 */
import { createHmac, hash } from 'node:crypto';
import { compareUtf8, decodeComponent, decodeQueryComponent, percentEncode } from './encode.js';

export const SIGNING_ALGORITHM = 'SDK-HMAC-SHA256';
export const EMPTY_PAYLOAD_HASH = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

/**
 * Canonical URI: each `/`-separated segment of the raw (already encoded) path is decoded and
 * re-encoded with the signer's encoder, and a trailing `/` is appended when missing
 * (`/v3/p/jobs` → `/v3/p/jobs/`). Splitting before decoding keeps an encoded `%2F` inside its segment.
 */
/** A path the signer's encoder would leave unchanged (unreserved characters and `/` only). */
const PLAIN_PATH = /^[A-Za-z0-9\-._~/]*$/;

export function canonicalUri(rawPath: string): string {
  // Typical API paths need no decoding or re-encoding: skip the per-segment work.
  if (PLAIN_PATH.test(rawPath)) return rawPath.startsWith('/') ? (rawPath.endsWith('/') ? rawPath : `${rawPath}/`) : canonicalUri(`/${rawPath}`);
  const uri = rawPath
    .split('/')
    .map((segment) => percentEncode(decodeComponent(segment)))
    .join('/');
  const withLeading = uri.startsWith('/') ? uri : `/${uri}`;
  return withLeading.endsWith('/') ? withLeading : `${withLeading}/`;
}

/** Splits a raw query string (with or without `?`) into decoded key/value pairs, keeping repeats. */
export function parseQuery(rawQuery: string): Array<[string, string]> {
  const query = rawQuery.startsWith('?') ? rawQuery.slice(1) : rawQuery;
  const pairs: Array<[string, string]> = [];
  for (const part of query.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const key = eq === -1 ? part : part.slice(0, eq);
    const value = eq === -1 ? '' : part.slice(eq + 1);
    pairs.push([decodeQueryComponent(key), decodeQueryComponent(value)]);
  }
  return pairs;
}

/**
 * Canonical query: keys sorted, each value of a repeated key sorted and emitted as its own
 * `key=value`, both sides encoded with the signer's encoder, joined by `&`.
 */
export function canonicalQuery(rawQuery: string): string {
  const byKey = new Map<string, string[]>();
  for (const [key, value] of parseQuery(rawQuery)) {
    const values = byKey.get(key);
    if (values) values.push(value);
    else byKey.set(key, [value]);
  }
  const parts: string[] = [];
  for (const key of [...byKey.keys()].sort(compareUtf8)) {
    for (const value of (byKey.get(key) ?? []).sort(compareUtf8)) {
      parts.push(`${percentEncode(key)}=${percentEncode(value)}`);
    }
  }
  return parts.join('&');
}

/**
 * Which headers are signed. Signing a header that a proxy or the HTTP stack may rewrite
 * (user-agent, content-length, accept-encoding, connection...) would break the signature, so
 * only `host`, `content-type` and every `x-*` header (X-Project-Id, X-Sdk-Date, X-Security-Token...)
 * are signed. The server checks whatever SignedHeaders declares.
 */
export function isSignedHeader(name: string): boolean {
  const n = name.toLowerCase();
  return n === 'host' || n === 'content-type' || n.startsWith('x-');
}

/** Lower-cased, value-trimmed, name-sorted header entries to sign. */
export function headersToSign(headers: Iterable<readonly [string, string]>, host: string): Array<[string, string]> {
  const map = new Map<string, string>();
  for (const [name, value] of headers) {
    const n = name.toLowerCase();
    if (n !== 'host' && isSignedHeader(n)) map.set(n, value.trim());
  }
  map.set('host', host);
  return [...map.entries()].sort(([a], [b]) => compareUtf8(a, b));
}

/** `name:value\n` for each header, in order. */
export function canonicalHeaders(entries: ReadonlyArray<readonly [string, string]>): string {
  return entries.map(([name, value]) => `${name}:${value}\n`).join('');
}

/** `name1;name2;...` in order. */
export function signedHeaders(entries: ReadonlyArray<readonly [string, string]>): string {
  return entries.map(([name]) => name).join(';');
}

/** Lower-case hex SHA-256 of the exact body bytes (empty body → EMPTY_PAYLOAD_HASH). */
export function payloadHash(body: Uint8Array | string | undefined): string {
  if (body === undefined || body.length === 0) return EMPTY_PAYLOAD_HASH;
  // One-shot crypto.hash: no Hash object per call.
  return hash('sha256', body, 'hex');
}

export function sha256Hex(text: string): string {
  return hash('sha256', text, 'hex');
}

// The last formatted second: calls within the same second reuse it.
let lastSecond = Number.NaN;
let lastSdkDate = '';

/** `YYYYMMDDTHHmmssZ` in UTC. */
export function formatSdkDate(date: Date): string {
  const ms = date.getTime();
  if (Number.isNaN(ms)) throw new RangeError('Invalid signing date');
  const second = Math.floor(ms / 1000);
  if (second !== lastSecond) {
    lastSdkDate = date.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
    lastSecond = second;
  }
  return lastSdkDate;
}

export interface CanonicalRequestParts {
  method: string;
  /** Raw pathname of the URL (as sent). */
  path: string;
  /** Raw query string of the URL (as sent), with or without `?`. */
  query: string;
  /** Headers to sign, as returned by headersToSign(). */
  headers: ReadonlyArray<readonly [string, string]>;
  /** Hex SHA-256 of the body (or the X-Sdk-Content-Sha256 value). */
  payloadHash: string;
}

export function canonicalRequest(parts: CanonicalRequestParts): string {
  return [
    parts.method.toUpperCase(),
    canonicalUri(parts.path),
    canonicalQuery(parts.query),
    canonicalHeaders(parts.headers),
    signedHeaders(parts.headers),
    parts.payloadHash,
  ].join('\n');
}

export function stringToSign(sdkDate: string, canonicalRequestText: string): string {
  return `${SIGNING_ALGORITHM}\n${sdkDate}\n${sha256Hex(canonicalRequestText)}`;
}

/** Hex HMAC-SHA256 keyed with the secret key string. */
export function signature(secretAccessKey: string, stringToSignText: string): string {
  return createHmac('sha256', secretAccessKey).update(stringToSignText, 'utf8').digest('hex');
}

export function authorizationHeader(accessKeyId: string, signedHeaderNames: string, signatureHex: string): string {
  return `${SIGNING_ALGORITHM} Access=${accessKeyId}, SignedHeaders=${signedHeaderNames}, Signature=${signatureHex}`;
}
