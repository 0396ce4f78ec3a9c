// A simulated DR estate for the monitoring tests: GeminiDB pairs and DWS tasks spread over regions,
// built through the public API (precheck, construction on both sides, create + start), exactly as
// a user would, on a manual clock.
import { createDwsClient, type DwsClient } from '@hcdr/dws';
import { createGeminiDbClient, type GeminiDbClient } from '@hcdr/geminidb';
import { createManualClock, createSimulator, defaultProjectId, type DwsClusterSeed, type GeminiDbInstanceSeed, type ManualClock, type Simulator } from '@hcdr/simulator';

/** Each region has its own project, as in Huawei Cloud (the simulator's default per region). */
export const projectOf = (region: string): string => defaultProjectId(region);
export const JOB_MS = 1000;
export const TEST_SK = 'monitoring-test-secret-key-5f0c1e';

export interface FleetPair {
  /** The disaster_recovery_id the construction returned (the simulator's key for lag overrides). */
  relationshipId?: string;
  readonly primary: string;
  readonly standby: string;
  readonly primaryRegion: string;
  readonly standbyRegion: string;
}

export interface FleetTask {
  readonly id: string;
  readonly region: string;
  readonly primaryClusterId: string;
  readonly standbyClusterId: string;
}

export interface Fleet {
  readonly sim: Simulator;
  readonly url: string;
  /** The endpoint of every region: the simulator serves each region under `/{region}`. */
  readonly endpoint: string;
  readonly clock: ManualClock;
  readonly pairs: readonly FleetPair[];
  readonly tasks: readonly FleetTask[];
  /** Every request the simulator served (method, path, status). */
  readonly requests: string[];
  geminidb(region: string): GeminiDbClient;
  dws(region: string): DwsClient;
  /** Client options for a scope pointed at the simulator (what the CLI would derive from a profile). */
  clientOptions(): { credentials: { accessKeyId: string; secretAccessKey: string }; endpoint: string; env: Record<string, string>; homeDir: string };
  close(): Promise<void>;
}

const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');
export const instanceId = (n: number) => `${hex(0xa1b2c3d4, 8)}${hex(n, 24)}in12`;
export const clusterId = (n: number) => `${hex(0x3ef5daaa, 8)}-d017-4354-80b3-${hex(n, 12)}`;

export interface FleetOptions {
  readonly pairs: number;
  readonly tasks: number;
  readonly regions: readonly string[];
  readonly syncPeriod?: string;
  readonly clock?: ManualClock;
}

