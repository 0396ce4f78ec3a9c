// `dr pair` / `dr unpair` end to end: the built binary against the stateful simulator
// (@hcdr/simulator, real AK/SK signing), including failures injected at the second construction,
// and running the same command again to finish what was interrupted (kill -9 included).
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSimulator, DEFAULT_GEMINIDB_INSTANCES, type Simulator } from '@hcdr/simulator';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { hcdr, parseJson, PRIMARY, PROJECT, regional, secretFile, simulatorEnv, STANDBY, type RunOptions } from './helpers/cli.js';

const SK = 'sim-secret-key-DO-NOT-PRINT-0815';
const PASSWORD = 'Pair#Secret-Passw0rd';
const BAD_PORT = 'b0b0b0b0b0b04b0b8b0b0b0b0b0b0b0bin12';

let fast: Simulator;
let slow: Simulator;
let fastUrl: string;
let slowUrl: string;
let passwordFile: string;

beforeAll(async () => {
  const instances = [
    ...DEFAULT_GEMINIDB_INSTANCES,
    { ...DEFAULT_GEMINIDB_INSTANCES[0]!, id: BAD_PORT, name: 'redis-wrong-port', port: '6379', nodeIps: ['10.0.1.12'], subnetCidr: '10.0.1.0/24' },
  ];
  fast = createSimulator({ credentials: { secretAccessKey: SK }, jobDurationMs: 400, geminidb: { instances } });
  slow = createSimulator({ credentials: { secretAccessKey: SK }, jobDurationMs: 120_000 });
  [{ url: fastUrl }, { url: slowUrl }] = await Promise.all([fast.listen(), slow.listen()]);
  passwordFile = secretFile('dr-password', `${PASSWORD}\n`);
});
afterAll(async () => {
  await Promise.all([fast?.close(), slow?.close()]);
});
beforeEach(() => {
  fast.reset();
  slow.reset();
});

// As after loading `hcdr simulator`'s env file: default region ap-southeast-1, a project per region.
const env = simulatorEnv(SK);
const sim = (url: string, args: string[], options: RunOptions = {}) => hcdr(['--endpoint', regional(url), ...args], { env, timeoutMs: 20_000, ...options });

const pairArgs = (primary = PRIMARY) => [
  'geminidb', 'dr', 'pair',
  '--primary', primary, '--primary-region', 'ap-southeast-1', '--primary-subnet-cidr', '10.0.1.0/24', '--primary-vpc-cidr', '10.0.0.0/16',
  '--standby', STANDBY, '--standby-region', 'ap-southeast-3', '--standby-subnet-cidr', '10.1.1.0/24', '--standby-vpc-cidr', '10.1.0.0/16',
  '--alias', 'video-dr', '--password-file', passwordFile, '--poll-interval', '100ms',
];
const unpairArgs = ['geminidb', 'dr', 'unpair', '--primary', PRIMARY, '--primary-region', 'ap-southeast-1', '--standby', STANDBY, '--standby-region', 'ap-southeast-3', '--poll-interval', '100ms', '--yes'];

/** Until no simulated job is running (the simulator's jobs end on its clock). */
async function settled(s: Simulator): Promise<void> {
  for (let i = 0; i < 200 && s.state.geminidb.jobs.some((j) => j.status === 'Running'); i++) await new Promise((r) => setTimeout(r, 25));
}

const noSecrets = (text: string) => {
  expect(text).not.toContain(PASSWORD);
  expect(text).not.toContain(SK);
};

