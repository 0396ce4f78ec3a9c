// Reads every DWS DR task of a scope: one listing (status, clusters, last sync) per poll, the
// task detail (sync period) only when a task is new or its status changed, and show-progress
// (RPO/RTO) for tasks that have synchronised at some point.
import { isHuaweiCloudApiError } from '@hcdr/core';
import type { DwsClient } from '@hcdr/dws';
import { parseDwsSyncPeriod } from '../config/duration.js';
import { type ApiCaller, isThrottled } from '../poll/api-caller.js';
import type { DwsTaskReading, ScopeReading } from './types.js';

/** Statuses in which a task has no synchronisation to report progress for. */
const NO_PROGRESS = new Set(['creating', 'create_failed', 'unstart', 'deleting', 'deleted']);

export interface CollectDwsInput {
  readonly client: DwsClient;
  readonly region: string;
  readonly caller: ApiCaller;
  readonly now: () => number;
  readonly previous: ReadonlyMap<string, DwsTaskReading>;
}

interface ListedTask {
  id: string;
  status: string;
  name?: string | undefined;
  dr_type?: string | undefined;
  primary_cluster_id?: string | undefined;
  primary_cluster_status?: string | undefined;
  primary_cluster_region?: string | undefined;
  standby_cluster_id?: string | undefined;
  standby_cluster_status?: string | undefined;
  standby_cluster_region?: string | undefined;
  last_disaster_time?: string | undefined;
}

/** The DWS API's times (`2025-03-10T08:00:00Z`, with or without zone or milliseconds) in ms. */
export function parseDwsTime(text: string | undefined): number | undefined {
  if (!text) return undefined;
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2})(\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/.exec(text.trim());
  if (!m) return undefined;
  const zone = m[4] === undefined ? 'Z' : m[4].length === 5 ? `${m[4].slice(0, 3)}:${m[4].slice(3)}` : m[4];
  const ms = Date.parse(`${m[1]}T${m[2]}${m[3] ?? ''}${zone}`);
  return Number.isNaN(ms) ? undefined : ms;
}

const inRegion = (t: ListedTask, region: string) =>
  (!t.primary_cluster_region && !t.standby_cluster_region) || t.primary_cluster_region === region || t.standby_cluster_region === region;

export async function collectDws(input: CollectDwsInput): Promise<ScopeReading> {
  const { client, caller, region, previous, now } = input;
  const data = await caller.call('listDisasterRecover', (signal) => client.listDisasterRecover({}, { signal }));
  const tasks = ((data.disaster_recovery ?? []) as ListedTask[]).filter((t) => t.id && inRegion(t, region));
  let stale = 0;
  const resources = await Promise.all(
    tasks.map(async (task): Promise<DwsTaskReading | undefined> => {
      const before = previous.get(task.id);
      const base = {
        service: 'dws' as const,
        drId: task.id,
        name: task.name,
        region,
        status: task.status,
        drType: task.dr_type,
        primaryClusterId: task.primary_cluster_id,
        standbyClusterId: task.standby_cluster_id,
        primaryClusterStatus: task.primary_cluster_status,
        standbyClusterStatus: task.standby_cluster_status,
        lastSyncMs: parseDwsTime(task.last_disaster_time) ?? before?.lastSyncMs,
      };
      try {
        let syncPeriodSeconds = before?.syncPeriodSeconds;
        if (before === undefined || before.status !== task.status || syncPeriodSeconds === undefined) {
          const detail = await caller.call('showDisasterDetail', (signal) => client.showDisasterDetail({ disaster_recovery_id: task.id }, { signal }));
          syncPeriodSeconds = parseDwsSyncPeriod(detail.disaster_recovery.dr_sync_period);
        }
        let rpoSeconds: number | undefined;
        let rtoSeconds: number | undefined;
        if (!NO_PROGRESS.has(task.status)) {
          const progress = await caller.call('showDisasterProgress', (signal) => client.showDisasterProgress({ disaster_recovery_id: task.id }, { signal }));
          const p = progress.disaster_recovery_progress;
          // 0/0 with no barrier yet means "never synchronised", not "RPO zero".
          if (p.latest_barrier_time) {
            rpoSeconds = nonNegative(p.recovery_point_object);
            rtoSeconds = nonNegative(p.recovery_time_object);
          }
        }
        return { ...base, syncPeriodSeconds, rpoSeconds, rtoSeconds, readAtMs: now() };
      } catch (error) {
        if (isThrottled(error) || caller.signal.aborted) throw error;
        if (isHuaweiCloudApiError(error) && (error.status === 404 || error.code === 'DWS.10101')) return undefined;
        stale++;
        return { ...base, syncPeriodSeconds: before?.syncPeriodSeconds, rpoSeconds: before?.rpoSeconds, rtoSeconds: before?.rtoSeconds, readAtMs: before?.readAtMs };
      }
    }),
  );
  return { resources: resources.filter((r): r is DwsTaskReading => r !== undefined), staleResources: stale };
}

const nonNegative = (v: number | undefined) => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : undefined);
