// `hcdr drill run` / `hcdr drill history` end to end: the built binary against the simulator.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createSimulator, DEFAULT_GEMINIDB_INSTANCES, type Simulator } from '@hcdr/simulator';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DWS_PRIMARY, DWS_STANDBY, hcdr, parseJson, PRIMARY, regional, simulatorEnv, STANDBY, tempDir, type RunOptions } from './helpers/cli.js';

const SK = 'drill-cli-secret-key-DO-NOT-PRINT-7';
const TASK = 'c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f';
let sim: Simulator;
let url: string;

beforeAll(async () => {
  sim = createSimulator({
    credentials: { secretAccessKey: SK },
    seed: 'cli-drill',
    jobDurationMs: 300,
    geminidb: { instances: DEFAULT_GEMINIDB_INSTANCES, relationships: [{ id: 'rel-video', alias: 'video-dr', masterId: PRIMARY, slaveId: STANDBY }] },
    dws: { tasks: [{ id: TASK, name: 'sales_dr', drType: 'az', primaryClusterId: DWS_PRIMARY, standbyClusterId: DWS_STANDBY, drSyncPeriod: '1m', startedAt: Date.now() - 30_000 }] },
  });
  ({ url } = await sim.listen());
});
afterAll(async () => {
  await sim?.close();
});
beforeEach(() => {
  sim.reset();
});

const state = tempDir('drill-state');
// As after loading `hcdr simulator`'s env file: default region ap-southeast-1, a project per region.
const env = { ...simulatorEnv(SK), XDG_STATE_HOME: state };
const run = (args: string[], options: RunOptions = {}) => hcdr(['--endpoint', regional(url), ...args], { env, timeoutMs: 60_000, ...options });

function planFile(text: string): string {
  const dir = tempDir('drill-plan');
  const file = join(dir, 'drill.yaml');
  writeFileSync(file, text);
  return file;
}

const GEMINIDB_PLAN = `version: 1
name: redis-video-quarterly
service: geminidb
target:
  primary: { instance: ${PRIMARY}, region: ap-southeast-1 }
  standby: { instance: ${STANDBY}, region: ap-southeast-3 }
scenario: switchover-and-back
objectives: { rto: 10m, rpo: 1m }
hold: 1s
sample_interval: 500ms
poll_interval: 200ms
`;

