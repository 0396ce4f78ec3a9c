// Every GeminiDB command, run as the built binary against a Prism mock of specs/geminidb-dr.yaml.
// Prism validates each request against the spec (a wrong body or parameter would fail the call),
// so "succeeds and its JSON parses" is also a contract check of what the CLI sends.
import { startPrism } from '@hcdr/mock-servers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closedPort, hcdr, parseJson, PRIMARY, PROJECT, STANDBY } from './helpers/cli.js';

let prism: Awaited<ReturnType<typeof startPrism>>;
let closed: string;
const TOKEN = 'prism-test-token-0001';
const PASSWORD = 'Gdb-DR#pass-4242';
const JOB = 'c010abd0-48cf-4fa8-8cbc-090f093eaa2f';

beforeAll(async () => {
  [prism, closed] = await Promise.all([startPrism({ spec: 'geminidb-dr' }), closedPort()]);
}, 60_000);
afterAll(async () => {
  await prism?.stop();
});

const env = () => ({ HUAWEICLOUD_SDK_AUTH_TOKEN: TOKEN, HUAWEICLOUD_SDK_PROJECT_ID: PROJECT, HCDR_DR_PASSWORD: PASSWORD });
const run = (args: string[], extra: Record<string, string> = {}) => hcdr(['--endpoint', prism.url, '-o', 'json', ...args], { env: { ...env(), ...extra } });

const peer = ['--peer-id', STANDBY, '--peer-region', 'ap-southeast-3', '--peer-subnet-cidr', '10.1.1.0/24', '--peer-node-ips', '10.1.1.2,10.1.1.3,10.1.1.4'];

type Check = (json: any) => void;
const commands: [string, string[], Check][] = [
  ['instances list', ['geminidb', 'instances', 'list', '--limit', '10'], (j) => expect(j.instances[0].id).toBe(PRIMARY)],
  [
    'dr precheck (construction)',
    ['geminidb', 'dr', 'precheck', PRIMARY, '--operation', 'construction', '--peer-vpc-cidr', '10.1.0.0/16', '--peer-spec-code', 'geminidb.redis.xlarge.4', '--peer-node-ips', '10.1.1.2', '--peer-node-ips', '10.1.1.3'],
    (j) => expect(j).toEqual({ instance_id: PRIMARY, operation: 'construction', precheck: 'passed' }),
  ],
  ['dr precheck (deconstruction)', ['geminidb', 'dr', 'precheck', STANDBY, '--operation', 'deconstruction'], (j) => expect(j.precheck).toBe('passed')],
  ['dr create (primary)', ['geminidb', 'dr', 'create', PRIMARY, '--role', 'master', '--alias', 'video-dr', ...peer], (j) => expect(j).toMatchObject({ job_id: JOB, disaster_recovery_id: expect.any(String) })],
  [
    'dr create (standby)',
    ['geminidb', 'dr', 'create', STANDBY, '--role', 'slave', '--dr-id', '04efe8e2-9255-44ae-a98b-d87cae411890', '--alias', 'video-dr', '--peer-id', PRIMARY, '--peer-region', 'ap-southeast-1', '--peer-subnet-cidr', '10.0.1.0/24', '--peer-node-ips', '10.0.1.2'],
    (j) => expect(j.job_id).toEqual(expect.any(String)),
  ],
  ['dr delete', ['geminidb', 'dr', 'delete', PRIMARY, '--yes'], (j) => expect(j.job_id).toEqual(expect.any(String))],
  ['dr switchover (one call)', ['geminidb', 'dr', 'switchover', PRIMARY, '--yes'], (j) => expect(j.job_id).toEqual(expect.any(String))],
  ['dr demote', ['geminidb', 'dr', 'demote', PRIMARY, '--yes'], (j) => expect(j.job_id).toEqual(expect.any(String))],
  ['dr promote', ['geminidb', 'dr', 'promote', STANDBY, '--yes'], (j) => expect(j.job_id).toEqual(expect.any(String))],
  ['dr failover', ['geminidb', 'dr', 'failover', STANDBY, '--yes'], (j) => expect(j.job_id).toEqual(expect.any(String))],
  ['dr pause (both instances)', ['geminidb', 'dr', 'pause', PRIMARY, STANDBY], (j) => expect(j).toHaveLength(2)],
  ['dr resume', ['geminidb', 'dr', 'resume', PRIMARY], (j) => expect(j.job_id).toEqual(expect.any(String))],
  ['dr status', ['geminidb', 'dr', 'status', PRIMARY], (j) => expect(j.status).toEqual(expect.any(String))],
  ['dr role', ['geminidb', 'dr', 'role', PRIMARY], (j) => expect(['master', 'slave']).toContain(j.role)],
  ['dr settings get', ['geminidb', 'dr', 'settings', 'get', '--instance-id', PRIMARY], (j) => expect(Array.isArray(j.disaster_recovery_settings)).toBe(true)],
  ['dr settings set', ['geminidb', 'dr', 'settings', 'set', PRIMARY, '--switchover-ratio', '80', '--sync-delay', '30'], (j) => expect(j.successed_instance_ids).toEqual(expect.any(Array))],
  ['dual-active create', ['geminidb', 'dual-active', 'create', PRIMARY, '--peer-id', STANDBY, '--peer-region', 'ap-southeast-3'], (j) => expect(j.job_id).toEqual(expect.any(String))],
  ['dual-active delete', ['geminidb', 'dual-active', 'delete', PRIMARY, '--yes'], (j) => expect(j.job_id).toEqual(expect.any(String))],
  ['dual-active regions', ['geminidb', 'dual-active', 'regions', PRIMARY], (j) => expect(j.region_codes).toEqual(expect.any(Array))],
  ['jobs list', ['geminidb', 'jobs', 'list', '--status', 'Running', '--limit', '10', '--start-time', '2024-05-20T00:00:00+0800'], (j) => expect(j.jobs).toEqual(expect.any(Array))],
  ['jobs show', ['geminidb', 'jobs', 'show', JOB], (j) => expect(j).toMatchObject({ id: JOB, status: 'Running' })],
  ['jobs wait', ['geminidb', 'jobs', 'wait', JOB, '--poll-interval', '100ms', '--header', 'Prefer: example=completed'], (j) => expect(j.jobs[0]).toMatchObject({ id: JOB, wait: 'succeeded' })],
];

