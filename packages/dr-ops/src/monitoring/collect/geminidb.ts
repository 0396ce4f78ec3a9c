// Reads every GeminiDB instance of a scope that is in a DR relationship. The API has no "list DR
// relationships" call: listInstances shows each instance's peer (`dr_instance_id`); the sync-status
// call gives status, lag indicators and RPO/RTO (the last two only when asked on the primary) and
// names the primary and standby, so the role needs its own call only when the status names neither
// (between demote and promote, after a failover). Steady state: one call per DR instance plus the
// listing.
import { isHuaweiCloudApiError } from '@hcdr/core';
import type { GeminiDbClient, ShowPauseResumeStutusResponse } from '@hcdr/geminidb';
import { type ApiCaller, isThrottled } from '../poll/api-caller.js';
import type { GeminiDbInstanceReading, GeminiDbRole, GeminiDbRpoScene, GeminiDbSyncReading, ScopeReading } from './types.js';

const PAGE_SIZE = 100;
/** 200 pages = 20 000 instances: a bound on the listing, far above any real project. */
const MAX_PAGES = 200;
const MB = 1024 * 1024;

/**
 * The key of a relationship in metrics (`dr_id`). GeminiDB returns a `disaster_recovery_id` only
 * from the construction call, and no read returns it, so the key is the two instance IDs, sorted
 * and joined with `~`: the same from both sides and across switchovers.
 */
export function relationshipId(instanceId: string, peerInstanceId: string): string {
  return instanceId < peerInstanceId ? `${instanceId}~${peerInstanceId}` : `${peerInstanceId}~${instanceId}`;
}

export interface CollectGeminiDbInput {
  readonly client: GeminiDbClient;
  /** The scope's region: instances the endpoint reports for another region are not this scope's. */
  readonly region: string;
  readonly caller: ApiCaller;
  readonly now: () => number;
  /** Last poll's readings by instance ID: kept for an instance whose details cannot be read now. */
  readonly previous: ReadonlyMap<string, GeminiDbInstanceReading>;
}

interface ListedInstance {
  id: string;
  name: string;
  status?: string | undefined;
  region?: string | undefined;
  dr_instance_id?: string | undefined;
  actions?: string[] | undefined;
}

export async function collectGeminiDb(input: CollectGeminiDbInput): Promise<ScopeReading> {
  const listed = await listDrInstances(input);
  let stale = 0;
  const resources = await Promise.all(
    listed.map(async (instance): Promise<GeminiDbInstanceReading | undefined> => {
      const peer = instance.dr_instance_id as string;
      const base = {
        service: 'geminidb' as const,
        drId: relationshipId(instance.id, peer),
        instanceId: instance.id,
        name: instance.name,
        region: input.region,
        peerInstanceId: peer,
        instanceStatus: instance.status,
        actions: instance.actions ?? [],
      };
      try {
        const { role, sync } = await readInstance(input, instance.id);
        return { ...base, role, sync, readAtMs: input.now() };
      } catch (error) {
        if (isThrottled(error) || input.caller.signal.aborted) throw error;
        // Gone between the listing and the read: the next listing will not show it either.
        if (isHuaweiCloudApiError(error) && (error.status === 404 || error.code === 'DBS.200002')) return undefined;
        stale++;
        const before = input.previous.get(instance.id);
        return { ...base, role: before?.role, sync: before?.sync, readAtMs: before?.readAtMs };
      }
    }),
  );
  return { resources: resources.filter((r): r is GeminiDbInstanceReading => r !== undefined), staleResources: stale };
}

async function listDrInstances({ client, region, caller }: CollectGeminiDbInput): Promise<ListedInstance[]> {
  const found: ListedInstance[] = [];
  for (let page = 0, offset = 0; page < MAX_PAGES; page++) {
    const data = await caller.call('listInstances', (signal) => client.listInstances({ query: { offset, limit: PAGE_SIZE } }, { signal }));
    const items = (data.instances ?? []) as ListedInstance[];
    for (const i of items) {
      if (i.dr_instance_id && (i.region === undefined || i.region === '' || i.region === region)) found.push(i);
    }
    offset += items.length;
    if (items.length < PAGE_SIZE || (data.total_count !== undefined && offset >= data.total_count)) break;
  }
  return found;
}

async function readInstance({ client, caller }: CollectGeminiDbInput, instanceId: string): Promise<{ role: GeminiDbRole | undefined; sync: GeminiDbSyncReading }> {
  const status = await caller.call('showPauseResumeStutus', (signal) => client.showPauseResumeStutus({ instance_id: instanceId }, { signal }));
  let role: GeminiDbRole | undefined;
  if (status.master_instance_id === instanceId) role = 'master';
  else if (status.slave_instance_id === instanceId) role = 'slave';
  else {
    const answer = await caller.call('showInstanceRole', (signal) => client.showInstanceRole({ instance_id: instanceId }, { signal }));
    role = answer.role === 'master' ? 'master' : answer.role === 'slave' ? 'slave' : undefined;
  }
  return { role, sync: toSyncReading(status, role === 'master') };
}

const SCENES: Readonly<Record<string, GeminiDbRpoScene>> = { FAILOVER: 'failover', SWITCHOVER: 'switchover' };
const finite = (v: number | undefined): number | undefined => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : undefined);

/**
 * `isPrimary`: indicators and RPO/RTO describe the pair and are documented for the primary only;
 * taking them from the primary alone keeps one lag series per relationship.
 */
export function toSyncReading(s: ShowPauseResumeStutusResponse, isPrimary: boolean): GeminiDbSyncReading {
  const status = typeof s.status === 'string' && s.status !== '' ? s.status : 'NA';
  const i = isPrimary ? s.data_sync_indicators : undefined;
  const push = finite(i?.rsync_push_cost);
  const wal = finite(i?.rsync_wal_size);
  const rpo: Partial<Record<GeminiDbRpoScene, number>> = {};
  const rto: Partial<Record<GeminiDbRpoScene, number>> = {};
  for (const entry of isPrimary ? (s.rto_and_rpo_indicators ?? []) : []) {
    const scene = SCENES[entry.scene];
    if (!scene) continue;
    const p = finite(entry.rpo);
    const t = finite(entry.rto);
    if (p !== undefined) rpo[scene] = p;
    if (t !== undefined) rto[scene] = t;
  }
  return {
    status,
    paused: status === 'SUSPENDED' || status === 'SUSPENDING',
    lagSeconds: rpo.failover,
    syncLatencySeconds: push === undefined ? undefined : push / 1e6,
    backlogBytes: wal === undefined ? undefined : wal * MB,
    opsPerSecond: finite(i?.rsync_ops),
    rpoSeconds: rpo,
    rtoSeconds: rto,
  };
}
