// How a DWS DR task is judged while waiting: its status against the operation's target and failure
// statuses, and an error that says the task is gone against the spec's `x-hcdr-gone-when`.
import { isHuaweiCloudApiError, POLL_DEFAULTS, type PollClassification } from '@hcdr/core';
import { operations } from '../generated/operations.js';

/** DWS DR operations are slow (a terraform acceptance run took ~50 min), hence a longer limit. */
export const TASK_WAIT_DEFAULTS = Object.freeze({ ...POLL_DEFAULTS, maxWaitMs: 60 * 60_000 });

/** Statuses that mean a DR task operation failed (huawei-dr-api.md §B.4). */
export const TASK_FAILURE_STATUSES: readonly string[] = Object.freeze(['create_failed', 'start_failed', 'stop_failed', 'abnormal']);

/** How an answer says the task is gone: HTTP statuses and error codes (the spec's `x-hcdr-gone-when`). */
export interface GoneWhen {
  readonly status: readonly number[];
  readonly errorCodes: readonly string[];
}

/**
 * "The task does not exist", as the spec declares it on the operation that deletes a task
 * (`deleteDisasterRecovery`: HTTP 404, or HTTP 400 with `DWS.10101`). Every gone-when of the table, merged.
 */
export const TASK_GONE: GoneWhen = Object.values(operations).reduce<GoneWhen>(
  (all, row) => (row.goneWhen ? { status: [...all.status, ...row.goneWhen.status], errorCodes: [...all.errorCodes, ...row.goneWhen.errorCodes] } : all),
  { status: [], errorCodes: [] },
);

export interface TaskLike {
  status?: string | null | undefined;
}

export interface TaskAcceptorOptions {
  /** Statuses that end the wait successfully, e.g. `['running']`, `['stopped']`, `['deleted']`. */
  targets: readonly string[];
  /** Statuses that end it with a failure (default TASK_FAILURE_STATUSES). Targets take precedence. */
  failures?: readonly string[] | undefined;
  /**
   * Answers meaning the task is gone and the wait succeeded (an operation's `goneWhen`). Default:
   * TASK_GONE when `targets` has `deleted`, else none (a task that disappears is then a failure).
   */
  goneWhen?: GoneWhen | null | undefined;
}

export interface TaskAcceptor {
  classify: (task: TaskLike | null | undefined) => PollClassification;
  /** Turns "gone" into success when the wait is for the task to go (goneWhen), else into a failure. */
  classifyError: (error: unknown) => PollClassification | 'throw';
}

function matches(rule: GoneWhen, error: unknown): boolean {
  return isHuaweiCloudApiError(error) && (rule.status.includes(error.status) || (error.code !== undefined && rule.errorCodes.includes(error.code)));
}

/**
 * Acceptor for a DWS DR task (GET /v2/{project_id}/disaster-recovery/{id} → disaster_recovery.status).
 * Unknown statuses (the enum is open: `stopped` is undocumented) are tolerated as pending.
 */
export function createTaskAcceptor(options: TaskAcceptorOptions): TaskAcceptor {
  const targets = new Set(options.targets);
  const failures = new Set(options.failures ?? TASK_FAILURE_STATUSES);
  const goneIsDone = options.goneWhen ?? (targets.has('deleted') ? TASK_GONE : null);
  return {
    classify(task) {
      const status = task?.status ?? '';
      if (status !== '' && targets.has(status)) return { status: 'success', label: status };
      if (failures.has(status)) return { status: 'failure', label: status, reason: `DR task entered status "${status}"` };
      if (status === 'deleted') return { status: 'failure', label: status, reason: 'DR task was deleted' };
      return { status: 'pending', label: status === '' ? 'unknown' : status };
    },
    classifyError(error) {
      if (goneIsDone && matches(goneIsDone, error)) return { status: 'success', label: 'deleted' };
      if (matches(TASK_GONE, error)) return { status: 'failure', label: 'not_found', reason: 'DR task not found' };
      return 'throw';
    },
  };
}
