// What readiness and drills read about a GeminiDB DR relationship, through @hcdr/dr-ops inspect
// (one listing and the role per side, the synchronisation status from the primary, the DR
// settings). A failed read becomes a value (see read-errors.ts): readiness turns it into a check.
import type { GeminiDbClient } from '@hcdr/geminidb';
import { inspectGeminiDbInstance, readSync } from '../../inspect/geminidb.js';
import { attempt, type ReadFailure } from './read-errors.js';

export type GeminiDbClientLike = GeminiDbClient;

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
  /** The listing or the role could not be read: nothing else is known about this side. */
  failure?: ReadFailure | undefined;
  /** undefined when listInstances answered without this instance. */
  instance?: GeminiDbInstanceFacts | undefined;
  /** master | slave; undefined when the API gives no role (not in an active relationship). */
  role?: string | undefined;
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

const num = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : null);

export async function readGeminiDbSide(client: GeminiDbClientLike, instanceId: string, signal?: AbortSignal): Promise<GeminiDbSideRead> {
  const read = await attempt(() => inspectGeminiDbInstance(client, instanceId, { signal, jobs: false }));
  if (!read.ok) return { instanceId, failure: read.failure };
  const s = read.value;
  if (!s.found) return { instanceId };
  return {
    instanceId,
    instance: {
      id: s.instanceId,
      name: s.name ?? s.instanceId,
      status: s.status ?? null,
      port: s.port ?? null,
      region: s.region ?? null,
      drInstanceId: s.drPeerId ?? null,
      actions: s.actions,
      nodeIps: s.nodeIps,
    },
    role: s.role,
  };
}

export async function readGeminiDbSync(client: GeminiDbClientLike, instanceId: string, signal?: AbortSignal): Promise<GeminiDbSyncRead | ReadFailure> {
  const read = await attempt(() => readSync(client, instanceId, signal));
  if (!read.ok) return read.failure;
  const s = read.value;
  if (!s) return { kind: 'api', message: `no synchronisation status for ${instanceId} (not in an active relationship)` };
  return {
    askedId: instanceId,
    status: s.status,
    masterId: s.masterInstanceId ?? null,
    slaveId: s.slaveInstanceId ?? null,
    lagSeconds: num(s.failover?.rpoSeconds),
    switchoverRpoSeconds: num(s.switchover?.rpoSeconds),
    switchoverRtoSeconds: num(s.switchover?.rtoSeconds),
    failoverRtoSeconds: num(s.failover?.rtoSeconds),
    backlogMb: num(s.lagMb),
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
