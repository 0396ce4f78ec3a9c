// What the GeminiDB workflows share: a side of a pair (client + instance), validation of the
// documented rules before anything is sent, and the network description each side's requests give
// of the other (read from listInstances where the caller did not give it).
import { rules } from '../../rules/index.js';
import type { InputCheck } from '../../rules/problems.js';
import type { GeminiDbDrClient, VpcDrClient } from '../../inspect/clients.js';
import type { GeminiDbInstanceSnapshot } from '../../inspect/geminidb.js';
import type { OperationRun } from '../run.js';

export type SideName = 'primary' | 'standby';

/** One instance and the client for its region, project and credentials. */
export interface GeminiDbSide {
  client: GeminiDbDrClient;
  instanceId: string;
}

/**
 * A side of a pair being built: what the peer's requests must say about this instance. The CIDR
 * blocks may be left out when `vpc` is given: they are then read (the listing names the VPC and
 * subnets, the VPC API their blocks), and the 192/172 rule is applied to what was read.
 */
export interface GeminiDbPairSide extends GeminiDbSide {
  /** CIDR blocks of the instance's subnets (none may start with 192 or 172). Default: looked up with `vpc`. */
  subnetCidrs?: readonly string[] | undefined;
  /** CIDR block of the instance's VPC (used in the peer's precheck; not 192.* or 172.*). Default: looked up with `vpc`. */
  vpcCidr?: string | undefined;
  /** A VPC client for the instance's region and project: looks up the CIDR blocks not given. */
  vpc?: VpcDrClient | undefined;
  /** Private IPs of all the instance's nodes (default: read with listInstances). */
  nodeIps?: readonly string[] | undefined;
  /** Node specification code, e.g. `geminidb.redis.xlarge.4` (default: read with listInstances). */
  specCode?: string | undefined;
  /** Region code of the instance (default: the client's region, else what listInstances reports). */
  regionCode?: string | undefined;
}

/** The full description of an instance, as the other side's precheck and construction need it. */
export interface InstanceDescription {
  instanceId: string;
  regionCode: string;
  subnetCidrs: string[];
  vpcCidr: string;
  nodeIps: string[];
  specCode: string;
}

export function checkSideIds(check: InputCheck, sides: Record<SideName, GeminiDbSide>, names: Record<SideName, string> = { primary: 'primary', standby: 'standby' }): void {
  for (const side of ['primary', 'standby'] as const) {
    check.value(`${names[side]}.instanceId`, sides[side]?.instanceId, [rules.id]);
    if (!sides[side]?.client) check.fail(`${names[side]}.client`, 'is required (a GeminiDB client for the instance’s region and project)');
  }
  if (sides.primary?.instanceId && sides.primary.instanceId === sides.standby?.instanceId) check.fail(`${names.standby}.instanceId`, 'must be a different instance than the primary');
}

export function checkPairSide(check: InputCheck, name: string, side: GeminiDbPairSide, options: { lookupPossible?: boolean } = {}): void {
  // Without a VPC client nothing can be looked up: the blocks must be given.
  const optional = side.vpc !== undefined || options.lookupPossible === true;
  if (side.subnetCidrs !== undefined) check.list(`${name}.subnetCidrs`, side.subnetCidrs, [rules.drCidr]);
  else if (!optional) check.fail(`${name}.subnetCidrs`, 'is required (at least one item) unless a VPC client (vpc) is given to look it up');
  if (side.vpcCidr !== undefined) check.value(`${name}.vpcCidr`, side.vpcCidr, [rules.drCidr]);
  else if (!optional) check.fail(`${name}.vpcCidr`, 'is required unless a VPC client (vpc) is given to look it up');
  check.list(`${name}.nodeIps`, side.nodeIps, [rules.ipv4], { optional: true });
  check.value(`${name}.specCode`, side.specCode, [rules.nonEmpty, rules.noControlCharacters], { optional: true });
  check.value(`${name}.regionCode`, side.regionCode, [rules.regionCode], { optional: true });
}

/**
 * Completes the description from the listing and applies the rules only the live state can tell
 * (found, port 8635). Throws `refused` naming the side and the rule.
 */
export function describeSide(
  run: OperationRun,
  name: SideName,
  side: GeminiDbPairSide,
  snap: GeminiDbInstanceSnapshot,
  network: { subnetCidrs: readonly string[]; vpcCidr: string },
  options: { skipPortCheck?: boolean | undefined },
): InstanceDescription {
  const where = `${name} ${side.instanceId}`;
  if (!snap.found) throw notFound(run, name, side);
  if (snap.port !== undefined && !options.skipPortCheck) {
    const problem = rules.drPort(snap.port);
    if (problem) throw run.error('refused', `The port of the ${where} ${problem}.`, { advice: ['Change the instance port to 8635 first (the API refuses other ports).'] });
  }
  const regionCode = side.regionCode ?? side.client.config.region ?? snap.region;
  if (!regionCode) throw run.error('refused', `The region of the ${where} is unknown: give ${name}.regionCode.`);
  if (snap.region && snap.region !== regionCode) run.warn(`The ${where} reports region ${snap.region}, but ${regionCode} was given.`);
  const nodeIps = side.nodeIps?.length ? [...side.nodeIps] : snap.nodeIps;
  if (side.nodeIps?.length && snap.nodeIps.length && [...side.nodeIps].sort().join() !== [...snap.nodeIps].sort().join()) {
    run.warn(`The node IPs given for the ${where} differ from those listInstances reports (${snap.nodeIps.join(', ')}).`);
  }
  if (nodeIps.length === 0) throw run.error('refused', `listInstances reports no node IPs for the ${where}: give ${name}.nodeIps.`);
  const specCode = side.specCode ?? snap.specCode;
  if (!specCode) throw run.error('refused', `The node spec code of the ${where} could not be determined: give ${name}.specCode.`);
  return { instanceId: side.instanceId, regionCode, subnetCidrs: [...network.subnetCidrs], vpcCidr: network.vpcCidr, nodeIps, specCode };
}

export function notFound(run: OperationRun, name: string, side: GeminiDbSide) {
  return run.error(
    'refused',
    `The ${name} instance ${side.instanceId} was not found in ${side.client.config.region ?? 'the client’s region'} (project ${side.client.config.projectId}).`,
    { advice: [`Check the ${name}'s region and project.`] },
  );
}

/** `construction` precheck body: the peer's VPC, spec and node IPs. */
export const precheckPeer = (d: InstanceDescription) => ({ vpc_cidr: d.vpcCidr, spec_code: d.specCode, node_ips: [...d.nodeIps] });
/** `disaster_recovery_instance` of a construction body: the peer's ID, region, subnets, nodes. */
export const constructionPeer = (d: InstanceDescription) => ({ id: d.instanceId, region_code: d.regionCode, subnet_cidrs: [...d.subnetCidrs], node_ips: [...d.nodeIps] });

export const lockResource = (instanceId: string) => `geminidb:${instanceId}`;

/** A short form for messages: full IDs are in the step details. */
export function short(id: string): string {
  return id.length > 14 ? `${id.slice(0, 8)}…${id.slice(-4)}` : id;
}
