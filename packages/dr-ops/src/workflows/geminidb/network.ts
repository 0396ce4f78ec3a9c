// What a side of a pair must tell its peer about its network (subnet CIDR blocks, VPC CIDR block,
// node IPs, spec code): given by the caller, or looked up — the instance listing names the VPC and
// subnets, the VPC API (`vpc` client of the side) gives their CIDR blocks. Given values win. The
// DR rule "no CIDR block starting with 192 or 172" is applied to what was found, and a refusal names
// the value and the call it came from.
import type { GeminiDbInstanceSnapshot } from '../../inspect/geminidb.js';
import {
  describeNetworkSource,
  isNetworkLookupError,
  readGeminiDbInstanceNetwork,
  readNetworkCidrs,
  type GeminiDbInstanceNetwork,
  type NetworkSource,
  type Sourced,
} from '../../inspect/network.js';
import { rules } from '../../rules/index.js';
import type { DrOperationErrorKind } from '../errors.js';
import { DrOperationError } from '../errors.js';
import type { OperationKind } from '../../journal/types.js';
import { checkPairSide, short, type GeminiDbPairSide } from './sides.js';
import { InputCheck } from '../../rules/problems.js';

/** The network one side of a pair describes to its peer, each value with where it came from. */
export interface PairSideNetwork {
  instanceId: string;
  /** Region of the reads (the side's clients), when known. */
  region?: string | undefined;
  subnetCidrs: Sourced<string[]>;
  vpcCidr: Sourced<string>;
  /** Present when given or read (a pairing reads them at construction time otherwise). */
  nodeIps?: Sourced<string[]> | undefined;
  specCode?: Sourced<string> | undefined;
}

type Fail = (kind: DrOperationErrorKind, message: string, advice: readonly string[], cause?: unknown) => Error;

/** Whether the side needs a lookup: a CIDR missing, or (for a display) node IPs or the spec code. */
export function needsLookup(side: GeminiDbPairSide, withNodes = false): boolean {
  return side.subnetCidrs === undefined || side.vpcCidr === undefined || (withNodes && (!side.nodeIps?.length || !side.specCode));
}

const given = <T>(value: T, field: string): Sourced<T> => ({ value, source: { kind: 'given', field } });

/**
 * Fills in the side's network from a snapshot already read (in a pairing: VPC and subnet ids, node
 * IPs) or from its own listing read, then the VPC API. Throws through `fail`: `refused` for an
 * instance not found, a CIDR block the DR rules refuse or a VPC without one; `failed` for a read that
 * failed (the API error as cause).
 */
export async function resolvePairSideNetwork(
  name: string,
  side: GeminiDbPairSide,
  fail: Fail,
  options: { snapshot?: GeminiDbInstanceSnapshot | undefined; withNodes?: boolean | undefined; signal?: AbortSignal | undefined } = {},
): Promise<PairSideNetwork> {
  const where = `${name} ${side.instanceId}`;
  const known: PairSideNetwork = {
    instanceId: side.instanceId,
    region: side.regionCode ?? side.client.config.region,
    subnetCidrs: given([...(side.subnetCidrs ?? [])], `${name}.subnetCidrs`),
    vpcCidr: given(side.vpcCidr ?? '', `${name}.vpcCidr`),
    ...(side.nodeIps?.length ? { nodeIps: given([...side.nodeIps], `${name}.nodeIps`) } : {}),
    ...(side.specCode ? { specCode: given(side.specCode, `${name}.specCode`) } : {}),
  };
  if (!needsLookup(side, options.withNodes)) return known;
  const vpc = side.vpc;
  if (!vpc) {
    if (side.subnetCidrs === undefined || side.vpcCidr === undefined) {
      throw fail('refused', `The ${where}: ${side.subnetCidrs === undefined ? `${name}.subnetCidrs` : `${name}.vpcCidr`} is not given and there is no VPC client (${name}.vpc) to look it up.`, []);
    }
    return known; // only node IPs / spec code were wanted: read at construction time
  }

  let read: Pick<GeminiDbInstanceNetwork, 'vpcCidr' | 'subnets' | 'nodeIps' | 'specCode' | 'region'> | undefined;
  try {
    const snap = options.snapshot;
    if (snap?.found && snap.vpcId && snap.subnetIds.length) {
      const listed: NetworkSource = { kind: 'api', operation: 'listInstances', resourceId: side.instanceId, region: known.region ?? snap.region };
      read = {
        ...(await readNetworkCidrs(vpc, { vpcId: snap.vpcId, subnetIds: snap.subnetIds }, { signal: options.signal })),
        nodeIps: { value: snap.nodeIps, source: listed },
        ...(snap.specCode ? { specCode: { value: snap.specCode, source: listed } } : {}),
        region: known.region ?? snap.region,
      };
    } else {
      read = await readGeminiDbInstanceNetwork(side.client, vpc, side.instanceId, { signal: options.signal });
    }
  } catch (error) {
    if (!isNetworkLookupError(error)) throw error;
    const cause = error.cause ?? error;
    const detail = cause instanceof Error ? cause.message : String(cause);
    throw fail(
      'failed',
      `Could not look up the network of the ${where}: ${error.operation} ${error.resourceId}${known.region ? ` in ${known.region}` : ''} failed: ${detail}`,
      [
        `Give the CIDR blocks instead (${name}.subnetCidrs and ${name}.vpcCidr), or allow these credentials to read subnets and VPCs (IAM actions vpc:subnets:get and vpc:vpcs:get).`,
      ],
      cause,
    );
  }
  if (!read) {
    throw fail('refused', `The ${name} instance ${side.instanceId} was not found in ${known.region ?? 'the client’s region'} (project ${side.client.config.projectId}).`, [
      `Check the ${name}'s region and project.`,
    ]);
  }

  const problems: string[] = [];
  const subnetCidrs: Sourced<string[]> =
    side.subnetCidrs !== undefined
      ? known.subnetCidrs
      : { value: read.subnets.map((s) => s.cidr.value), source: read.subnets[0]?.cidr.source ?? { kind: 'api', operation: 'listInstances', resourceId: side.instanceId, region: read.region } };
  if (side.subnetCidrs === undefined) {
    if (read.subnets.length === 0) problems.push(`listInstances reports no subnet for the ${where}`);
    for (const s of read.subnets) {
      const problem = rules.drCidr(s.cidr.value);
      if (problem) problems.push(`The CIDR block "${s.cidr.value}" of subnet ${s.id} of the ${where} (${describeNetworkSource(s.cidr.source)}) ${problem}.`);
    }
  }
  const vpcCidr = side.vpcCidr !== undefined ? known.vpcCidr : read.vpcCidr;
  if (side.vpcCidr === undefined) {
    const problem = read.vpcCidr.value === '' ? 'is empty: the VPC has no IPv4 CIDR block' : rules.drCidr(read.vpcCidr.value);
    if (problem) problems.push(`The CIDR block "${read.vpcCidr.value}" of the VPC of the ${where} (${describeNetworkSource(read.vpcCidr.source)}) ${problem}.`);
  }
  if (problems.length) {
    throw fail('refused', problems.join(' '), [
      'GeminiDB DR refuses CIDR blocks that start with 192 or 172: pair instances whose subnets and VPC are in other ranges (such as 10.0.0.0/8).',
      `If the block read is not the one to use, give it instead (${name}.subnetCidrs, ${name}.vpcCidr).`,
    ]);
  }
  return {
    ...known,
    region: known.region ?? read.region,
    subnetCidrs,
    vpcCidr,
    ...(known.nodeIps ? {} : read.nodeIps.value.length ? { nodeIps: read.nodeIps } : {}),
    ...(known.specCode ? {} : read.specCode ? { specCode: read.specCode } : {}),
  };
}

