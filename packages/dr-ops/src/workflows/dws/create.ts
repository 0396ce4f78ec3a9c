// Creates a DWS DR task and starts it: create (→ unstart), then start (→ running). DWS names tasks
// uniquely and lists them by cluster, so an interrupted run is always identifiable from the API:
// a re-run finds the task by name between the same clusters and continues from its status.
import { isHuaweiCloudApiError } from '@hcdr/core';
import { waitStatusesFor } from '@hcdr/dws';
import type { DwsDrClient } from '../../inspect/clients.js';
import { listDwsTasks, type DwsTaskListItem } from '../../inspect/dws.js';
import { rules } from '../../rules/index.js';
import { InputCheck } from '../../rules/problems.js';
import type { OperationKey } from '../../journal/types.js';
import type { OperationResult } from '../events.js';
import { runOperation, type OperationOptions, type OperationRun } from '../run.js';
import { waitForDwsTask } from '../wait.js';

export interface CreateDwsTaskOptions extends OperationOptions {
  /** A DWS client for the region the task is created in (the primary cluster's). */
  client: DwsDrClient;
  /** Task name: 4-64 letters, digits, `-`, `_`, starting with a letter; unique. */
  name: string;
  primaryClusterId: string;
  standbyClusterId: string;
  /** 1-3000 followed by m, H or d, e.g. `20m`. */
  syncPeriod: string;
  /** az (default) or region. */
  drType?: 'az' | 'region' | undefined;
  primaryObsBucket?: string | undefined;
  standbyObsBucket?: string | undefined;
  /** Cross-region fields (SDK-only, UNVERIFIED in the docs). */
  primaryClusterRegion?: string | undefined;
  standbyClusterRegion?: string | undefined;
  primaryClusterProjectId?: string | undefined;
  standbyClusterProjectId?: string | undefined;
  /** false: stop once the task exists (unstart). Default true: start it and wait for running. */
  start?: boolean | undefined;
}

export interface DwsTaskResult extends OperationResult {
  taskId?: string | undefined;
  /** The task's status at the end (`deleted` once gone). */
  status?: string | undefined;
  primaryClusterId?: string | undefined;
  standbyClusterId?: string | undefined;
}

export const dwsLockResource = (id: string) => `dws:${id}`;

export function createDwsKey(primaryClusterId: string, standbyClusterId: string): OperationKey {
  return { kind: 'dws.create', targets: [primaryClusterId, standbyClusterId] };
}

export function checkCreateDwsOptions(o: CreateDwsTaskOptions): void {
  const check = new InputCheck();
  if (!o.client) check.fail('client', 'is required (a DWS client for the primary cluster’s region)');
  check.value('name', o.name, [rules.dwsName]);
  check.value('primaryClusterId', o.primaryClusterId, [rules.id]);
  check.value('standbyClusterId', o.standbyClusterId, [rules.id]);
  if (o.primaryClusterId && o.primaryClusterId === o.standbyClusterId) check.fail('standbyClusterId', 'must be a different cluster than the primary');
  check.value('syncPeriod', o.syncPeriod, [rules.drSyncPeriod]);
  check.value('drType', o.drType, [rules.dwsDrType], { optional: true });
  for (const f of ['primaryObsBucket', 'standbyObsBucket'] as const) check.value(f, o[f], [rules.nonEmpty, rules.noControlCharacters], { optional: true });
  for (const f of ['primaryClusterRegion', 'standbyClusterRegion'] as const) check.value(f, o[f], [rules.regionCode], { optional: true });
  for (const f of ['primaryClusterProjectId', 'standbyClusterProjectId'] as const) check.value(f, o[f], [rules.id], { optional: true });
  check.throwIfAny();
}

