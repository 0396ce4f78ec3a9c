import { REDACTED } from './redact.js';

/** Headers whose values are never logged, even if a caller adds them to the allow-list. */
export const ALWAYS_REDACTED_HEADERS: readonly string[] = Object.freeze([
  'authorization',
  'x-auth-token',
  'x-security-token',
  'x-subject-token',
  'cookie',
  'set-cookie',
  'proxy-authorization',
]);

/** Header values shown in debug logs; every other header is listed with a redacted value. */
export const DEFAULT_LOG_HEADER_ALLOWLIST: readonly string[] = Object.freeze([
  'accept',
  'content-length',
  'content-type',
  'date',
  'host',
  'retry-after',
  'user-agent',
  'x-language',
  'x-project-id',
  'x-request-id',
  'x-sdk-content-sha256',
  'x-sdk-date',
]);

/** Copies headers into a plain record, keeping values only for allow-listed names. */
export function redactHeaders(
  headers: Headers | Readonly<Record<string, string>>,
  allowList: readonly string[] = DEFAULT_LOG_HEADER_ALLOWLIST,
): Record<string, string> {
  const allowed = new Set(allowList.map((h) => h.toLowerCase()));
  const out: Record<string, string> = {};
  const add = (value: string, name: string) => {
    const n = name.toLowerCase();
    out[n] = allowed.has(n) && !ALWAYS_REDACTED_HEADERS.includes(n) ? value : REDACTED;
  };
  if (headers instanceof Headers) headers.forEach(add);
  else for (const [name, value] of Object.entries(headers)) add(value, name);
  return out;
}
