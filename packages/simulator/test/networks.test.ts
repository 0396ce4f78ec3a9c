// DWS listClusters and the VPC reads (showSubnet, showVpc): served per region and project, signed like
// every other call, and consistent with the GeminiDB instances and DWS clusters (same ids, same CIDRs).
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_DWS_CLUSTERS, DEFAULT_GEMINIDB_INSTANCES } from '../src/index.js';
import { dwsBase, DWS_REGION, project, startHarness, type Harness } from './helpers/client.js';

type Seed = (typeof DEFAULT_GEMINIDB_INSTANCES)[number];
const [A, B, C] = DEFAULT_GEMINIDB_INSTANCES as [Seed, Seed, Seed];
const [P1, P2] = DEFAULT_DWS_CLUSTERS as [(typeof DEFAULT_DWS_CLUSTERS)[number], (typeof DEFAULT_DWS_CLUSTERS)[number]];

interface ClusterInfo {
  id: string;
  name: string;
  status: string;
  availability_zone: string;
  vpc_id: string;
  subnet_id: string;
  number_of_node: number;
  nodes: { id: string; status: string }[];
  action_progress: Record<string, string>;
}
interface Subnet {
  id: string;
  cidr: string;
  vpc_id: string;
  gateway_ip: string;
  availability_zone: string;
  tenant_id: string;
  available_ip_address_count: number;
}

const vpcBase = (region: string, projectId = project(region)) => `/${region}/v1/${projectId}`;

