// `dr pair` / `dr unpair` end to end: the built binary against the stateful simulator
// (@hcdr/simulator, real AK/SK signing), including failures injected at the second construction,
// the printed resume command, and running that command to completion.
import { chmodSync } from 'node:fs';
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

/** The command printed after "Resume with:", as argv (without the leading `hcdr`). */
function resumeArgs(stderr: string): string[] {
  const line = /Resume with:\n\s+(hcdr [^\n]+)/.exec(stderr)?.[1];
  if (!line) throw new Error(`no resume command in:\n${stderr}`);
  // As a shell reads it: the {region} endpoint is printed single-quoted.
  return line
    .split(' ')
    .slice(1)
    .map((word) => (/^'[^']*'$/.test(word) ? word.slice(1, -1) : word));
}

const noSecrets = (text: string) => {
  expect(text).not.toContain(PASSWORD);
  expect(text).not.toContain(SK);
};

describe('hcdr geminidb dr pair (simulator)', () => {
  it('pairs two instances: prechecks, both constructions, both jobs; the pair then syncs', async () => {
    const r = await sim(fastUrl, ['-o', 'json', ...pairArgs()]);
    expect(r.code, r.stderr).toBe(0);
    const out = parseJson(r.stdout) as any;
    expect(out).toMatchObject({ status: 'active', alias: 'video-dr', primary: { instance_id: PRIMARY, job_status: 'Completed' }, standby: { instance_id: STANDBY, job_status: 'Completed' } });
    expect(out.steps.map((s: { step: string; status: string }) => `${s.step}:${s.status}`)).toEqual([
      'precheck-primary:done', 'precheck-standby:done', 'construct-primary:done', 'construct-standby:done', 'wait-primary:done', 'wait-standby:done',
    ]);
    expect(r.stderr).toContain(`DR relationship ${out.disaster_recovery_id} is active`);
    noSecrets(r.stdout + r.stderr);

    const status = await sim(fastUrl, ['-o', 'json', 'geminidb', 'dr', 'status', PRIMARY]);
    expect(status.code, status.stderr).toBe(0);
    expect(parseJson(status.stdout)).toMatchObject({ status: 'SYNCING', master_instance_id: PRIMARY, slave_instance_id: STANDBY });
  });

  it('stops at a failed second construction, prints what was done and a resume command that finishes the job', async () => {
    fast.faults.add({ match: { service: 'geminidb', operationId: 'createDisasterRecovery', pathIncludes: STANDBY }, fault: 'busy' });
    const r = await sim(fastUrl, pairArgs());
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('construct-standby failed: DBS.200019');
    expect(r.stderr).toMatch(/Done so far:\n {2}✔ precheck-primary\n {2}✔ precheck-standby\n {2}✔ construct-primary {2}disaster_recovery_id=\S+ job_id=\S+\n {2}✖ construct-standby/);
    expect(r.stderr).toContain('only the standby side is missing');
    const drId = /disaster_recovery_id=(\S+)/.exec(r.stderr)?.[1] ?? '';
    const jobId = /construct-primary {2}disaster_recovery_id=\S+ job_id=(\S+)/.exec(r.stderr)?.[1] ?? '';
    const resume = resumeArgs(r.stderr);
    expect(resume).toEqual(expect.arrayContaining(['--resume', drId, '--primary-job', jobId, '--password-file', passwordFile]));
    expect(resume).not.toContain('--standby-job');
    noSecrets(r.stdout + r.stderr);

    const resumed = await sim(fastUrl, ['-o', 'json', ...resume]);
    expect(resumed.code, resumed.stderr).toBe(0);
    const out = parseJson(resumed.stdout) as any;
    expect(out).toMatchObject({ status: 'active', disaster_recovery_id: drId, primary: { job_id: jobId, job_status: 'Completed' }, standby: { job_status: 'Completed' } });
    expect(out.steps.filter((s: { status: string }) => s.status === 'skipped').map((s: { step: string }) => s.step)).toEqual(['precheck-primary', 'construct-primary']);
    const status = await sim(fastUrl, ['-o', 'json', '--region', 'ap-southeast-3', 'geminidb', 'dr', 'status', STANDBY]);
    expect(parseJson(status.stdout)).toMatchObject({ status: 'SYNCING' });
  });

  it('with -o json, a stop also puts a machine-readable summary with the resume command on stdout', async () => {
    fast.faults.add({ match: { service: 'geminidb', operationId: 'createDisasterRecovery', pathIncludes: STANDBY }, fault: 'html500' });
    const r = await sim(fastUrl, ['-o', 'json', ...pairArgs()]);
    expect(r.code).toBe(1);
    const out = parseJson(r.stdout) as any;
    expect(out).toMatchObject({ status: 'failed', failed_step: 'construct-standby', disaster_recovery_id: expect.any(String), primary_job_id: expect.any(String), standby_job_id: null });
    expect(out.resume_command).toContain(`--resume ${out.disaster_recovery_id} --primary-job ${out.primary_job_id}`);
  });

  it('a failed standby job is resumed by constructing the standby again', async () => {
    fast.faults.add({ match: { service: 'geminidb', operationId: 'createDisasterRecovery', pathIncludes: STANDBY }, fault: { kind: 'jobFails', failReason: 'standby disk full' } });
    const r = await sim(fastUrl, pairArgs());
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('The standby construction job');
    expect(r.stderr).toContain('standby disk full');
    const resume = resumeArgs(r.stderr);
    expect(resume).toContain('--primary-job');
    expect(resume).not.toContain('--standby-job');
    const resumed = await sim(fastUrl, resume);
    expect(resumed.code, resumed.stderr).toBe(0);
  });

  it('a wait that times out exits 3; the resume command only waits (both jobs given)', async () => {
    const r = await sim(slowUrl, [...pairArgs(), '--wait-timeout', '1s']);
    expect(r.code, r.stderr).toBe(3);
    expect(r.stderr).toContain('Timed out waiting');
    const resume = resumeArgs(r.stderr);
    expect(resume).toEqual(expect.arrayContaining(['--resume', '--primary-job', '--standby-job', '--wait-timeout', '1s']));
  });

  it('Ctrl-C while waiting exits 130 and still prints the resume command', async () => {
    let child: import('node:child_process').ChildProcess | undefined;
    const pending = sim(slowUrl, pairArgs(), { onSpawn: (c) => (child = c) });
    // Interrupt once both constructions were accepted.
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
    expect(r.stderr).toContain('Interrupted while waiting');
    expect(resumeArgs(r.stderr)).toContain('--standby-job');
  });

  it('refuses an instance whose port is not 8635 (exit 2), unless --skip-port-check', async () => {
    const r = await sim(fastUrl, pairArgs(BAD_PORT));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`--primary: instance ${BAD_PORT} listens on port 6379, but a DR relationship requires port 8635`);
    expect(r.stderr).toContain('--skip-port-check');
    expect(fast.state.geminidb.instances.every((i) => i.drRelationshipId === null)).toBe(true);
  });

  it('refuses to pair an instance that is already in a DR relationship', async () => {
    expect((await sim(fastUrl, pairArgs())).code).toBe(0);
    const again = await sim(fastUrl, pairArgs());
    expect(again.code).toBe(2);
    expect(again.stderr).toContain(`--primary: instance ${PRIMARY} is already in a DR relationship (peer ${STANDBY})`);
  });
});

