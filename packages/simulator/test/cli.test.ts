import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, PROJECT } from './helpers/client.js';

const pkg = fileURLToPath(new URL('../', import.meta.url));

function newestMtime(dir: string): number {
  return Math.max(
    ...readdirSync(dir, { withFileTypes: true }).map((e) => (e.isDirectory() ? newestMtime(join(dir, e.name)) : statSync(join(dir, e.name)).mtimeMs)),
  );
}

/**
 * The bin runs dist/. When dist is missing or older than src (e.g. `vitest run` before `build`),
 * compile into a private copy instead of touching the package's own dist.
 */
function binPath(work: string): string {
  const dist = join(pkg, 'dist', 'cli.js');
  if (existsSync(dist) && statSync(dist).mtimeMs >= newestMtime(join(pkg, 'src'))) return join(pkg, 'bin', 'hcdr-simulator.js');
  execFileSync(process.execPath, [join(pkg, '../../node_modules/typescript/bin/tsc'), '-p', join(pkg, 'tsconfig.build.json'), '--outDir', join(work, 'dist')], {
    stdio: 'pipe',
  });
  cpSync(join(pkg, 'bin'), join(work, 'bin'), { recursive: true });
  return join(work, 'bin', 'hcdr-simulator.js');
}

interface Started {
  readonly child: ChildProcess;
  readonly url: string;
  stdout(): string;
  stderr(): string;
  exit: Promise<number | null>;
}

async function start(bin: string, args: string[], env: Record<string, string>): Promise<Started> {
  const cleanEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('HCDR_SIMULATOR_')));
  const child = spawn(process.execPath, [bin, ...args], { env: { ...cleanEnv, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout?.on('data', (c: Buffer) => (out += c.toString('utf8')));
  child.stderr?.on('data', (c: Buffer) => (err += c.toString('utf8')));
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const deadline = Date.now() + 15_000;
  let url: string | undefined;
  while (!url) {
    url = /listening on (http:\/\/\S+)/.exec(out)?.[1];
    if (child.exitCode !== null) throw new Error(`exited early: ${err}`);
    if (Date.now() > deadline) throw new Error(`no URL printed: ${out} ${err}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  return { child, url, stdout: () => out, stderr: () => err, exit };
}

describe('hcdr-simulator bin', () => {
  let work: string;
  let bin: string;
  const children: ChildProcess[] = [];

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'hcdr-sim-cli-test-'));
    bin = binPath(work);
  }, 60_000);

  afterAll(() => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    rmSync(work, { recursive: true, force: true });
  });

  it('generates credentials into a private file, serves signed requests, logs without secrets, stops on SIGTERM', async () => {
    const s = await start(bin, ['--port', '0', '--job-duration-ms', '50'], {});
    children.push(s.child);
    expect(s.stdout()).toContain('access key id: HCDRSIMULATORAK');
    const file = /set -a; \. (\S+); set \+a/.exec(s.stdout())?.[1] ?? '';
    expect(existsSync(file)).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const env = Object.fromEntries(
      readFileSync(file, 'utf8')
        .split('\n')
        .filter((l) => l.includes('='))
        .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
    );
    const sk = env.HCDR_SIMULATOR_SK ?? '';
    expect(sk.length).toBeGreaterThan(20);
    expect(env.HUAWEICLOUD_SDK_SK).toBe(sk);

    const api = client(s.url, Date.now, { ak: 'HCDRSIMULATORAK', sk, token: env.HCDR_SIMULATOR_TOKEN ?? '' });
    expect((await api.call('GET', `/v3/${PROJECT}/instances`)).status).toBe(200);
    expect((await api.call('GET', `/v2/${PROJECT}/disaster-recoveries`, undefined, { auth: 'token' })).status).toBe(200);

    // a fault injected over HTTP, as a CLI subprocess test would
    const fault = await fetch(`${s.url}/__sim/faults`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ fault: 'busy', match: { operationId: 'listInstances' } }),
    });
    expect(fault.status).toBe(201);
    expect((await api.call('GET', `/v3/${PROJECT}/instances`)).status).toBe(409);

    await new Promise((r) => setTimeout(r, 50));
    expect(s.stderr()).toMatch(new RegExp(`GET /v3/${PROJECT}/instances 200 \\d+ms`));
    expect(s.stdout() + s.stderr()).not.toContain(sk);
    expect(s.stdout() + s.stderr()).not.toContain(env.HCDR_SIMULATOR_TOKEN ?? 'missing-token');

    s.child.kill('SIGTERM');
    expect(await s.exit).toBe(0);
    expect(existsSync(file)).toBe(false);
  });

  it('takes the SK from HCDR_SIMULATOR_SK, writes no file, and stops on SIGINT', async () => {
    const s = await start(bin, ['--quiet'], { HCDR_SIMULATOR_SK: 'sk-from-env-123', HCDR_SIMULATOR_TOKEN: 'token-from-env' });
    children.push(s.child);
    expect(s.stdout()).toContain('secret key:    from $HCDR_SIMULATOR_SK');
    expect(s.stdout()).not.toContain('set -a');
    const api = client(s.url, Date.now, { ak: 'HCDRSIMULATORAK', sk: 'sk-from-env-123', token: 'token-from-env' });
    expect((await api.call('GET', `/v3/${PROJECT}/jobs`)).status).toBe(200);
    s.child.kill('SIGINT');
    expect(await s.exit).toBe(0);
    expect(s.stderr()).not.toMatch(/GET \/v3/); // --quiet
  });

  it('prints help and rejects unknown options', () => {
    expect(execFileSync(process.execPath, [bin, '--help'], { encoding: 'utf8' })).toContain('HCDR_SIMULATOR_SK');
    expect(() => execFileSync(process.execPath, [bin, '--bogus'], { stdio: 'pipe' })).toThrow();
  });
});