describe('hcdr drill run', () => {
  it('a GeminiDB switchover-and-back drill passes (exit 0) and writes three report files', async () => {
    const reports = tempDir('drill-reports');
    const r = await run(['drill', 'run', planFile(GEMINIDB_PLAN), '--report-dir', reports, '--yes', '-o', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const summary = parseJson(r.stdout) as { verdict: string; roles_restored: boolean; rto_seconds: number; report: { json: string; html: string; markdown: string } };
    expect(summary).toMatchObject({ verdict: 'passed', roles_restored: true });
    expect(summary.rto_seconds).toBeGreaterThan(0.5);
    expect(readdirSync(reports).sort()).toEqual([expect.stringMatching(/^redis-video-quarterly-\d{8}T\d{6}Z\.html$/), expect.stringMatching(/\.json$/), expect.stringMatching(/\.md$/)]);
    const json = JSON.parse(readFileSync(summary.report.json, 'utf8')) as { verdict: string; environment: { tool: string } };
    expect(json).toMatchObject({ verdict: 'passed', environment: { tool: 'hcdr' } });
    expect(r.stderr).toMatch(/→ switchover: Planned switchover/);
    expect(r.stderr).toMatch(/Drill PASSED/);
    for (const file of Object.values(summary.report)) expect(readFileSync(file, 'utf8')).not.toContain(SK);
  });

  it('an invalid plan exits 2 naming the field and sends nothing', async () => {
    const before = sim.requests.list().length;
    const r = await run(['drill', 'run', planFile(GEMINIDB_PLAN.replace('rto: 10m', 'rto: ten minutes')), '--report-dir', tempDir('x'), '--yes']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('objectives.rto (line 8): must be a duration with units');
    expect(sim.requests.list().length).toBe(before);
  });

  it('without --yes off a terminal it refuses (exit 2) before anything is sent', async () => {
    const r = await run(['drill', 'run', planFile(GEMINIDB_PLAN), '--report-dir', tempDir('x')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--yes: is required to switch GeminiDB instance/);
    expect(sim.requests.list()).toEqual([]);
  });

  it('--dry-run prints every call per phase and sends nothing', async () => {
    const r = await run(['drill', 'run', planFile(GEMINIDB_PLAN), '--dry-run']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^switchover$/m);
    expect(r.stdout).toMatch(/CHANGE primary +switchToSlave/);
    expect(r.stdout).toMatch(/CHANGE standby +switchToMaster/);
    expect(sim.requests.list()).toEqual([]);
  });

  it('lag above the limit fails the pre-flight: aborted (exit 1), nothing switched, the report says why', async () => {
    const reports = tempDir('drill-reports');
    sim.setLag({ relationshipId: 'rel-video', lagSeconds: 600, durationMs: 3_600_000 });
    const r = await run(['drill', 'run', planFile(GEMINIDB_PLAN), '--report-dir', reports, '--yes', '-o', 'json']);
    expect(r.code).toBe(1);
    const summary = parseJson(r.stdout) as { verdict: string; verdict_reason: string; roles_restored: boolean };
    expect(summary.verdict).toBe('aborted');
    expect(summary.verdict_reason).toMatch(/^Aborted in preflight: Pre-flight readiness failed: lag\.max \(lag 10m00s > limit 1m00s\)/);
    expect(sim.requests.list().filter((e) => e.method !== 'GET')).toEqual([]);
    expect(summary.roles_restored).toBe(true);
  });

  it('a DWS drill passes', async () => {
    const plan = `version: 1\nname: dws-sales\nservice: dws\ntarget: { task: ${TASK}, region: cn-north-4 }\nscenario: switchover-and-back\nobjectives: { rto: 10m, rpo: 2m }\nhold: 1s\nsample_interval: 500ms\npoll_interval: 200ms\n`;
    const r = await run(['drill', 'run', planFile(plan), '--report-dir', tempDir('dws-reports'), '--yes', '-o', 'json']);
    expect(r.code, r.stderr).toBe(0);
    expect(parseJson(r.stdout)).toMatchObject({ verdict: 'passed', roles_restored: true });
  });

  it('kill -9 during the hold, then the same command: the drill continues where it was, no role change is repeated', async () => {
    const reports = tempDir('drill-reports');
    const plan = planFile(GEMINIDB_PLAN.replace('hold: 1s', 'hold: 4s'));
    const args = ['drill', 'run', plan, '--report-dir', reports, '--yes', '-o', 'json'];
    let child: import('node:child_process').ChildProcess | undefined;
    const first = run(args, { onSpawn: (c) => (child = c) });
    await new Promise<void>((resolve) => {
      let seen = '';
      child?.stderr?.on('data', (chunk: Buffer) => {
        seen += chunk.toString();
        if (/→ hold/.test(seen)) resolve();
      });
    });
    child?.kill('SIGKILL');
    await first;
    const roleChanges = () => sim.requests.list().filter((e) => e.method === 'POST' && /switchover-(master|slave)$/.test(e.path)).length;
    const before = roleChanges();
    expect(before).toBeGreaterThan(0);
    const history = parseJson((await run(['drill', 'history', '-o', 'json'])).stdout) as { drills: { state: string; continue_with: string | null }[] };
    expect(history.drills[0]).toMatchObject({ state: 'in-progress', continue_with: expect.stringContaining('hcdr drill run') });
    const again = await run(args);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toMatch(/Continuing drill \S+ interrupted after phase verify-switched/);
    expect(parseJson(again.stdout)).toMatchObject({ verdict: 'passed', roles_restored: true });
    // Only the switch back was sent by the second run: the first switchover is not repeated.
    expect(roleChanges()).toBe(2 * before);
  });

  it('hcdr drill history lists the drills above from the journal, newest first, with verdicts and report dirs; nothing is sent', async () => {
    const before = sim.requests.list().length;
    const r = await run(['drill', 'history', '-o', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const { drills } = parseJson(r.stdout) as { drills: { plan: string; service: string; verdict: string; state: string; report_dir: string | null; started_at: string }[] };
    // The runs of this file that got past the confirmation: GeminiDB passed, GeminiDB aborted (lag), DWS passed.
    expect(drills.map((d) => `${d.plan}:${d.verdict}`)).toEqual(['redis-video-quarterly:passed', 'dws-sales:passed', 'redis-video-quarterly:aborted', 'redis-video-quarterly:passed']);
    expect(drills.every((d) => d.state === 'finished' && typeof d.report_dir === 'string')).toBe(true);
    expect([...drills].sort((a, b) => b.started_at.localeCompare(a.started_at))).toEqual(drills);
    expect(sim.requests.list().length).toBe(before);
    const table = await run(['drill', 'history', '--limit', '1']);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toMatch(/redis-video-quarterly/);
    expect(table.stdout).not.toMatch(/dws-sales/);
    const bad = await run(['drill', 'history', '--limit', '0']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--limit/);
  });
});