describe('hcdr geminidb dr unpair (simulator)', () => {
  it('removes the relationship on both sides', async () => {
    expect((await sim(fastUrl, pairArgs())).code).toBe(0);
    const r = await sim(fastUrl, ['-o', 'json', ...unpairArgs]);
    expect(r.code, r.stderr).toBe(0);
    expect(parseJson(r.stdout)).toMatchObject({ status: 'removed', primary: { job_status: 'Completed' }, standby: { job_status: 'Completed' } });
    const list = parseJson((await sim(fastUrl, ['-o', 'json', 'geminidb', 'instances', 'list'])).stdout) as any;
    expect(list.instances.filter((i: { dr_instance_id?: string }) => i.dr_instance_id)).toEqual([]);
  });

  it('resumes after the second deconstruction failed, skipping the side already done', async () => {
    expect((await sim(fastUrl, pairArgs())).code).toBe(0);
    fast.faults.add({ match: { service: 'geminidb', operationId: 'deleteDisasterRecovery', pathIncludes: STANDBY }, fault: 'busy' });
    const r = await sim(fastUrl, unpairArgs);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('deconstruct-standby failed');
    const resume = resumeArgs(r.stderr);
    expect(resume).toContain('--primary-job');
    expect(resume).toContain('--yes');
    const resumed = await sim(fastUrl, ['-o', 'json', ...resume]);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(parseJson(resumed.stdout)).toMatchObject({ status: 'removed' });
  });

  it('refuses to break a pair the instances are not in', async () => {
    expect((await sim(fastUrl, pairArgs())).code).toBe(0);
    const r = await sim(fastUrl, ['geminidb', 'dr', 'unpair', '--primary', PRIMARY, '--standby', '9c8b7a6f5e4d4c3b2a1f0e9d8c7b6a5fin06', '--standby-region', 'ap-southeast-3', '--yes']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`is paired with ${STANDBY}, not with 9c8b7a6f5e4d4c3b2a1f0e9d8c7b6a5fin06`);
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
    expect(r.stderr).toContain('credentials: No credentials');
    expect(r.stderr).toContain('HUAWEICLOUD_SDK_AK');
  });
});
