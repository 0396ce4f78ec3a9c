// DWS DR task lifecycle operations after creation: switchover, failover, recovery, pause, delete.
// Each reads the task, acts only if its status needs it, and waits for the status the spec names
// as the operation's end. Switchover and failover are goal-directed (which cluster ends up
// primary): the goal is given, or read before the first call and journaled, so running the same
// command again after it finished says so instead of switching back.
import { OPERATION_START_STATUSES, waitStatusesFor, type OperationId } from '@hcdr/dws';
import type { DwsDrClient } from '../../inspect/clients.js';
import { inspectDwsTask, type DwsTaskSnapshot } from '../../inspect/dws.js';
import { rules } from '../../rules/index.js';
import { InputCheck } from '../../rules/problems.js';
import type { OperationKey } from '../../journal/types.js';
import { runOperation, type OperationOptions, type OperationRun } from '../run.js';
import { waitForDwsTask } from '../wait.js';
import { absorbLateArrival, dwsLockResource, finish, type DwsTaskResult } from './create.js';

export type DwsTaskOperation = 'switchover' | 'failover' | 'recovery' | 'pause' | 'delete';

export interface DwsTaskOptions extends OperationOptions {
  client: DwsDrClient;
  taskId: string;
}

export interface DwsRoleChangeOptions extends DwsTaskOptions {
  /** The cluster that must be primary at the end (default: the current standby, journaled). */
  newPrimaryClusterId?: string | undefined;
}

export interface DwsDeleteOptions extends DwsTaskOptions {
  /** Pause a running task first (deletion is refused while running). Default false. */
  pauseFirst?: boolean | undefined;
  /** Cross-region: also send the deletion to the other cluster (undocumented integer). */
  needSendRequest?: number | undefined;
}

const OPERATION_ID: Record<DwsTaskOperation, OperationId> = {
  switchover: 'switchoverDisasterRecovery',
  failover: 'switchFailoverDisaster',
  recovery: 'restoreDisaster',
  pause: 'pauseDisasterRecovery',
  delete: 'deleteDisasterRecovery',
};

/** Statuses each operation is accepted in (@hcdr/dws's table: the docs and the simulator agree). */
const ACCEPTED_IN: Record<DwsTaskOperation, readonly string[]> = {
  switchover: OPERATION_START_STATUSES.switchoverDisasterRecovery,
  failover: OPERATION_START_STATUSES.switchFailoverDisaster,
  recovery: OPERATION_START_STATUSES.restoreDisaster,
  pause: OPERATION_START_STATUSES.pauseDisasterRecovery,
  delete: OPERATION_START_STATUSES.deleteDisasterRecovery,
};

/** Statuses in which something is still changing: wait, then decide. */
const CHANGING = ['creating', 'starting', 'stopping', 'switchovering', 'deleting'];

export function dwsTaskKey(operation: DwsTaskOperation, taskId: string, goal?: string): OperationKey {
  return { kind: `dws.${operation}` as OperationKey['kind'], targets: goal ? [taskId, goal] : [taskId] };
}

export const switchoverDwsTask = (o: DwsRoleChangeOptions) => operate('switchover', o);
export const failoverDwsTask = (o: DwsRoleChangeOptions) => operate('failover', o);
export const recoverDwsTask = (o: DwsTaskOptions) => operate('recovery', o);
export const pauseDwsTask = (o: DwsTaskOptions) => operate('pause', o);
export const deleteDwsTask = (o: DwsDeleteOptions) => operate('delete', o);

async function operate(op: DwsTaskOperation, o: DwsRoleChangeOptions & DwsDeleteOptions): Promise<DwsTaskResult> {
  const check = new InputCheck();
  if (!o.client) check.fail('client', 'is required');
  check.value('taskId', o.taskId, [rules.id]);
  check.value('newPrimaryClusterId', o.newPrimaryClusterId, [rules.id], { optional: true });
  if (o.needSendRequest !== undefined && (!Number.isSafeInteger(o.needSendRequest) || o.needSendRequest < 0)) check.fail('needSendRequest', 'must be a whole number ≥ 0');
  check.throwIfAny();
  return runOperation(
    {
      key: dwsTaskKey(op, o.taskId, o.newPrimaryClusterId),
      resources: [dwsLockResource(o.taskId)],
      params: { taskId: o.taskId, ...(o.newPrimaryClusterId ? { newPrimaryClusterId: o.newPrimaryClusterId } : {}), ...(op === 'delete' ? { pauseFirst: o.pauseFirst === true } : {}) },
    },
    o,
    (run) => converge(run, op, o),
  );
}

