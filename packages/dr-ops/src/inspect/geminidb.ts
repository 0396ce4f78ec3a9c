// Reads the live state of GeminiDB instances and DR relationships into plain snapshots. The API has
// no "show relationship" call, so a relationship is derived from both instances' listings
// (dr_instance_id, actions), their newest construction/deconstruction jobs, their roles and the
// synchronisation status. Shared by the workflows (reconciliation), readiness, drills and monitoring.
import { isHuaweiCloudApiError } from '@hcdr/core';
import type { GeminiDbDrClient } from './clients.js';
import { DR_JOB_NAMES, JobReader, type GeminiDbJobSummary } from './geminidb-jobs.js';

export { jobTime } from './geminidb-jobs.js';

/**
 * Where an instance stands in the DR lifecycle, from its listing and newest DR job:
 * none (not in DR), joining (construction job running), joined (constructed, relationship not
 * visible as active: half-built, or waiting for the peer), in-dr (listing names a DR peer),
 * leaving (deconstruction job running).
 */
export type GeminiDbMembership = 'none' | 'joining' | 'joined' | 'in-dr' | 'leaving';

export interface GeminiDbInstanceSnapshot {
  instanceId: string;
  /** false: listInstances does not know it in this client's region/project. */
  found: boolean;
  name?: string | undefined;
  /** Instance status, e.g. `normal`, `abnormal`. */
  status?: string | undefined;
  port?: string | undefined;
  region?: string | undefined;
  nodeIps: string[];
  /** VPC of the instance (`vpc_id`). */
  vpcId?: string | undefined;
  /** The instance's `subnet_id` first, then the other subnets its nodes are in. */
  subnetIds: string[];
  /** The node spec code when all nodes share one. */
  specCode?: string | undefined;
  /** `dr_instance_id`: the DR peer the listing reports. */
  drPeerId?: string | undefined;
  /** Actions in progress (`actions`), e.g. `ConstructDisasterRecovery`. */
  actions: string[];
  /** DR role (showInstanceRole) when the instance is in a relationship the API answers for. */
  role?: 'master' | 'slave' | undefined;
  /** Newest construction or deconstruction job of the instance. */
  drJob?: GeminiDbJobSummary | undefined;
  /** Jobs running on the instance now (any kind). */
  runningJobs: GeminiDbJobSummary[];
  membership: GeminiDbMembership;
}

export interface GeminiDbSyncSnapshot {
  /** NA, NEW, SYNCING, SUSPENDING, SUSPENDED, RECOVERYING. */
  status: string;
  masterInstanceId?: string | undefined;
  slaveInstanceId?: string | undefined;
  /** rsync_status === 1. */
  syncing?: boolean | undefined;
  /** Replication backlog (rsync_wal_size, MB). */
  lagMb?: number | undefined;
  opsPerSecond?: number | undefined;
  /** RPO/RTO in seconds by scene, when asked on the primary. */
  switchover?: { rpoSeconds?: number | undefined; rtoSeconds?: number | undefined } | undefined;
  failover?: { rpoSeconds?: number | undefined; rtoSeconds?: number | undefined } | undefined;
  /** Which instance answered. */
  readFrom: string;
}

export type GeminiDbRelationshipState =
  /** Both found, neither in DR. */
  | 'unpaired'
  /** Active relationship between exactly these two. */
  | 'paired'
  /** One side constructed, the relationship not active (an interrupted pair or unpair). */
  | 'half-built'
  /** A DR job runs on one side. */
  | 'changing'
  /** One of them is in a relationship with a third instance. */
  | 'paired-elsewhere'
  /** One of them was not found. */
  | 'not-found';

export interface GeminiDbRelationshipSnapshot {
  readAt: string;
  state: GeminiDbRelationshipState;
  primary: GeminiDbInstanceSnapshot;
  standby: GeminiDbInstanceSnapshot;
  /** Synchronisation status (only when paired). */
  sync?: GeminiDbSyncSnapshot | undefined;
}

export interface InspectGeminiDbOptions {
  signal?: AbortSignal | undefined;
  /** Read the newest DR jobs and the running jobs (default true). */
  jobs?: boolean | undefined;
  /** Read the DR role when the instance may be in a relationship (default true). */
  role?: boolean | undefined;
  /** Internal: share listJobs pages between instances of one inspection. */
  jobReader?: JobReader | undefined;
}

/** One instance: listing, role, DR jobs. Instances unknown to the client come back `found: false`. */
export async function inspectGeminiDbInstance(client: GeminiDbDrClient, instanceId: string, options: InspectGeminiDbOptions = {}): Promise<GeminiDbInstanceSnapshot> {
  const signal = options.signal;
  const listing = await (await client.listInstances({ query: { id: instanceId } }, { signal }));
  const found = (listing?.instances ?? []).find((i) => i.id === instanceId);
  if (!found) return { instanceId, found: false, nodeIps: [], subnetIds: [], actions: [], runningJobs: [], membership: 'none' };

  const nodes = (found.groups ?? []).flatMap((g) => g.nodes ?? []);
  const specs = [...new Set(nodes.map((n) => n.spec_code).filter((s): s is string => !!s))];
  const snapshot: GeminiDbInstanceSnapshot = {
    instanceId,
    found: true,
    name: found.name,
    status: found.status,
    port: found.port,
    region: found.region,
    nodeIps: nodes.map((n) => n.private_ip).filter((ip): ip is string => !!ip),
    vpcId: found.vpc_id || undefined,
    subnetIds: [...new Set([found.subnet_id, ...nodes.map((n) => n.subnet_id)].filter((id): id is string => !!id))],
    specCode: specs.length === 1 ? specs[0] : undefined,
    drPeerId: found.dr_instance_id || undefined,
    actions: found.actions ?? [],
    runningJobs: [],
    membership: 'none',
  };

  if (options.jobs !== false) {
    const reader = options.jobReader ?? new JobReader(signal);
    const [drJob, running] = await Promise.all([
      reader.newestOf(client, instanceId, [DR_JOB_NAMES.construct, DR_JOB_NAMES.deconstruct]),
      reader.jobsOf(client, instanceId, { status: 'Running' }),
    ]);
    snapshot.drJob = drJob;
    snapshot.runningJobs = running;
  }
  snapshot.membership = membershipOf(snapshot);

  if (options.role !== false && (snapshot.drPeerId || snapshot.membership === 'joined')) {
    snapshot.role = await readRole(client, instanceId, signal);
  }
  return snapshot;
}