describe.concurrent('geminidb commands against the Prism mock', () => {
  it.each(commands)('%s exits 0 with JSON on stdout', async (_name, args, check) => {
    const r = await run(args);
    expect(r.stderr).not.toMatch(/error:/);
    expect(r.code, r.stderr).toBe(0);
    check(parseJson(r.stdout));
  });

  it('dr status --watch --count 2 -o json prints one JSON object per sample (NDJSON)', async () => {
    const r = await run(['geminidb', 'dr', 'status', PRIMARY, '--watch', '--count', '2', '--interval', '100ms']);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(parseJson(line)).toMatchObject({ sampled_at: expect.any(String), status: expect.any(String) });
  });

  it('table output renders the same data for humans', async () => {
    const r = await hcdr(['--endpoint', prism.url, 'geminidb', 'instances', 'list'], { env: env() });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^ID\s+NAME\s+STATUS\s+REGION\s+PORT/);
    expect(r.stdout).toContain('redis-video-primary');
  });

  it('--wait that runs out of time exits 3 and prints how to resume waiting', async () => {
    // The mock always reports the job Running.
    const r = await run(['geminidb', 'dr', 'create', PRIMARY, '--role', 'master', '--alias', 'video-dr', ...peer, '--wait', '--wait-timeout', '1s', '--poll-interval', '200ms']);
    expect(r.code, r.stderr).toBe(3);
    expect(r.stderr).toContain(`Resume waiting with: hcdr geminidb jobs wait ${JOB} --endpoint ${prism.url}`);
    expect(parseJson(r.stdout)).toMatchObject({ job_id: JOB, wait: 'timeout' });
  });

  it('an API error exits 1 with the code, status, operation and request id', async () => {
    const r = await run(['geminidb', 'dr', 'switchover', PRIMARY, '--yes', '--header', 'Prefer: code=409']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/DBS\.200019.*HTTP 409, switchOverDisasterRecovery, request id/);
    expect(r.stdout).toBe('');
  });

  it('HTTP 401 exits 4 (authentication problem)', async () => {
    const r = await run(['geminidb', 'dr', 'role', PRIMARY, '--header', 'Prefer: code=401']);
    expect(r.code).toBe(4);
    expect(r.stderr).toContain('APIGW.0301');
  });

  it('--debug logs each attempt on stderr with credentials redacted, stdout stays JSON', async () => {
    const r = await run(['--debug', 'geminidb', 'dr', 'role', PRIMARY]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/debug GET http:\/\/127\.0\.0\.1:\d+\/v3\/.+\/instance-role -> 200/);
    expect(r.stderr).toContain('"x-auth-token":"[REDACTED]"');
    expect(r.stderr + r.stdout).not.toContain(TOKEN);
    expect(parseJson(r.stdout)).toHaveProperty('role');
  });
});