async function converge(run: OperationRun, op: DwsTaskOperation, o: DwsRoleChangeOptions & DwsDeleteOptions): Promise<DwsTaskResult> {
  const { client, taskId } = o;
  const ends = waitStatusesFor(OPERATION_ID[op])!;
  const roleChange = op === 'switchover' || op === 'failover';
  let goal = o.newPrimaryClusterId;

  for (let round = 0; round < 12; round++) {
    run.checkAborted();
    const task = await inspectDwsTask(client, taskId, { signal: run.signal });
    const first = round === 0 && run.sent === 0;
    if (!task.found) {
      if (op === 'delete') {
        if (first) await run.note(`Nothing to do: task ${taskId} does not exist (already deleted).`);
        return finish(run, first ? 'already-done' : 'completed', { taskId }, 'deleted', `Task ${taskId} is deleted.`);
      }
      throw run.error('refused', `DR task ${taskId} was not found.`);
    }
    const status = task.status ?? 'unknown';
    const clusters = { taskId, primaryClusterId: task.primary?.id, standbyClusterId: task.standby?.id };

    if (roleChange && goal === undefined) {
      goal = run.recall('goal');
      if (goal === undefined) {
        goal = task.standby?.id;
        if (!goal) throw run.error('refused', `Task ${taskId} reports no standby cluster.`);
        await run.remember('goal', goal, `Goal: cluster ${goal} (the current standby) becomes the primary of task ${taskId}.`);
      } else if (first) {
        run.reconcile(`Goal from the journal: cluster ${goal} becomes the primary (to switch back later, name the new primary explicitly).`);
      }
    }
    if (CHANGING.includes(status)) {
      if (run.wait === false && run.sent > 0) return finish(run, 'accepted', clusters, status, `Task ${taskId} is ${status}.`);
      if (first) run.reconcile(`Task ${taskId} is ${status} (an interrupted run, or another actor); waiting for it to settle.`);
      const settle = status === 'deleting' ? ['deleted'] : status === 'stopping' ? ['stopped', 'stop_failed'] : status === 'creating' ? ['unstart', 'create_failed'] : ['running', 'abnormal', 'start_failed', 'stopped', 'stop_failed'];
      await waitForDwsTask(run, { step: `wait-${op}`, client, taskId, targets: settle, failures: [], what: `task ${taskId}` });
      continue;
    }
    if (reached(op, task, goal)) {
      if (first) await run.note(`Nothing to do: task ${taskId} is ${status}${roleChange ? ` with ${goal} as primary` : ''}.`);
      return finish(run, first ? 'already-done' : 'completed', clusters, status, `Task ${taskId} is ${status}.`);
    }
    if (op === 'delete' && status === 'running') {
      if (!o.pauseFirst) throw run.error('refused', `Task ${taskId} is running; a running task cannot be deleted.`, { advice: ['Pause it first, or pass pauseFirst (hcdr dws dr delete --pause-first).'] });
      await call(run, client, 'pause', task);
      await waitForDwsTask(run, { step: 'wait-pause', client, taskId, ...waitStatusesFor('pauseDisasterRecovery')!, what: `the pause of task ${taskId}`, before: { status } });
      continue;
    }
    if (!ACCEPTED_IN[op].includes(status)) {
      throw run.error('refused', `Task ${taskId} is ${status}; ${op} is possible only in ${ACCEPTED_IN[op].join(', ')}.`);
    }
    const accepted = await call(run, client, op, task, o.needSendRequest);
    if (!accepted) continue;
    if (run.wait === false) return finish(run, 'accepted', clusters, status, `The ${op} of task ${taskId} was accepted.`);
    // The end of this call, not the state it started from: a switchover starts and ends in running,
    // a recovery starts in abnormal (one of its failure statuses); a role change ends with the clusters swapped.
    await waitForDwsTask(run, {
      step: `wait-${op}`,
      client,
      taskId,
      targets: ends.targets,
      failures: ends.failures,
      what: `the ${op} of task ${taskId}`,
      before: { status, primaryClusterId: task.primary?.id },
      swap: roleChange,
    });
  }
  throw run.error('failed', `Task ${taskId} did not settle after 12 rounds.`);
}

function reached(op: DwsTaskOperation, task: DwsTaskSnapshot, goal: string | undefined): boolean {
  switch (op) {
    case 'switchover':
      return task.primary?.id === goal && task.status === 'running';
    case 'failover':
      return task.primary?.id === goal;
    case 'recovery':
      return task.status === 'running';
    case 'pause':
      return task.status === 'stopped';
    case 'delete':
      return false;
  }
}

async function call(run: OperationRun, client: DwsDrClient, op: DwsTaskOperation, task: DwsTaskSnapshot, needSendRequest?: number): Promise<boolean> {
  const taskId = task.taskId;
  const description = {
    switchover: `Switch over task ${taskId}: ${task.standby?.id ?? 'the standby'} becomes primary`,
    failover: `Fail over task ${taskId}: promote ${task.standby?.id ?? 'the standby'} while the primary is unavailable`,
    recovery: `Recover task ${taskId}: re-pair the old primary as standby (its data is erased and synchronised again)`,
    pause: `Pause (stop) task ${taskId}`,
    delete: `Delete task ${taskId}`,
  }[op];
  const result = await absorbLateArrival(
    run,
    run.sent,
    () =>
      run.mutate({ step: op, call: OPERATION_ID[op], target: taskId, description }, async (signal) => {
        const input = { disaster_recovery_id: taskId };
        switch (op) {
          case 'switchover':
            return (await client.switchoverDisasterRecovery(input, { signal }));
          case 'failover':
            return (await client.switchFailoverDisaster(input, { signal }));
          case 'recovery':
            return (await client.restoreDisaster(input, { signal }));
          case 'pause':
            return (await client.pauseDisasterRecovery(input, { signal }));
          case 'delete':
            return (await client.deleteDisasterRecovery({ ...input, ...(needSendRequest !== undefined ? { query: { need_send_request: needSendRequest } } : {}) }, { signal }));
        }
      }, () => ({ taskId })),
    async () => {
      const now = await inspectDwsTask(client, taskId, { signal: run.signal });
      return !now.found || now.status !== task.status || now.primary?.id !== task.primary?.id;
    },
  );
  return result !== undefined;
}