/** Both instances of a (would-be) pair, and the synchronisation status when they are paired. */
export async function inspectGeminiDbRelationship(
  primary: { client: GeminiDbDrClient; instanceId: string },
  standby: { client: GeminiDbDrClient; instanceId: string },
  options: InspectGeminiDbOptions & { sync?: boolean | undefined } = {},
): Promise<GeminiDbRelationshipSnapshot> {
  const jobReader = options.jobReader ?? new JobReader(options.signal);
  const [p, s] = await Promise.all([
    inspectGeminiDbInstance(primary.client, primary.instanceId, { ...options, jobReader }),
    inspectGeminiDbInstance(standby.client, standby.instanceId, { ...options, jobReader }),
  ]);
  let sync: GeminiDbSyncSnapshot | undefined;
  const mayBePaired = p.found && s.found && (p.drPeerId === s.instanceId || s.drPeerId === p.instanceId || (p.membership === 'joined' && s.membership === 'joined'));
  if (options.sync !== false && mayBePaired) {
    // Asked on the primary, the API adds RPO/RTO.
    const asked = s.role === 'master' ? standby : primary;
    sync = await readSync(asked.client, asked.instanceId, options.signal);
  }
  return { readAt: new Date().toISOString(), state: relationshipState(p, s, sync), primary: p, standby: s, sync };
}

/** Synchronisation status and lag of the relationship `instanceId` belongs to. */
export async function readSync(client: GeminiDbDrClient, instanceId: string, signal?: AbortSignal): Promise<GeminiDbSyncSnapshot | undefined> {
  try {
    const data = await (await client.showPauseResumeStutus({ instance_id: instanceId }, { signal }));
    const i = data?.data_sync_indicators;
    const scene = (name: string) => {
      const x = data?.rto_and_rpo_indicators?.find((r) => r.scene === name);
      return x ? { rpoSeconds: x.rpo, rtoSeconds: x.rto } : undefined;
    };
    return {
      status: data?.status ?? 'NA',
      masterInstanceId: data?.master_instance_id,
      slaveInstanceId: data?.slave_instance_id,
      syncing: i?.rsync_status === undefined ? undefined : i.rsync_status === 1,
      lagMb: i?.rsync_wal_size,
      opsPerSecond: i?.rsync_ops,
      switchover: scene('SWITCHOVER'),
      failover: scene('FAILOVER'),
      readFrom: instanceId,
    };
  } catch (error) {
    if (isHuaweiCloudApiError(error) && error.status >= 400 && error.status < 500) return undefined;
    throw error;
  }
}

async function readRole(client: GeminiDbDrClient, instanceId: string, signal?: AbortSignal): Promise<'master' | 'slave' | undefined> {
  try {
    const data = await (await client.showInstanceRole({ instance_id: instanceId }, { signal }));
    return data?.role === 'master' ? 'master' : data?.role === 'slave' ? 'slave' : undefined;
  } catch (error) {
    // 4xx: not in an active relationship; the role is simply unknown.
    if (isHuaweiCloudApiError(error) && error.status >= 400 && error.status < 500) return undefined;
    throw error;
  }
}

function membershipOf(s: GeminiDbInstanceSnapshot): GeminiDbMembership {
  const j = s.drJob;
  if (s.drPeerId) return j?.status === 'Running' ? (j.name === DR_JOB_NAMES.deconstruct ? 'leaving' : 'joining') : 'in-dr';
  if (!j) return 'none';
  if (j.name === DR_JOB_NAMES.construct) return j.status === 'Running' ? 'joining' : j.status === 'Completed' ? 'joined' : 'none';
  return j.status === 'Running' ? 'leaving' : j.status === 'Completed' ? 'none' : 'joined';
}

function relationshipState(p: GeminiDbInstanceSnapshot, s: GeminiDbInstanceSnapshot, sync: GeminiDbSyncSnapshot | undefined): GeminiDbRelationshipState {
  if (!p.found || !s.found) return 'not-found';
  if ((p.drPeerId && p.drPeerId !== s.instanceId) || (s.drPeerId && s.drPeerId !== p.instanceId)) return 'paired-elsewhere';
  if (p.drPeerId === s.instanceId && s.drPeerId === p.instanceId) return 'paired';
  const ids = new Set([sync?.masterInstanceId, sync?.slaveInstanceId]);
  if (ids.has(p.instanceId) && ids.has(s.instanceId)) return 'paired';
  if (p.membership === 'joining' || p.membership === 'leaving' || s.membership === 'joining' || s.membership === 'leaving') return 'changing';
  if (p.membership !== 'none' || s.membership !== 'none') return 'half-built';
  return 'unpaired';
}

/** True when a running job keeps the instance busy. */
export function isBusy(s: GeminiDbInstanceSnapshot): boolean {
  return s.runningJobs.length > 0 || s.actions.length > 0;
}
