import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_GEMINIDB_INSTANCES, defaultProjectId, loadEnvFile } from '../src/index.js';
import { freePort } from './helpers/prism.js';
import { client, dwsBase, gdbBase } from './helpers/client.js';

const [SEED_A, B] = DEFAULT_GEMINIDB_INSTANCES as [(typeof DEFAULT_GEMINIDB_INSTANCES)[number], (typeof DEFAULT_GEMINIDB_INSTANCES)[number]];
const A = SEED_A.id;

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

  it('writes a complete env file (endpoint with {region}, region, per-region projects, credentials), serves signed requests, logs without secrets, stops on SIGTERM', async () => {
    const s = await start(bin, ['--port', '0', '--job-duration', '50ms', '--log'], {});
    children.push(s.child);
    expect(s.stdout()).toContain('access key HCDRSIMULATORAK');
    const file = /set -a; \. (\S+); set \+a/.exec(s.stdout())?.[1] ?? '';
    expect(existsSync(file)).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const env = loadEnvFile(file);
    const sk = env.HCDR_SIMULATOR_SK ?? '';
    expect(sk.length).toBeGreaterThan(20);
    expect(env).toMatchObject({
      HCDR_ENDPOINT: `${s.url}/{region}`,
      HUAWEICLOUD_SDK_REGION_ID: 'ap-southeast-1',
      HUAWEICLOUD_SDK_SK: sk,
      HUAWEICLOUD_SDK_PROJECT_ID: '',
      HCDR_PROFILE: 'simulator',
      HUAWEICLOUD_SDK_REGION_GAUSSDBFORNOSQL_AP_SOUTHEAST_3: `${s.url}/ap-southeast-3`,
      HUAWEICLOUD_SDK_REGION_DWS_CN_NORTH_4: `${s.url}/cn-north-4`,
    });
    const profiles = JSON.parse(readFileSync(env.HCDR_CONFIG_FILE ?? '', 'utf8')) as { profiles: { simulator: { projects: Record<string, string> } } };
    expect(profiles.profiles.simulator.projects).toEqual({
      'ap-southeast-1': defaultProjectId('ap-southeast-1'),
      'ap-southeast-3': defaultProjectId('ap-southeast-3'),
      'cn-north-4': defaultProjectId('cn-north-4'),
    });

    const api = client(s.url, Date.now, { ak: 'HCDRSIMULATORAK', sk, token: env.HCDR_SIMULATOR_TOKEN ?? '' });
    expect((await api.call('GET', `${gdbBase(A)}/instances`)).status).toBe(200);
    expect((await api.call('GET', `${dwsBase()}/disaster-recoveries`, undefined, { auth: 'token' })).status).toBe(200);
    // The launchers are strict about regions: a path without one is not an API.
    expect((await api.call('GET', `/v3/${defaultProjectId('ap-southeast-1')}/instances`)).status).toBe(404);

    // a fault injected over HTTP, as a CLI subprocess test would
    const fault = await fetch(`${s.url}/__sim/faults`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ fault: 'busy', match: { operationId: 'listInstances' } }),
    });
    expect(fault.status).toBe(201);
    expect((await api.call('GET', `${gdbBase(A)}/instances`)).status).toBe(409);

    await new Promise((r) => setTimeout(r, 50));
    expect(s.stderr()).toContain(`GET ${gdbBase(A)}/instances 200 `);
    expect(s.stdout() + s.stderr()).not.toContain(sk);
    expect(s.stdout() + s.stderr()).not.toContain(env.HCDR_SIMULATOR_TOKEN ?? 'missing-token');

    s.child.kill('SIGTERM');
    expect(await s.exit).toBe(0);
    expect(existsSync(file)).toBe(false);
    expect(existsSync(env.HCDR_CONFIG_FILE ?? '')).toBe(false);
  });

  it('takes the SK from HCDR_SIMULATOR_SK, keeps the old flag spellings, logs nothing by default, stops on SIGINT', async () => {
    const file = join(work, 'from-env.env');
    const s = await start(bin, ['--quiet', '--job-duration-ms', '100', '--write-credentials', file], { HCDR_SIMULATOR_SK: 'sk-from-env-123', HCDR_SIMULATOR_TOKEN: 'token-from-env' });
    children.push(s.child);
    expect(loadEnvFile(file).HUAWEICLOUD_SDK_SK).toBe('sk-from-env-123');
    const api = client(s.url, Date.now, { ak: 'HCDRSIMULATORAK', sk: 'sk-from-env-123', token: 'token-from-env' });
    expect((await api.call('GET', `${gdbBase(A)}/jobs`)).status).toBe(200);
    s.child.kill('SIGINT');
    expect(await s.exit).toBe(0);
    expect(s.stderr()).not.toMatch(/GET \//);
    expect(existsSync(file)).toBe(false);
  });

  it('never overwrites a file it did not write, nor one of a running simulator; replaces one left by a killed simulator', async () => {
    const precious = join(work, 'precious.env');
    writeFileSync(precious, 'keep me\n');
    const refused = spawnSync(process.execPath, [bin, '--credentials-file', precious], { encoding: 'utf8', timeout: 20_000 });
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/--credentials-file: .*precious\.env" already exists and was not written by a simulator/);
    expect(readFileSync(precious, 'utf8')).toBe('keep me\n');

    const shared = join(work, 'shared.env');
    const first = await start(bin, ['--write-env', shared], {});
    children.push(first.child);
    const busy = spawnSync(process.execPath, [bin, '--credentials-file', shared], { encoding: 'utf8', timeout: 20_000 });
    expect(busy.status).toBe(2);
    expect(busy.stderr).toContain(`still running (pid ${first.child.pid})`);

    first.child.kill('SIGKILL');
    await first.exit;
    expect(existsSync(shared)).toBe(true); // a kill -9 leaves it behind
    const second = await start(bin, ['--write-env', shared], {});
    children.push(second.child);
    expect(readFileSync(shared, 'utf8')).toContain(`pid=${second.child.pid};`);
    second.child.kill('SIGTERM');
    expect(await second.exit).toBe(0);
    expect(existsSync(shared)).toBe(false);
  });

  it('kill -9 and restart with --state-file lose nothing: a construction running across the restart completes', async () => {
    const port = await freePort();
    const state = join(work, 'state.json');
    const envFile = join(work, 'restart.env');
    const args = ['--port', String(port), '--state-file', state, '--write-env', envFile, '--job-duration', '3s', '--no-precheck'];
    const first = await start(bin, args, {});
    children.push(first.child);
    const env = loadEnvFile(envFile);
    const api = client(first.url, Date.now, { ak: 'HCDRSIMULATORAK', sk: env.HCDR_SIMULATOR_SK ?? '', token: env.HCDR_SIMULATOR_TOKEN ?? '' });
    const peer = { id: B.id, region_code: B.region, subnet_cidrs: [B.subnetCidr], node_ips: [...B.nodeIps] };
    const built = await api.call<{ job_id: string; disaster_recovery_id: string }>('POST', `${gdbBase(A)}/instances/${A}/disaster-recovery/construction`, {
      alias: 'restart', password: 'Restart#1', instance_role: 'master', disaster_recovery_instance: peer,
    });
    expect(built.status).toBe(202);
    const started = Date.now();
    first.child.kill('SIGKILL');
    await first.exit;

    const second = await start(bin, args, {});
    children.push(second.child);
    const restartMs = Date.now() - started;
    // Same port, same credentials (reclaimed from the stale env file), same world.
    expect(second.url).toBe(first.url);
    const job = async () => (await api.call<{ jobs: { status: string }[] }>('GET', `${gdbBase(A)}/jobs?id=${built.body.job_id}`)).body.jobs[0]?.status;
    expect(await job()).toBe('Running');
    // The standby side joins with the DR id from before the restart (its password is checked against the saved hash).
    const standby = await api.call('POST', `${gdbBase(B.id)}/instances/${B.id}/disaster-recovery/construction`, {
      id: built.body.disaster_recovery_id, alias: 'restart', password: 'Restart#1', instance_role: 'slave',
      disaster_recovery_instance: { id: A, region_code: SEED_A.region, subnet_cidrs: [SEED_A.subnetCidr], node_ips: [...SEED_A.nodeIps] },
    });
    expect(standby.status).toBe(202);
    const deadline = Date.now() + 15_000;
    while ((await job()) === 'Running' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    expect(await job()).toBe('Completed');
    expect(restartMs).toBeLessThan(15_000);
    second.child.kill('SIGTERM');
    expect(await second.exit).toBe(0);
    expect(JSON.parse(readFileSync(state, 'utf8'))).toMatchObject({ format: 'hcdr-simulator-state', version: 1 });
  }, 60_000);

  it('warns loudly about a non-loopback bind and then requires the control token', async () => {
    const s = await start(bin, ['--host', '0.0.0.0'], {});
    children.push(s.child);
    expect(s.stderr()).toMatch(/^WARNING: listening on 0\.0\.0\.0, reachable from other machines/m);
    const file = /set -a; \. (\S+); set \+a/.exec(s.stdout())?.[1] ?? '';
    const token = loadEnvFile(file).HCDR_SIMULATOR_CONTROL_TOKEN ?? '';
    expect(token.length).toBeGreaterThan(20);
    expect(s.stdout() + s.stderr()).not.toContain(token);
    const local = s.url.replace('0.0.0.0', '127.0.0.1');
    expect((await fetch(`${local}/__sim/state`)).status).toBe(401);
    expect((await fetch(`${local}/__sim/state`, { headers: { Authorization: `Bearer ${token}` } })).status).toBe(200);
    s.child.kill('SIGTERM');
    expect(await s.exit).toBe(0);
  });

  it('prints help and rejects unknown options and bad values, naming the flag', () => {
    expect(execFileSync(process.execPath, [bin, '--help'], { encoding: 'utf8' })).toContain('HCDR_SIMULATOR_SK');
    expect(() => execFileSync(process.execPath, [bin, '--bogus'], { stdio: 'pipe' })).toThrow();
    const bad = spawnSync(process.execPath, [bin, '--job-duration', '1500', '--port', '70000', '--fleet', 'lots'], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--port: "70000" must be a port number');
    expect(bad.stderr).toContain('--job-duration: "1500" must be a duration');
    expect(bad.stderr).toContain('--fleet: "lots"');
  });
});