describe('hcdr geminidb dr pair (simulator)', () => {
  it('pairs two instances: prechecks, both constructions, both jobs; the pair then syncs; the same command again has nothing to do', async () => {
    const r = await sim(fastUrl, ['-o', 'json', ...pairArgs()]);
    expect(r.code, r.stderr).toBe(0);
    const out = parseJson(r.stdout) as any;
    expect(out).toMatchObject({ status: 'active', outcome: 'completed', alias: 'video-dr', primary: { instance_id: PRIMARY, role: 'master' }, standby: { instance_id: STANDBY, role: 'slave' }, sync_status: 'SYNCING' });
    const steps = out.steps.map((s: { step: string; status: string }) => `${s.step}:${s.status}`);
    expect(steps.slice(0, 4)).toEqual(['precheck-primary:done', 'precheck-standby:done', 'construct-primary:done', 'construct-standby:done']);
    // The two jobs are awaited together: either may end first.
    expect([...steps.slice(4)].sort()).toEqual(['wait-primary:done', 'wait-standby:done']);
    expect(r.stderr).toContain(`DR relationship ${out.disaster_recovery_id} is active`);
    noSecrets(r.stdout + r.stderr);

    const status = await sim(fastUrl, ['-o', 'json', 'geminidb', 'dr', 'status', PRIMARY]);
    expect(parseJson(status.stdout)).toMatchObject({ status: 'SYNCING', master_instance_id: PRIMARY, slave_instance_id: STANDBY });

    // Re-running after it completed: exit 0, nothing sent, and it says so.
    const again = await sim(fastUrl, ['-o', 'json', ...pairArgs()]);
    expect(again.code, again.stderr).toBe(0);
    expect(parseJson(again.stdout)).toMatchObject({ outcome: 'already-done', steps: [] });
    expect(again.stderr).toContain('Nothing to do');
  });

  it('a stop at the second construction says what was done; the same command finishes it without constructing the primary again', async () => {
    fast.faults.add({ match: { service: 'geminidb', operationId: 'createDisasterRecovery', pathIncludes: STANDBY }, fault: 'busy' });
    const r = await sim(fastUrl, pairArgs());
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('DBS.200019');
    expect(r.stderr).toMatch(/Done so far:\n {2}✔ precheck-primary\n {2}✔ precheck-standby\n {2}✔ construct-primary {2}disaster_recovery_id=\S+ job_id=\S+/);
    expect(r.stderr).toContain('Run the same command again to finish it:');
    noSecrets(r.stdout + r.stderr);

    const resumed = await sim(fastUrl, ['-o', 'json', ...pairArgs()]);
    expect(resumed.code, resumed.stderr).toBe(0);
    const out = parseJson(resumed.stdout) as any;
    expect(out).toMatchObject({ status: 'active', outcome: 'completed', resumed: true });
    expect(out.steps.map((s: { step: string }) => s.step)).not.toContain('construct-primary');
    expect(out.steps.map((s: { step: string }) => s.step)).toContain('construct-standby');
    expect(fast.state.geminidb.jobs.filter((j) => j.name === 'ConstructDisasterRecovery' && j.instanceId === PRIMARY)).toHaveLength(1);
  });

  it('kill -9 right after the primary construction: the same command finishes the pairing (the DR ID came from the journal)', async () => {
    let child: import('node:child_process').ChildProcess | undefined;
    const killed = sim(fastUrl, pairArgs(), { onSpawn: (c) => (child = c) });
    await new Promise<void>((resolve) => {
      let seen = '';
      child?.stderr?.on('data', (chunk: Buffer) => {
        seen += chunk.toString();
        if (seen.includes('✔ Construct the primary side')) {
          child?.kill('SIGKILL');
          resolve();
        }
      });
    });
    expect((await killed).signal).toBe('SIGKILL');
    const list = await sim(fastUrl, ['-o', 'json', 'ops', 'list']);
    const ops = (parseJson(list.stdout) as any).operations;
    expect(ops).toEqual([expect.objectContaining({ operation: 'geminidb.pair', state: 'in-progress', targets: `${PRIMARY} ${STANDBY}`, rerun_would: expect.stringContaining('continue') })]);
    expect(ops[0].rerun).toContain('geminidb dr pair');
    const resumed = await sim(fastUrl, ['-o', 'json', ...pairArgs()]);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stderr).toContain('Continuing the run of');
    expect(parseJson(resumed.stdout)).toMatchObject({ status: 'active', resumed: true });
    expect(fast.state.geminidb.jobs.filter((j) => j.name === 'ConstructDisasterRecovery').map((j) => j.instanceId).sort()).toEqual([PRIMARY, STANDBY].sort());
  });

  it('with -o json, a stop also puts a machine-readable summary on stdout', async () => {
    fast.faults.add({ match: { service: 'geminidb', operationId: 'createDisasterRecovery', pathIncludes: STANDBY }, fault: 'html500' });
    const r = await sim(fastUrl, ['-o', 'json', ...pairArgs()]);
    expect(r.code).toBe(1);
    const out = parseJson(r.stdout) as any;
    expect(out).toMatchObject({ status: 'failed', failed_step: 'construct-standby', primary_instance_id: PRIMARY });
    expect(out.rerun_command).toContain('geminidb dr pair');
    expect(out.rerun_command).not.toContain(PASSWORD);
  });

  it('a failed standby job is finished by running the same command again (the standby is constructed again)', async () => {
    fast.faults.add({ match: { service: 'geminidb', operationId: 'createDisasterRecovery', pathIncludes: STANDBY }, fault: { kind: 'jobFails', failReason: 'standby disk full' } });
    const r = await sim(fastUrl, pairArgs());
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('standby disk full');
    const resumed = await sim(fastUrl, pairArgs());
    expect(resumed.code, resumed.stderr).toBe(0);
  });

  it('a wait that times out exits 3 and says to run the same command again', async () => {
    const r = await sim(slowUrl, [...pairArgs(), '--wait-timeout', '1s']);
    expect(r.code, r.stderr).toBe(3);
    expect(r.stderr).toContain('Timed out waiting');
    expect(r.stderr).toContain('Run the same command again to finish it:');
  });

  it('Ctrl-C while waiting exits 130 and says how to finish', async () => {
    let child: import('node:child_process').ChildProcess | undefined;
    const pending = sim(slowUrl, pairArgs(), { onSpawn: (c) => (child = c) });
    await new Promise<void>((resolve) => {
      let seen = '';
      child?.stderr?.on('data', (chunk: Buffer) => {
        seen += chunk.toString();
        if (seen.includes('Wait for the standby')) resolve();
      });
    });
    child?.kill('SIGINT');
    const r = await pending;
    expect(r.code).toBe(130);
    expect(r.stderr).toContain('Run the same command again to finish it:');
  });

  it('refuses an instance whose port is not 8635 (exit 1) before sending anything that changes state', async () => {
    const r = await sim(fastUrl, pairArgs(BAD_PORT));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`The port of the primary ${BAD_PORT} is 6379, but a GeminiDB DR relationship requires port 8635`);
    expect(fast.state.geminidb.instances.every((i) => i.drRelationshipId === null)).toBe(true);
  });

  it('refuses to pair an instance that is in a relationship with a third one', async () => {
    expect((await sim(fastUrl, pairArgs())).code).toBe(0);
    const third = await sim(fastUrl, ['geminidb', 'dr', 'pair', '--primary', PRIMARY, '--primary-region', 'ap-southeast-1', '--primary-subnet-cidr', '10.0.1.0/24', '--primary-vpc-cidr', '10.0.0.0/16', '--standby', '9c8b7a6f5e4d4c3b2a1f0e9d8c7b6a5fin06', '--standby-region', 'ap-southeast-3', '--standby-subnet-cidr', '10.1.2.0/24', '--standby-vpc-cidr', '10.1.0.0/16', '--alias', 'x', '--password-file', passwordFile]);
    expect(third.code).toBe(1);
    expect(third.stderr).toContain(`The primary ${PRIMARY} is in a DR relationship with ${STANDBY}`);
  });
});

