import { describe, expect, it } from 'vitest';
import {
  EMPTY_PAYLOAD_HASH,
  canonicalHeaders,
  canonicalQuery,
  canonicalUri,
  formatSdkDate,
  headersToSign,
  isSignedHeader,
  parseQuery,
  payloadHash,
  signedHeaders,
} from '../src/signing/canonical-request.js';
import { compareUtf8, percentEncode } from '../src/signing/encode.js';
import { computeSignature, signRequest } from '../src/signing/sign-request.js';
import { isHuaweiCloudConfigError } from '../src/errors/errors.js';

const creds = { accessKeyId: 'AK', secretAccessKey: 'SK' };

describe('percentEncode', () => {
  it('keeps only RFC 3986 unreserved characters', () => {
    expect(percentEncode('AZaz09-_.~')).toBe('AZaz09-_.~');
    expect(percentEncode("!'()*")).toBe('%21%27%28%29%2A');
    expect(percentEncode(' /&=+?#%:')).toBe('%20%2F%26%3D%2B%3F%23%25%3A');
  });
  it('encodes UTF-8 bytes in upper-case hex', () => {
    expect(percentEncode('一')).toBe('%E4%B8%80');
    expect(percentEncode('é😀')).toBe('%C3%A9%F0%9F%98%80');
  });
});

describe('compareUtf8', () => {
  it('orders by UTF-8 bytes, unlike the default UTF-16 sort', () => {
    // U+FF61 sorts after U+1F600 in UTF-16 code units (0xFF61 > 0xD83D) but before it in UTF-8.
    expect(compareUtf8('\uFF61', '😀')).toBeLessThan(0);
    expect(['\uFF61', '😀'].sort()).toEqual(['😀', '\uFF61']);
  });
});

describe('canonicalUri', () => {
  it('appends a trailing slash', () => {
    expect(canonicalUri('/v3/p/jobs')).toBe('/v3/p/jobs/');
    expect(canonicalUri('/v3/p/jobs/')).toBe('/v3/p/jobs/');
  });
  it('gives / for an empty path', () => {
    expect(canonicalUri('')).toBe('/');
    expect(canonicalUri('/')).toBe('/');
  });
  it('decodes each segment before re-encoding, keeping an encoded slash inside its segment', () => {
    expect(canonicalUri('/a%20b/c%2Fd/urn:fss:x')).toBe('/a%20b/c%2Fd/urn%3Afss%3Ax/');
  });
  it('encodes characters the WHATWG URL leaves raw', () => {
    const url = new URL("https://h/x/it's(1)*!/é");
    expect(canonicalUri(url.pathname)).toBe('/x/it%27s%281%29%2A%21/%C3%A9/');
  });
  it('leaves a malformed escape as literal text', () => {
    expect(canonicalUri('/bad%zz')).toBe('/bad%25zz/');
  });
});

describe('canonicalQuery', () => {
  it('matches the server canonical form for already-encoded values', () => {
    expect(canonicalQuery('?primary_cluster_id=a%20b%2Fc&id=x%26y%3Dz')).toBe('id=x%26y%3Dz&primary_cluster_id=a%20b%2Fc');
  });
  it('sorts keys and the values of repeated keys', () => {
    expect(canonicalQuery('b=2&a=z&a=y&a=x')).toBe('a=x&a=y&a=z&b=2');
  });
  it('treats + as a space (form encoding) and a key without = as an empty value', () => {
    expect(canonicalQuery('q=a+b&flag')).toBe('flag=&q=a%20b');
  });
  it('encodes non-ASCII keys and values', () => {
    expect(canonicalQuery('名=值')).toBe('%E5%90%8D=%E5%80%BC');
  });
  it('is empty for no query', () => {
    expect(canonicalQuery('')).toBe('');
    expect(canonicalQuery('?')).toBe('');
  });
  it('parseQuery keeps repeats in order', () => {
    expect(parseQuery('?a=1&a=2&b')).toEqual([
      ['a', '1'],
      ['a', '2'],
      ['b', ''],
    ]);
  });
});

describe('headers to sign', () => {
  it('signs host, content-type and x-* only', () => {
    for (const h of ['host', 'Content-Type', 'X-Project-Id', 'x-sdk-date', 'X-Security-Token', 'x-language']) expect(isSignedHeader(h)).toBe(true);
    for (const h of ['user-agent', 'content-length', 'accept-encoding', 'connection', 'authorization', 'accept']) expect(isSignedHeader(h)).toBe(false);
  });
  it('lower-cases, trims, sorts and takes host from the URL', () => {
    const entries = headersToSign(
      [
        ['X-Sdk-Date', '20240101T000000Z'],
        ['User-Agent', 'x'],
        ['Content-Type', ' application/json '],
        ['Host', 'evil.example'],
      ],
      'dws.cn-north-4.myhuaweicloud.com',
    );
    expect(entries).toEqual([
      ['content-type', 'application/json'],
      ['host', 'dws.cn-north-4.myhuaweicloud.com'],
      ['x-sdk-date', '20240101T000000Z'],
    ]);
    expect(canonicalHeaders(entries)).toBe('content-type:application/json\nhost:dws.cn-north-4.myhuaweicloud.com\nx-sdk-date:20240101T000000Z\n');
    expect(signedHeaders(entries)).toBe('content-type;host;x-sdk-date');
  });
});

