import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_GEMINIDB_INSTANCES } from '../src/index.js';
import { startHarness, type Harness } from './helpers/client.js';

const A = DEFAULT_GEMINIDB_INSTANCES[0]!;

/** Raw HTTP/1.1 over a socket: sends `head`, then `body` chunks (if any), and collects the reply. */
function raw(port: number, head: string, body: readonly Buffer[] = [], options: { keepOpen?: boolean } = {}) {
  return new Promise<{ text: string; closedAfterMs: number; socket: Socket }>((resolve) => {
    const started = Date.now();
    const socket = connect(port, '127.0.0.1');
    let text = '';
    socket.on('data', (c: Buffer) => (text += c.toString('latin1')));
    socket.on('error', () => undefined);
    socket.on('close', () => resolve({ text, closedAfterMs: Date.now() - started, socket }));
    socket.write(head);
    for (const chunk of body) socket.write(chunk);
    if (!options.keepOpen) socket.end();
  });
}

const status = (text: string) => Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0);

describe('control plane: refuses what a browser could be tricked into sending', () => {
  let h: Harness;
  afterEach(() => h.close());

  const control = (path: string, init: RequestInit = {}) => fetch(`${h.api.baseUrl}${path}`, init);

  it('refuses a foreign Origin (CSRF with a text/plain POST), Sec-Fetch-Site cross-site, and a body that is not JSON', async () => {
    h = await startHarness();
    const fault = JSON.stringify({ fault: 'busy' });
    const csrf = await control('/__sim/reset', { method: 'POST', headers: { Origin: 'https://evil.example', 'Content-Type': 'text/plain' }, body: 'x' });
    expect(csrf.status).toBe(403);
    expect(await csrf.json()).toMatchObject({ error_code: 'SIM.0403', error_msg: expect.stringContaining('cross-origin') });
    expect((await control('/__sim/faults', { method: 'POST', headers: { Origin: 'null', 'Content-Type': 'application/json' }, body: fault })).status).toBe(403);
    expect((await control('/__sim/state', { headers: { 'Sec-Fetch-Site': 'cross-site' } })).status).toBe(403);
    expect((await control('/__sim/faults', { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: fault })).status).toBe(415);
    expect(h.sim.faults.list()).toEqual([]);
    // Same-origin calls and plain tools (curl sends no Origin) work.
    const origin = h.api.baseUrl;
    expect((await control('/__sim/faults', { method: 'POST', headers: { Origin: origin, 'Content-Type': 'application/json' }, body: fault })).status).toBe(201);
    expect((await control('/__sim/reset', { method: 'POST' })).status).toBe(204);
  });

  it('refuses a foreign Host (DNS rebinding), on every control route', async () => {
    h = await startHarness();
    const port = new URL(h.api.baseUrl).port;
    for (const [method, path] of [
      ['POST', '/__sim/reset'],
      ['GET', '/__sim/state'],
      ['DELETE', '/__sim/faults'],
      ['GET', '/__sim/requests'],
    ]) {
      const r = await raw(Number(port), `${method} ${path} HTTP/1.1\r\nHost: rebind.evil.example:${port}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`);
      expect(status(r.text), `${method} ${path}`).toBe(403);
      expect(r.text).toContain('DNS rebinding');
    }
    const ok = await raw(Number(port), `GET /__sim/health HTTP/1.1\r\nHost: localhost:${port}\r\nConnection: close\r\n\r\n`);
    expect(status(ok.text)).toBe(200);
  });

  it('requires the control token when one is set (except /__sim/health)', async () => {
    h = await startHarness({ controlToken: 'control-secret-123' });
    expect((await control('/__sim/health')).status).toBe(200);
    const none = await control('/__sim/state');
    expect(none.status).toBe(401);
    expect(await none.text()).not.toContain('control-secret-123');
    expect((await control('/__sim/state', { headers: { Authorization: 'Bearer wrong' } })).status).toBe(401);
    expect((await control('/__sim/reset', { method: 'POST', headers: { Authorization: 'Bearer control-secret-123' } })).status).toBe(204);
  });
});

describe('API: routing and authentication before any body byte is read; size and time limits', () => {
  let h: Harness;
  afterEach(() => h.close());

  const MB12 = 12 * 1024 * 1024;

  it('answers an unknown path and an unauthenticated request at once, without waiting for a 12 MB body', async () => {
    h = await startHarness();
    const port = Number(new URL(h.api.baseUrl).port);
    // Headers promise 12 MB that never come: only an answer that needs no body can arrive.
    for (const [path, expected] of [
      ['/ap-southeast-1/v3/p/nothing-here', 404],
      [`/${A.region}/v3/${h.sim.projectId(A.region)}/instances/${A.id}/disaster-recovery/precheck`, 401],
    ] as const) {
      const r = await raw(port, `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nContent-Length: ${MB12}\r\n\r\n`, [], { keepOpen: true });
      expect(status(r.text)).toBe(expected);
      expect(r.text.toLowerCase()).toContain('connection: close');
    }
  });

  it('refuses a declared body over 12 MB with 413 before reading it, and a chunked one as it crosses the limit', async () => {
    h = await startHarness({ requireAuth: false });
    const port = Number(new URL(h.api.baseUrl).port);
    const path = `/${A.region}/v3/${h.sim.projectId(A.region)}/instances/${A.id}/disaster-recovery/precheck`;
    const declared = await raw(port, `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: ${MB12 + 1}\r\n\r\n`, [], { keepOpen: true });
    expect(status(declared.text)).toBe(413);
    const chunk = Buffer.alloc(1024 * 1024, 0x61);
    const chunks: Buffer[] = [];
    for (let i = 0; i < 13; i++) chunks.push(Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n'));
    const chunked = await raw(port, `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n`, chunks, { keepOpen: true });
    expect(status(chunked.text)).toBe(413);
    expect(chunked.text).toContain('APIGW.0201');
  });

  it('cuts off a client that sends its headers or body too slowly', async () => {
    h = await startHarness({ requireAuth: false, headersTimeoutMs: 300, requestTimeoutMs: 600 });
    const port = Number(new URL(h.api.baseUrl).port);
    const slowHeaders = await raw(port, 'GET /__sim/health HTTP/1.1\r\nHost: 127.0.0.1\r\n', [], { keepOpen: true });
    expect(slowHeaders.closedAfterMs).toBeLessThan(5000);
    expect([0, 408]).toContain(status(slowHeaders.text));
    const path = `/${A.region}/v3/${h.sim.projectId(A.region)}/instances/${A.id}/disaster-recovery/precheck`;
    const slowBody = await raw(port, `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"op`, [], { keepOpen: true });
    expect(slowBody.closedAfterMs).toBeLessThan(5000);
    expect([0, 408]).toContain(status(slowBody.text));
    // The server is still fine afterwards.
    expect((await fetch(`${h.api.baseUrl}/__sim/health`)).status).toBe(200);
  });
});
