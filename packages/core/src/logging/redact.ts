/**
 * Redaction helpers. Secrets must never reach logs, errors or --dry-run output,
 * so every path that prints something structured goes through here.
 */

export const REDACTED = '[REDACTED]';

/**
 * Key names (compared case-insensitively, ignoring `-`, `_`, `.` and spaces) whose values are always redacted.
 * Client packages add the fields their spec marks secret (`secretFields`).
 */
export const DEFAULT_REDACT_KEYS: readonly string[] = Object.freeze([
  'password',
  'pwd',
  'secret',
  'sk',
  'secret_key',
  'secret_access_key',
  'access_key_secret',
  'token',
  'auth_token',
  'security_token',
  'session_token',
  'access_token',
  'x-auth-token',
  'x-security-token',
  'x-subject-token',
  'authorization',
  'private_key',
  'credential',
  'credentials',
]);

/** Any key containing one of these fragments is redacted too (`new_password`, `adminPwd`, `client_secret`...). */
const SENSITIVE_FRAGMENTS = ['password', 'passwd', 'pwd', 'secret', 'token', 'privatekey', 'authorization'];

function normalizeKey(key: string): string {
  return key.toLowerCase().replace(/[-_.\s]/g, '');
}

/** Returns a predicate telling whether a key name holds a secret. */
export function createSensitiveKeyMatcher(extraKeys: readonly string[] = []): (key: string) => boolean {
  const exact = new Set([...DEFAULT_REDACT_KEYS, ...extraKeys].map(normalizeKey));
  return (key) => {
    const k = normalizeKey(key);
    return exact.has(k) || SENSITIVE_FRAGMENTS.some((f) => k.includes(f));
  };
}

const defaultMatcher = createSensitiveKeyMatcher();

export interface RedactOptions {
  /** Additional key names to redact (added to DEFAULT_REDACT_KEYS). */
  keys?: readonly string[];
  /** Replacement value (default `[REDACTED]`). */
  replacement?: string;
}

/**
 * Deep copy of `value` with the values of secret-looking keys replaced by `[REDACTED]`.
 * Arrays and plain objects are walked; other values are returned as they are.
 * The result has the same shape, but redacted leaves are strings.
 */
export function redact<T>(value: T, options: RedactOptions = {}): T {
  const isSensitive = options.keys?.length ? createSensitiveKeyMatcher(options.keys) : defaultMatcher;
  const replacement = options.replacement ?? REDACTED;
  const seen = new WeakSet<object>();

  const walk = (v: unknown): unknown => {
    if (typeof v !== 'object' || v === null) return v;
    if (seen.has(v)) return '[Circular]';
    if (Array.isArray(v)) {
      seen.add(v);
      const out = v.map(walk);
      seen.delete(v);
      return out;
    }
    const proto: unknown = Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== null) return v;
    seen.add(v);
    const out: Record<string, unknown> = {};
    for (const [k, child] of Object.entries(v)) {
      out[k] = isSensitive(k) && child !== undefined && child !== null ? replacement : walk(child);
    }
    seen.delete(v);
    return out;
  };
  return walk(value) as T;
}

/**
 * Redacts a JSON text (e.g. a request body for --dry-run). A body that is not JSON
 * cannot be inspected key by key, so it is replaced as a whole.
 */
export function redactJsonText(text: string, options: RedactOptions = {}): string {
  if (text === '') return text;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return `[non-JSON body, ${text.length} characters, not shown]`;
  }
  return JSON.stringify(redact(parsed, options));
}

/**
 * Removes secrets from free text a server may echo back (APIGW.0301 can echo the canonical
 * request, which contains the signed x-security-token value) and any exact secret values known
 * to the caller.
 */
export function scrubText(text: string, knownSecrets: readonly string[] = []): string {
  // Known secrets first: the pattern below stops at delimiters like `,`, so applied first it could
  // cut a secret in half and leave a tail the exact match no longer finds.
  let out = text;
  for (const secret of knownSecrets) {
    // Very short values would redact ordinary words; real secrets are long.
    if (secret.length >= 6) out = out.split(secret).join(REDACTED);
  }
  return out.replace(
    /\b(x-security-token|x-auth-token|x-subject-token|authorization|signature|security_token|auth_token|secret_access_key|password)(["']?\s*[:=]\s*["']?)([^\s"',;&}]+)/gi,
    (match, name: string, separator: string, value: string) => (value === REDACTED ? match : `${name}${separator}${REDACTED}`),
  );
}
