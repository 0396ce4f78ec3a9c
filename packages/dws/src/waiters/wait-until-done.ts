// What the generated per-operation waiters (src/generated/waiters.ts) run for DWS: every asynchronous
// operation (`x-hcdr-async: task-status` in the spec) is done when the DR task reaches one of the
// operation's target statuses, or, for a delete, once the task is gone (`x-hcdr-gone-when`). The
// operation table's async metadata (`async`, `waitStatuses`, `goneWhen`) drives it at run time.
import { HuaweiCloudValidationError, poll, pollOrThrow, type PollOptions, type PollResult } from '@hcdr/core';
import { operations } from '../generated/operations.js';
import type { DisasterRecoveryQueryResp } from '../generated/types.js';
import { OPERATION_START_STATUSES, type TaskBefore } from './task-acceptor.js';
import { type TaskClient, taskPollOptions } from './tasks.js';

/** The operations whose end is read from the task status (`x-hcdr-async: task-status`). */
export type AsyncOperationId = { [K in keyof typeof operations]: (typeof operations)[K]['async'] extends 'task-status' ? K : never }[keyof typeof operations];

/** What a generated waiter needs of a client (a `DwsClient` fits). */
export type WaitClient = TaskClient;

/**
 * What names the task: `{ disaster_recovery_id }` (the operation's input) for an operation on an
 * existing task, the operation's response (`{ disaster_recovery: { id } }`) for the one that creates it.
 */
export type WaitRef<Id extends AsyncOperationId> = 'disaster_recovery_id' extends (typeof operations)[Id]['pathParams'][number]
  ? { readonly disaster_recovery_id: string }
  : { readonly disaster_recovery: { readonly id: string } };

/** Timing, `signal` and `onProgress` (the statuses come from the spec). */
export type WaitOptions = Omit<PollOptions<DisasterRecoveryQueryResp | undefined>, 'fetchState' | 'classify' | 'classifyError'> & {
  /**
   * The task as read just before the call (`status`, `primaryClusterId`), when the caller has it:
   * that state is ignored until the task has left it, and a switchover or failover is done only once
   * another cluster is primary. Without it, a first observation in a status the call starts from
   * (`OPERATION_START_STATUSES`) stands for it — so a switchover that ended before the first check
   * (never in the cloud: it takes minutes) would not be seen to end; give `before` for a fast stand-in.
   */
  before?: TaskBefore | undefined;
};

/**
 * Operations that start from a settled status their own targets or failures may include: without a
 * `before`, a first observation in one of their start statuses is taken as the state before the call.
 */
const LEAVE_FIRST: Partial<Record<AsyncOperationId, readonly string[]>> = {
  startDisasterRecovery: OPERATION_START_STATUSES.startDisasterRecovery,
  pauseDisasterRecovery: OPERATION_START_STATUSES.pauseDisasterRecovery,
  switchoverDisasterRecovery: OPERATION_START_STATUSES.switchoverDisasterRecovery,
  switchFailoverDisaster: OPERATION_START_STATUSES.switchFailoverDisaster,
  restoreDisaster: OPERATION_START_STATUSES.restoreDisaster,
};
/** "Afterwards primary_cluster and standby_cluster are swapped" (the spec's switchover; failover promotes the standby). */
const SWAPS: ReadonlySet<AsyncOperationId> = new Set(['switchoverDisasterRecovery', 'switchFailoverDisaster']);

/** What a generated waiter resolves to: the task in its final status (undefined once a deleted task is gone). */
export type WaitResult<Id extends AsyncOperationId> = (typeof operations)[Id]['goneWhen'] extends null ? DisasterRecoveryQueryResp : DisasterRecoveryQueryResp | undefined;

function taskIdOf(ref: unknown): unknown {
  if (typeof ref !== 'object' || ref === null) return undefined;
  if ('disaster_recovery_id' in ref) return ref.disaster_recovery_id;
  const task = 'disaster_recovery' in ref ? ref.disaster_recovery : undefined;
  return typeof task === 'object' && task !== null && 'id' in task ? task.id : undefined;
}

function operationPollOptions(client: WaitClient, operationId: AsyncOperationId, taskId: string, options: WaitOptions, waiter: string) {
  const row: (typeof operations)[AsyncOperationId] = operations[operationId];
  if (row.async !== 'task-status' || !row.waitStatuses) throw new TypeError(`${waiter}: ${operationId} is not followed by its task status`);
  const { before, ...timing } = options;
  const { target, failure } = row.waitStatuses;
  return taskPollOptions(client, taskId, {
    ...timing,
    targets: target,
    failures: failure,
    goneWhen: row.goneWhen,
    before: before ?? (LEAVE_FIRST[operationId] ? { firstIn: LEAVE_FIRST[operationId] } : undefined),
    swap: SWAPS.has(operationId),
  });
}

export async function waitUntilDone<Id extends AsyncOperationId>(client: WaitClient, operationId: Id, ref: WaitRef<Id>, options: WaitOptions = {}): Promise<WaitResult<Id>> {
  const row: (typeof operations)[AsyncOperationId] = operations[operationId];
  const waiter = `waitUntil${operationId.charAt(0).toUpperCase()}${operationId.slice(1)}Done`;
  const taskId = taskIdOf(ref);
  if (typeof taskId !== 'string' || taskId.trim() === '') {
    const field = row.pathParams.includes('disaster_recovery_id' as never) ? 'disaster_recovery_id' : 'disaster_recovery.id';
    throw new HuaweiCloudValidationError({ operation: waiter, field, rule: 'is required: it names the DR task to wait for' });
  }
  const task = await pollOrThrow({ ...operationPollOptions(client, operationId, taskId, options, waiter), description: `DWS DR task ${taskId} (${operationId})` });
  return task as WaitResult<Id>;
}

/**
 * What a generated waiter does, without throwing: waits for the end of `operationId` on a task
 * (statuses from the spec, the call's before-state ignored, the clusters swapped for a switchover or
 * failover) and returns `{ state: 'succeeded' | 'failed' | 'timeout' | 'aborted', ... }`.
 */
export function waitForTaskOperation(client: WaitClient, operationId: AsyncOperationId, taskId: string, options: WaitOptions = {}): Promise<PollResult<DisasterRecoveryQueryResp | undefined>> {
  return poll(operationPollOptions(client, operationId, taskId, options, 'waitForTaskOperation'));
}
