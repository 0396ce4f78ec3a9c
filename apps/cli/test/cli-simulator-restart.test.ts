// `hcdr simulator --state-file`: a `pair` that is waiting for its jobs when the simulator is killed
// with SIGKILL, and the simulator restarted with the same flags, still completes (issue 17).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadEnvFile } from '@hcdr/simulator';
import { afterAll, expect, it } from 'vitest';
import { BIN, baseEnv, hcdr, parseJson, PRIMARY, secretFile, STANDBY } from './helpers/cli.js';

const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Starts `hcdr simulator <args>` and resolves once it listens. */
function startSimulator(args: string[]): Promise<{ child: ChildProcess; exited: Promise<unknown> }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'simulator', ...args], { env: baseEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    const exited = new Promise((r) => child.once('exit', r));
    let out = '';
    const timer = setTimeout(() => reject(new Error(`simulator did not start: ${out}`)), 30_000);
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      if (out.includes('listening on')) {
        clearTimeout(timer);
        resolve({ child, exited });
      }
    });
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    child.once('exit', (code) => reject(new Error(`simulator exited (${code}): ${out}`)));
  });
}

it('a pair waiting for its jobs survives kill -9 and a restart of the simulator with the same --state-file', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'hcdr-restart-'));
  const args = ['--port', String(await freePort()), '--state-file', join(dir, 'state.json'), '--write-env', join(dir, 'sim.env'), '--job-duration', '6s'];
  const first = await startSimulator(args);
  const env = loadEnvFile(join(dir, 'sim.env'));
  const passwordFile = secretFile('restart-password', 'Restart#Passw0rd\n');

  let pairChild: ChildProcess | undefined;
  let killedAt = 0;
  let restartedAfterMs = 0;
  const pair = hcdr(
    [
      '-o', 'json', 'geminidb', 'dr', 'pair',
      '--primary', PRIMARY, '--primary-region', 'ap-southeast-1', '--primary-subnet-cidr', '10.0.1.0/24', '--primary-vpc-cidr', '10.0.0.0/16',
      '--standby', STANDBY, '--standby-region', 'ap-southeast-3', '--standby-subnet-cidr', '10.1.1.0/24', '--standby-vpc-cidr', '10.1.0.0/16',
      '--alias', 'restart-dr', '--password-file', passwordFile, '--poll-interval', '300ms',
    ],
    { env, timeoutMs: 90_000, onSpawn: (c) => (pairChild = c) },
  );
  // Both constructions accepted, the pair is polling the jobs: now the simulator dies.
  await new Promise<void>((resolve) => {
    let seen = '';
    pairChild?.stderr?.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      if (seen.includes("Wait for the primary's construction job")) resolve();
    });
  });
  first.child.kill('SIGKILL');
  await first.exited;
  killedAt = Date.now();
  await startSimulator(args);
  restartedAfterMs = Date.now() - killedAt;

  const r = await pair;
  expect(r.code, r.stderr).toBe(0);
  expect(parseJson(r.stdout)).toMatchObject({ status: 'active', outcome: 'completed', primary: { role: 'master' }, standby: { role: 'slave' } });
  // The restarted simulator knows the relationship, as the client does.
  const status = await hcdr(['-o', 'json', 'geminidb', 'dr', 'status', PRIMARY], { env });
  expect(parseJson(status.stdout)).toMatchObject({ status: 'SYNCING', master_instance_id: PRIMARY, slave_instance_id: STANDBY });
  console.log(`simulator restarted ${restartedAfterMs} ms after kill -9; the pair completed`);
}, 120_000);
