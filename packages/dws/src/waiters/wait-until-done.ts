// What the generated per-operation waiters (src/generated/waiters.ts) run for DWS: every asynchronous
// operation (`x-hcdr-async: task-status` in the spec) is done when the DR task reaches one of the
// operation's target statuses, or, for a delete, once the task is gone (`x-hcdr-gone-when`). The
// operation table's async metadata (`async`, `waitStatuses`, `goneWhen`) drives it at run time.
import { HuaweiCloudValidationError, pollOrThrow, type PollOptions } from '@hcdr/core';
import { operations } from '../generated/operations.js';
import type { DisasterRecoveryQueryResp } from '../generated/types.js';
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
export type WaitOptions = Omit<PollOptions<DisasterRecoveryQueryResp | undefined>, 'fetchState' | 'classify' | 'classifyError'>;

/** What a generated waiter resolves to: the task in its final status (undefined once a deleted task is gone). */
export type WaitResult<Id extends AsyncOperationId> = (typeof operations)[Id]['goneWhen'] extends null ? DisasterRecoveryQueryResp : DisasterRecoveryQueryResp | undefined;

function taskIdOf(ref: unknown): unknown {
  if (typeof ref !== 'object' || ref === null) return undefined;
  if ('disaster_recovery_id' in ref) return ref.disaster_recovery_id;
  const task = 'disaster_recovery' in ref ? ref.disaster_recovery : undefined;
  return typeof task === 'object' && task !== null && 'id' in task ? task.id : undefined;
}

export async function waitUntilDone<Id extends AsyncOperationId>(client: WaitClient, operationId: Id, ref: WaitRef<Id>, options: WaitOptions = {}): Promise<WaitResult<Id>> {
  const row: (typeof operations)[AsyncOperationId] = operations[operationId];
  const waiter = `waitUntil${operationId.charAt(0).toUpperCase()}${operationId.slice(1)}Done`;
  if (row.async !== 'task-status' || !row.waitStatuses) throw new TypeError(`${waiter}: ${operationId} is not followed by its task status`);
  const taskId = taskIdOf(ref);
  if (typeof taskId !== 'string' || taskId.trim() === '') {
    const field = row.pathParams.includes('disaster_recovery_id' as never) ? 'disaster_recovery_id' : 'disaster_recovery.id';
    throw new HuaweiCloudValidationError({ operation: waiter, field, rule: 'is required: it names the DR task to wait for' });
  }
  const { target, failure } = row.waitStatuses;
  const task = await pollOrThrow({
    ...taskPollOptions(client, taskId, { ...options, targets: target, failures: failure, goneWhen: row.goneWhen }),
    description: `DWS DR task ${taskId} (${operationId})`,
  });
  return task as WaitResult<Id>;
}
