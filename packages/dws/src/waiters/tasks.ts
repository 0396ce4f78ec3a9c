// Waiting for DWS DR tasks: DR calls return only the task id, completion is read from its status.
import { poll, pollOrThrow, type PollOptions, type PollResult } from '@hcdr/core';
import type { ClientMethods } from '../generated/methods.js';
import { operations, type OperationId } from '../generated/operations.js';
import type { DisasterRecoveryQueryResp } from '../generated/types.js';
import { createTaskAcceptor, TASK_WAIT_DEFAULTS, type GoneWhen, type TaskBeforeRule } from './task-acceptor.js';

/** What waiting for a task needs of a client (a `DwsClient` fits). */
export type TaskClient = Pick<ClientMethods, 'showDisasterDetail'>;

export interface WaitForTaskOptions
  extends Omit<PollOptions<DisasterRecoveryQueryResp | undefined>, 'fetchState' | 'classify' | 'classifyError'> {
  /** Statuses that end the wait successfully, e.g. `['running']`; `['deleted']` waits for deletion. */
  targets: readonly string[];
  /** Statuses that end the wait with a failure (default: create_failed, start_failed, stop_failed, abnormal). */
  failures?: readonly string[] | undefined;
  /** Answers meaning "gone, and that is success" (default: the spec's gone-when rule when `targets` has `deleted`). */
  goneWhen?: GoneWhen | null | undefined;
  /**
   * The task as read just before the call this wait follows: that state is ignored until the task
   * has left it (the call may not show at once). `{ firstIn }`: the first observation, when its status
   * is one the call starts from (`OPERATION_START_STATUSES`). Default: none — the wait judges the
   * statuses as they are.
   */
  before?: TaskBeforeRule | undefined;
  /** The call swaps the clusters (switchover, failover): done only once the primary is another than `before`'s. */
  swap?: boolean | undefined;
  /**
   * A settled status that is neither a target nor a failure (a task `unstart` when waiting for
   * `running`): `'fail'` (default) ends the wait at once — its reason names the call that would move
   * the task (`nextTaskOperation`) —, `'wait'` keeps waiting for someone else to make that call.
   */
  whenStuck?: 'fail' | 'wait' | undefined;
}

export function taskPollOptions(client: TaskClient, taskId: string, options: WaitForTaskOptions): PollOptions<DisasterRecoveryQueryResp | undefined> {
  const { targets, failures, goneWhen, before, swap, whenStuck, ...pollOptions } = options;
  const acceptor = createTaskAcceptor({ targets, failures, goneWhen, before, swap, whenStuck });
  return {
    ...TASK_WAIT_DEFAULTS,
    ...pollOptions,
    fetchState: async ({ signal }) => (await client.showDisasterDetail({ disaster_recovery_id: taskId }, { signal })).disaster_recovery,
    classify: acceptor.classify,
    classifyError: acceptor.classifyError,
  };
}

/**
 * Polls the task until its status is one of `targets`, a failure status, the wait times out or
 * the signal aborts; the first check is immediate. A task resting in a status no target follows
 * from without another call fails the wait at once (`whenStuck`). Unknown statuses are tolerated
 * (the status enum is open). Never throws for those outcomes: returns `{ state, ... }`. Resumable
 * from the task id alone.
 */
export function waitForTask(client: TaskClient, taskId: string, options: WaitForTaskOptions): Promise<PollResult<DisasterRecoveryQueryResp | undefined>> {
  return poll(taskPollOptions(client, taskId, options));
}

/** Like waitForTask, but resolves to the task (undefined once it is gone) and throws HuaweiCloudWaiterError otherwise. */
export function waitUntilTaskStatus(client: TaskClient, taskId: string, options: WaitForTaskOptions): Promise<DisasterRecoveryQueryResp | undefined> {
  return pollOrThrow({ ...taskPollOptions(client, taskId, options), description: `DWS DR task ${taskId}` });
}

/** The operations whose end is read from the task status (`x-hcdr-target-status`). */
export type TaskStatusOperationId = {
  [K in OperationId]: (typeof operations)[K]['waitStatuses'] extends null ? never : K;
}[OperationId];

/** The statuses that end an operation, as the spec documents them. */
export interface WaitStatuses {
  /** Statuses that mean the operation succeeded (`x-hcdr-target-status`). */
  targets: readonly string[];
  /** Statuses that mean it failed (`x-hcdr-failure-status`). */
  failures: readonly string[];
  /** True when the documentation names no final status and `targets` are the settled ones (`x-hcdr-target-status-unverified`). */
  unverified: boolean;
}

/**
 * The statuses the spec documents as the end of an operation, e.g.
 * `waitStatusesFor('startDisasterRecovery')` → `{ targets: ['running'], failures: ['start_failed', 'abnormal'], unverified: false }`.
 * Defined for every operation that changes a task; undefined for the others.
 */
export function waitStatusesFor(operationId: TaskStatusOperationId): WaitStatuses;
export function waitStatusesFor(operationId: OperationId): WaitStatuses | undefined;
export function waitStatusesFor(operationId: OperationId): WaitStatuses | undefined {
  const statuses = operations[operationId].waitStatuses;
  return statuses ? { targets: statuses.target, failures: statuses.failure, unverified: statuses.unverified } : undefined;
}
