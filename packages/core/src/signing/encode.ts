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

/** Percent-encodes a decoded string for the canonical request. */
export function percentEncode(value: string): string {
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
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** Query components follow application/x-www-form-urlencoded: `+` means a space (as Go's url.ParseQuery). */
export function decodeQueryComponent(value: string): string {
  return decodeComponent(value.replace(/\+/g, ' '));
}

/** Orders strings by their UTF-8 bytes (what Go's sort.Strings does), not by UTF-16 code units. */
export function compareUtf8(a: string, b: string): number {
  if (a === b) return 0;
  const x = utf8.encode(a);
  const y = utf8.encode(b);
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) {
    const d = (x[i] as number) - (y[i] as number);
    if (d !== 0) return d;
  }
  return x.length - y.length;
}
