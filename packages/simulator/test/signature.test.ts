import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  canonicalQuery,
  canonicalUri,
  createManualClock,
  createSimulator,
  parseSdkDate,
  verifySignature,
  type ManualClock,
  type ReceivedRequest,
  type Simulator,
} from '../src/index.js';

interface Vector {
  name: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string | null;
  authorization: string;
}

const fixture = JSON.parse(readFileSync(new URL('./fixtures/aksk-signer-vectors.json', import.meta.url), 'utf8')) as {
  accessKey: string;
  secretKey: string;
  vectors: Vector[];
};

/** Splits the vector URL textually, so the raw path/query are exactly the signed bytes. */
function rawParts(url: string): { host: string; rawPath: string; rawQuery: string } {
  const m = /^https?:\/\/([^/]+)(\/[^?]*)(?:\?(.*))?$/.exec(url);
  if (!m?.[1] || !m[2]) throw new Error(`bad url ${url}`);
  return { host: m[1], rawPath: m[2], rawQuery: m[3] ?? '' };
}

function received(v: Vector, changes: Partial<ReceivedRequest> = {}): ReceivedRequest {
  const { host, rawPath, rawQuery } = rawParts(v.url);
  const headers: Record<string, string> = { host, authorization: v.authorization };
  for (const [k, val] of Object.entries(v.headers)) headers[k.toLowerCase()] = val;
  return { method: v.method, rawPath, rawQuery, headers, body: Buffer.from(v.body ?? '', 'utf8'), ...changes };
}

const secretFor = (ak: string) => (ak === fixture.accessKey ? fixture.secretKey : undefined);
const vectorNow = (v: Vector) => parseSdkDate(v.headers['X-Sdk-Date'] ?? '') ?? Number.NaN;

describe('signature verification against the official-SDK vectors', () => {
  it('has vectors to check', () => {
    expect(fixture.vectors.length).toBeGreaterThanOrEqual(5);
  });

  for (const v of fixture.vectors) {
    it(`accepts "${v.name}"`, () => {
      expect(verifySignature(received(v), { secretFor, now: vectorNow(v) })).toEqual({ ok: true, accessKeyId: 'AccessKey' });
    });
  }

  const construction = fixture.vectors[0] as Vector;
  const jobQuery = fixture.vectors[1] as Vector;

  it('rejects a tampered body', () => {
    const body = Buffer.from((construction.body ?? '').replace('Pass@1234', 'Pass@1235'), 'utf8');
    expect(verifySignature(received(construction, { body }), { secretFor, now: vectorNow(construction) })).toMatchObject({
      ok: false,
      reason: 'mismatch',
      message: 'Incorrect IAM authentication information: verify aksk signature fail',
    });
  });

  it('rejects a body re-serialised with different whitespace (bytes sent must be bytes signed)', () => {
    const body = Buffer.from(JSON.stringify(JSON.parse(construction.body ?? '{}'), null, 1), 'utf8');
    expect(verifySignature(received(construction, { body }), { secretFor, now: vectorNow(construction) })).toMatchObject({ reason: 'mismatch' });
  });

  it('rejects a tampered path', () => {
    const { rawPath } = rawParts(construction.url);
    const tampered = received(construction, { rawPath: rawPath.replace('inst-a', 'inst-b') });
    expect(verifySignature(tampered, { secretFor, now: vectorNow(construction) })).toMatchObject({ reason: 'mismatch' });
  });

  it('rejects a tampered query', () => {
    const tampered = received(jobQuery, { rawQuery: 'id=job-1&limit=20' });
    expect(verifySignature(tampered, { secretFor, now: vectorNow(jobQuery) })).toMatchObject({ reason: 'mismatch' });
  });

  it('rejects a tampered signed header', () => {
    const tampered = received(jobQuery);
    const headers = { ...tampered.headers, 'x-project-id': 'another-project' };
    expect(verifySignature({ ...tampered, headers }, { secretFor, now: vectorNow(jobQuery) })).toMatchObject({ reason: 'mismatch' });
  });

  it('rejects a tampered signature', () => {
    const last = jobQuery.authorization.slice(-1);
    const authorization = jobQuery.authorization.slice(0, -1) + (last === '0' ? '1' : '0');
    const tampered = received(jobQuery);
    expect(
      verifySignature({ ...tampered, headers: { ...tampered.headers, authorization } }, { secretFor, now: vectorNow(jobQuery) }),
    ).toMatchObject({ reason: 'mismatch' });
  });

  it('rejects a date more than 15 minutes off the clock, in both directions', () => {
    for (const offset of [15 * 60_000 + 1000, -(15 * 60_000 + 1000)]) {
      const check = verifySignature(received(jobQuery), { secretFor, now: vectorNow(jobQuery) + offset });
      expect(check).toMatchObject({ ok: false, reason: 'expired' });
      expect(check.ok ? '' : check.message).toMatch(/^Incorrect IAM authentication information: signature expired/);
    }
    expect(verifySignature(received(jobQuery), { secretFor, now: vectorNow(jobQuery) + 14 * 60_000 }).ok).toBe(true);
  });

  it('rejects an unknown access key', () => {
    const check = verifySignature(received(jobQuery), { secretFor: () => undefined, now: vectorNow(jobQuery) });
    expect(check).toMatchObject({ ok: false, reason: 'unknown-ak', message: 'Incorrect IAM authentication information: ak AccessKey not exist' });
  });
});

