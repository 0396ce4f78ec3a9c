// Crash harness for the CLI: the built `hcdr` is killed with SIGKILL at every step boundary (as its
// step lines appear on stderr) and at seeded random points inside steps, against a simulator whose
// mutating calls are held (and still processed after the caller died) and whose jobs last a while.
// Then the identical command runs again: it must exit 0, leave the right state on both sides, have
// taken exactly the state changes the operation needs (per instance: constructions − deconstructions,
// demotions, promotions; per DWS: one task), and no file in its state directory may hold a secret.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pairGeminiDb } from '@hcdr/dr-ops';
import { createGeminiDbClient } from '@hcdr/geminidb';
import { createSimulator, type Simulator } from '@hcdr/simulator';
import { afterAll, describe, expect, it } from 'vitest';
import {
  baseline,
  checkFinalState,
  DWS_PRIMARY,
  DWS_STANDBY,
  encodings,
  pool,
  PRIMARY,
  seeded,
  slowMutations,
  STANDBY,
  TASK_NAME,
  WORKFLOWS,
  type WorkflowName,
} from '../../../packages/dr-ops/test/crash/scenarios.js';
import { BIN, baseEnv, hcdr, regional, registerSecret, simulatorEnv } from './helpers/cli.js';

const SK = 'crash-harness-secret-key-DO-NOT-WRITE';
const PASSWORD = 'Crash#Harness-Passw0rd';
registerSecret(SK, PASSWORD);
const JOB_MS = 200;
const HOLD_MS = 40;
const POINTS_PER_WORKFLOW = 52;
const CONCURRENCY = 4;
const tally: Record<string, Record<string, number>> = {};
const started = performance.now();

function count(workflow: string, key: string): void {
  tally[workflow] ??= {};
  tally[workflow][key] = (tally[workflow][key] ?? 0) + 1;
}

function args(name: WorkflowName, url: string, passwordFile: string): string[] {
  const sides = ['--primary', PRIMARY, '--primary-region', 'ap-southeast-1', '--standby', STANDBY, '--standby-region', 'ap-southeast-3'];
  const common = ['--endpoint', regional(url), '-o', 'json'];
  const poll = ['--poll-interval', '100ms'];
  switch (name) {
    case 'pair':
      return [...common, 'geminidb', 'dr', 'pair', ...sides, '--primary-subnet-cidr', '10.0.1.0/24', '--primary-vpc-cidr', '10.0.0.0/16', '--standby-subnet-cidr', '10.1.1.0/24', '--standby-vpc-cidr', '10.1.0.0/16', '--alias', 'crash-dr', '--password-file', passwordFile, ...poll];
    case 'unpair':
      return [...common, 'geminidb', 'dr', 'unpair', ...sides, '--yes', ...poll];
    case 'switchover':
      return [...common, 'geminidb', 'dr', 'switchover', ...sides, '--yes', ...poll];
    case 'dws-create-start':
      return [...common, '--region', 'cn-north-4', 'dws', 'dr', 'create', '--name', TASK_NAME, '--primary-cluster', DWS_PRIMARY, '--standby-cluster', DWS_STANDBY, '--sync-period', '20m', '--start', ...poll];
  }
}

interface Setup {
  sim: Simulator;
  url: string;
  dir: string;
  env: Record<string, string>;
  argv: string[];
}

async function setup(name: WorkflowName): Promise<Setup> {
  const sim = createSimulator({ credentials: { secretAccessKey: SK }, jobDurationMs: JOB_MS });
  const { url } = await sim.listen();
  if (name === 'unpair' || name === 'switchover') {
    const client = (region: string) => createGeminiDbClient({ region, projectId: sim.projectId(region), endpoint: regional(url), credentials: { accessKeyId: sim.credentials.accessKeyId, secretAccessKey: SK }, env: {} });
    await pairGeminiDb({
      primary: { client: client('ap-southeast-1'), instanceId: PRIMARY, subnetCidrs: ['10.0.1.0/24'], vpcCidr: '10.0.0.0/16' },
      standby: { client: client('ap-southeast-3'), instanceId: STANDBY, subnetCidrs: ['10.1.1.0/24'], vpcCidr: '10.1.0.0/16' },
      alias: 'crash-dr',
      password: PASSWORD,
      wait: { initialDelayMs: 50, minIntervalMs: 50, maxIntervalMs: 100 },
    });
  }
  const dir = mkdtempSync(join(tmpdir(), 'hcdr-crash-cli-'));
  const passwordFile = join(dir, 'dr-password');
  writeFileSync(passwordFile, `${PASSWORD}\n`, { mode: 0o600 });
  // As after loading `hcdr simulator`'s env file (a project per region), plus a private state directory.
  const env = { ...simulatorEnv(SK), HCDR_STATE_DIR: join(dir, 'state') };
  return { sim, url, dir, env, argv: args(name, url, passwordFile) };
}