export async function startFleet(options: FleetOptions): Promise<Fleet> {
  const clock = options.clock ?? createManualClock(Date.UTC(2026, 0, 5, 8, 0, 0));
  const { regions } = options;
  const instances: GeminiDbInstanceSeed[] = [];
  const pairs: FleetPair[] = [];
  for (let i = 0; i < options.pairs; i++) {
    const primaryRegion = regions[i % regions.length]!;
    const standbyRegion = regions[(i + 1) % regions.length]!;
    const [a, b] = [2 * i, 2 * i + 1];
    instances.push(instanceSeed(a, primaryRegion), instanceSeed(b, standbyRegion));
    pairs.push({ primary: instanceId(a), standby: instanceId(b), primaryRegion, standbyRegion });
  }
  const clusters: DwsClusterSeed[] = [];
  for (let i = 0; i < options.tasks; i++) {
    const region = regions[i % regions.length]!;
    clusters.push(
      { id: clusterId(2 * i), name: `dws-p-${i}`, region, availabilityZone: `${region}a`, projectId: projectOf(region), obsBucket: `b-p-${i}` },
      { id: clusterId(2 * i + 1), name: `dws-s-${i}`, region, availabilityZone: `${region}b`, projectId: projectOf(region), obsBucket: `b-s-${i}` },
    );
  }
  const requests: string[] = [];
  const sim = createSimulator({
    now: clock.now,
    jobDurationMs: JOB_MS,
    credentials: { secretAccessKey: TEST_SK },
    geminidb: { instances },
    dws: { clusters },
    log: (line) => {
      requests.push(line);
    },
  });
  const { url } = await sim.listen();
  const endpoint = `${url}/{region}`;
  const clientOptions = () => ({
    credentials: { accessKeyId: sim.credentials.accessKeyId, secretAccessKey: TEST_SK },
    endpoint,
    env: {},
    homeDir: '/nonexistent-hcdr-home',
  });
  const common = { ...clientOptions(), now: clock.now, maxRetries: 0 };
  const geminidb = (region: string) => createGeminiDbClient({ ...common, region, projectId: projectOf(region) });
  const dws = (region: string) => createDwsClient({ ...common, region, projectId: projectOf(region) });

  // GeminiDB: precheck both sides, construct primary then standby, then let the jobs finish.
  const seeds = new Map(instances.map((s) => [s.id, s]));
  await inBatches(pairs, async (p) => {
    const a = seeds.get(p.primary)!;
    const b = seeds.get(p.standby)!;
    const gA = geminidb(p.primaryRegion);
    const gB = geminidb(p.standbyRegion);
    const precheckBody = (peer: GeminiDbInstanceSeed) => ({
      operation: 'construction' as const,
      disaster_recovery_instance: { vpc_cidr: peer.vpcCidr, spec_code: 'geminidb.redis.xlarge.4', node_ips: [...peer.nodeIps] },
    });
    await gA.checkDisasterRecoveryOperation({ instance_id: a.id, body: precheckBody(b) });
    await gB.checkDisasterRecoveryOperation({ instance_id: b.id, body: precheckBody(a) });
    const peer = (s: GeminiDbInstanceSeed) => ({ id: s.id, region_code: s.region, subnet_cidrs: [s.subnetCidr], node_ips: [...s.nodeIps] });
    const master = await gA.createDisasterRecovery({
      instance_id: a.id,
      body: { alias: `dr-${a.id.slice(-8)}`, password: 'Dr-pass-123!', instance_role: 'master', disaster_recovery_instance: peer(b) },
    });
    p.relationshipId = master.disaster_recovery_id;
    await gB.createDisasterRecovery({
      instance_id: b.id,
      body: { id: master.disaster_recovery_id, alias: `dr-${a.id.slice(-8)}`, password: 'Dr-pass-123!', instance_role: 'slave', disaster_recovery_instance: peer(a) },
    });
  });
  clock.advance(JOB_MS);

  // DWS: create every task, let creation finish, start them, let the start finish.
  const tasks: FleetTask[] = [];
  await inBatches(
    Array.from({ length: options.tasks }, (_, i) => i),
    async (i) => {
      const region = regions[i % regions.length]!;
      const created = await dws(region).createDisasterRecovery({
        body: {
          disaster_recovery: {
            name: `dr_task_${i}`,
            dr_type: 'az',
            primary_cluster_id: clusterId(2 * i),
            standby_cluster_id: clusterId(2 * i + 1),
            dr_sync_period: options.syncPeriod ?? '10m',
          },
        },
      });
      tasks[i] = { id: created.disaster_recovery.id, region, primaryClusterId: clusterId(2 * i), standbyClusterId: clusterId(2 * i + 1) };
    },
  );
  clock.advance(JOB_MS);
  await inBatches(tasks, (t) => dws(t.region).startDisasterRecovery({ disaster_recovery_id: t.id }));
  clock.advance(JOB_MS);

  return {
    sim,
    url,
    endpoint,
    clock,
    pairs,
    tasks,
    requests,
    geminidb,
    dws,
    clientOptions,
    close: () => sim.close(),
  };
}

function instanceSeed(n: number, region: string): GeminiDbInstanceSeed {
  const b = Math.floor(n / 250);
  const c = n % 250;
  return {
    id: instanceId(n),
    name: `redis-${n}`,
    region,
    availabilityZone: `${region}a`,
    vpcId: `vpc-${n}`,
    vpcCidr: `10.${b}.0.0/16`,
    subnetId: `subnet-${n}`,
    subnetCidr: `10.${b}.${c}.0/24`,
    securityGroupId: `sg-${n}`,
    nodeIps: [`10.${b}.${c}.2`, `10.${b}.${c}.3`, `10.${b}.${c}.4`],
  };
}

/** Runs `fn` over `items`, 16 at a time (a burst of hundreds of sockets helps nobody). */
export async function inBatches<T>(items: readonly T[], fn: (item: T) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < items.length; i += 16) await Promise.all(items.slice(i, i + 16).map(fn));
}
