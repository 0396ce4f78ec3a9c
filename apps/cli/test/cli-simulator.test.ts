// `hcdr simulator` for drills, and Ctrl-C as the way out of `dr status --watch`.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { expect, it } from 'vitest';
import { LAUNCH_OPTIONS, loadEnvFile } from '@hcdr/simulator';
import { BIN, baseEnv, findSecretLeak, hcdr, parseJson, PRIMARY, registerSecret } from './helpers/cli.js';

/** Starts a long-running hcdr command and resolves once `ready` appears in its stdout. */
function startUntil(args: string[], ready: RegExp, env: Record<string, string | undefined> = {}): Promise<{ child: ChildProcess; out: () => string; match: RegExpExecArray; closed: Promise<number | null> }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: baseEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const closed = new Promise<number | null>((r) => child.once('close', r));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`not ready: ${out}`));
    }, 15_000);
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = ready.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve({ child, out: () => out, match, closed });
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
  });
}

it('hcdr simulator serves both APIs per region; its env file (mode 600) drives other hcdr commands; Ctrl-C stops it and removes the file', async () => {
  const sim = await startUntil(['simulator', '--job-duration', '200ms'], /use it: {6}set -a; \. (\S+); set \+a/);
  const file = sim.match[1] as string;
  const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(sim.out())?.[1] as string;
  try {
    expect(statSync(file).mode & 0o777).toBe(0o600);
    // The generated secret key: every later run (and the simulator's own output) is checked for it.
    const sk = /^HUAWEICLOUD_SDK_SK=(.+)$/m.exec(readFileSync(file, 'utf8'))?.[1] as string;
    registerSecret(sk);
    expect(findSecretLeak(sim.out(), [sk])).toBeUndefined();
    // The secret key is in the file, never on the terminal.
    expect(sim.out()).toContain('(not shown)');
    const env = loadEnvFile(file);
    expect(env.HCDR_ENDPOINT).toBe(`${url}/{region}`);
    const ids = async (args: string[]) => {
      const r = await hcdr(['-o', 'json', ...args, 'geminidb', 'instances', 'list'], { env });
      expect(r.code, r.stderr).toBe(0);
      return (parseJson(r.stdout) as { instances: { id: string }[] }).instances.map((i) => i.id);
    };
    // The default region (from the env file), then another one: each sees only its own instances.
    expect(await ids([])).toEqual([PRIMARY]);
    const other = await ids(['--region', 'ap-southeast-3']);
    expect(other).toHaveLength(2);
    expect(other).not.toContain(PRIMARY);
    const dws = await hcdr(['-o', 'json', '--region', 'cn-north-4', 'dws', 'dr', 'list'], { env });
    expect(dws.code, dws.stderr).toBe(0);
  } finally {
    sim.child.kill('SIGINT');
  }
  // Stopped by Ctrl-C: the shell's convention, 128 + SIGINT (the simulator still cleans up first).
  expect(await sim.closed).toBe(130);
  expect(existsSync(file)).toBe(false);
}, 30_000);

it('dr status --watch refreshes until Ctrl-C, which ends it with exit 130 (SIGTERM: 143)', async () => {
  const sim = await startUntil(['simulator'], /use it: {6}set -a; \. (\S+); set \+a/);
  const file = sim.match[1] as string;
  try {
    const watch = await startUntil(['geminidb', 'dr', 'status', PRIMARY, '--watch', '--interval', '200ms'], /(status\s+NA[\s\S]*){2}/, loadEnvFile(file));
    watch.child.kill('SIGINT');
    // A watch is stopped by the user, but scripts and shells must still see that it was interrupted.
    expect(await watch.closed).toBe(130);
    // Off a terminal each sample is appended with its time, not redrawn.
    expect(watch.out()).toMatch(/time\s+\d{4}-\d\d-\d\dT/);
    const terminated = await startUntil(['-o', 'json', 'geminidb', 'dr', 'status', PRIMARY, '--watch', '--interval', '200ms'], /(sampled_at[\s\S]*){2}/, loadEnvFile(file));
    terminated.child.kill('SIGTERM');
    expect(await terminated.closed).toBe(143);
  } finally {
    sim.child.kill('SIGINT');
    await sim.closed;
  }
}, 30_000);

it('--write-env (old spellings --write-credentials, --credentials-file) never overwrites a file it did not write', async () => {
  const { mkdtempSync, writeFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const existing = join(mkdtempSync(join(tmpdir(), 'hcdr-sim-existing-')), 'precious.env');
  writeFileSync(existing, 'keep me\n');
  for (const flag of ['--write-env', '--write-credentials', '--credentials-file']) {
    const r = await hcdr(['simulator', '--port', '0', flag, existing]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${flag}: "${existing}" already exists and was not written by a simulator`);
    expect(r.stderr).toContain('the simulator did not start');
  }
  expect(readFileSync(existing, 'utf8')).toBe('keep me\n');
});

it('takes exactly the options of hcdr-simulator (one shared table), and checks them the same way', async () => {
  const help = await hcdr(['simulator', '--help']);
  expect(help.code).toBe(0);
  for (const spec of LAUNCH_OPTIONS.filter((o) => !o.hidden)) expect(help.stdout).toContain(`--${spec.name}`);
  const bad = await hcdr(['simulator', '--job-duration', '1500', '--fleet', 'lots']);
  expect(bad.code).toBe(2);
  expect(bad.stderr).toContain('--job-duration: "1500" must be a duration');
  expect(bad.stderr).toContain('--fleet: "lots"');
});
