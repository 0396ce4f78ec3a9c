import { timingSafeEqual } from 'node:crypto';
import { ApiError } from '../http/api-error.js';
import type { ReceivedRequest, RequestHead } from '../http/request.js';
import { headerValue } from '../http/request.js';
import { ALGORITHM } from './canonical-request.js';
import { checkSignatureHead, verifySignature, type VerifyOptions } from './verify-signature.js';

export interface SimulatorCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /** Value accepted in `X-Auth-Token`; token auth is refused when undefined. */
  readonly authToken: string | undefined;
}

export interface AuthenticateOptions {
  readonly credentials: SimulatorCredentials;
  readonly now: number;
  readonly maxSkewMs?: number;
  readonly forceExpired?: boolean;
  readonly requestId: string;
  /**
   * Hosts a client may have signed besides the received `Host` (a proxy in front, such as
   * `prism proxy`, rewrites `Host` to the upstream's). Checked only when the received one fails.
   */
  readonly hostAliases?: readonly string[];
  /**
   * The received path without its `/{region}` prefix. A trusted proxy whose upstream is
   * `http://sim/{region}` forwards `/v3/...` as `/{region}/v3/...`, so its client signed the path
   * without the prefix, as a client of the real regional host does. Tried only with a host alias.
   */
  readonly unprefixedPath?: string;
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

/** API Gateway-style 401 (`request_id` in the body is what the real gateway adds). */
function denied(message: string, requestId: string): ApiError {
  return new ApiError(401, 'APIGW.0301', message, { request_id: requestId });
}

function verifyOptions(options: AuthenticateOptions): VerifyOptions {
  const { credentials } = options;
  return {
    secretFor: (ak) => (ak === credentials.accessKeyId ? credentials.secretAccessKey : undefined),
    now: options.now,
    ...(options.maxSkewMs !== undefined && { maxSkewMs: options.maxSkewMs }),
    ...(options.forceExpired !== undefined && { forceExpired: options.forceExpired }),
  };
}

/**
 * First half, before the body is read: an `SDK-HMAC-SHA256` Authorization that is well-formed, fresh
 * and names the known AK, or the configured `X-Auth-Token` (fully checked here). Throws the gateway's 401.
 * Returns whether the signature still has to be verified over the body (`authenticateBody`).
 */
export function authenticateHead(request: RequestHead, options: AuthenticateOptions): 'signature' | 'done' {
  const { credentials, requestId } = options;
  const authorization = headerValue(request.headers, 'authorization');
  if (authorization !== undefined) {
    if (!authorization.startsWith(`${ALGORITHM} `)) {
      throw denied('Incorrect IAM authentication information: unsupported Authorization algorithm', requestId);
    }
    const check = checkSignatureHead(request, verifyOptions(options));
    if (!check.ok) throw denied(check.message, requestId);
    return 'signature';
  }
  const token = headerValue(request.headers, 'x-auth-token');
  if (token !== undefined) {
    if (credentials.authToken === undefined || !sameSecret(token, credentials.authToken)) {
      throw denied('Incorrect IAM authentication information: decrypt token fail', requestId);
    }
    if (options.forceExpired) throw denied('Incorrect IAM authentication information: token expired', requestId);
    return 'done';
  }
  throw denied('Incorrect IAM authentication information: neither Authorization nor X-Auth-Token is present', requestId);
}

/**
 * Second half: the signature over method, path, query, signed headers and the body received
 * (whose stated hash must match). Host aliases cover a proxy that rewrote Host.
 */
export function authenticateBody(request: ReceivedRequest, options: AuthenticateOptions): void {
  const verify = (candidate: ReceivedRequest) => verifySignature(candidate, verifyOptions(options));
  const check = verify(request);
  if (check.ok) return;
  // Everything but Host must still match byte for byte, so a proxy alias cannot hide a tampered request.
  for (const host of options.hostAliases ?? []) {
    const aliased = { ...request, headers: { ...request.headers, host } };
    if (verify(aliased).ok) return;
    if (options.unprefixedPath !== undefined && verify({ ...aliased, rawPath: options.unprefixedPath }).ok) return;
  }
  throw denied(check.message, options.requestId);
}

/** Both halves, for a request already read in full. */
export function authenticate(request: ReceivedRequest, options: AuthenticateOptions): void {
  if (authenticateHead(request, options) === 'signature') authenticateBody(request, options);
}
