import { HuaweiCloudConfigError } from '../errors/errors.js';
import {
  authorizationHeader,
  canonicalRequest,
  formatSdkDate,
  headersToSign,
  payloadHash,
  signature,
  signedHeaders,
  stringToSign,
} from './canonical-request.js';

/** Permanent or temporary AK/SK credentials. */
export interface AkSkCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  /** Present for temporary credentials; sent (and signed) as X-Security-Token. */
  securityToken?: string | undefined;
}

export interface SignOptions {
  /** Signing time. Default: an existing X-Sdk-Date header, else now. */
  date?: Date;
  /**
   * signRequest only: the request's body bytes when the caller already holds them (a transport
   * that built the Request from them does). Skips cloning and reading the Request's body stream,
   * which costs more than the signature itself. Must be exactly the bytes the Request carries;
   * ignored when the Request has no body.
   */
  body?: Uint8Array | undefined;
}

export interface SignHeadersInput {
  method: string;
  url: string | URL;
  /** The request headers; changed in place (X-Sdk-Date, Authorization, X-Security-Token). */
  headers: Headers;
  /** The exact body bytes that will be sent. */
  body: Uint8Array | undefined;
}

export interface SignatureInput {
  method: string;
  url: string | URL;
  /** All request headers at signing time (X-Sdk-Date included). */
  headers: Headers;
  /** The exact body bytes that will be sent. */
  body: Uint8Array | undefined;
  accessKeyId: string;
  secretAccessKey: string;
}

export interface SignatureResult {
  sdkDate: string;
  canonicalRequest: string;
  stringToSign: string;
  signedHeaders: string;
  signature: string;
  authorization: string;
}

/** Computes the signature for a request description without touching any Request object. */
export function computeSignature(input: SignatureInput): SignatureResult {
  const url = typeof input.url === 'string' ? new URL(input.url) : input.url;
  const sdkDate = input.headers.get('x-sdk-date');
  if (!sdkDate) throw new TypeError('computeSignature: the X-Sdk-Date header must be set before signing');
  return signParts(input.method, url, input.headers.entries(), sdkDate, input.headers.get('x-sdk-content-sha256'), input.body, input.accessKeyId, input.secretAccessKey);
}

function signParts(
  method: string,
  url: URL,
  headerEntries: Iterable<readonly [string, string]>,
  sdkDate: string,
  contentSha256: string | null | undefined,
  body: Uint8Array | string | undefined,
  accessKeyId: string,
  secretAccessKey: string,
): SignatureResult {
  const entries = headersToSign(headerEntries, url.host);
  // X-Sdk-Content-Sha256 (e.g. UNSIGNED-PAYLOAD) replaces the body hash, as in the official SDKs.
  const hash = contentSha256 ?? payloadHash(body);
  const canonical = canonicalRequest({ method, path: url.pathname, query: url.search, headers: entries, payloadHash: hash });
  const toSign = stringToSign(sdkDate, canonical);
  const sig = signature(secretAccessKey, toSign);
  const names = signedHeaders(entries);
  return {
    sdkDate,
    canonicalRequest: canonical,
    stringToSign: toSign,
    signedHeaders: names,
    signature: sig,
    authorization: authorizationHeader(accessKeyId, names, sig),
  };
}

/**
 * Signs a plain header record (lower-case names) in place: sets x-sdk-date, x-security-token for
 * temporary credentials (removing a stale one otherwise) and authorization. The request pipeline's
 * form: no Headers object and no Request are built.
 */
export function signHeaderRecord(
  method: string,
  url: URL,
  headers: Record<string, string>,
  body: Uint8Array | string | undefined,
  credentials: AkSkCredentials,
  date: Date,
): void {
  assertCredentials(credentials);
  const sdkDate = formatSdkDate(date);
  headers['x-sdk-date'] = sdkDate;
  if (credentials.securityToken) headers['x-security-token'] = credentials.securityToken;
  else delete headers['x-security-token'];
  delete headers['authorization'];
  const result = signParts(method, url, Object.entries(headers), sdkDate, headers['x-sdk-content-sha256'], body, credentials.accessKeyId, credentials.secretAccessKey);
  headers['authorization'] = result.authorization;
}

function assertCredentials(credentials: AkSkCredentials): void {
  if (!credentials.accessKeyId || !credentials.secretAccessKey) {
    throw new HuaweiCloudConfigError([
      { setting: 'credentials', message: 'signRequest needs a non-empty accessKeyId and secretAccessKey.' },
    ]);
  }
}

/**
 * Signs request headers in place with SDK-HMAC-SHA256: sets X-Sdk-Date, Authorization (and
 * X-Security-Token for temporary credentials, removing a stale one otherwise) and returns the same
 * Headers. For callers that build the request themselves from headers + body bytes: no Request
 * object is created or read, so it is the cheapest way to sign.
 */
export function signHeaders(input: SignHeadersInput, credentials: AkSkCredentials, options: SignOptions = {}): Headers {
  assertCredentials(credentials);
  const headers = input.headers;
  headers.delete('authorization');
  const sdkDate = options.date ? formatSdkDate(options.date) : (headers.get('x-sdk-date') ?? formatSdkDate(new Date()));
  headers.set('X-Sdk-Date', sdkDate);
  if (credentials.securityToken) headers.set('X-Security-Token', credentials.securityToken);
  else headers.delete('x-security-token');

  const result = computeSignature({
    method: input.method,
    url: input.url,
    headers,
    body: input.body,
    accessKeyId: credentials.accessKeyId,
    secretAccessKey: credentials.secretAccessKey,
  });
  headers.set('Authorization', result.authorization);
  return headers;
}

/**
 * Signs a request with SDK-HMAC-SHA256 and returns a NEW Request carrying X-Sdk-Date,
 * Authorization (and X-Security-Token for temporary credentials). The body bytes are read once
 * (from a clone, so the original stays readable; or taken from `options.body`), hashed, and sent
 * unchanged, so what is signed is exactly what goes on the wire.
 *
 * Call it as the last step before fetch; the transport does so on every attempt so a retried
 * request gets a fresh date.
 */
export async function signRequest(
  request: Request,
  credentials: AkSkCredentials,
  options: SignOptions = {},
): Promise<Request> {
  assertCredentials(credentials);
  const body = request.body === null ? undefined : (options.body ?? new Uint8Array(await request.clone().arrayBuffer()));
  const headers = signHeaders({ method: request.method, url: request.url, headers: new Headers(request.headers), body }, credentials, options);
  return new Request(request.url, {
    method: request.method,
    headers,
    body,
    signal: request.signal,
    redirect: request.redirect,
  });
}
