// The node:http handler behind a forward proxy, all on loopback: CONNECT tunnels for https (in a
// child process, so HTTPS_PROXY and NODE_EXTRA_CA_CERTS are read at start-up as in real use),
// absolute-form requests for http, NO_PROXY, proxy authentication, and TLS verification staying on.
import { execFile } from 'node:child_process';
import { once } from 'node:events';
import http from 'node:http';
import https from 'node:https';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startConnectProxy, TLS_FIXTURES } from '@hcdr/mock-servers';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { isHuaweiCloudConfigError, isHuaweiCloudNetworkError } from '../src/errors/errors.js';
import { createTransport } from '../src/transport/create-transport.js';

type ConnectProxy = Awaited<ReturnType<typeof startConnectProxy>>;

const run = promisify(execFile);
const CHILD = fileURLToPath(new URL('./fixtures/proxy-child.mjs', import.meta.url));

let proxy: ConnectProxy;
let authProxy: ConnectProxy;
let tlsServer: https.Server;
let plainServer: http.Server;
let tlsUrl: string;
let plainUrl: string;
const seen: string[] = [];

const answer = (req: http.IncomingMessage, res: http.ServerResponse) => {
  seen.push(`${req.method} ${req.headers.host} ${req.url}`);
  res.writeHead(200, { 'content-type': 'application/json', 'x-request-id': 'rq-1' }).end('{"ok":true}');
};

async function listen(server: http.Server | https.Server): Promise<number> {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  return typeof address === 'object' && address ? address.port : 0;
}

beforeAll(async () => {
  proxy = await startConnectProxy();
  authProxy = await startConnectProxy({ auth: 'alice:s3cr3t-proxy-pw' });
  tlsServer = https.createServer({ cert: TLS_FIXTURES.cert, key: TLS_FIXTURES.key }, answer);
  plainServer = http.createServer(answer);
  tlsUrl = `https://localhost:${await listen(tlsServer)}/v3/p/jobs?id=1`;
  plainUrl = `http://127.0.0.1:${await listen(plainServer)}/v3/p/jobs?id=2`;
});
afterAll(async () => {
  await Promise.all([proxy.close(), authProxy.close()]);
  tlsServer.closeAllConnections();
  plainServer.closeAllConnections();
  await Promise.all([new Promise((r) => tlsServer.close(r)), new Promise((r) => plainServer.close(r))]);
});
beforeEach(() => {
  seen.length = 0;
  proxy.connects.length = 0;
  proxy.forwarded.length = 0;
});

/** Runs the child with only these variables (nothing inherited that could route it elsewhere). */
async function child(url: string, env: Record<string, string>) {
  const { stdout } = await run(process.execPath, [CHILD, url], { env: { PATH: process.env.PATH ?? '', ...env }, timeout: 20_000 });
  return JSON.parse(stdout.trim()) as { status?: number; body?: string; error?: string; code?: string; message?: string; cause?: string };
}

