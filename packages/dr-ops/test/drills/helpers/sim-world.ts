// A simulator with a hand-moved clock and typed clients for both sides, plus set-ups drills need:
// a paired GeminiDB relationship and a running DWS DR task, made through the public API.
import { createServer } from 'node:net';
import { createDwsClient, type DwsClient } from '@hcdr/dws';
import { createGeminiDbClient, type GeminiDbClient } from '@hcdr/geminidb';
import { createManualClock, createSimulator, type ManualClock, type Simulator, type SimulatorOptions } from '@hcdr/simulator';

export const PROJECT = '0123456789abcdef0123456789abcdef';
export const SK = 'drill-test-secret-key-0123456789';
export const DR_PASSWORD = 'Drill-Pa55word!';
export const A = 'a1b2c3d4e5f64a7b8c9d0e1f2a3b4c5din12';
export const B = 'f0e1d2c3b4a54968a7b6c5d4e3f2a1b0in12';
export const DWS_PRIMARY = '3ef5daaa-d017-4354-80b3-8a69caf2e09c';
export const DWS_STANDBY = 'e7fed7fe-f4a7-499a-afed-1fdb5c1978cb';
export const JOB_MS = 20_000;

export interface World {
  sim: Simulator;
  clock: ManualClock;
  url: string;
  gemini(region: string): GeminiDbClient;
  dws(region: string): DwsClient;
  close(): Promise<void>;
}

export async function startWorld(options: SimulatorOptions = {}): Promise<World> {
  // On a whole second: the simulator's request log and job times have one-second resolution.
  const clock = createManualClock(Math.ceil(Date.now() / 1000) * 1000);
  // The drill moves this clock by minutes while requests are signed with the real time: skew is not under test here.
  const sim = createSimulator({ now: clock.now, seed: 'drill-tests', jobDurationMs: JOB_MS, maxClockSkewMs: 7 * 86_400_000, credentials: { secretAccessKey: SK }, ...options });
  const { url } = await sim.listen();
  // One endpoint per region, as in the cloud: the simulator serves each under /{region} with its own project.
  const common = (region: string) => ({
    
    region,
    projectId: sim.projectId(region),
    endpoint: `${url}/${region}`,
    credentials: { accessKeyId: sim.credentials.accessKeyId, secretAccessKey: SK },
    env: {},
  });
  return {
    sim,
    clock,
    url,
    gemini: (region) => createGeminiDbClient(common(region)),
    dws: (region) => createDwsClient(common(region)),
    close: () => sim.close(),
  };
}

/** Pairs the seeded instances A (primary, ap-southeast-1) and B (standby, ap-southeast-3). */
export async function pairGeminiDb(world: World): Promise<void> {
  const a = world.gemini('ap-southeast-1');
  const b = world.gemini('ap-southeast-3');
  await a.checkDisasterRecoveryOperation({ instance_id: A, body: { operation: 'construction', disaster_recovery_instance: { vpc_cidr: '10.1.0.0/16', spec_code: 'geminidb.redis.xlarge.4', node_ips: ['10.1.1.2', '10.1.1.3', '10.1.1.4'] } } });
  await b.checkDisasterRecoveryOperation({ instance_id: B, body: { operation: 'construction', disaster_recovery_instance: { vpc_cidr: '10.0.0.0/16', spec_code: 'geminidb.redis.xlarge.4', node_ips: ['10.0.1.2', '10.0.1.3', '10.0.1.4'] } } });
  const primary = await a.createDisasterRecovery({
    instance_id: A,
    body: { alias: 'video-dr', password: DR_PASSWORD, instance_role: 'master', disaster_recovery_instance: { id: B, region_code: 'ap-southeast-3', subnet_cidrs: ['10.1.1.0/24'], node_ips: ['10.1.1.2', '10.1.1.3', '10.1.1.4'] } },
  });
  await b.createDisasterRecovery({
    instance_id: B,
    body: {
      alias: 'video-dr',
      password: DR_PASSWORD,
      instance_role: 'slave',
      id: primary.disaster_recovery_id,
      disaster_recovery_instance: { id: A, region_code: 'ap-southeast-1', subnet_cidrs: ['10.0.1.0/24'], node_ips: ['10.0.1.2', '10.0.1.3', '10.0.1.4'] },
    },
  });
  world.clock.advance(JOB_MS + 1);
}

/** Creates and starts a DWS DR task (sync every minute) and lets one sync happen. Returns its id. */
export async function runningDwsTask(world: World, name = 'drill_task'): Promise<string> {
  const dws = world.dws('cn-north-4');
  const created = await dws.createDisasterRecovery({ body: { disaster_recovery: { name, dr_type: 'az', primary_cluster_id: DWS_PRIMARY, standby_cluster_id: DWS_STANDBY, dr_sync_period: '1m' } } });
  const id = created.disaster_recovery.id;
  world.clock.advance(JOB_MS + 1);
  await dws.startDisasterRecovery({ disaster_recovery_id: id });
  world.clock.advance(JOB_MS + 1);
  world.clock.advance(61_000);
  return id;
}

/** A loopback URL where nothing listens: a region whose endpoint cannot be reached. */
export async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 9}`;
}
