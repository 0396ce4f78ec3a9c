// A simulator plus one throwing client per side, as the workflows take them.
import { createDwsClient } from '@hcdr/dws';
import { createGeminiDbClient } from '@hcdr/geminidb';
import { createSimulator, DEFAULT_GEMINIDB_INSTANCES, type Simulator, type SimulatorOptions } from '@hcdr/simulator';
import { createVpcClient } from '@hcdr/vpc';

export const SK = 'dr-ops-test-secret-key-DO-NOT-LEAK-41';
export const PASSWORD = 'Dr-Ops#Test-Passw0rd';
export const PROJECT = '0123456789abcdef0123456789abcdef';
export const PRIMARY = DEFAULT_GEMINIDB_INSTANCES[0]!.id;
export const STANDBY = DEFAULT_GEMINIDB_INSTANCES[1]!.id;
export const THIRD = DEFAULT_GEMINIDB_INSTANCES[2]!.id;
export const DWS_PRIMARY = '3ef5daaa-d017-4354-80b3-8a69caf2e09c';
export const DWS_STANDBY = 'e7fed7fe-f4a7-499a-afed-1fdb5c1978cb';

/** Polling fast enough for a simulator whose jobs last tens of milliseconds. */
export const FAST_WAIT = { initialDelayMs: 5, minIntervalMs: 10, maxIntervalMs: 20, maxWaitMs: 20_000 };

export interface World {
  sim: Simulator;
  url: string;
  gemini(region: string): ReturnType<typeof createGeminiDbClient>;
  dws(region?: string): ReturnType<typeof createDwsClient>;
  vpc(region: string): ReturnType<typeof createVpcClient>;
  close(): Promise<void>;
}

export async function startWorld(options: SimulatorOptions = {}): Promise<World> {
  const sim = createSimulator({ credentials: { secretAccessKey: SK }, jobDurationMs: 40, ...options });
  const { url } = await sim.listen();
  const credentials = { accessKeyId: sim.credentials.accessKeyId, secretAccessKey: SK };
  const env = {};
  return {
    sim,
    url,
    // The simulator serves each region under its own base path with its own project, as the cloud does.
    gemini: (region) => createGeminiDbClient({ region, projectId: sim.projectId(region), endpoint: `${url}/{region}`, credentials, env }),
    dws: (region = 'cn-north-4') => createDwsClient({ region, projectId: sim.projectId(region), endpoint: `${url}/{region}`, credentials, env }),
    vpc: (region) => createVpcClient({ region, projectId: sim.projectId(region), endpoint: `${url}/{region}`, credentials, env }),
    close: () => sim.close(),
  };
}

/** The seeded network facts of the two GeminiDB instances, as pair options need them. */
export function pairSides(world: World) {
  return {
    primary: { client: world.gemini('ap-southeast-1'), instanceId: PRIMARY, subnetCidrs: ['10.0.1.0/24'], vpcCidr: '10.0.0.0/16' },
    standby: { client: world.gemini('ap-southeast-3'), instanceId: STANDBY, subnetCidrs: ['10.1.1.0/24'], vpcCidr: '10.1.0.0/16' },
  };
}

/** Only the IDs and a client per side (plus a VPC client): the CIDR blocks are looked up. */
export function discoverySides(world: World) {
  return {
    primary: { client: world.gemini('ap-southeast-1'), vpc: world.vpc('ap-southeast-1'), instanceId: PRIMARY },
    standby: { client: world.gemini('ap-southeast-3'), vpc: world.vpc('ap-southeast-3'), instanceId: STANDBY },
  };
}
