// Waiting for DWS DR tasks: DR calls return only the task id, completion is read from its status.
import {
  createDwsTaskAcceptor,
  DWS_TASK_WAIT_DEFAULTS,
  poll,
  pollOrThrow,
  toApiError,
  type PollOptions,
  type PollResult,
} from '@hcdr/core';
import type { DwsClient } from './client.js';
import { operations as operationTable, type OperationId } from './generated/operations.js';
import type { DisasterRecoveryQueryResp } from './generated/types.js';

export interface WaitForTaskOptions
  extends Omit<PollOptions<DisasterRecoveryQueryResp | undefined>, 'fetchState' | 'classify' | 'classifyError'> {
  /** Statuses that end the wait successfully, e.g. `['running']`; `['deleted']` waits for deletion. */
  targets: readonly string[];
  /** Statuses that end the wait with a failure (default: create_failed, start_failed, stop_failed, abnormal). */
  failures?: readonly string[];
}

function taskPollOptions(client: DwsClient, taskId: string, options: WaitForTaskOptions): PollOptions<DisasterRecoveryQueryResp | undefined> {
  const { targets, failures, ...pollOptions } = options;
  const acceptor = createDwsTaskAcceptor({ targets, failures });
  return {
    ...DWS_TASK_WAIT_DEFAULTS,
    ...pollOptions,
    fetchState: async ({ signal }) => {
      const { data, error, response } = await client.raw.GET('/v2/{project_id}/disaster-recovery/{disaster_recovery_id}', {
        params: { path: { project_id: client.config.projectId, disaster_recovery_id: taskId } },
        signal,
      });
      if (error !== undefined || !response.ok) throw toApiError(response, error, 'showDisasterDetail');
      return data?.disaster_recovery;
    },
    classify: acceptor.classify,
    classifyError: acceptor.classifyError,
  };
}

/**
 * Polls the task until its status is one of `targets`, a failure status, the wait times out or
 * the signal aborts. Unknown statuses are tolerated (the status enum is open). Never throws for
 * those outcomes: returns `{ state, ... }`. Resumable from the task id alone.
 */
export function waitForTask(client: DwsClient, taskId: string, options: WaitForTaskOptions): Promise<PollResult<DisasterRecoveryQueryResp | undefined>> {
  return poll(taskPollOptions(client, taskId, options));
}

/** Like waitForTask, but resolves to the task and throws HuaweiCloudWaiterError otherwise. */
export function waitUntilTaskStatus(client: DwsClient, taskId: string, options: WaitForTaskOptions): Promise<DisasterRecoveryQueryResp | undefined> {
  return pollOrThrow({ ...taskPollOptions(client, taskId, options), description: `DWS DR task ${taskId}` });
}

/**
 * The statuses the spec documents as the end of an operation (`x-hcdr-target-status`), e.g.
 * `waitStatusesFor('startDisasterRecovery')` → `{ target: ['running'], failure: [...] }`.
 */
export function waitStatusesFor(operationId: OperationId): { targets: readonly string[]; failures: readonly string[]; unverified: boolean } | undefined {
  const statuses = operationTable[operationId].waitStatuses;
  return statuses ? { targets: statuses.target, failures: statuses.failure, unverified: statuses.unverified } : undefined;
}