describe.concurrent('validation happens before any request (exit 2, flag named)', () => {
  const invalid: [string, string[], RegExp][] = [
    ['192.* subnet', ['geminidb', 'dr', 'create', PRIMARY, '--role', 'master', '--alias', 'a', ...peer.slice(0, 4), '--peer-subnet-cidr', '192.168.0.0/24', '--peer-node-ips', '10.1.1.2'], /--peer-subnet-cidr: "192\.168\.0\.0\/24" must not start with 192 or 172/],
    ['172.* VPC', ['geminidb', 'dr', 'precheck', PRIMARY, '--operation', 'construction', '--peer-vpc-cidr', '172.16.0.0/16', '--peer-spec-code', 's', '--peer-node-ips', '10.0.0.1'], /--peer-vpc-cidr: .*must not start with 192 or 172/],
    ['malformed CIDR', ['geminidb', 'dr', 'create', PRIMARY, '--role', 'master', '--alias', 'a', ...peer.slice(0, 4), '--peer-subnet-cidr', '10.1.1.0/33', '--peer-node-ips', '10.1.1.2'], /--peer-subnet-cidr: "10\.1\.1\.0\/33" must be an IPv4 CIDR/],
    ['bad node IP', ['geminidb', 'dr', 'create', PRIMARY, '--role', 'master', '--alias', 'a', ...peer.slice(0, 6), '--peer-node-ips', '10.1.1.256'], /--peer-node-ips: "10\.1\.1\.256" must be an IPv4 address/],
    ['role enum', ['geminidb', 'dr', 'create', PRIMARY, '--role', 'primary', '--alias', 'a', ...peer], /--role: "primary" must be one of: master, slave/],
    ['standby without DR id', ['geminidb', 'dr', 'create', STANDBY, '--role', 'slave', '--alias', 'a', ...peer.slice(0, 0), '--peer-id', PRIMARY, '--peer-region', 'ap-southeast-1', '--peer-subnet-cidr', '10.0.1.0/24', '--peer-node-ips', '10.0.1.2'], /--dr-id: is required with --role slave/],
    ['missing required option', ['geminidb', 'dr', 'create', PRIMARY, '--alias', 'a', ...peer], /--role: is required/],
    ['operation enum', ['geminidb', 'dr', 'precheck', PRIMARY, '--operation', 'build'], /--operation: "build" must be one of: construction, deconstruction/],
    ['instance id', ['geminidb', 'dr', 'role', 'no/slashes'], /<instance-id>: "no\/slashes" must be 1-64 letters/],
    ['switchover ratio', ['geminidb', 'dr', 'settings', 'set', PRIMARY, '--switchover-ratio', '75'], /--switchover-ratio: "75" must be one of: 50, 60, 70, 80, 90, 100/],
    ['sync delay', ['geminidb', 'dr', 'settings', 'set', PRIMARY, '--sync-delay', '5'], /--sync-delay: "5" must be at least 10/],
    ['jobs limit', ['geminidb', 'jobs', 'list', '--limit', '15'], /--limit: "15" must be one of: 10, 20, 50/],
    ['job status enum', ['geminidb', 'jobs', 'list', '--status', 'Done'], /--status: "Done" must be one of: Running, Completed, Failed/],
    ['job time format', ['geminidb', 'jobs', 'list', '--start-time', 'yesterday'], /--start-time: "yesterday" must be yyyy-mm-ddThh:mm:ssZ/],
    ['region', ['--region', 'Mars', 'geminidb', 'instances', 'list'], /--region: "Mars" must be a region code/],
    ['output format', ['-o', 'xml', 'geminidb', 'instances', 'list'], /--output: "xml" must be one of: json, yaml, table, text/],
    ['wait timeout', ['geminidb', 'dr', 'resume', PRIMARY, '--wait', '--wait-timeout', '10x'], /--wait-timeout: "10x" must be a duration/],
    ['count without watch', ['geminidb', 'dr', 'status', PRIMARY, '--count', '3'], /--count: applies only with --watch/],
    ['pair: same instance twice', ['geminidb', 'dr', 'pair', '--primary', PRIMARY, '--standby', PRIMARY, '--alias', 'a', '--primary-subnet-cidr', '10.0.1.0/24', '--primary-vpc-cidr', '10.0.0.0/16', '--standby-subnet-cidr', '10.1.1.0/24', '--standby-vpc-cidr', '10.1.0.0/16'], /--standby: must be a different instance/],
    ['pair: 172.* subnet', ['geminidb', 'dr', 'pair', '--primary', PRIMARY, '--standby', STANDBY, '--alias', 'a', '--primary-subnet-cidr', '172.16.1.0/24', '--primary-vpc-cidr', '10.0.0.0/16', '--standby-subnet-cidr', '10.1.1.0/24', '--standby-vpc-cidr', '10.1.0.0/16'], /--primary-subnet-cidr: "172\.16\.1\.0\/24" must not start with 192 or 172/],
    ['unknown option', ['geminidb', 'dr', 'role', PRIMARY, '--frobnicate'], /unknown option '--frobnicate'/],
  ];

  it.each(invalid)('%s', async (_name, args, message) => {
    const r = await hcdr(['--endpoint', closed, ...args], { env: env() });
    expect(r.stderr).toMatch(message);
    // A request to the closed port would have failed with ECONNREFUSED (exit 1), not 2.
    expect(r.code, r.stderr).toBe(2);
    expect(r.stdout).toBe('');
  });

  it('reports every problem of a command at once', async () => {
    const r = await hcdr(['--endpoint', closed, 'geminidb', 'dr', 'create', PRIMARY, '--role', 'boss', '--alias', 'a', '--peer-id', STANDBY, '--peer-region', 'x', '--peer-subnet-cidr', '192.168.1.0/24', '--peer-node-ips', 'nope'], { env: env() });
    expect(r.code).toBe(2);
    for (const flag of ['--role', '--peer-region', '--peer-subnet-cidr', '--peer-node-ips']) expect(r.stderr).toContain(`${flag}:`);
  });

  it('refuses secrets as flag values without echoing them', async () => {
    for (const flag of ['--password', '--sk', '--token']) {
      const r = await hcdr(['--endpoint', closed, 'geminidb', 'dr', 'role', PRIMARY, flag, 'Very-Secret-Value-77'], { env: env() });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`${flag}: is not accepted`);
      expect(r.stderr).not.toContain('Very-Secret-Value-77');
    }
  });

  it('refuses credential headers in --header', async () => {
    const r = await hcdr(['--endpoint', closed, '--header', 'X-Auth-Token: abc', 'geminidb', 'dr', 'role', PRIMARY], { env: env() });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--header: may not set X-Auth-Token');
  });

  it('the DR password is required from a file, stdin or HCDR_DR_PASSWORD, never argv', async () => {
    const r = await hcdr(['--endpoint', closed, 'geminidb', 'dr', 'create', PRIMARY, '--role', 'master', '--alias', 'a', ...peer], { env: { ...env(), HCDR_DR_PASSWORD: undefined } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--password-file: is required');
    expect(r.stderr).toContain('HCDR_DR_PASSWORD');
  });
});

describe.concurrent('confirmation', () => {
  const dangerous: [string, string[]][] = [
    ['dr switchover', ['geminidb', 'dr', 'switchover', PRIMARY]],
    ['dr failover', ['geminidb', 'dr', 'failover', STANDBY]],
    ['dr promote', ['geminidb', 'dr', 'promote', STANDBY]],
    ['dr demote', ['geminidb', 'dr', 'demote', PRIMARY]],
    ['dr delete', ['geminidb', 'dr', 'delete', PRIMARY]],
    ['dr unpair', ['geminidb', 'dr', 'unpair', '--primary', PRIMARY, '--standby', STANDBY]],
    ['dual-active delete', ['geminidb', 'dual-active', 'delete', PRIMARY]],
  ];
  it.each(dangerous)('%s refuses without --yes when stdin is not a terminal (nothing sent)', async (_name, args) => {
    const r = await hcdr(['--endpoint', closed, ...args], { env: env() });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--yes: is required to .* when not running in a terminal/);
  });
});
