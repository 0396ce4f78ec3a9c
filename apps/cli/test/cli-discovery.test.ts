// Discovery through the built binary against the simulator: a newcomer with only the two instance IDs
// pairs them (subnet and VPC CIDR blocks and node IPs looked up, each value with where it came from),
// `--dry-run` shows what was discovered, the 192/172 rule is applied to what was found, the flags
// override; `geminidb instances list` shows the blocks; `dws clusters list` finds the clusters with
// nothing but a region.
import { createSimulator, DEFAULT_GEMINIDB_INSTANCES, type GeminiDbInstanceSeed, type Simulator } from '@hcdr/simulator';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DWS_PRIMARY, DWS_STANDBY, hcdr, parseJson, PRIMARY, regional, secretFile, simulatorEnv, STANDBY, type RunOptions } from './helpers/cli.js';

const SK = 'sim-secret-key-DISCOVERY-0417';
const PASSWORD = 'Discovery#Passw0rd-9';
const [A, B, C] = DEFAULT_GEMINIDB_INSTANCES as [GeminiDbInstanceSeed, GeminiDbInstanceSeed, GeminiDbInstanceSeed];
/** A third region's instance on a 192.168 network: GeminiDB DR refuses it. */
const IN_192 = 'c0c0c0c0c0c04c0c8c0c0c0c0c0c0c0cin12';

let sim: Simulator;
let url: string;
let passwordFile: string;

