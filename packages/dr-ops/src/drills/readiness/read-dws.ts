// What readiness and drills read about a DWS DR task, through @hcdr/dr-ops inspect (the task with
// both clusters, and the progress call's RPO/RTO). A failed read becomes a value.
import type { DwsClient } from '@hcdr/dws';
import { inspectDwsTask, type DwsTaskSnapshot } from '../../inspect/dws.js';
import { attempt, type ReadFailure } from './read-errors.js';

export type DwsClientLike = DwsClient;

export interface DwsTaskRead {
  taskId: string;
  failure?: ReadFailure | undefined;
  /** The task read (found or not); undefined when the read failed. */
  snapshot?: DwsTaskSnapshot | undefined;
}

export async function readDwsTask(client: DwsClientLike, taskId: string, signal?: AbortSignal, options: { progress?: boolean } = {}): Promise<DwsTaskRead> {
  const read = await attempt(() => inspectDwsTask(client, taskId, { signal, progress: options.progress === true }));
  if (!read.ok) return { taskId, failure: read.failure };
  return { taskId, snapshot: read.value };
}

/**
 * Seconds since the last successful sync: the progress call's RPO when it reports a barrier, else
 * the newest `last_success_time` against `now` (the clocks may differ; the source says which).
 */
export function dwsLagSeconds(task: DwsTaskSnapshot, now: number): { seconds: number | null; source: string } {
  const p = task.progress;
  if (p?.latestBarrierTime && typeof p.rpoSeconds === 'number') return { seconds: p.rpoSeconds, source: 'showDisasterProgress recovery_point_object' };
  const times = [task.primary?.lastSuccessTime, task.standby?.lastSuccessTime].map((t) => (t ? Date.parse(t) : Number.NaN)).filter((t) => Number.isFinite(t));
  if (times.length === 0) return { seconds: null, source: 'no successful sync reported' };
  return { seconds: Math.max(0, Math.round((now - Math.max(...times)) / 1000)), source: 'now − last_success_time' };
}
