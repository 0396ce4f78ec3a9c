// Reads what readiness and drills need to know about a GeminiDB DR relationship: per side the
// instance (status, port, region, peer, running actions, node IPs) and its role; from the primary
// the synchronisation status with lag and the API's RPO/RTO estimates; the DR settings.
// Reads only; a failure is returned as a value (see read-errors.ts).
import type { GeminiDbClient } from '@hcdr/geminidb';
import { attempt, type ReadFailure } from './read-errors.js';

export interface GeminiDbInstanceFacts {
  id: string;
  name: string;
  status: string | null;
  port: string | null;
  region: string | null;
  drInstanceId: string | null;
  actions: string[];
  nodeIps: string[];
}

export interface GeminiDbSideRead {
  instanceId: string;
  /** listInstances failed: nothing else could be read on this side. */
  failure?: ReadFailure | undefined;
  /** undefined when listInstances answered without this instance. */
  instance?: GeminiDbInstanceFacts | undefined;
  role?: string | undefined;
  roleFailure?: ReadFailure | undefined;
}

export interface GeminiDbSyncRead {
  /** The instance the status was asked on (the API gives RPO/RTO only when it is the master). */
  askedId: string;
  status: string | null;
  masterId: string | null;
  slaveId: string | null;
  /** Replication lag: the FAILOVER-scene RPO, seconds (what a failover now would lose). */
  lagSeconds: number | null;
  switchoverRpoSeconds: number | null;
  switchoverRtoSeconds: number | null;
  failoverRtoSeconds: number | null;
  /** rsync_wal_size, MB of WAL not yet replicated. */
  backlogMb: number | null;
}

export type GeminiDbClientLike = GeminiDbClient;

function num(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

export async function readGeminiDbSide(client: GeminiDbClientLike, instanceId: string, signal?: AbortSignal): Promise<GeminiDbSideRead> {
  const listed = await attempt(() => client.listInstances({ query: { id: instanceId } }, { signal }));
  if (!listed.ok) return { instanceId, failure: listed.failure };
  const found = (listed.value.instances ?? []).find((i) => i.id === instanceId);
  if (!found) return { instanceId };
  const nodes = (found.groups ?? []).flatMap((g) => g.nodes ?? []);
  const instance: GeminiDbInstanceFacts = {
    id: found.id,
    name: found.name,
    status: found.status ?? null,
    port: found.port ?? null,
    region: found.region ?? null,
    drInstanceId: found.dr_instance_id || null,
    actions: found.actions ?? [],
    nodeIps: nodes.map((n) => n.private_ip).filter((ip): ip is string => typeof ip === 'string' && ip !== ''),
  };
  const role = await attempt(() => client.showInstanceRole({ instance_id: instanceId }, { signal }));
  return role.ok ? { instanceId, instance, role: role.value.role } : { instanceId, instance, roleFailure: role.failure };
}

export async function readGeminiDbSync(client: GeminiDbClientLike, instanceId: string, signal?: AbortSignal): Promise<GeminiDbSyncRead | ReadFailure> {
  const read = await attempt(() => client.showPauseResumeStutus({ instance_id: instanceId }, { signal }));
  if (!read.ok) return read.failure;
  const s = read.value;
  const scene = (name: string) => (s.rto_and_rpo_indicators ?? []).find((i) => i.scene === name);
  const failover = scene('FAILOVER');
  const switchover = scene('SWITCHOVER');
  return {
    askedId: instanceId,
    status: s.status ?? null,
    masterId: s.master_instance_id ?? null,
    slaveId: s.slave_instance_id ?? null,
    lagSeconds: num(failover?.rpo),
    switchoverRpoSeconds: num(switchover?.rpo),
    switchoverRtoSeconds: num(switchover?.rto),
    failoverRtoSeconds: num(failover?.rto),
    backlogMb: num(s.data_sync_indicators?.rsync_wal_size),
  };
}

export interface GeminiDbSettingsRead {
  /** Maximum sync delay (s) above which no DR switchover is made; null when not set. */
  syncDelaySeconds: number | null;
  switchoverRatio: number | null;
}

export async function readGeminiDbSettings(client: GeminiDbClientLike, instanceId: string, signal?: AbortSignal): Promise<GeminiDbSettingsRead | ReadFailure> {
  const read = await attempt(() => client.showDisasterRecoverySettings({ query: { instance_id: instanceId } }, { signal }));
  if (!read.ok) return read.failure;
  const mine = (read.value.disaster_recovery_settings ?? []).find((s) => s.instance_id === instanceId);
  return { syncDelaySeconds: num(mine?.sync_delay), switchoverRatio: num(mine?.switchover_ratio) };
}
