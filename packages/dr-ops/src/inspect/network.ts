// The network facts of GeminiDB instances that DR needs: from the instance listing, its VPC, its
// subnets (the instance's and its nodes'), node IPs and spec code; from the VPC API, the CIDR blocks
// of that VPC and those subnets. Every value says where it was read, so a refusal can name it.
import type { GeminiDbDrClient, VpcDrClient } from './clients.js';

/** Where a network value came from: given by the caller, or read with an API call. */
export type NetworkSource =
  | { kind: 'given'; field: string }
  | { kind: 'api'; operation: 'listInstances' | 'showSubnet' | 'showVpc'; resourceId: string; region?: string | undefined };

export interface Sourced<T> {
  value: T;
  source: NetworkSource;
}

/** An instance's network as read from the listing and the VPC API. */
export interface GeminiDbInstanceNetwork {
  instanceId: string;
  /** The region the reads were made in (the clients' region, else what the listing reports). */
  region?: string | undefined;
  vpcId: string;
  vpcCidr: Sourced<string>;
  /** The instance's subnet first, then other subnets its nodes are in. */
  subnets: { id: string; cidr: Sourced<string> }[];
  nodeIps: Sourced<string[]>;
  /** The node spec code when every node shares one. */
  specCode?: Sourced<string> | undefined;
  port?: string | undefined;
}

/** `showSubnet 8e7d6c5b-… in ap-southeast-1`, `--primary-vpc-cidr` style names are the caller's business. */
export function describeNetworkSource(source: NetworkSource): string {
  if (source.kind === 'given') return `given as ${source.field}`;
  return `read with ${source.operation} ${source.resourceId}${source.region ? ` in ${source.region}` : ''}`;
}

/** A lookup that could not be made, with the call that failed (the caller decides how to report it). */
export class NetworkLookupError extends Error {
  override readonly name = 'NetworkLookupError';
  readonly operation: 'listInstances' | 'showSubnet' | 'showVpc';
  readonly resourceId: string;
  constructor(operation: NetworkLookupError['operation'], resourceId: string, message: string, cause?: unknown) {
    super(message, cause !== undefined ? { cause } : undefined);
    this.operation = operation;
    this.resourceId = resourceId;
  }
}

export function isNetworkLookupError(error: unknown): error is NetworkLookupError {
  return error instanceof Error && error.name === 'NetworkLookupError';
}

/**
 * Reads one instance's network: `listInstances` (VPC, subnets, node IPs, spec), then `showSubnet`
 * for each subnet and `showVpc`, in parallel. Returns undefined when the listing does not know the
 * instance in this client's region and project. API errors of the VPC reads are thrown as
 * `NetworkLookupError` (with the API error as `cause`).
 */
export async function readGeminiDbInstanceNetwork(
  client: GeminiDbDrClient,
  vpc: VpcDrClient,
  instanceId: string,
  options: { signal?: AbortSignal | undefined } = {},
): Promise<GeminiDbInstanceNetwork | undefined> {
  const { signal } = options;
  const listing = await client.listInstances({ query: { id: instanceId } }, { signal }).catch((error: unknown) => {
    throw new NetworkLookupError('listInstances', instanceId, `listInstances failed for ${instanceId}`, error);
  });
  const found = (listing?.instances ?? []).find((i) => i.id === instanceId);
  if (!found) return undefined;
  const region = client.config.region ?? found.region;
  const listed: NetworkSource = { kind: 'api', operation: 'listInstances', resourceId: instanceId, region };
  const nodes = (found.groups ?? []).flatMap((g) => g.nodes ?? []);
  const subnetIds = [...new Set([found.subnet_id, ...nodes.map((n) => n.subnet_id)].filter((s): s is string => typeof s === 'string' && s !== ''))];
  const specs = [...new Set(nodes.map((n) => n.spec_code).filter((s): s is string => !!s))];
  const cidrs = await readNetworkCidrs(vpc, { vpcId: found.vpc_id, subnetIds }, { signal });
  return {
    instanceId,
    region,
    vpcId: found.vpc_id,
    ...cidrs,
    nodeIps: { value: nodes.map((n) => n.private_ip).filter((ip): ip is string => !!ip), source: listed },
    ...(specs.length === 1 ? { specCode: { value: specs[0] as string, source: listed } } : {}),
    port: found.port,
  };
}

