// The Request stand-in our clients give openapi-fetch, and the transport's direct-fetch path
// (no injected fetch: undici gets url + init, no second Request).
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import createClient from 'openapi-fetch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeSignature } from '../src/signing/sign-request.js';
import { createTransport } from '../src/transport/create-transport.js';
import { DeferredRequest } from '../src/transport/deferred-request.js';
import { TEST_AK, TEST_SK } from './helpers.js';

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

let base = '';
const seen: Seen[] = [];
const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ ok: true }));
  });
});
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const auth = { type: 'aksk' as const, accessKeyId: TEST_AK, secretAccessKey: TEST_SK };

function verify(s: Seen): boolean {
  const headers = new Headers();
  for (const [k, v] of Object.entries(s.headers)) if (typeof v === 'string') headers.set(k, v);
  const check = computeSignature({
    method: s.method,
    url: `${base}${s.url}`,
    headers,
    body: s.body === '' ? undefined : new TextEncoder().encode(s.body),
    accessKeyId: TEST_AK,
    secretAccessKey: TEST_SK,
  });
  return check.authorization === s.headers.authorization;
}

describe('DeferredRequest', () => {
  it('keeps url, method, headers and the serialized body without building an undici Request', () => {
    const r = new DeferredRequest('http://h.example/a/b?x=1', { method: 'post', body: '{"a":1}', headers: { 'Content-Type': 'application/json' } });
    expect(r).toBeInstanceOf(Request);
    expect(r).toMatchObject({ url: 'http://h.example/a/b?x=1', method: 'POST', bodyText: '{"a":1}', materialized: false, bodyUsed: false });
    expect(r.headers.get('content-type')).toBe('application/json');
    expect(r.signal.aborted).toBe(false);
  });

  it('builds the real Request on first need, with the headers as they are then', async () => {
    const r = new DeferredRequest('http://h.example/p', { method: 'PUT', body: '{"a":1}' });
    r.headers.set('x-added', 'later');
    expect(await r.clone().text()).toBe('{"a":1}');
    expect(r.materialized).toBe(true);
    expect(r.toRequest().headers.get('x-added')).toBe('later');
    expect((r as unknown as Request).cache).toBe('default');
    expect(await r.json()).toEqual({ a: 1 });
  });

  it('hands bodies it cannot keep (FormData) to undici at once', async () => {
    const form = new FormData();
    form.set('k', 'v');
    const r = new DeferredRequest('http://h.example/p', { method: 'POST', body: form });
    expect(r.materialized).toBe(true);
    expect(r.bodyText).toBeUndefined();
    expect(await r.text()).toContain('name="k"');
  });
});

describe('transport without an injected fetch (url + init straight to undici)', () => {
  interface paths {
    '/v2/{project_id}/items': {
      post: {
        parameters: { path: { project_id: string } };
        requestBody: { content: { 'application/json': { name: string } } };
        responses: { 200: { content: { 'application/json': { ok: boolean } } } };
      };
    };
  }

  it('sends a signed body that the server receives byte for byte, through openapi-fetch with DeferredRequest', async () => {
    seen.length = 0;
    const api = createClient<paths>({ baseUrl: base, fetch: createTransport({ auth, projectId: 'p1' }), Request: DeferredRequest as unknown as typeof Request });
    const { data } = await api.POST('/v2/{project_id}/items', { params: { path: { project_id: 'p1' } }, body: { name: 'dr é ✓' } });
    expect(data).toEqual({ ok: true });
    expect(seen).toHaveLength(1);
    expect(seen[0]!.body).toBe('{"name":"dr é ✓"}');
    expect(seen[0]!.headers['x-project-id']).toBe('p1');
    expect(verify(seen[0]!)).toBe(true);
  });

  it('still sends what a middleware changed, including a replaced body read from a real Request', async () => {
    seen.length = 0;
    const api = createClient<paths>({ baseUrl: base, fetch: createTransport({ auth }), Request: DeferredRequest as unknown as typeof Request });
    api.use({
      async onRequest({ request }) {
        const original = await request.clone().text();
        return new Request(request.url, { method: request.method, headers: request.headers, body: original.replace('a', 'b') });
      },
    });
    await api.POST('/v2/{project_id}/items', { params: { path: { project_id: 'p2' } }, body: { name: 'a' } });
    expect(seen[0]!.body).toBe('{"nbme":"a"}');
    expect(verify(seen[0]!)).toBe(true);
  });
});