describe('https through a CONNECT proxy (child process, env configuration)', () => {
  it('HTTPS_PROXY + NODE_EXTRA_CA_CERTS: the call is tunnelled and the private CA is trusted', async () => {
    const result = await child(tlsUrl, { HTTPS_PROXY: proxy.url, NODE_EXTRA_CA_CERTS: TLS_FIXTURES.caPath });
    expect(result).toEqual({ status: 200, body: '{"ok":true}' });
    expect(proxy.connects).toEqual([new URL(tlsUrl).host]);
    expect(seen).toEqual([`GET ${new URL(tlsUrl).host} /v3/p/jobs?id=1`]);
  });

  it('lower-case https_proxy works the same', async () => {
    const result = await child(tlsUrl, { https_proxy: proxy.url, NODE_EXTRA_CA_CERTS: TLS_FIXTURES.caPath });
    expect(result.status).toBe(200);
    expect(proxy.connects).toHaveLength(1);
  });

  it('NO_PROXY naming the host bypasses the proxy', async () => {
    const host = new URL(tlsUrl).host;
    for (const noProxy of ['example.com, localhost', host]) {
      const result = await child(tlsUrl, { HTTPS_PROXY: proxy.url, NO_PROXY: noProxy, NODE_EXTRA_CA_CERTS: TLS_FIXTURES.caPath });
      expect(result.status, noProxy).toBe(200);
    }
    expect(proxy.connects).toEqual([]);
    expect(seen).toHaveLength(2);
    // A pattern that does not match (the same host on another port) leaves the proxy in use.
    for (const noProxy of ['localhost:1']) {
      expect((await child(tlsUrl, { HTTPS_PROXY: proxy.url, NO_PROXY: noProxy, NODE_EXTRA_CA_CERTS: TLS_FIXTURES.caPath })).status).toBe(200);
    }
    expect(proxy.connects).toEqual([host]);
  });

  it('TLS verification stays on through the tunnel: without the CA the certificate is refused', async () => {
    const result = await child(tlsUrl, { HTTPS_PROXY: proxy.url });
    expect(result.error).toBe('HuaweiCloudNetworkError');
    expect(result.code).toMatch(/SELF_SIGNED|UNABLE_TO_VERIFY|CERT/);
    expect(proxy.connects).toHaveLength(1);
    expect(seen).toEqual([]);
  });

  it('proxy credentials from the URL are sent, and a refused CONNECT is a network error that names no secret', async () => {
    const good = `http://alice:s3cr3t-proxy-pw@${new URL(authProxy.url).host}`;
    const ok = await child(tlsUrl, { HTTPS_PROXY: good, NODE_EXTRA_CA_CERTS: TLS_FIXTURES.caPath });
    expect(ok.status).toBe(200);
    const bad = await child(tlsUrl, { HTTPS_PROXY: `http://alice:wrong-pw@${new URL(authProxy.url).host}`, NODE_EXTRA_CA_CERTS: TLS_FIXTURES.caPath });
    expect(bad).toMatchObject({ error: 'HuaweiCloudNetworkError', code: 'ERR_PROXY_CONNECT' });
    expect(bad.cause).toContain('HTTP 407');
    expect(JSON.stringify(bad)).not.toContain('wrong-pw');
    expect(authProxy.authorizations).toContain(`Basic ${Buffer.from('alice:s3cr3t-proxy-pw').toString('base64')}`);
  });
});

describe('plain http through a proxy (in process, proxy option)', () => {
  it('sends the absolute URL to the proxy, with the target Host the signature covers', async () => {
    const fetch = createTransport({ auth: { type: 'aksk', accessKeyId: 'AK', secretAccessKey: 'SK' }, projectId: 'p', proxy: proxy.url, maxRetries: 0 });
    const response = await fetch(plainUrl);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
    expect(proxy.forwarded).toEqual([plainUrl]);
    expect(seen).toEqual([`GET ${new URL(plainUrl).host} /v3/p/jobs?id=2`]);
  });

  it('proxy: false never uses one; an explicit proxy beats the environment', async () => {
    const direct = createTransport({ auth: { type: 'none' }, proxy: false });
    expect((await direct(plainUrl)).status).toBe(200);
    expect(proxy.forwarded).toEqual([]);
  });

  it('an unusable proxy URL is a configuration error naming the setting, not a network error', async () => {
    for (const value of ['socks5://127.0.0.1:1080', 'not a url']) {
      const fetch = createTransport({ auth: { type: 'none' }, proxy: value, maxRetries: 0 });
      const error = await fetch(plainUrl).catch((e: unknown) => e);
      expect(isHuaweiCloudConfigError(error), String(error)).toBe(true);
      expect(String(error)).toMatch(/proxy/);
    }
  });

  it('an unreachable proxy is a network error; nothing reached the target', async () => {
    const fetch = createTransport({ auth: { type: 'none' }, proxy: 'http://127.0.0.1:9', maxRetries: 0 });
    const error = await fetch(plainUrl).catch((e: unknown) => e);
    expect(isHuaweiCloudNetworkError(error)).toBe(true);
    expect(seen).toEqual([]);
  });
});