describe('hcdr geminidb dr unpair (simulator)', () => {
  it('removes the relationship on both sides; again: nothing to do', async () => {
    expect((await sim(fastUrl, pairArgs())).code).toBe(0);
    const r = await sim(fastUrl, ['-o', 'json', ...unpairArgs]);
    expect(r.code, r.stderr).toBe(0);
    expect(parseJson(r.stdout)).toMatchObject({ status: 'removed', outcome: 'completed' });
    const list = parseJson((await sim(fastUrl, ['-o', 'json', 'geminidb', 'instances', 'list'])).stdout) as any;
    expect(list.instances.filter((i: { dr_instance_id?: string }) => i.dr_instance_id)).toEqual([]);
    const again = await sim(fastUrl, ['-o', 'json', ...unpairArgs]);
    expect(parseJson(again.stdout)).toMatchObject({ outcome: 'already-done' });
  });

  it('the same command finishes an unpairing whose second deconstruction failed, deconstructing only that side', async () => {
    expect((await sim(fastUrl, pairArgs())).code).toBe(0);
    fast.faults.add({ match: { service: 'geminidb', operationId: 'deleteDisasterRecovery', pathIncludes: STANDBY }, fault: 'busy' });
    const r = await sim(fastUrl, unpairArgs);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('DBS.200019');
    const resumed = await sim(fastUrl, ['-o', 'json', ...unpairArgs]);
    expect(resumed.code, resumed.stderr).toBe(0);
    const out = parseJson(resumed.stdout) as any;
    expect(out).toMatchObject({ status: 'removed' });
    expect(out.steps.map((s: { step: string }) => s.step)).toEqual(['precheck-standby', 'deconstruct-standby', 'wait-standby']);
  });

  it('refuses to break a pair the instances are not in (exit 1, nothing changed)', async () => {
    expect((await sim(fastUrl, pairArgs())).code).toBe(0);
    const r = await sim(fastUrl, ['geminidb', 'dr', 'unpair', '--primary', PRIMARY, '--standby', '9c8b7a6f5e4d4c3b2a1f0e9d8c7b6a5fin06', '--standby-region', 'ap-southeast-3', '--yes']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`is in a DR relationship with ${STANDBY}, not with 9c8b7a6f5e4d4c3b2a1f0e9d8c7b6a5fin06`);
  });
});

