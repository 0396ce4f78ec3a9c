/**
 * Percent-encoding used by SDK-HMAC-SHA256 (huawei-dr-api.md §D.2): only the RFC 3986 unreserved
 * characters `A-Z a-z 0-9 - _ . ~` stay literal; every other UTF-8 byte becomes `%XX` (upper case).
 * Unlike encodeURIComponent, `! ' ( ) *` are encoded and a space is `%20`, never `+`.
 */

const HEX = Array.from({ length: 256 }, (_, i) => `%${i.toString(16).toUpperCase().padStart(2, '0')}`);
const utf8 = new TextEncoder();

function isUnreserved(byte: number): boolean {
  return (
    (byte >= 0x41 && byte <= 0x5a) || // A-Z
    (byte >= 0x61 && byte <= 0x7a) || // a-z
    (byte >= 0x30 && byte <= 0x39) || // 0-9
    byte === 0x2d || // -
    byte === 0x5f || // _
    byte === 0x2e || // .
    byte === 0x7e // ~
  );
}

/** Strings that percentEncode leaves unchanged (ids, dates, most path segments and query values). */
const UNRESERVED_ONLY = /^[A-Za-z0-9\-_.~]*$/;

/** Percent-encodes a decoded string for the canonical request. */
export function percentEncode(value: string): string {
  // Fast path: most components need no escaping, so skip the UTF-8 encoding pass (it dominated signing profiles).
  if (UNRESERVED_ONLY.test(value)) return value;
  let out = '';
  for (const byte of utf8.encode(value)) out += isUnreserved(byte) ? String.fromCharCode(byte) : HEX[byte];
  return out;
}

/**
 * Decodes a component of a URL that is already percent-encoded (as WHATWG URL leaves it).
 * A malformed sequence (e.g. `%zz`, or bytes that are not UTF-8) is left as it is rather than
 * failing the request; the server would then see the same raw text.
 */
export function decodeComponent(value: string): string {
  // Without an escape there is nothing to decode (decodeURIComponent would return the same string).
  if (!value.includes('%')) return value;
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** Query components follow application/x-www-form-urlencoded: `+` means a space (as Go's url.ParseQuery). */
export function decodeQueryComponent(value: string): string {
  return decodeComponent(value.includes('+') ? value.replace(/\+/g, ' ') : value);
}

/** Orders strings by their UTF-8 bytes (what Go's sort.Strings does), not by UTF-16 code units. */
export function compareUtf8(a: string, b: string): number {
  if (a === b) return 0;
  // UTF-8 byte order is code point order, and UTF-16 code units agree with it as long as no
  // surrogate (U+D800-U+DFFF) is involved. So compare code units, and encode only when the first
  // difference (or the end of the shorter string) touches a unit at or above U+D800.
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return x < 0xd800 && y < 0xd800 ? x - y : compareBytes(a, b);
  }
  const last = n > 0 ? a.charCodeAt(n - 1) : 0;
  return last < 0xd800 ? a.length - b.length : compareBytes(a, b);
}

function compareBytes(a: string, b: string): number {
  const x = utf8.encode(a);
  const y = utf8.encode(b);
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) {
    const d = (x[i] as number) - (y[i] as number);
    if (d !== 0) return d;
  }
  return x.length - y.length;
}