/** The CIDR blocks of a VPC and of subnets (read in parallel), each with the call that read it. */
export async function readNetworkCidrs(
  vpc: VpcDrClient,
  ids: { vpcId: string; subnetIds: readonly string[] },
  options: { signal?: AbortSignal | undefined } = {},
): Promise<Pick<GeminiDbInstanceNetwork, 'vpcCidr' | 'subnets'>> {
  const { signal } = options;
  const [subnets, vpcCidr] = await Promise.all([
    Promise.all(ids.subnetIds.map(async (id) => ({ id, cidr: { value: await readSubnetCidr(vpc, id, signal), source: apiSource('showSubnet', id, vpc) } }))),
    readVpcCidr(vpc, ids.vpcId, signal),
  ]);
  return { vpcCidr: { value: vpcCidr, source: apiSource('showVpc', ids.vpcId, vpc) }, subnets };
}

const apiSource = (operation: 'showSubnet' | 'showVpc', resourceId: string, vpc: VpcDrClient): NetworkSource => ({
  kind: 'api',
  operation,
  resourceId,
  region: vpc.config.region,
});

async function readSubnetCidr(vpc: VpcDrClient, subnetId: string, signal: AbortSignal | undefined): Promise<string> {
  try {
    return (await vpc.showSubnet({ subnet_id: subnetId }, { signal })).subnet.cidr;
  } catch (error) {
    throw new NetworkLookupError('showSubnet', subnetId, `showSubnet failed for subnet ${subnetId}`, error);
  }
}

async function readVpcCidr(vpc: VpcDrClient, vpcId: string, signal: AbortSignal | undefined): Promise<string> {
  try {
    return (await vpc.showVpc({ vpc_id: vpcId }, { signal })).vpc.cidr;
  } catch (error) {
    throw new NetworkLookupError('showVpc', vpcId, `showVpc failed for VPC ${vpcId}`, error);
  }
}

/** CIDR blocks of listed instances, for display: each subnet and VPC read once; a failed read is reported, not thrown. */
export interface ListedInstanceNetwork {
  /** CIDR of the instance's `subnet_id` and of its nodes' other subnets (null where a read failed). */
  subnetCidrs: (string | null)[];
  vpcCidr: string | null;
}

export interface ListedNetworks {
  byInstance: Map<string, ListedInstanceNetwork>;
  /** One entry per read that failed: the call, the resource, the error. */
  failures: { operation: 'showSubnet' | 'showVpc'; resourceId: string; error: unknown }[];
}

type ListedInstance = { id: string; vpc_id: string; subnet_id: string; groups?: { nodes?: { subnet_id?: string }[] }[] };

/**
 * The subnet and VPC CIDR blocks of instances from a listing, reading every distinct subnet and VPC
 * once, at most `concurrency` (default 4) at a time. A failed read (no VPC permission, say) leaves
 * `null` in its place and is listed in `failures`, so a listing never fails because of it.
 */
export async function readListedInstanceNetworks(
  vpc: VpcDrClient,
  instances: readonly ListedInstance[],
  options: { signal?: AbortSignal | undefined; concurrency?: number | undefined } = {},
): Promise<ListedNetworks> {
  const subnetsOf = (i: ListedInstance) => [...new Set([i.subnet_id, ...(i.groups ?? []).flatMap((g) => (g.nodes ?? []).map((n) => n.subnet_id))].filter((s): s is string => !!s))];
  const reads: { operation: 'showSubnet' | 'showVpc'; id: string }[] = [
    ...[...new Set(instances.flatMap(subnetsOf))].map((id) => ({ operation: 'showSubnet' as const, id })),
    ...[...new Set(instances.map((i) => i.vpc_id).filter(Boolean))].map((id) => ({ operation: 'showVpc' as const, id })),
  ];
  const cidrs = new Map<string, string | null>();
  const failures: ListedNetworks['failures'] = [];
  let next = 0;
  const worker = async () => {
    while (next < reads.length) {
      const read = reads[next++] as (typeof reads)[number];
      try {
        cidrs.set(
          `${read.operation}:${read.id}`,
          read.operation === 'showSubnet' ? await readSubnetCidr(vpc, read.id, options.signal) : await readVpcCidr(vpc, read.id, options.signal),
        );
      } catch (error) {
        if (options.signal?.aborted) throw error;
        cidrs.set(`${read.operation}:${read.id}`, null);
        failures.push({ operation: read.operation, resourceId: read.id, error: error instanceof NetworkLookupError ? error.cause : error });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, options.concurrency ?? 4), reads.length) }, worker));
  const byInstance = new Map<string, ListedInstanceNetwork>();
  for (const i of instances) {
    byInstance.set(i.id, { subnetCidrs: subnetsOf(i).map((id) => cidrs.get(`showSubnet:${id}`) ?? null), vpcCidr: cidrs.get(`showVpc:${i.vpc_id}`) ?? null });
  }
  return { byInstance, failures };
}