/** A step boundary as the CLI prints it: `→ <step starts>` or `✔ <step done>`. */
const boundaryLines = (text: string) => text.split('\n').filter((l) => /^\s*(→|✔) /.test(l) && !/^✔ (DR|Nothing|Task|The|DR task)/.test(l.trim())).length;

type KillPoint = { kind: 'boundary'; n: number } | { kind: 'random'; ms: number };

/** Runs the command and SIGKILLs it at the kill point; resolves whether it was killed. */
function runAndKill(s: Setup, point: KillPoint): Promise<'killed' | 'finished'> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...s.argv], { env: baseEnv(s.env), stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    let killed = false;
    const kill = () => {
      if (!killed) {
        killed = true;
        child.kill('SIGKILL');
      }
    };
    const timer = point.kind === 'random' ? setTimeout(kill, point.ms) : undefined;
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString('utf8');
      if (point.kind === 'boundary' && boundaryLines(stderr) >= point.n) kill();
    });
    child.once('error', reject);
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      if (signal === 'SIGKILL') return resolve('killed');
      if (code !== 0) return reject(new Error(`uninterrupted run exited ${code}\n${stderr}`));
      resolve('finished');
    });
  });
}

async function killPoint(name: WorkflowName, point: KillPoint): Promise<void> {
  const s = await setup(name);
  try {
    const before = baseline(s.sim);
    slowMutations(s.sim, HOLD_MS);
    const first = await runAndKill(s, point);
    const again = await hcdr(s.argv, { env: s.env, timeoutMs: 90_000 });
    expect(again.code, `${name} ${JSON.stringify(point)}: re-run\n${again.stderr}`).toBe(0);
    const out = JSON.parse(again.stdout) as { outcome: string };
    count(name, `${first} → ${out.outcome}`);
    await new Promise((r) => setTimeout(r, HOLD_MS * 2));
    checkFinalState(name, s.sim, before);
    for (const file of walk(join(s.dir, 'state'))) {
      const text = readFileSync(file, 'utf8');
      for (const secret of [PASSWORD, SK]) for (const form of encodings(secret)) expect(text.includes(form), `${form} in ${file}`).toBe(false);
      expect(statSync(file).mode & 0o077, `${file} is private`).toBe(0);
    }
  } finally {
    await s.sim.close();
  }
}

function walk(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? walk(join(dir, d.name)) : [join(dir, d.name)]));
  } catch {
    return [];
  }
}

async function calibrate(name: WorkflowName): Promise<{ boundaries: number; ms: number }> {
  const s = await setup(name);
  try {
    slowMutations(s.sim, HOLD_MS);
    const t0 = performance.now();
    const r = await hcdr(s.argv, { env: s.env, timeoutMs: 90_000 });
    expect(r.code, r.stderr).toBe(0);
    return { boundaries: boundaryLines(r.stderr), ms: performance.now() - t0 };
  } finally {
    await s.sim.close();
  }
}

afterAll(() => {
  console.info(`CLI crash harness (SIGKILL, then the identical command), ${Math.round((performance.now() - started) / 1000)} s: ${JSON.stringify(tally)}`);
});

describe.each(WORKFLOWS.map((w) => [w]))('hcdr %s killed anywhere, then run again', (name) => {
  it(`finishes from ≥ ${POINTS_PER_WORKFLOW} kill points with the exact state changes and no secret on disk`, { timeout: 900_000 }, async () => {
    const { boundaries, ms } = await calibrate(name);
    expect(boundaries).toBeGreaterThanOrEqual(6);
    const random = seeded(0xc1a5 + name.length);
    const points: KillPoint[] = [
      ...Array.from({ length: boundaries }, (_, i): KillPoint => ({ kind: 'boundary', n: i + 1 })),
      ...Array.from({ length: Math.max(0, POINTS_PER_WORKFLOW - boundaries) }, (): KillPoint => ({ kind: 'random', ms: Math.round(random() * ms * 0.9) })),
    ];
    await pool(CONCURRENCY, points.map((p) => () => killPoint(name, p)));
    const total = Object.values(tally[name] ?? {}).reduce((a, b) => a + b, 0);
    expect(total).toBe(points.length);
    expect(total).toBeGreaterThanOrEqual(50);
  });
});
