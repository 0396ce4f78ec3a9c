// The CLI and both clients behind a CONNECT proxy with a private CA, all on loopback: the simulator
// behind a TLS front (a certificate for localhost from a test-only CA), HTTPS_PROXY pointing at a
// local forward proxy, NODE_EXTRA_CA_CERTS naming the CA. Child processes, so Node reads the
// variables at start-up as in real use. NO_PROXY must bypass the proxy.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startConnectProxy, startTlsFront, TLS_FIXTURES } from '@hcdr/mock-servers';
import { createSimulator, type Simulator } from '@hcdr/simulator';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { hcdr, parseJson, PROJECT } from './helpers/cli.js';

const run = promisify(execFile);
const CLIENTS_CHILD = fileURLToPath(new URL('./fixtures/clients-child.mjs', import.meta.url));
const SK = 'proxy-test-secret-key-DO-NOT-PRINT';

let sim: Simulator;
let front: Awaited<ReturnType<typeof startTlsFront>>;
let proxy: Awaited<ReturnType<typeof startConnectProxy>>;
let host: string;
/** The simulator addresses each region under its own base path. */
let endpoint: string;

beforeAll(async () => {
  sim = createSimulator({ credentials: { secretAccessKey: SK } });
  const { url } = await sim.listen();
  front = await startTlsFront(url);
  proxy = await startConnectProxy();
  host = new URL(front.url).host;
  endpoint = `${front.url}/ap-southeast-1`;
});
afterAll(async () => {
  await Promise.all([proxy?.close(), front?.close(), sim?.close()]);
});
beforeEach(() => {
  proxy.connects.length = 0;
});

const credentials = { HUAWEICLOUD_SDK_AK: 'HCDRSIMULATORAK', HUAWEICLOUD_SDK_SK: SK, HUAWEICLOUD_SDK_PROJECT_ID: PROJECT };
function proxied(extra: Record<string, string> = {}) {
  return { ...credentials, HTTPS_PROXY: proxy.url, NODE_EXTRA_CA_CERTS: TLS_FIXTURES.caPath, ...extra };
}

async function clients(env: Record<string, string>) {
  const { stdout } = await run(process.execPath, [CLIENTS_CHILD, endpoint], {
    env: { PATH: process.env.PATH ?? '', HCDR_METADATA_ENDPOINT: 'off', ...env },
    timeout: 30_000,
  });
  return JSON.parse(stdout.trim()) as { instances?: number; tasks?: number; error?: string; code?: string };
}

describe('behind a CONNECT proxy with a private CA', () => {
  it('both clients work: every call is tunnelled to the TLS endpoint', async () => {
    const result = await clients(proxied());
    expect(result.error, result.error && JSON.stringify(result)).toBeUndefined();
    expect(result.instances).toBeGreaterThan(0);
    expect(result.tasks).toEqual(expect.any(Number)); // the DWS list answered (the default simulator has no DR task yet)
    // One kept-alive tunnel carries both calls (or one each, if the first closed in between).
    expect(proxy.connects.length).toBeGreaterThanOrEqual(1);
    expect(new Set(proxy.connects)).toEqual(new Set([host]));
  });

  it('the CLI works (geminidb and dws commands), through the proxy', async () => {
    const geminidb = await hcdr(['--endpoint', endpoint, '-o', 'json', 'geminidb', 'instances', 'list'], { env: proxied(), timeoutMs: 30_000 });
    expect(geminidb.code, geminidb.stderr).toBe(0);
    expect(parseJson(geminidb.stdout)).toBeTruthy();
    const dws = await hcdr(['--endpoint', endpoint, '-o', 'json', 'dws', 'dr', 'list'], { env: proxied(), timeoutMs: 30_000 });
    expect(dws.code, dws.stderr).toBe(0);
    // Every tunnel goes to the endpoint (instances list also reads the VPC subnets for their CIDRs).
    expect(proxy.connects.length).toBeGreaterThanOrEqual(2);
    expect(new Set(proxy.connects)).toEqual(new Set([host]));
  });

  it('NO_PROXY bypasses the proxy, for the clients and the CLI', async () => {
    const result = await clients(proxied({ NO_PROXY: 'localhost' }));
    expect(result.error).toBeUndefined();
    const cli = await hcdr(['--endpoint', endpoint, '-o', 'json', 'dws', 'dr', 'list'], { env: proxied({ no_proxy: 'localhost' }), timeoutMs: 30_000 });
    expect(cli.code, cli.stderr).toBe(0);
    expect(proxy.connects).toEqual([]);
  });

  it('without the CA the TLS endpoint is refused (verification stays on): exit 1 with a network error', async () => {
    const cli = await hcdr(['--endpoint', endpoint, 'dws', 'dr', 'list'], { env: { ...credentials, HTTPS_PROXY: proxy.url }, timeoutMs: 30_000 });
    expect(cli.code).toBe(1);
    expect(cli.stderr).toMatch(/error:/);
    expect(proxy.connects.length).toBeGreaterThanOrEqual(1);
  });
});