describe('DWS listClusters and the VPC reads', () => {
  let h: Harness;
  afterEach(() => h.close());

  const clusters = async (region = DWS_REGION, projectId = project(region)) =>
    h.api.call<{ count: number; clusters: ClusterInfo[] }>('GET', `/${region}/v1.0/${projectId}/clusters`);

  it('lists the clusters of the region and project only, with nodes and network', async () => {
    h = await startHarness();
    const listed = await clusters();
    expect(listed.status).toBe(200);
    expect(listed.body.count).toBe(3);
    expect(listed.body.clusters.map((c) => c.name)).toEqual(['dws-analytics', 'dws-prod', 'dws-standby']);
    const prod = listed.body.clusters.find((c) => c.id === P1.id);
    expect(prod).toMatchObject({ status: 'ACTIVE', availability_zone: 'cn-north-4a', number_of_node: 3 });
    expect(prod?.nodes).toHaveLength(3);
    // Another region, or another project of the right region: nothing.
    expect((await clusters('ap-southeast-1')).body).toEqual({ count: 0, clusters: [] });
    expect((await clusters(DWS_REGION, project('ap-southeast-1'))).body.clusters).toEqual([]);
    // Every simulated cluster is in the default enterprise project.
    expect((await h.api.call<{ count: number }>('GET', `${dwsBase('v1.0')}/clusters?enterprise_project_id=0`)).body.count).toBe(3);
    expect((await h.api.call<{ count: number }>('GET', `${dwsBase('v1.0')}/clusters?enterprise_project_id=all_granted_eps`)).body.count).toBe(3);
    expect((await h.api.call<{ count: number }>('GET', `${dwsBase('v1.0')}/clusters?enterprise_project_id=5b1c`)).body.count).toBe(0);
  });

  it('needs a valid signature like every call', async () => {
    h = await startHarness();
    expect((await h.api.call('GET', `${dwsBase('v1.0')}/clusters`, undefined, { auth: 'none' })).status).toBe(401);
    expect((await h.api.call('GET', `${vpcBase('ap-southeast-1')}/subnets/${A.subnetId}`, undefined, { auth: 'none' })).status).toBe(401);
  });

  it("serves each GeminiDB instance's subnet and VPC, with the CIDR blocks the instance was seeded with", async () => {
    h = await startHarness();
    for (const seed of [A, B, C]) {
      const subnet = await h.api.call<{ subnet: Subnet }>('GET', `${vpcBase(seed.region)}/subnets/${seed.subnetId}`);
      expect(subnet.status).toBe(200);
      expect(subnet.body.subnet).toMatchObject({ id: seed.subnetId, cidr: seed.subnetCidr, vpc_id: seed.vpcId, availability_zone: seed.availabilityZone, tenant_id: project(seed.region) });
      const vpc = await h.api.call<{ vpc: { id: string; cidr: string; status: string } }>('GET', `${vpcBase(seed.region)}/vpcs/${seed.vpcId}`);
      expect(vpc.body.vpc).toMatchObject({ id: seed.vpcId, cidr: seed.vpcCidr, status: 'OK' });
    }
    const a = (await h.api.call<{ subnet: Subnet }>('GET', `${vpcBase(A.region)}/subnets/${A.subnetId}`)).body.subnet;
    expect(a.gateway_ip).toBe('10.0.1.1');
    // 256 addresses, 5 kept by the cloud, 3 used by the instance's nodes.
    expect(a.available_ip_address_count).toBe(248);
  });

  it("serves each DWS cluster's subnet and VPC: the ids listClusters reports resolve in the same region", async () => {
    h = await startHarness();
    const listed = (await clusters()).body.clusters;
    const prod = listed.find((c) => c.id === P1.id) as ClusterInfo;
    const standby = listed.find((c) => c.id === P2.id) as ClusterInfo;
    expect(prod.vpc_id).toBe(standby.vpc_id);
    expect(prod.subnet_id).not.toBe(standby.subnet_id); // one subnet per availability zone
    const subnet = await h.api.call<{ subnet: Subnet }>('GET', `${vpcBase(DWS_REGION)}/subnets/${prod.subnet_id}`);
    expect(subnet.body.subnet).toMatchObject({ cidr: '10.20.1.0/24', vpc_id: prod.vpc_id, availability_zone: 'cn-north-4a' });
    const vpc = await h.api.call<{ vpc: { cidr: string } }>('GET', `${vpcBase(DWS_REGION)}/vpcs/${prod.vpc_id}`);
    expect(vpc.body.vpc.cidr).toBe('10.20.0.0/16');
  });

  it('a subnet or VPC of another region or project, or an unknown one, is not found', async () => {
    h = await startHarness();
    expect((await h.api.call('GET', `${vpcBase('ap-southeast-3')}/subnets/${A.subnetId}`)).status).toBe(404);
    expect((await h.api.call('GET', `${vpcBase('ap-southeast-1', project('ap-southeast-3'))}/vpcs/${A.vpcId}`)).status).toBe(404);
    const unknown = await h.api.call('GET', `${vpcBase('ap-southeast-1')}/subnets/00000000-0000-4000-a000-000000000000`);
    expect(unknown).toMatchObject({ status: 404, body: { error_code: 'VPC.0202' } });
  });

  it('a cluster left unavailable by a failover is FAILED until recovery; a DR transition shows in action_progress', async () => {
    h = await startHarness({ dws: { clusters: [...DEFAULT_DWS_CLUSTERS], tasks: [{ id: 'e59d6b86-9072-46eb-a996-13f8b44994c1', name: 'dr_sales', drType: 'az', primaryClusterId: P1.id, standbyClusterId: P2.id, drSyncPeriod: '20m' }] } });
    const task = `${dwsBase()}/disaster-recovery/e59d6b86-9072-46eb-a996-13f8b44994c1`;
    expect((await h.api.call('POST', `${task}/failover`)).status).toBe(200);
    const during = (await clusters()).body.clusters.find((c) => c.id === P1.id) as ClusterInfo;
    expect(Object.keys(during.action_progress)).toEqual(['DR_RECOVERING']);
    h.tick();
    const after = (await clusters()).body.clusters;
    // The failover swapped the roles: P1, the old primary, is now the standby and unavailable.
    expect(after.find((c) => c.id === P1.id)).toMatchObject({ status: 'FAILED', action_progress: {} });
    expect(after.find((c) => c.id === P2.id)).toMatchObject({ status: 'ACTIVE' });
    expect((await h.api.call('POST', `${task}/recovery`)).status).toBe(200);
    h.tick();
    expect((await clusters()).body.clusters.every((c) => c.status === 'ACTIVE')).toBe(true);
  });

  it('the route table has the VPC operations, and faults can target them by service', async () => {
    h = await startHarness();
    expect(h.sim.routes.filter((r) => r.service === 'vpc').map((r) => r.operationId).sort()).toEqual(['showSubnet', 'showVpc']);
    h.sim.faults.add({ match: { service: 'vpc', operationId: 'showSubnet' }, fault: 'html500', times: 1 });
    expect((await h.api.call('GET', `${vpcBase('ap-southeast-1')}/subnets/${A.subnetId}`)).status).toBe(500);
    expect((await h.api.call('GET', `${vpcBase('ap-southeast-1')}/subnets/${A.subnetId}`)).status).toBe(200);
    expect(h.sim.requests.list({ operationId: 'showSubnet' }).map((r) => r.service)).toEqual(['vpc', 'vpc']);
  });
});