/** Creates the task (unless it exists) and starts it (unless `start: false`), ending when it runs. */
export async function createDwsTask(options: CreateDwsTaskOptions): Promise<DwsTaskResult> {
  checkCreateDwsOptions(options);
  const o = options;
  const start = o.start !== false;
  return runOperation(
    {
      key: createDwsKey(o.primaryClusterId, o.standbyClusterId),
      resources: [dwsLockResource(o.primaryClusterId), dwsLockResource(o.standbyClusterId)],
      params: { name: o.name, primaryClusterId: o.primaryClusterId, standbyClusterId: o.standbyClusterId, syncPeriod: o.syncPeriod, drType: o.drType ?? 'az', start },
    },
    options,
    async (run) => {
      const client = o.client;
      const statuses = (op: 'createDisasterRecovery' | 'startDisasterRecovery' | 'pauseDisasterRecovery') => waitStatusesFor(op)!;
      for (let round = 0; round < 12; round++) {
        run.checkAborted();
        const tasks = await listDwsTasks(client, {}, { signal: run.signal });
        const mine = tasks.find((t) => t.name === o.name);
        if (mine && !sameClusters(mine, o)) {
          throw run.error('refused', `The name "${o.name}" is used by task ${mine.taskId} between ${mine.primaryClusterId} and ${mine.standbyClusterId}.`, { advice: ['Choose another name.'] });
        }
        const clash = tasks.find((t) => t !== mine && [t.primaryClusterId, t.standbyClusterId].some((c) => c === o.primaryClusterId || c === o.standbyClusterId));
        if (clash) {
          throw run.error('refused', `A cluster already belongs to DR task ${clash.taskId} ("${clash.name ?? ''}", ${clash.status}); a cluster can be in one task only.`, {
            advice: [`Delete that task first (hcdr dws dr delete ${clash.taskId}), or pick other clusters.`],
          });
        }
        if (!mine) {
          const sentBefore = run.sent;
          const data = await absorbLateArrival(run, sentBefore, () => run.mutate(
            { step: 'create', call: 'createDisasterRecovery', target: o.name, description: `Create DR task "${o.name}" (${o.primaryClusterId} → ${o.standbyClusterId}, every ${o.syncPeriod})` },
            (signal) => client.createDisasterRecovery({ body: { disaster_recovery: createBody(o) } }, { signal }),
            (d) => ({ taskId: d?.disaster_recovery?.id }),
          ), async () => (await listDwsTasks(client, {}, { signal: run.signal })).some((t) => t.name === o.name));
          const taskId = data?.value?.disaster_recovery?.id;
          if (taskId && run.wait === false && !start) return finish(run, 'accepted', { taskId, primaryClusterId: o.primaryClusterId, standbyClusterId: o.standbyClusterId }, 'creating', 'The creation was accepted.');
          if (taskId) await waitForDwsTask(run, { step: 'wait-create', client, taskId, ...statuses('createDisasterRecovery'), what: `the creation of "${o.name}"` });
          continue;
        }
        const done = (status: string) => finish(run, round === 0 && run.sent === 0 ? 'already-done' : 'completed', mine, status, `Task "${o.name}" is ${status}.`);
        if (round === 0 && run.sent === 0 && !['running'].includes(mine.status) && !(mine.status === 'unstart' && !start)) {
          await run.note(`Task "${o.name}" (${mine.taskId}) exists in status ${mine.status}; continuing from there.`, { task_id: mine.taskId });
        }
        switch (mine.status) {
          case 'running':
            if (round === 0 && run.sent === 0) await run.note(`Nothing to do: task "${o.name}" (${mine.taskId}) is running.`);
            return done('running');
          case 'creating':
            await waitForDwsTask(run, { step: 'wait-create', client, taskId: mine.taskId, ...statuses('createDisasterRecovery'), what: `the creation of "${o.name}"` });
            continue;
          case 'unstart':
          case 'stopped':
          case 'start_failed':
            if (!start && mine.status === 'unstart') return done('unstart');
            await absorbLateArrival(run, run.sent, () => run.mutate(
              { step: 'start', call: 'startDisasterRecovery', target: mine.taskId, description: `Start DR task "${o.name}" (${mine.taskId})` },
              (signal) => client.startDisasterRecovery({ disaster_recovery_id: mine.taskId }, { signal }),
              () => ({ taskId: mine.taskId }),
            ), async () => (await listDwsTasks(client, { id: mine.taskId }, { signal: run.signal }))[0]?.status !== mine.status);
            if (run.wait === false) return finish(run, 'accepted', mine, 'starting', 'The start was accepted.');
            // A restart after start_failed starts in a failure status of the start: not its end.
            await waitForDwsTask(run, { step: 'wait-start', client, taskId: mine.taskId, ...statuses('startDisasterRecovery'), what: `the start of "${o.name}"`, before: { status: mine.status } });
            continue;
          case 'starting':
          case 'switchovering':
            if (run.wait === false && run.sent > 0) return finish(run, 'accepted', mine, mine.status, 'The start was accepted.');
            await waitForDwsTask(run, { step: 'wait-start', client, taskId: mine.taskId, ...statuses('startDisasterRecovery'), what: `task "${o.name}"` });
            continue;
          case 'stopping':
            await waitForDwsTask(run, { step: 'wait-stop', client, taskId: mine.taskId, ...statuses('pauseDisasterRecovery'), what: `task "${o.name}"` });
            continue;
          case 'create_failed':
            throw run.error('failed', `Task "${o.name}" (${mine.taskId}) failed to create (create_failed).`, {
              advice: [`Delete it (hcdr dws dr delete ${mine.taskId}), fix the cause, then run the same command again.`],
            });
          default:
            throw run.error('refused', `Task "${o.name}" (${mine.taskId}) is ${mine.status}; it cannot be started from there.`);
        }
      }
      throw run.error('failed', 'The task did not settle after 12 rounds.');
    },
  );
}