describe('hcdr doctor and hcdr ops (simulator)', () => {
  it('finds a half-built relationship whose journal is gone, and removes it after confirmation', async () => {
    fast.faults.add({ match: { service: 'geminidb', operationId: 'createDisasterRecovery', pathIncludes: STANDBY }, fault: 'busy' });
    const stateDir = mkdtempSync(join(tmpdir(), 'hcdr-doctor-'));
    const other = { env: { ...env, HCDR_STATE_DIR: stateDir } };
    expect((await sim(fastUrl, pairArgs(), other)).code).toBe(1);
    await settled(fast);
    // Another machine: no journal. doctor sees the primary's side from the API alone.
    const found = await sim(fastUrl, ['-o', 'json', 'doctor', '--service', 'geminidb']);
    expect(found.code, found.stderr).toBe(0);
    expect((parseJson(found.stdout) as any).findings).toEqual([expect.objectContaining({ resource: PRIMARY, kind: 'half-built-relationship' })]);
    const refused = await sim(fastUrl, ['doctor', '--fix']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--yes');
    const fixed = await sim(fastUrl, ['doctor', '--fix', '--yes']);
    expect(fixed.code, fixed.stderr).toBe(0);
    expect(fixed.stderr).toContain(`${PRIMARY}: fixed.`);
    expect(fast.state.geminidb.instances.every((i) => i.drRelationshipId === null)).toBe(true);
    const clean = await sim(fastUrl, ['doctor']);
    expect(clean.stdout + clean.stderr).toContain('Nothing left behind');
  });

  it('ops list shows finished operations with --all, and ops show prints their records without secrets', async () => {
    const own = { env: { ...env, HCDR_STATE_DIR: mkdtempSync(join(tmpdir(), 'hcdr-ops-')) } };
    expect((await sim(fastUrl, pairArgs(), own)).code).toBe(0);
    expect(parseJson((await sim(fastUrl, ['-o', 'json', 'ops', 'list'], own)).stdout)).toMatchObject({ operations: [] });
    const list = parseJson((await sim(fastUrl, ['-o', 'json', 'ops', 'list', '--all'], own)).stdout) as any;
    const pair = list.operations.find((o: { operation: string }) => o.operation === 'geminidb.pair');
    expect(pair).toMatchObject({ state: 'completed' });
    const show = await sim(fastUrl, ['-o', 'json', 'ops', 'show', pair.id], own);
    expect(show.code, show.stderr).toBe(0);
    const records = (parseJson(show.stdout) as any).records as { type: string; step?: string }[];
    expect(records.filter((r) => r.type === 'intent').map((r) => r.step)).toEqual(['construct-primary', 'construct-standby']);
    noSecrets(show.stdout);
  });
});

describe('credentials (simulator verifies AK/SK signatures)', () => {
  it('--credentials-file reads AK/SK from an env-style file (mode 600); nothing from the environment', async () => {
    const file = secretFile('credentials.env', `HUAWEICLOUD_SDK_AK=HCDRSIMULATORAK\nHUAWEICLOUD_SDK_SK=${SK}\nHUAWEICLOUD_SDK_PROJECT_ID=${PROJECT}\n`);
    const r = await hcdr(['--endpoint', `${fastUrl}/ap-southeast-1`, '--credentials-file', file, '-o', 'json', 'geminidb', 'instances', 'list']);
    expect(r.code, r.stderr).toBe(0);
    // ap-southeast-1 holds the primary and the wrong-port copy; the standby region is another endpoint.
    expect((parseJson(r.stdout) as any).instances).toHaveLength(2);
  });

  it('--credentials-file - reads JSON credentials from stdin', async () => {
    const r = await hcdr(['--endpoint', `${fastUrl}/ap-southeast-1`, '--credentials-file', '-', '--project-id', PROJECT, 'geminidb', 'instances', 'list'], {
      input: JSON.stringify({ access_key_id: 'HCDRSIMULATORAK', secret_access_key: SK }),
    });
    expect(r.code, r.stderr).toBe(0);
  });

  it('refuses a credentials file others can read (exit 4) without printing its content', async () => {
    const file = secretFile('loose.env', `HUAWEICLOUD_SDK_AK=HCDRSIMULATORAK\nHUAWEICLOUD_SDK_SK=${SK}\n`);
    chmodSync(file, 0o644);
    const r = await hcdr(['--endpoint', `${fastUrl}/ap-southeast-1`, '--credentials-file', file, 'geminidb', 'instances', 'list']);
    expect(r.code).toBe(4);
    expect(r.stderr).toContain(`chmod 600 ${file}`);
    noSecrets(r.stderr);
  });

  it('a wrong secret key is an authentication failure: exit 4, APIGW.0301 and a hint', async () => {
    const r = await hcdr(['--endpoint', regional(fastUrl), 'geminidb', 'instances', 'list'], { env: { ...env, HUAWEICLOUD_SDK_SK: 'wrong-secret-key-123' } });
    expect(r.code).toBe(4);
    expect(r.stderr).toContain('APIGW.0301');
    expect(r.stderr).not.toContain('wrong-secret-key-123');
  });

  it('missing credentials exit 4 and list every way to provide them', async () => {
    const r = await hcdr(['--endpoint', `${fastUrl}/ap-southeast-1`, 'geminidb', 'instances', 'list'], { env: { HUAWEICLOUD_SDK_PROJECT_ID: PROJECT } });
    expect(r.code).toBe(4);
    expect(r.stderr).toContain('credentials: none found');
    expect(r.stderr).toContain('HUAWEICLOUD_SDK_AK');
  });
});
