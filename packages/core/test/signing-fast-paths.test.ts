// The signer's fast paths (found by `npm run bench` profiles: UTF-8 encoding and the Request body
// clone dominated signing) must give exactly the answers of the slow paths they skip.
// Generated cases: 3 properties x 500 + 1 x 200 runs = 1,700 (printed after the run).
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { compareUtf8, decodeComponent, decodeQueryComponent, percentEncode } from '../src/signing/encode.js';
import { computeSignature, signHeaders, signRequest } from '../src/signing/sign-request.js';

let generated = 0;
afterAll(() => {
  console.log(`signing fast paths: ${generated} generated cases`);
});
const counted = <T>(numRuns: number, property: fc.IProperty<T>) => {
  generated += numRuns;
  fc.assert(property, { numRuns });
};
const countedAsync = async <T>(numRuns: number, property: fc.IAsyncProperty<T>) => {
  generated += numRuns;
  await fc.assert(property, { numRuns });
};

// Strings made of the characters that make ordering and encoding interesting: ASCII, 2- and 3-byte
// BMP characters (some above the surrogate range), astral characters and lone surrogates.
const tricky = fc
  .array(fc.constantFrom('a', 'B', '~', '%', '+', ' ', 'é', '\u07FF', '\uD7FF', '\uE000', '\uFF61', '\uFFFF', '😀', '𐀀', '\uD83D', '\uDE00'), { maxLength: 6 })
  .map((parts) => parts.join(''));
const anyText = fc.oneof(tricky, fc.string({ unit: 'binary', maxLength: 8 }));

const utf8 = new TextEncoder();
function byteOrder(a: string, b: string): number {
  return Math.sign(Buffer.compare(Buffer.from(utf8.encode(a)), Buffer.from(utf8.encode(b))));
}

describe('encode fast paths', () => {
  it('compareUtf8 orders exactly as the UTF-8 bytes do', () => {
    counted(500, fc.property(anyText, anyText, (a, b) => {
      expect(Math.sign(compareUtf8(a, b))).toBe(byteOrder(a, b));
    }));
  });

  it('compareUtf8 edge cases around the surrogate range', () => {
    expect(compareUtf8('\uFF61', '😀')).toBeLessThan(0); // UTF-16 order says the opposite
    expect(compareUtf8('\uE000', '\uD83D\uDE00')).toBeLessThan(0);
    expect(compareUtf8('ab', 'abc')).toBeLessThan(0);
    expect(compareUtf8('a\uD83D', 'a\uD83D\uDE00')).toBeLessThan(0);
    expect(compareUtf8('x', 'x')).toBe(0);
  });

  it('percentEncode: unreserved-only strings come back unchanged, others as the reference encodes them', () => {
    const ref = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
    counted(500, fc.property(fc.oneof(fc.stringMatching(/^[A-Za-z0-9\-_.~]{0,12}$/), fc.string({ unit: 'grapheme', maxLength: 8 })), (s) => {
      expect(percentEncode(s)).toBe(ref(s));
    }));
  });

  it('decodeComponent / decodeQueryComponent skip work only when there is nothing to decode', () => {
    counted(500, fc.property(tricky, (s) => {
      const encoded = percentEncode(s.replace(/[\uD800-\uDFFF]/g, ''));
      expect(decodeComponent(encoded)).toBe(s.replace(/[\uD800-\uDFFF]/g, ''));
      expect(decodeQueryComponent(s)).toBe(decodeComponent(s.replace(/\+/g, ' ')));
    }));
    expect(decodeComponent('%zz')).toBe('%zz');
    expect(decodeQueryComponent('a+b%20c')).toBe('a b c');
  });
});

describe('signHeaders and signRequest({ body })', () => {
  const creds = { accessKeyId: 'AK', secretAccessKey: 'SK' };
  const date = new Date('2024-01-01T00:00:00Z');

  it('signHeaders sets the same Authorization as computeSignature and replaces stale auth headers', () => {
    const headers = new Headers({ 'content-type': 'application/json', authorization: 'old', 'x-security-token': 'stale' });
    const body = utf8.encode('{"a":1}');
    const same = signHeaders({ method: 'POST', url: 'https://h.example/v3/p/x', headers, body }, creds, { date });
    expect(same).toBe(headers);
    expect(headers.get('x-sdk-date')).toBe('20240101T000000Z');
    expect(headers.has('x-security-token')).toBe(false);
    const expected = computeSignature({ method: 'POST', url: 'https://h.example/v3/p/x', headers, body, ...creds }).authorization;
    expect(headers.get('authorization')).toBe(expected);
  });

  it('signHeaders refuses empty credentials', () => {
    expect(() => signHeaders({ method: 'GET', url: 'https://h.example/', headers: new Headers(), body: undefined }, { accessKeyId: 'AK', secretAccessKey: '' })).toThrow(
      /non-empty accessKeyId and secretAccessKey/,
    );
  });

  it('signRequest with the body bytes given signs and sends what reading the Request would', async () => {
    await countedAsync(200, fc.asyncProperty(fc.string({ maxLength: 64 }), fc.constantFrom('POST', 'PUT'), async (text, method) => {
      const make = () => new Request('https://h.example/v3/p/x?b=2&a=1', { method, body: text, headers: { 'content-type': 'application/json' } });
      const read = await signRequest(make(), creds, { date });
      const original = make();
      const given = await signRequest(original, creds, { date, body: utf8.encode(text) });
      expect(given.headers.get('authorization')).toBe(read.headers.get('authorization'));
      expect(await given.text()).toBe(text);
      expect(await original.text()).toBe(text); // never read
    }));
  });

  it('signRequest ignores options.body for a Request without a body', async () => {
    const plain = await signRequest(new Request('https://h.example/'), creds, { date });
    const withBytes = await signRequest(new Request('https://h.example/'), creds, { date, body: utf8.encode('x') });
    expect(withBytes.headers.get('authorization')).toBe(plain.headers.get('authorization'));
    expect(withBytes.body).toBeNull();
  });
});