beforeAll(async () => {
  const instances = [
    ...DEFAULT_GEMINIDB_INSTANCES,
    { ...A, id: IN_192, name: 'redis-on-192', subnetId: '6d5c4b3a-2918-4706-a5b4-c3d2e1f0a9b7', subnetCidr: '192.168.1.0/24', vpcId: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5e', vpcCidr: '192.168.0.0/16', nodeIps: ['192.168.1.2', '192.168.1.3'] },
  ];
  sim = createSimulator({ credentials: { secretAccessKey: SK }, jobDurationMs: 300, geminidb: { instances } });
  ({ url } = await sim.listen());
  passwordFile = secretFile('dr-password', `${PASSWORD}\n`);
});
afterAll(() => sim?.close());
beforeEach(() => sim.reset());

const env = simulatorEnv(SK);
const run = (args: string[], options: RunOptions = {}) => hcdr(['--endpoint', regional(url), ...args], { env, timeoutMs: 20_000, ...options });
const idsOnly = (primary = PRIMARY) => ['geminidb', 'dr', 'pair', '--primary', primary, '--primary-region', 'ap-southeast-1', '--standby', STANDBY, '--standby-region', 'ap-southeast-3', '--alias', 'video-dr'];
const posts = () => sim.requests.list({ method: 'POST' });

describe('hcdr geminidb dr pair with only the two instance IDs', () => {
  it('looks up subnets, VPCs and nodes, pairs, and says what it found and where', async () => {
    const r = await run(['-o', 'json', ...idsOnly(), '--password-file', passwordFile, '--poll-interval', '100ms']);
    expect(r.code, r.stderr).toBe(0);
    const out = parseJson(r.stdout) as any;
    expect(out).toMatchObject({ status: 'active', outcome: 'completed', sync_status: 'SYNCING' });
    expect(out.network.primary).toMatchObject({
      subnet_cidrs: { value: ['10.0.1.0/24'], source: { operation: 'showSubnet', id: A.subnetId, region: 'ap-southeast-1' } },
      vpc_cidr: { value: '10.0.0.0/16', source: { operation: 'showVpc', id: A.vpcId, region: 'ap-southeast-1' } },
      node_ips: { value: A.nodeIps, source: { operation: 'listInstances' } },
    });
    expect(out.network.standby.vpc_cidr).toMatchObject({ value: '10.1.0.0/16', source: { operation: 'showVpc', region: 'ap-southeast-3' } });
    expect(out.steps.map((s: { step: string }) => s.step).slice(0, 2)).toEqual(['discover-primary', 'discover-standby']);
    expect(r.stderr).toContain(`Network of the primary: subnets 10.0.1.0/24 (read with showSubnet ${A.subnetId} in ap-southeast-1); VPC 10.0.0.0/16 (read with showVpc ${A.vpcId} in ap-southeast-1)`);
    // Each VPC read went to the instance's own region, signed like every call.
    expect(sim.requests.list({ operationId: 'showSubnet' }).map((q) => `${q.region} ${q.status}`).sort()).toEqual(['ap-southeast-1 200', 'ap-southeast-3 200']);
    expect(sim.requests.list({ operationId: 'showVpc' }).map((q) => `${q.region} ${q.status}`).sort()).toEqual(['ap-southeast-1 200', 'ap-southeast-3 200']);
  });

  it('--dry-run shows what was discovered and the requests with the real blocks; only reads are sent', async () => {
    const r = await run(['-o', 'json', ...idsOnly(), '--dry-run']);
    expect(r.code, r.stderr).toBe(0);
    const out = parseJson(r.stdout) as any;
    expect(out.discovered.primary).toMatchObject({ subnet_cidrs: { value: ['10.0.1.0/24'], source: { operation: 'showSubnet' } }, spec_code: { value: 'geminidb.redis.xlarge.4' } });
    expect(out.discovered.standby.subnet_cidrs.value).toEqual(['10.1.1.0/24']);
    const construction = out.requests.find((q: any) => q.operation === 'createDisasterRecovery' && q.url.includes(STANDBY));
    expect(construction.body.disaster_recovery_instance).toEqual({ id: PRIMARY, region_code: 'ap-southeast-1', subnet_cidrs: ['10.0.1.0/24'], node_ips: A.nodeIps });
    expect(construction.body.password).toBe('[REDACTED]');
    const precheck = out.requests.find((q: any) => q.operation === 'checkDisasterRecoveryOperation' && q.url.includes(PRIMARY));
    expect(precheck.body.disaster_recovery_instance).toEqual({ vpc_cidr: '10.1.0.0/16', spec_code: 'geminidb.redis.xlarge.4', node_ips: B.nodeIps });
    expect(out.notes.join('\n')).toContain(`discovered (read-only lookups were sent): primary ${PRIMARY}: subnets 10.0.1.0/24 (read with showSubnet ${A.subnetId} in ap-southeast-1)`);
    expect(posts()).toEqual([]);
  });

  it('--dry-run without credentials still works: placeholders, and a note that the lookup needs credentials', async () => {
    const r = await hcdr(['-o', 'json', ...idsOnly(), '--dry-run'], { env: { HUAWEICLOUD_SDK_REGION_ID: 'ap-southeast-1' } });
    expect(r.code, r.stderr).toBe(0);
    const out = parseJson(r.stdout) as any;
    expect(out.discovered).toBeUndefined();
    expect(out.notes.join('\n')).toMatch(/the networks were not looked up \(that needs credentials: .*\); placeholders shown/);
    const construction = out.requests.find((q: any) => q.operation === 'createDisasterRecovery' && q.url.includes(PRIMARY));
    expect(construction.body.disaster_recovery_instance.subnet_cidrs).toEqual([`<subnet CIDR blocks of ${STANDBY}>`]);
  });

  it('refuses a 192.* block it found (exit 1), naming the value and the call it came from; nothing is changed', async () => {
    const r = await run(['geminidb', 'dr', 'pair', '--primary', IN_192, '--primary-region', 'ap-southeast-1', '--standby', STANDBY, '--standby-region', 'ap-southeast-3', '--alias', 'x', '--password-file', passwordFile]);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toContain(`error: The CIDR block "192.168.1.0/24" of subnet 6d5c4b3a-2918-4706-a5b4-c3d2e1f0a9b7 of the primary ${IN_192} (read with showSubnet 6d5c4b3a-2918-4706-a5b4-c3d2e1f0a9b7 in ap-southeast-1) must not start with 192 or 172`);
    expect(r.stderr).toContain('"192.168.0.0/16" of the VPC of the primary');
    expect(r.stderr).toContain('GeminiDB DR refuses CIDR blocks that start with 192 or 172');
    expect(r.stderr).not.toContain('Run the same command again');
    expect(posts()).toEqual([]);
  });

  it('the flags override what would be looked up: a given block is used as given and not read', async () => {
    const r = await run(['-o', 'json', ...idsOnly(), '--primary-subnet-cidr', '10.0.1.0/24', '--primary-vpc-cidr', '10.0.0.0/16', '--password-file', passwordFile, '--poll-interval', '100ms']);
    expect(r.code, r.stderr).toBe(0);
    const out = parseJson(r.stdout) as any;
    expect(out.network.primary.vpc_cidr).toEqual({ value: '10.0.0.0/16', source: { given_as: '--primary-vpc-cidr' } });
    expect(out.network.primary.subnet_cidrs.source).toEqual({ given_as: '--primary-subnet-cidr' });
    expect(sim.requests.list({ operationId: 'showVpc' }).map((q) => q.region)).toEqual(['ap-southeast-3']);
  });

  it('a given 192.* block is still a usage error naming the flag (exit 2, nothing sent)', async () => {
    const r = await run([...idsOnly(), '--standby-vpc-cidr', '172.16.0.0/16', '--password-file', passwordFile]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--standby-vpc-cidr: "172\.16\.0\.0\/16" must not start with 192 or 172/);
    expect(sim.requests.list()).toEqual([]);
  });

  it('a VPC read that is denied stops the pairing before any change, with the call, the cause and the way out', async () => {
    sim.faults.add({ match: { service: 'vpc', operationId: 'showSubnet' }, fault: { kind: 'status', status: 403, body: { error_code: 'APIGW.0302', error_msg: 'The IAM user is not authorized to access the API.' } }, times: 'unlimited' });
    const r = await run([...idsOnly(), '--password-file', passwordFile]);
    expect(r.code, r.stderr).toBe(4);
    expect(r.stderr).toMatch(/error: Could not look up the network of the (primary|standby) .*: showSubnet .* failed: .*not authorized/);
    expect(r.stderr).toContain('vpc:subnets:get');
    expect(posts()).toEqual([]);
  });
});

describe('hcdr geminidb instances list shows the subnet and VPC CIDR blocks', () => {
  it('table and JSON, each subnet and VPC read once', async () => {
    const table = await run(['--region', 'ap-southeast-3', 'geminidb', 'instances', 'list']);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toMatch(/SUBNET_CIDRS\s+VPC_CIDR/);
    expect(table.stdout).toMatch(new RegExp(`${B.id}\\s+redis-video-standby.*10\\.1\\.1\\.0/24\\s+10\\.1\\.0\\.0/16`));
    expect(table.stdout).toMatch(new RegExp(`${C.id}\\s+redis-session-cache.*10\\.1\\.2\\.0/24\\s+10\\.1\\.0\\.0/16`));
    sim.requests.clear();
    const json = await run(['-o', 'json', '--region', 'ap-southeast-3', 'geminidb', 'instances', 'list']);
    const out = parseJson(json.stdout) as any;
    expect(out.instances.map((i: any) => [i.id, i.subnet_cidrs, i.vpc_cidr])).toEqual([
      [B.id, ['10.1.1.0/24'], '10.1.0.0/16'],
      [C.id, ['10.1.2.0/24'], '10.1.0.0/16'],
    ]);
    expect(sim.requests.list({ operationId: 'showVpc' })).toHaveLength(1);
  });

  it('--no-cidrs makes no VPC call; a denied VPC read leaves null and warns, the listing still exits 0', async () => {
    const plain = await run(['-o', 'json', 'geminidb', 'instances', 'list', '--no-cidrs']);
    expect(plain.code).toBe(0);
    expect((parseJson(plain.stdout) as any).instances[0].subnet_cidrs).toBeUndefined();
    expect(sim.requests.list({ operationId: 'showSubnet' })).toEqual([]);
    sim.faults.add({ match: { service: 'vpc', operationId: 'showVpc' }, fault: { kind: 'status', status: 403, body: { error_code: 'APIGW.0302', error_msg: 'denied' } }, times: 'unlimited' });
    const denied = await run(['-o', 'json', 'geminidb', 'instances', 'list']);
    expect(denied.code, denied.stderr).toBe(0);
    expect((parseJson(denied.stdout) as any).instances[0]).toMatchObject({ id: PRIMARY, subnet_cidrs: ['10.0.1.0/24'], vpc_cidr: null });
    expect(denied.stderr).toMatch(/Could not read 2 subnet\/VPC CIDR blocks \(shown as null\): showVpc .*denied.*--no-cidrs/); // A and the 192 instance: two VPCs
  });
});

describe('hcdr dws clusters list finds the clusters with only a region', () => {
  it('lists IDs, status and zones; their zone feeds dr candidates', async () => {
    const r = await run(['--region', 'cn-north-4', 'dws', 'clusters', 'list']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/ID\s+NAME\s+STATUS\s+SUB_STATUS\s+AZ\s+VERSION\s+NODES/);
    expect(r.stdout).toMatch(new RegExp(`${DWS_PRIMARY}\\s+dws-prod\\s+ACTIVE\\s+NORMAL\\s+cn-north-4a\\s+8\\.2\\.1\\s+3`));
    const json = parseJson((await run(['-o', 'json', '--region', 'cn-north-4', 'dws', 'clusters', 'list'])).stdout) as any;
    expect(json.count).toBe(3);
    const zone = json.clusters.find((c: any) => c.id === DWS_STANDBY).availability_zone;
    const candidates = await run(['-o', 'json', '--region', 'cn-north-4', 'dws', 'dr', 'candidates', '--primary-cluster', DWS_PRIMARY, '--standby-az', zone]);
    expect((parseJson(candidates.stdout) as any).disaster_recovery_clusters.map((c: any) => c.id)).toContain(DWS_STANDBY);
    // Another region has none (a message on stderr, an empty list on stdout in JSON).
    const empty = await run(['--region', 'ap-southeast-1', 'dws', 'clusters', 'list']);
    expect(empty.code).toBe(0);
    expect(empty.stderr).toContain('No DWS clusters in this region and project.');
  });

  it('--enterprise-project-id filters and is checked before sending', async () => {
    expect((parseJson((await run(['-o', 'json', '--region', 'cn-north-4', 'dws', 'clusters', 'list', '--enterprise-project-id', 'all_granted_eps'])).stdout) as any).count).toBe(3);
    const bad = await run(['--region', 'cn-north-4', 'dws', 'clusters', 'list', '--enterprise-project-id', 'a b']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--enterprise-project-id');
    expect(sim.requests.list({ operationId: 'listClusters' }).map((q) => q.status)).toEqual([200]);
  });
});
