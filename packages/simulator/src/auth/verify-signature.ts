import { createHmac, timingSafeEqual } from 'node:crypto';
import type { ReceivedRequest, RequestHead } from '../http/request.js';
import { headerValue } from '../http/request.js';
import { ALGORITHM, buildCanonicalRequest, buildStringToSign, checkPayloadHash } from './canonical-request.js';

/** API Gateway rejects an `X-Sdk-Date` further than this from its clock ("signature expired"). */
export const MAX_CLOCK_SKEW_MS = 15 * 60 * 1000;

export interface ParsedAuthorization {
  readonly accessKeyId: string;
  readonly signedHeaders: readonly string[];
  readonly signature: string;
}

export type SignatureCheck =
  | { readonly ok: true; readonly accessKeyId: string }
  | { readonly ok: false; readonly reason: 'malformed' | 'unknown-ak' | 'expired' | 'mismatch'; readonly message: string };

/** `SDK-HMAC-SHA256 Access=AK, SignedHeaders=a;b, Signature=hex` → parts, or undefined if malformed. */
export function parseAuthorization(value: string): ParsedAuthorization | undefined {
  if (!value.startsWith(`${ALGORITHM} `)) return undefined;
  const fields = new Map<string, string>();
  for (const part of value.slice(ALGORITHM.length + 1).split(',')) {
    const eq = part.indexOf('=');
    if (eq === -1) return undefined;
    fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const accessKeyId = fields.get('Access');
  const signedHeaders = fields.get('SignedHeaders');
  const signature = fields.get('Signature');
  if (!accessKeyId || !signedHeaders || !signature || !/^[0-9a-f]{64}$/.test(signature)) return undefined;
  return { accessKeyId, signedHeaders: signedHeaders.split(';').map((h) => h.trim().toLowerCase()), signature };
}

/** `YYYYMMDDTHHmmssZ` → epoch ms, or undefined. */
export function parseSdkDate(value: string): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  return Number.isNaN(ms) ? undefined : ms;
}

export function formatSdkDate(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z');
}

export interface VerifyOptions {
  /** Secret key for an access key id, or undefined when the AK is unknown. */
  readonly secretFor: (accessKeyId: string) => string | undefined;
  readonly now: number;
  readonly maxSkewMs?: number;
  /** Fault injection: answer "signature expired" whatever the date says. */
  readonly forceExpired?: boolean;
}

const PREFIX = 'Incorrect IAM authentication information: ';

/**
 * The checks that need no body: Authorization well-formed, X-Sdk-Date present and fresh, AK known.
 * Run before the body is read, so an unauthenticated client cannot make the server buffer 12 MB.
 */
export function checkSignatureHead(request: RequestHead, options: VerifyOptions): SignatureCheck {
  return headChecks(request, options).check;
}

function headChecks(
  request: RequestHead,
  options: VerifyOptions,
): { check: SignatureCheck; auth?: ParsedAuthorization; sdkDate?: string; secret?: string } {
  const auth = parseAuthorization(headerValue(request.headers, 'authorization') ?? '');
  if (!auth) return { check: { ok: false, reason: 'malformed', message: `${PREFIX}Authorization header is malformed` } };
  const sdkDate = headerValue(request.headers, 'x-sdk-date');
  if (sdkDate === undefined) return { check: { ok: false, reason: 'malformed', message: `${PREFIX}x-sdk-date header is missing` } };
  const signedAt = parseSdkDate(sdkDate);
  if (signedAt === undefined) return { check: { ok: false, reason: 'malformed', message: `${PREFIX}x-sdk-date is not YYYYMMDDTHHmmssZ` } };

  const secret = options.secretFor(auth.accessKeyId);
  if (secret === undefined) return { check: { ok: false, reason: 'unknown-ak', message: `${PREFIX}ak ${auth.accessKeyId} not exist` } };

  const maxSkew = options.maxSkewMs ?? MAX_CLOCK_SKEW_MS;
  if (options.forceExpired || Math.abs(options.now - signedAt) > maxSkew) {
    return {
      check: {
        ok: false,
        reason: 'expired',
        message: `${PREFIX}signature expired, signature time ${sdkDate} server time ${formatSdkDate(options.now)}`,
      },
    };
  }
  return { check: { ok: true, accessKeyId: auth.accessKeyId }, auth, sdkDate, secret };
}

export function verifySignature(request: ReceivedRequest, options: VerifyOptions): SignatureCheck {
  const head = headChecks(request, options);
  if (!head.check.ok || !head.auth || head.sdkDate === undefined || head.secret === undefined) return head.check;
  const { auth, sdkDate, secret } = head;
  // The stated body hash goes into the signed string, so it must be the hash of what was received.
  const hashProblem = checkPayloadHash(request.headers, request.body);
  if (hashProblem) return { ok: false, reason: 'mismatch', message: `${PREFIX}verify aksk signature fail (${hashProblem})` };

  const canonical = buildCanonicalRequest({
    method: request.method,
    rawPath: request.rawPath,
    rawQuery: request.rawQuery,
    headers: request.headers,
    signedHeaders: auth.signedHeaders,
    body: request.body,
  });
  const expected = createHmac('sha256', secret).update(buildStringToSign(sdkDate, canonical)).digest();
  const given = Buffer.from(auth.signature, 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, reason: 'mismatch', message: `${PREFIX}verify aksk signature fail` };
  }
  return { ok: true, accessKeyId: auth.accessKeyId };
}
