// Reads what readiness and drills need to know about a DWS DR task: its status, both clusters
// (role, status, last successful sync) and the progress call's RPO/RTO. Reads only.
import type { DwsClient } from '@hcdr/dws';
import { attempt, isReadFailure, type ReadFailure } from './read-errors.js';

export type DwsClientLike = DwsClient;

export interface DwsClusterFacts {
  id: string | null;
  name: string | null;
  region: string | null;
  status: string | null;
  lastSuccessTime: string | null;
}

export interface DwsTaskRead {
  taskId: string;
  failure?: ReadFailure | undefined;
  name?: string | null;
  status?: string | null;
  drType?: string | null;
  syncPeriod?: string | null;
  primary?: DwsClusterFacts;
  standby?: DwsClusterFacts;
}

export interface DwsProgressRead {
  /** recovery_point_object: seconds since the last successful sync, as the API computes it. */
  rpoSeconds: number | null;
  rtoSeconds: number | null;
  latestBarrierTime: string | null;
}

function cluster(c: { id?: string; name?: string; region?: string; status?: string; last_success_time?: string } | undefined): DwsClusterFacts {
  return { id: c?.id ?? null, name: c?.name ?? null, region: c?.region ?? null, status: c?.status ?? null, lastSuccessTime: c?.last_success_time || null };
}

export async function readDwsTask(client: DwsClientLike, taskId: string, signal?: AbortSignal): Promise<DwsTaskRead> {
  const read = await attempt(() => client.showDisasterDetail({ disaster_recovery_id: taskId }, { signal }));
  if (!read.ok) return { taskId, failure: read.failure };
  const t = read.value.disaster_recovery;
  return {
    taskId,
    name: t.name ?? null,
    status: t.status ?? null,
    drType: t.dr_type ?? null,
    syncPeriod: t.dr_sync_period ?? null,
    primary: cluster(t.primary_cluster),
    standby: cluster(t.standby_cluster),
  };
}

export async function readDwsProgress(client: DwsClientLike, taskId: string, signal?: AbortSignal): Promise<DwsProgressRead | ReadFailure> {
  const read = await attempt(() => client.showDisasterProgress({ disaster_recovery_id: taskId }, { signal }));
  if (!read.ok) return read.failure;
  const p = read.value.disaster_recovery_progress;
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
  return { rpoSeconds: num(p.recovery_point_object), rtoSeconds: num(p.recovery_time_object), latestBarrierTime: p.latest_barrier_time || null };
}

/**
 * Seconds since the last successful sync: the progress call's RPO when it has one, else the newest
 * `last_success_time` against `now` (the clocks may differ; the report says which was used).
 */
export function dwsLagSeconds(task: DwsTaskRead, progress: DwsProgressRead | ReadFailure | undefined, now: number): { seconds: number | null; source: string } {
  if (progress && !isReadFailure(progress) && progress.rpoSeconds !== null && progress.latestBarrierTime) {
    return { seconds: progress.rpoSeconds, source: 'showDisasterProgress recovery_point_object' };
  }
  const times = [task.primary?.lastSuccessTime, task.standby?.lastSuccessTime].map((t) => (t ? Date.parse(t) : Number.NaN)).filter((t) => Number.isFinite(t));
  if (times.length === 0) return { seconds: null, source: 'no successful sync reported' };
  return { seconds: Math.max(0, Math.round((now - Math.max(...times)) / 1000)), source: 'now − last_success_time' };
}
