// Runs the BUILT hcdr binary as a real child process (real argv parsing, real exit codes, real
// stdout/stderr separation). Asynchronous on purpose: the simulator used by some tests runs in this
// process, and a synchronous spawn would block its event loop.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultProjectId } from '@hcdr/simulator';
import { findSecretLeak, registerSecret, secretsInText, secretsOfRun } from './secrets.js';

export { CANARY, findSecretLeak, registerSecret } from './secrets.js';

export const BIN = fileURLToPath(new URL('../../dist/bin/hcdr.js', import.meta.url));
if (!existsSync(BIN)) throw new Error(`${BIN} is missing: build first (npx turbo run build --filter=@hcdr/cli...)`);

/** The default project of ap-southeast-1 (the simulator gives every region its own project). */
export const PROJECT = '0123456789abcdef0123456789abcdef';
export const PRIMARY = 'a1b2c3d4e5f64a7b8c9d0e1f2a3b4c5din12';
export const STANDBY = 'f0e1d2c3b4a54968a7b6c5d4e3f2a1b0in12';
export const DWS_DR = 'e59d6b86-9072-46eb-a996-13f8b44994c1';
export const DWS_PRIMARY = '3ef5daaa-d017-4354-80b3-8a69caf2e09c';
export const DWS_STANDBY = 'e7fed7fe-f4a7-499a-afed-1fdb5c1978cb';

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  env?: Record<string, string | undefined>;
  input?: string;
  timeoutMs?: number;
  /** Called once the process is spawned (e.g. to send SIGINT later). */
  onSpawn?: (child: import('node:child_process').ChildProcess) => void;
}

/** A private HOME so no real ~/.hcdr/config.json is ever read. */
const home = mkdtempSync(join(tmpdir(), 'hcdr-cli-test-home-'));
/** A private journal directory per test file: test files run in parallel and use the same instance IDs. */
const stateDir = mkdtempSync(join(tmpdir(), 'hcdr-cli-test-state-'));

/** Environment with nothing inherited that could carry credentials (HUAWEICLOUD_*, HCDR_*). */
export function baseEnv(extra: Record<string, string | undefined> = {}): Record<string, string> {
  // HCDR_METADATA_ENDPOINT=off: a run without credentials must fail at once, never ask 169.254.169.254 (tests stay on loopback).
  const env: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: home, HCDR_STATE_DIR: stateDir, NO_COLOR: '1', LANG: 'C', HCDR_METADATA_ENDPOINT: 'off' };
  for (const [k, v] of Object.entries(extra)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
}

export function hcdr(args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  const env = baseEnv(options.env);
  const secrets = secretsOfRun(args, env, options.input);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    options.onSpawn?.(child);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`hcdr ${args.join(' ')} did not finish in ${options.timeoutMs ?? 15_000} ms\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, options.timeoutMs ?? 15_000);
    child.once('error', reject);
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      // Every run of every test: no secret the run knew may appear in its output, in any encoding.
      const leak = findSecretLeak(stdout + stderr, secrets);
      if (leak) reject(new Error(`hcdr ${args.join(' ')} leaked ${leak}\nstdout: ${stdout}\nstderr: ${stderr}`));
      else resolve({ code, signal, stdout, stderr });
    });
    child.stdin.end(options.input ?? '');
  });
}

/**
 * What `hcdr simulator` writes into its env file, for a simulator started in-process: the default
 * region, the per-region projects (a profiles file) and the credentials. Pair it with
 * `regional(url)` (`--endpoint <url>/{region}`), so `--region` picks the region as in the cloud.
 */
export function simulatorEnv(secretAccessKey: string, accessKeyId = 'HCDRSIMULATORAK'): Record<string, string> {
  const dir = mkdtempSync(join(tmpdir(), 'hcdr-cli-test-sim-'));
  const file = join(dir, 'profiles.json');
  const projects = Object.fromEntries(['ap-southeast-1', 'ap-southeast-3', 'cn-north-4'].map((r) => [r, defaultProjectId(r)]));
  writeFileSync(file, JSON.stringify({ profiles: { simulator: { region: 'ap-southeast-1', projects } } }), { mode: 0o600 });
  return {
    HUAWEICLOUD_SDK_AK: accessKeyId,
    HUAWEICLOUD_SDK_SK: secretAccessKey,
    HUAWEICLOUD_SDK_REGION_ID: 'ap-southeast-1',
    HCDR_CONFIG_FILE: file,
    HCDR_PROFILE: 'simulator',
  };
}

/** The simulator's endpoint for every region: `${url}/{region}`. */
export const regional = (url: string) => `${url}/{region}`;

/** A loopback port with nothing listening: a request sent there fails with ECONNREFUSED (exit 1). */
export async function closedPort(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return `http://127.0.0.1:${address.port}`;
}

/** A file holding `content` with mode 600 (secrets files are refused when others can read them). Its secrets are registered. */
export function secretFile(name: string, content: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'hcdr-cli-test-'));
  const path = join(dir, name);
  writeFileSync(path, content, { mode: 0o600 });
  registerSecret(...secretsInText(content));
  return path;
}

/** A fresh private directory (plans, report directories, state directories). */
export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `hcdr-cli-test-${prefix}-`));
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`stdout is not JSON: ${(error as Error).message}\n---\n${text}`);
  }
}
