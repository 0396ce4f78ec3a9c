// DR discovery's reads through `prism proxy --errors specs/vpc.yaml` in front of the simulator: for every
// seeded GeminiDB instance, the subnet and VPC its listing names are read with the typed VPC client in the
// instance's region, and must conform to the spec and agree with the instance (same ids, same CIDR
// blocks). Zero violations allowed; every call is recorded (the coverage table's workflow column).
import { createGeminiDbClient } from '@hcdr/geminidb';
import { DEFAULT_GEMINIDB_INSTANCES } from '@hcdr/simulator';
import type { VpcClient } from '@hcdr/vpc';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { vpc } from './helpers/clients.ts';
import type { Recorder } from './helpers/recorder.ts';
import { type ProxiedSimulator, projectOf, REGION_A, REGION_B, SIM_AKSK, startSimulatorBehindPrism } from './helpers/simulator.ts';
import { expectZeroViolations } from './helpers/workflow.ts';

describe('vpc reads through prism proxy --errors in front of the simulator', () => {
  let env: ProxiedSimulator | undefined;
  const clients = new Map<string, { client: VpcClient; recorder: Recorder }>();

  beforeAll(async () => {
    env = await startSimulatorBehindPrism('vpc', {}, [REGION_A, REGION_B]);
    for (const region of [REGION_A, REGION_B]) {
      clients.set(region, vpc({ url: env.proxies[region]!.server.url, projectId: projectOf(region), auth: 'aksk', credentials: SIM_AKSK, target: 'proxy' }));
    }
  });

  afterEach(() => {
    for (const { recorder } of clients.values()) expectZeroViolations(recorder.observations);
  });

  afterAll(async () => {
    if (!env) return;
    expect(await env.stop(), 'no stray Prism proxy').toEqual([]);
  });

  it("every instance's subnet and VPC, read in its own region, match what listInstances reports", async () => {
    for (const region of [REGION_A, REGION_B]) {
      // The listing straight from the simulator (the GeminiDB spec is checked by its own workflow file).
      const gdb = createGeminiDbClient({ endpoint: env!.endpoint(region), projectId: projectOf(region), credentials: SIM_AKSK, env: {}, homeDir: '/nonexistent' });
      const { instances = [] } = await gdb.listInstances();
      expect(instances.length).toBeGreaterThan(0);
      const { client } = clients.get(region)!;
      for (const instance of instances) {
        const seed = DEFAULT_GEMINIDB_INSTANCES.find((s) => s.id === instance.id)!;
        const { subnet } = await client.showSubnet({ subnet_id: instance.subnet_id });
        expect(subnet).toMatchObject({ id: instance.subnet_id, vpc_id: instance.vpc_id, cidr: seed.subnetCidr });
        const { vpc: network } = await client.showVpc({ vpc_id: instance.vpc_id });
        expect(network).toMatchObject({ id: instance.vpc_id, cidr: seed.vpcCidr });
      }
    }
  });

  it("another region's subnet is not found (404, a conforming error)", async () => {
    const seedInB = DEFAULT_GEMINIDB_INSTANCES.find((s) => s.region === REGION_B)!;
    const error = await clients.get(REGION_A)!.client.showSubnet({ subnet_id: seedInB.subnetId }).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 404, operation: 'showSubnet' });
  });
});
