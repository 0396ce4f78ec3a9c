// Reads DWS DR tasks into plain snapshots: status, both clusters with their roles, and the
// synchronisation progress (last barrier, RPO/RTO). A task that is gone reads as `found: false`.
import { isHuaweiCloudApiError } from '@hcdr/core';
import type { DisasterRecovery, DisasterRecoveryCluster } from '@hcdr/dws';
import type { DwsDrClient } from './clients.js';

/** DWS answers a deleted or unknown task with 404 or 400 DWS.10101 (Terraform provider). */
export const DWS_TASK_NOT_FOUND_CODE = 'DWS.10101';

export interface DwsClusterSnapshot {
  id?: string | undefined;
  name?: string | undefined;
  role?: string | undefined;
  status?: string | undefined;
  region?: string | undefined;
  availabilityZone?: string | undefined;
  /** Time of the last successful synchronisation, as the API spells it. */
  lastSuccessTime?: string | undefined;
  progress?: string | undefined;
}

export interface DwsProgressSnapshot {
  latestBarrierTime?: string | undefined;
  rpoSeconds?: number | undefined;
  rtoSeconds?: number | undefined;
  lastRecoverySpendSeconds?: number | undefined;
}

export interface DwsTaskSnapshot {
  taskId: string;
  found: boolean;
  readAt: string;
  name?: string | undefined;
  /** creating, unstart, starting, running, stopping, stopped, switchovering, abnormal, deleting, ... (open set). */
  status?: string | undefined;
  drType?: string | undefined;
  syncPeriod?: string | undefined;
  primary?: DwsClusterSnapshot | undefined;
  standby?: DwsClusterSnapshot | undefined;
  startTime?: string | undefined;
  createTime?: string | undefined;
  progress?: DwsProgressSnapshot | undefined;
}

/** A task as the list call shows it (cluster IDs flat). */
export interface DwsTaskListItem {
  taskId: string;
  name?: string | undefined;
  status: string;
  drType?: string | undefined;
  primaryClusterId?: string | undefined;
  standbyClusterId?: string | undefined;
}

export function isDwsTaskGone(error: unknown): boolean {
  return isHuaweiCloudApiError(error) && (error.status === 404 || error.code === DWS_TASK_NOT_FOUND_CODE);
}

/** One task; `progress: true` adds the show-progress call (last barrier, RPO, RTO). */
export async function inspectDwsTask(client: DwsDrClient, taskId: string, options: { signal?: AbortSignal | undefined; progress?: boolean | undefined } = {}): Promise<DwsTaskSnapshot> {
  const signal = options.signal;
  let detail: Awaited<ReturnType<DwsDrClient['showDisasterDetail']>>;
  try {
    detail = await (await client.showDisasterDetail({ disaster_recovery_id: taskId }, { signal }));
  } catch (error) {
    if (isDwsTaskGone(error)) return { taskId, found: false, readAt: new Date().toISOString() };
    throw error;
  }
  const t = detail.disaster_recovery;
  const snapshot: DwsTaskSnapshot = {
    taskId,
    found: true,
    readAt: new Date().toISOString(),
    name: t.name,
    status: t.status,
    drType: t.dr_type,
    syncPeriod: t.dr_sync_period,
    primary: cluster(t.primary_cluster),
    standby: cluster(t.standby_cluster),
    startTime: t.start_time,
    createTime: t.create_time,
  };
  if (options.progress) {
    try {
      const p = (await client.showDisasterProgress({ disaster_recovery_id: taskId }, { signal })).disaster_recovery_progress;
      snapshot.progress = {
        latestBarrierTime: p.latest_barrier_time,
        rpoSeconds: p.recovery_point_object,
        rtoSeconds: p.recovery_time_object,
        lastRecoverySpendSeconds: p.last_recovery_spend,
      };
    } catch (error) {
      if (!isDwsTaskGone(error)) throw error;
    }
  }
  return snapshot;
}

/** Tasks as listDisasterRecover returns them, optionally filtered (no paging in the API). */
export async function listDwsTasks(
  client: DwsDrClient,
  filter: { primaryClusterId?: string; standbyClusterId?: string; id?: string } = {},
  options: { signal?: AbortSignal | undefined } = {},
): Promise<DwsTaskListItem[]> {
  const query = {
    ...(filter.primaryClusterId ? { primary_cluster_id: filter.primaryClusterId } : {}),
    ...(filter.standbyClusterId ? { standby_cluster_id: filter.standbyClusterId } : {}),
    ...(filter.id ? { id: filter.id } : {}),
  };
  const data = await (await client.listDisasterRecover({ query }, { signal: options.signal }));
  return (data?.disaster_recovery ?? []).map(listItem);
}

function listItem(t: DisasterRecovery): DwsTaskListItem {
  return { taskId: t.id, name: t.name, status: t.status, drType: t.dr_type, primaryClusterId: t.primary_cluster_id, standbyClusterId: t.standby_cluster_id };
}

function cluster(c: DisasterRecoveryCluster | undefined): DwsClusterSnapshot | undefined {
  if (!c) return undefined;
  return {
    id: c.id,
    name: c.name,
    role: c.role,
    status: c.status,
    region: c.region,
    availabilityZone: c.cluster_az,
    lastSuccessTime: c.last_success_time,
    progress: c.progress,
  };
}