/**
 * A refused call is explained when `moved()` shows the state changed since it was read (a request
 * of an interrupted run arrived late): noted, and undefined returned so the loop reads again.
 */
export async function absorbLateArrival<T>(run: OperationRun, sentBefore: number, send: () => Promise<T>, moved: () => Promise<boolean>): Promise<{ value: T } | undefined> {
  try {
    return { value: await send() };
  } catch (error) {
    if (!isHuaweiCloudApiError(error) || run.sent !== sentBefore || !(await moved())) throw error;
    await run.note(`The API refused a call (${error.code ?? error.status}), and the task changed since it was read (a request of an interrupted run arrived late); deciding again from the live state.`);
    return undefined;
  }
}

function sameClusters(t: DwsTaskListItem, o: CreateDwsTaskOptions): boolean {
  const want = [o.primaryClusterId, o.standbyClusterId].sort().join();
  return [t.primaryClusterId, t.standbyClusterId].sort().join() === want;
}

function createBody(o: CreateDwsTaskOptions) {
  const optional = {
    primary_obs_bucket: o.primaryObsBucket,
    standby_obs_bucket: o.standbyObsBucket,
    primary_cluster_region: o.primaryClusterRegion,
    standby_cluster_region: o.standbyClusterRegion,
    primary_cluster_project_id: o.primaryClusterProjectId,
    standby_cluster_project_id: o.standbyClusterProjectId,
  };
  return {
    name: o.name,
    dr_type: o.drType ?? 'az',
    primary_cluster_id: o.primaryClusterId,
    standby_cluster_id: o.standbyClusterId,
    dr_sync_period: o.syncPeriod,
    ...Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined)),
  };
}

export async function finish(run: OperationRun, outcome: OperationResult['outcome'], task: { taskId: string; primaryClusterId?: string | undefined; standbyClusterId?: string | undefined }, status: string, message: string): Promise<DwsTaskResult> {
  const r = await run.finish(outcome, message);
  return { ...r, taskId: task.taskId, status, primaryClusterId: task.primaryClusterId, standbyClusterId: task.standbyClusterId };
}
