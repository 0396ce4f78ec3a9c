// How a DWS DR task is judged while waiting: its status against the operation's target and failure statuses.
import { isHuaweiCloudApiError, POLL_DEFAULTS, type PollClassification } from '@hcdr/core';

/** DWS DR operations are slow (a terraform acceptance run took ~50 min), hence a longer limit. */
export const TASK_WAIT_DEFAULTS = Object.freeze({ ...POLL_DEFAULTS, maxWaitMs: 60 * 60_000 });

/** Statuses that mean a DR task operation failed (huawei-dr-api.md §B.4). */
export const TASK_FAILURE_STATUSES: readonly string[] = Object.freeze(['create_failed', 'start_failed', 'stop_failed', 'abnormal']);

/** DWS answers HTTP 400 with this code for a DR task that does not exist. */
export const TASK_NOT_FOUND_CODE = 'DWS.10101';

export interface TaskLike {
  status?: string | null | undefined;
}

export interface TaskAcceptorOptions {
  /** Statuses that end the wait successfully, e.g. `['running']`, `['stopped']`, `['deleted']`. */
  targets: readonly string[];
  /** Statuses that end it with a failure (default TASK_FAILURE_STATUSES). Targets take precedence. */
  failures?: readonly string[] | undefined;
}

export interface TaskAcceptor {
  classify: (task: TaskLike | null | undefined) => PollClassification;
  /** Turns "not found" (HTTP 404 or DWS.10101) into success when waiting for `deleted`. */
  classifyError: (error: unknown) => PollClassification | 'throw';
}

function isNotFound(error: unknown): boolean {
  return isHuaweiCloudApiError(error) && (error.status === 404 || error.code === TASK_NOT_FOUND_CODE);
}

/**
 * Acceptor for a DWS DR task (GET /v2/{project_id}/disaster-recovery/{id} → disaster_recovery.status).
 * Unknown statuses (the enum is open: `stopped` is undocumented) are tolerated as pending.
 */
export function createTaskAcceptor(options: TaskAcceptorOptions): TaskAcceptor {
  const targets = new Set(options.targets);
  const failures = new Set(options.failures ?? TASK_FAILURE_STATUSES);
  const waitingForDeletion = targets.has('deleted');
  return {
    classify(task) {
      const status = task?.status ?? '';
      if (status !== '' && targets.has(status)) return { status: 'success', label: status };
      if (failures.has(status)) return { status: 'failure', label: status, reason: `DR task entered status "${status}"` };
      if (status === 'deleted') return { status: 'failure', label: status, reason: 'DR task was deleted' };
      return { status: 'pending', label: status === '' ? 'unknown' : status };
    },
    classifyError(error) {
      if (!isNotFound(error)) return 'throw';
      return waitingForDeletion
        ? { status: 'success', label: 'deleted' }
        : { status: 'failure', label: 'not_found', reason: 'DR task not found' };
    },
  };
}