describe('canonical request pieces', () => {
  it('builds the Go SDK canonical query vector (sorting, repeated keys, RFC 3986 encoding)', () => {
    const raw = 'test=%E4%B8%80+%28%26%3D%3F%21%23%25.%2A%29&path=%2Ftmp%2F123&multi=3&multi=1&multi=2&limit=1&enable=true';
    expect(canonicalQuery(raw)).toBe(
      'enable=true&limit=1&multi=1&multi=2&multi=3&path=%2Ftmp%2F123&test=%E4%B8%80%20%28%26%3D%3F%21%23%25.%2A%29',
    );
  });

  it('treats + in a query as a space (what axios sends for a signed %20)', () => {
    expect(canonicalQuery('q=a+b')).toBe(canonicalQuery('q=a%20b'));
    expect(canonicalQuery('q=a+b')).toBe('q=a%20b');
  });

  it('appends a trailing slash and re-encodes each path segment', () => {
    expect(canonicalUri('/v3/p/jobs')).toBe('/v3/p/jobs/');
    expect(canonicalUri('/v3/p/a%20b')).toBe('/v3/p/a%20b/');
    // A client that encoded an already-encoded segment a second time signs something else.
    expect(canonicalUri('/v1/urn%253Afss')).not.toBe(canonicalUri('/v1/urn%3Afss'));
  });

  it('matches the Go SDK GET vector from the reference (SignedHeaders=x-sdk-date only)', () => {
    const check = verifySignature(
      {
        method: 'GET',
        rawPath: '/path',
        rawQuery: 'limit=1',
        headers: {
          'x-sdk-date': '20060102T150405Z',
          authorization:
            'SDK-HMAC-SHA256 Access=AccessKey, SignedHeaders=x-sdk-date, Signature=5a2ce64c865e0e6046321c6f3d5a77ba8413eeaf355c3166c03d58d02ac79624',
        },
        body: Buffer.alloc(0),
      },
      { secretFor, now: Date.UTC(2006, 0, 2, 15, 4, 5) },
    );
    expect(check.ok).toBe(true);
  });
});

describe('the same vectors replayed over HTTP', () => {
  let sim: Simulator;
  let clock: ManualClock;
  let port = 0;

  beforeAll(async () => {
    clock = createManualClock(vectorNow(construction()));
    sim = createSimulator({ now: clock.now, credentials: { accessKeyId: fixture.accessKey, secretAccessKey: fixture.secretKey } });
    port = (await sim.listen(0)).port;
  });
  afterAll(() => sim.close());

  function construction(): Vector {
    return fixture.vectors[0] as Vector;
  }

  /** node:http, because the Host header must be the vector's host (fetch sends its own). */
  function replay(v: Vector, change: { body?: string; path?: string; host?: string } = {}): Promise<{ status: number; body: Record<string, unknown> }> {
    const { rawPath, rawQuery } = rawParts(v.url);
    const host = change.host ?? rawParts(v.url).host;
    const body = change.body ?? v.body ?? '';
    return new Promise((resolve, reject) => {
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port,
          method: v.method,
          path: `${change.path ?? rawPath}${rawQuery ? `?${rawQuery}` : ''}`,
          headers: { ...v.headers, Host: host, Authorization: v.authorization, ...(body !== '' && { 'Content-Length': Buffer.byteLength(body) }) },
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => (text += c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} }));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }

  it('passes authentication for every vector (whatever the service then says about the fake ids)', async () => {
    for (const v of fixture.vectors) {
      const res = await replay(v);
      expect(res.status, v.name).not.toBe(401);
      expect(res.body.error_code ?? 'none', v.name).not.toBe('APIGW.0301');
    }
  });

  it('answers 401 APIGW.0301 with a request_id for a tampered body or path', async () => {
    const v = construction();
    for (const change of [{ body: (v.body ?? '').replace('dr-test', 'dr-tesT') }, { path: rawParts(v.url).rawPath.replace('inst-a', 'inst-c') }]) {
      const res = await replay(v, change);
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({
        error_code: 'APIGW.0301',
        error_msg: 'Incorrect IAM authentication information: verify aksk signature fail',
      });
      expect(res.body.request_id).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it('accepts a signature made for a trusted proxy host only when nothing else changed', async () => {
    const v = construction();
    const signedFor = rawParts(v.url).host;
    // As behind `prism proxy` with upstream http://sim/ap-southeast-1: the request arrives with
    // another Host than the one signed, and with the region base path in front of the signed path.
    const proxied = { host: '127.0.0.1:9', path: `/ap-southeast-1${rawParts(v.url).rawPath}` };
    expect((await replay(v, proxied)).status).toBe(401);
    sim.trustSignedHost(signedFor);
    expect((await replay(v, proxied)).status).not.toBe(401);
    const tampered = await replay(v, { ...proxied, body: (v.body ?? '').replace('dr-test', 'dr-tesT') });
    expect(tampered.status).toBe(401);
    // The base path may be dropped only for a trusted host: signed for another region's path it is refused.
    expect((await replay(v, { ...proxied, path: `/ap-southeast-1${rawParts(v.url).rawPath.replace('inst-a', 'inst-c')}` })).status).toBe(401);
  });

  it('answers "signature expired" once the simulator clock has moved 16 minutes on', async () => {
    clock.advance(16 * 60_000);
    try {
      const res = await replay(construction());
      expect(res.status).toBe(401);
      expect(String(res.body.error_msg)).toContain('signature expired');
    } finally {
      clock.advance(-16 * 60_000);
    }
  });
});