describe('payloadHash and dates', () => {
  it('hashes the empty body to the well-known value', () => {
    expect(payloadHash(undefined)).toBe(EMPTY_PAYLOAD_HASH);
    expect(payloadHash(new Uint8Array())).toBe(EMPTY_PAYLOAD_HASH);
  });
  it('hashes bytes, not a re-serialisation', () => {
    expect(payloadHash('{"a":1}')).not.toBe(payloadHash('{"a": 1}'));
    expect(payloadHash(new TextEncoder().encode('é'))).toBe(payloadHash('é'));
  });
  it('formats X-Sdk-Date as YYYYMMDDTHHmmssZ in UTC', () => {
    expect(formatSdkDate(new Date('2024-03-05T07:08:09.999Z'))).toBe('20240305T070809Z');
    expect(() => formatSdkDate(new Date('nope'))).toThrow(RangeError);
  });
});

describe('signRequest', () => {
  const date = new Date('2024-01-01T00:00:00Z');

  it('returns a new Request and leaves the original untouched', async () => {
    const original = new Request('https://h.example/v1/x', { method: 'POST', body: '{"a":1}', headers: { 'content-type': 'application/json' } });
    const signed = await signRequest(original, creds, { date });
    expect(signed).not.toBe(original);
    expect(original.headers.has('authorization')).toBe(false);
    expect(signed.headers.get('x-sdk-date')).toBe('20240101T000000Z');
    expect(signed.headers.get('authorization')).toMatch(/^SDK-HMAC-SHA256 Access=AK, SignedHeaders=content-type;host;x-sdk-date, Signature=[0-9a-f]{64}$/);
    expect(await original.text()).toBe('{"a":1}');
    expect(await signed.text()).toBe('{"a":1}');
  });

  it('adds and signs X-Security-Token for temporary credentials', async () => {
    const signed = await signRequest(new Request('https://h.example/'), { ...creds, securityToken: 'tok' }, { date });
    expect(signed.headers.get('x-security-token')).toBe('tok');
    expect(signed.headers.get('authorization')).toContain('SignedHeaders=host;x-sdk-date;x-security-token,');
  });

  it('does not sign user-agent or accept, so proxies rewriting them cannot break the signature', async () => {
    const a = await signRequest(new Request('https://h.example/', { headers: { 'user-agent': 'a', accept: '*/*' } }), creds, { date });
    const b = await signRequest(new Request('https://h.example/', { headers: { 'user-agent': 'b' } }), creds, { date });
    expect(a.headers.get('authorization')).toBe(b.headers.get('authorization'));
  });

  it('changes the signature when the date changes', async () => {
    const a = await signRequest(new Request('https://h.example/'), creds, { date });
    const b = await signRequest(new Request('https://h.example/'), creds, { date: new Date(date.getTime() + 1000) });
    expect(a.headers.get('authorization')).not.toBe(b.headers.get('authorization'));
  });

  it('replaces a stale Authorization header', async () => {
    const req = new Request('https://h.example/', { headers: { authorization: 'old' } });
    const signed = await signRequest(req, creds, { date });
    expect(signed.headers.get('authorization')).toMatch(/^SDK-HMAC-SHA256 /);
  });

  it('uses X-Sdk-Content-Sha256 instead of the body hash when present', () => {
    const headers = new Headers({ 'x-sdk-date': '20240101T000000Z', 'x-sdk-content-sha256': 'UNSIGNED-PAYLOAD' });
    const r = computeSignature({ method: 'PUT', url: 'https://h.example/f', headers, body: new Uint8Array([1, 2, 3]), accessKeyId: 'AK', secretAccessKey: 'SK' });
    expect(r.canonicalRequest.endsWith('\nUNSIGNED-PAYLOAD')).toBe(true);
  });

  it('includes a non-default port in the signed host', () => {
    const headers = new Headers({ 'x-sdk-date': '20240101T000000Z' });
    const r = computeSignature({ method: 'GET', url: 'http://127.0.0.1:4010/v3/p/jobs?id=1', headers, body: undefined, accessKeyId: 'AK', secretAccessKey: 'SK' });
    expect(r.canonicalRequest).toBe(`GET\n/v3/p/jobs/\nid=1\nhost:127.0.0.1:4010\nx-sdk-date:20240101T000000Z\n\nhost;x-sdk-date\n${EMPTY_PAYLOAD_HASH}`);
  });

  it('refuses empty credentials with a config error', async () => {
    await expect(signRequest(new Request('https://h.example/'), { accessKeyId: '', secretAccessKey: 'x' })).rejects.toSatisfy(isHuaweiCloudConfigError);
  });
});