export interface DiscoverPairNetworkOptions {
  primary: GeminiDbPairSide;
  standby: GeminiDbPairSide;
  signal?: AbortSignal | undefined;
  /** For messages and errors: the operation it prepares (default `geminidb.pair`). */
  operation?: OperationKind | undefined;
  /** Field names of the two sides (default `primary`, `standby`; recovery uses `newPrimary`, `oldPrimary`). */
  names?: { primary: string; standby: string } | undefined;
}

/**
 * Looks up everything the two sides of a pairing would describe to each other — subnet and VPC CIDR
 * blocks, node IPs, spec code — without changing anything: given values are kept, the rest is read
 * (`listInstances`, `showSubnet`, `showVpc`). For a preview (`--dry-run`) or to show a user what
 * a pairing would send. Throws `DrInputError` for given values that break a rule, `DrOperationError`
 * (`refused`/`failed`) as `pairGeminiDb` would.
 */
export async function discoverGeminiDbPairNetwork(options: DiscoverPairNetworkOptions): Promise<{ primary: PairSideNetwork; standby: PairSideNetwork }> {
  const names = options.names ?? { primary: 'primary', standby: 'standby' };
  const check = new InputCheck();
  checkPairSide(check, names.primary, options.primary);
  checkPairSide(check, names.standby, options.standby);
  check.throwIfAny();
  const operation = options.operation ?? 'geminidb.pair';
  const fail: Fail = (kind, message, advice, cause) => new DrOperationError({ kind, operation, message, advice, cause });
  const [primary, standby] = await Promise.all([
    resolvePairSideNetwork(names.primary, options.primary, fail, { withNodes: true, signal: options.signal }),
    resolvePairSideNetwork(names.standby, options.standby, fail, { withNodes: true, signal: options.signal }),
  ]);
  return { primary, standby };
}

/** The side with the resolved network filled in (given values unchanged). */
export function withNetwork(side: GeminiDbPairSide, network: PairSideNetwork, options: { withNodes?: boolean } = {}): GeminiDbPairSide {
  return {
    ...side,
    subnetCidrs: network.subnetCidrs.value,
    vpcCidr: network.vpcCidr.value,
    ...(options.withNodes && network.nodeIps ? { nodeIps: network.nodeIps.value } : {}),
    ...(options.withNodes && network.specCode ? { specCode: network.specCode.value } : {}),
  };
}

/** One line per value for messages: `subnet 10.0.1.0/24 (read with showSubnet 8e7d… in ap-southeast-1)`. */
export function describePairSideNetwork(network: PairSideNetwork): string {
  const part = (label: string, v: Sourced<string | string[]> | undefined) =>
    v && (Array.isArray(v.value) ? v.value.length : v.value) ? `${label} ${Array.isArray(v.value) ? v.value.join(', ') : v.value} (${describeNetworkSource(v.source)})` : undefined;
  return [part('subnets', network.subnetCidrs), part('VPC', network.vpcCidr), part('nodes', network.nodeIps), part('spec', network.specCode)]
    .filter(Boolean)
    .join('; ')
    .replace(new RegExp(network.instanceId, 'g'), short(network.instanceId));
}
