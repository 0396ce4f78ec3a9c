// The networks the simulated VPC API serves are not a state of their own: they are read from the
// GeminiDB instances and DWS clusters (each names its VPC and subnet with their CIDR blocks), so the
// VPC answers always agree with `listInstances` and `listClusters`, per region and project.
import type { DwsSimulation } from '../dws/state.js';
import type { GeminiDbSimulation } from '../geminidb/state.js';
import type { Placement } from '../regions/scope.js';

export interface SubnetFacts extends Placement {
  readonly id: string;
  readonly cidr: string;
  readonly vpcId: string;
  readonly availabilityZone: string;
  /** Addresses of the nodes inside it (they are not free). */
  readonly usedIps: number;
}

export interface VpcFacts extends Placement {
  readonly id: string;
  readonly cidr: string;
}

export interface NetworkView {
  readonly subnets: ReadonlyMap<string, SubnetFacts>;
  readonly vpcs: ReadonlyMap<string, VpcFacts>;
}

interface Attachment extends Placement {
  readonly vpcId: string;
  readonly vpcCidr: string;
  readonly subnetId: string;
  readonly subnetCidr: string;
  readonly availabilityZone: string;
  readonly nodes: number;
}

/** Every VPC and subnet some instance or cluster sits in (the first resource to name an id fixes its facts). */
export function networkView(geminidb: GeminiDbSimulation, dws: DwsSimulation): NetworkView {
  const attachments: Attachment[] = [
    ...geminidb.instances().map(({ seed: s }) => ({ ...s, nodes: s.nodeIps.length })),
    ...dws.clusters().map(({ seed: s }) => ({ ...s, nodes: s.dnNum })),
  ];
  const subnets = new Map<string, SubnetFacts>();
  const vpcs = new Map<string, VpcFacts>();
  for (const a of attachments) {
    const placement = { region: a.region, projectId: a.projectId };
    if (!vpcs.has(a.vpcId)) vpcs.set(a.vpcId, { id: a.vpcId, cidr: a.vpcCidr, ...placement });
    const known = subnets.get(a.subnetId);
    subnets.set(a.subnetId, known ? { ...known, usedIps: known.usedIps + a.nodes } : { id: a.subnetId, cidr: a.subnetCidr, vpcId: a.vpcId, availabilityZone: a.availabilityZone, usedIps: a.nodes, ...placement });
  }
  return { subnets, vpcs };
}
