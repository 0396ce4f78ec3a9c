// `hcdr geminidb dr readiness` and `hcdr dws dr readiness`: the built binary against the simulator
// with a seeded relationship and a seeded DWS task; exit codes by verdict; plan input.
import { writeFileSync } from 'node:fs';
import { createSimulator, DEFAULT_GEMINIDB_INSTANCES, type Simulator } from '@hcdr/simulator';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DWS_PRIMARY, DWS_STANDBY, hcdr, parseJson, PRIMARY, regional, simulatorEnv, STANDBY, tempDir, type RunOptions } from './helpers/cli.js';

const SK = 'readiness-secret-key-DO-NOT-PRINT-1';
const TASK = 'c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f';
let sim: Simulator;
let url: string;

function seeded(): Simulator {
  return createSimulator({
    credentials: { secretAccessKey: SK },
    seed: 'cli-readiness',
    jobDurationMs: 400,
    geminidb: { instances: DEFAULT_GEMINIDB_INSTANCES, relationships: [{ id: 'rel-video', alias: 'video-dr', masterId: PRIMARY, slaveId: STANDBY }] },
    dws: { tasks: [{ id: TASK, name: 'sales_dr', drType: 'az', primaryClusterId: DWS_PRIMARY, standbyClusterId: DWS_STANDBY, drSyncPeriod: '1m', startedAt: Date.now() - 90_000 }] },
  });
}

beforeAll(async () => {
  sim = seeded();
  ({ url } = await sim.listen());
});
afterAll(async () => {
  await sim?.close();
});
beforeEach(() => {
  sim.reset();
});

// As after loading `hcdr simulator`'s env file: default region ap-southeast-1, a project per region.
const env = simulatorEnv(SK);
const run = (args: string[], options: RunOptions = {}) => hcdr(['--endpoint', regional(url), ...args], { env, timeoutMs: 20_000, ...options });

describe('hcdr geminidb dr readiness', () => {
  it('passes for the seeded pair (peer found from the listing), exit 0, JSON with every check', async () => {
    const r = await run(['geminidb', 'dr', 'readiness', PRIMARY, '--primary-region', 'ap-southeast-1', '--standby-region', 'ap-southeast-3', '--rpo', '1m', '--rto', '10m', '-o', 'json']);
    expect(r.stderr).toMatch(/Readiness PASS: 14 passed, 0 warned, 0 failed/);
    expect(r.code).toBe(0);
    const report = parseJson(r.stdout) as { verdict: string; target: Record<string, string>; checks: { id: string; status: string }[] };
    expect(report.verdict).toBe('pass');
    expect(report.target).toMatchObject({ primary: PRIMARY, standby: STANDBY });
    expect(report.checks.every((c) => c.status === 'pass')).toBe(true);
  });

  it('fails with exit 1 when the instance named as primary is the standby; a table names the failed check', async () => {
    const r = await run(['geminidb', 'dr', 'readiness', STANDBY, '--primary-region', 'ap-southeast-3', '--standby', PRIMARY, '--standby-region', 'ap-southeast-1']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^fail\s+roles\.expected\s+primary f0e1.* is slave, expected master/m);
    expect(r.stderr).toMatch(/error: Readiness FAIL/);
  });

  it('warns (exit 0) on an RTO objective below the API estimate; --fail-on-warning makes it exit 1', async () => {
    const args = ['geminidb', 'dr', 'readiness', PRIMARY, '--standby-region', 'ap-southeast-3', '--rpo', '1m', '--rto', '30s'];
    const warned = await run(args);
    expect(warned.code).toBe(0);
    expect(warned.stderr).toMatch(/warning: Readiness WARN/);
    expect((await run([...args, '--fail-on-warning'])).code).toBe(1);
  });

  it('an unreachable standby endpoint fails reachable.standby (exit 1)', async () => {
    const r = await run(['geminidb', 'dr', 'readiness', PRIMARY, '--standby', STANDBY, '--standby-endpoint', 'http://127.0.0.1:9', '--timeout', '2s', '-o', 'json']);
    expect(r.code).toBe(1);
    const report = parseJson(r.stdout) as { checks: { id: string; status: string; message: string }[] };
    expect(report.checks.find((c) => c.id === 'reachable.standby')).toMatchObject({ status: 'fail', message: expect.stringMatching(/cannot be reached/) });
  });

  it('takes target and objectives from a plan; an invalid plan exits 2 naming the field', async () => {
    const dir = tempDir('readiness-plan');
    const plan = `${dir}/drill.yaml`;
    writeFileSync(plan, `version: 1\nname: video\nservice: geminidb\ntarget:\n  primary: { instance: ${PRIMARY}, region: ap-southeast-1 }\n  standby: { instance: ${STANDBY}, region: ap-southeast-3 }\nscenario: switchover-and-back\nobjectives: { rto: 10m, rpo: 1m }\n`);
    const ok = await run(['geminidb', 'dr', 'readiness', '--plan', plan, '-o', 'json']);
    expect(ok.code).toBe(0);
    expect((parseJson(ok.stdout) as { policy: { rpo_objective_seconds: number } }).policy.rpo_objective_seconds).toBe(60);
    writeFileSync(plan, 'version: 1\nname: video\nservice: geminidb\nobjectives: { rto: 10 }\n');
    const bad = await run(['geminidb', 'dr', 'readiness', '--plan', plan]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('objectives.rto (line 4): must be a duration with units');
    expect(bad.stderr).toContain('objectives.rpo (line 4): is required');
  });
});

describe('hcdr dws dr readiness', () => {
  it('passes for the seeded running task; a paused task fails (exit 1)', async () => {
    const ok = await run(['--region', 'cn-north-4', 'dws', 'dr', 'readiness', TASK, '--rpo', '5m', '--primary-cluster', DWS_PRIMARY, '-o', 'json']);
    expect(ok.stderr).toMatch(/Readiness PASS/);
    expect(ok.code).toBe(0);
    expect(await run(['--region', 'cn-north-4', 'dws', 'dr', 'pause', TASK, '--yes', '--wait', '--poll-interval', '100ms'])).toMatchObject({ code: 0 });
    const paused = await run(['--region', 'cn-north-4', 'dws', 'dr', 'readiness', TASK, '--rpo', '5m']);
    expect(paused.code).toBe(1);
    expect(paused.stdout).toMatch(/^fail\s+task\.status\s+status stopped/m);
  });
});
