// How a DWS DR task is judged while waiting: its status against the operation's target and failure
// statuses, and an error that says the task is gone against the spec's `x-hcdr-gone-when`. Two rules
// make waits honest:
// - a wait that follows a call ignores the state the task had before the call until the task has
//   left it (the call may not show at once, and the old state may look like a target: a switchover
//   starts and ends in `running`), and a switchover or failover is done only once the clusters swapped;
// - a task resting in a settled status from which no target follows without another call (a task
//   `unstart` when waiting for `running`) ends the wait at once, naming the call that would move it.
import { isHuaweiCloudApiError, POLL_DEFAULTS, type PollClassification } from '@hcdr/core';
import { operations, type OperationId } from '../generated/operations.js';

/**
 * DWS DR operations are slow (a terraform acceptance run took ~50 min), hence a longer limit. The
 * first check is immediate: a wait on a task that is already there returns at once, and the
 * before-state rule (above) keeps a fresh call from being mistaken for its end.
 */
export const TASK_WAIT_DEFAULTS = Object.freeze({ ...POLL_DEFAULTS, initialDelayMs: 0, maxWaitMs: 60 * 60_000 });

/** Statuses that mean a DR task operation failed (huawei-dr-api.md §B.4). */
export const TASK_FAILURE_STATUSES: readonly string[] = Object.freeze(['create_failed', 'start_failed', 'stop_failed', 'abnormal']);

/**
 * Statuses a task rests in until someone calls an operation (every other documented status is a
 * transition: creating, starting, stopping, switchovering, deleting). Unknown statuses are not here:
 * the enum is open, so they keep a wait going.
 */
export const TASK_SETTLED_STATUSES: readonly string[] = Object.freeze(['unstart', 'running', 'stopped', 'abnormal', 'create_failed', 'start_failed', 'stop_failed']);

/**
 * The statuses each task operation is accepted in (the API refuses it in any other; the DWS pages and
 * the simulator agree). A wait that follows such a call without having read the task before it takes
 * a first observation in one of these statuses as the state before the call.
 */
export const OPERATION_START_STATUSES: Readonly<Record<'startDisasterRecovery' | 'pauseDisasterRecovery' | 'switchoverDisasterRecovery' | 'switchFailoverDisaster' | 'restoreDisaster' | 'deleteDisasterRecovery', readonly string[]>> = Object.freeze({
  startDisasterRecovery: ['unstart', 'start_failed', 'stopped'],
  pauseDisasterRecovery: ['running', 'stop_failed'],
  switchoverDisasterRecovery: ['running'],
  switchFailoverDisaster: ['running', 'stopped', 'stop_failed', 'start_failed', 'abnormal'],
  restoreDisaster: ['abnormal'],
  deleteDisasterRecovery: ['create_failed', 'unstart', 'start_failed', 'stopped', 'stop_failed', 'abnormal'],
});

/** From a settled status, the operation that moves the task towards a target status (the first that has one). */
const MOVES: Readonly<Record<string, Readonly<Record<string, OperationId>>>> = {
  unstart: { running: 'startDisasterRecovery', deleted: 'deleteDisasterRecovery' },
  stopped: { running: 'startDisasterRecovery', deleted: 'deleteDisasterRecovery' },
  start_failed: { running: 'startDisasterRecovery', deleted: 'deleteDisasterRecovery' },
  running: { stopped: 'pauseDisasterRecovery', deleted: 'pauseDisasterRecovery' },
  stop_failed: { stopped: 'pauseDisasterRecovery', deleted: 'deleteDisasterRecovery' },
  abnormal: { running: 'restoreDisaster', deleted: 'deleteDisasterRecovery' },
  create_failed: { deleted: 'deleteDisasterRecovery' },
};

/**
 * The call that would move a task resting in `status` towards one of `targets`, e.g.
 * `('unstart', ['running'])` → `startDisasterRecovery`; `('running', ['deleted'])` → `pauseDisasterRecovery`
 * (a running task must be paused before it can be deleted). Undefined when no single call does.
 */
export function nextTaskOperation(status: string, targets: readonly string[]): OperationId | undefined {
  const moves = MOVES[status];
  if (!moves) return undefined;
  for (const target of targets) {
    const op = moves[target];
    if (op) return op;
  }
  return undefined;
}

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
  primary_cluster?: { id?: string | null | undefined } | null | undefined;
}

/**
 * The state before the call being waited for: as read (`TaskBefore`), or `{ firstIn }` — the first
 * observation, when its status is one of these (the statuses the call starts from).
 */
export type TaskBeforeRule = TaskBefore | { readonly firstIn: readonly string[] };

/** The task as it was just before the call being waited for. */
export interface TaskBefore {
  /** The status then, e.g. `running` before a switchover, `abnormal` before a recovery. */
  readonly status?: string | undefined;
  /** The primary cluster then: with `swap`, the wait is done only once another cluster is primary. */
  readonly primaryClusterId?: string | undefined;
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
  /**
   * The task before the call being waited for: observations of that state are pending until the task
   * has left it. `{ firstIn }`: the first observation, when its status is one the call starts from
   * (for a caller that did not read the task before its call). Default: none (a wait for statuses,
   * judged as they are).
   */
  before?: TaskBeforeRule | undefined;
  /** The operation swaps the clusters (switchover, failover): done only when the primary changed from `before`. */
  swap?: boolean | undefined;
  /**
   * A settled status that is neither a target nor a failure: `'fail'` (default) ends the wait at once,
   * naming the call that would move the task (`nextTaskOperation`); `'wait'` keeps waiting for
   * someone else to make it.
   */
  whenStuck?: 'fail' | 'wait' | undefined;
}

export interface TaskAcceptor {
  classify: (task: TaskLike | null | undefined) => PollClassification;
  /** Turns "gone" into success when the wait is for the task to go (goneWhen), else into a failure. */
  classifyError: (error: unknown) => PollClassification | 'throw';
}

function matches(rule: GoneWhen, error: unknown): boolean {
  return isHuaweiCloudApiError(error) && (rule.status.includes(error.status) || (error.code !== undefined && rule.errorCodes.includes(error.code)));
}

const SETTLED = new Set(TASK_SETTLED_STATUSES);

/**
 * Acceptor for a DWS DR task (GET /v2/{project_id}/disaster-recovery/{id} → disaster_recovery.status).
 * Unknown statuses (the enum is open: `stopped` is undocumented) are tolerated as pending. Stateful:
 * use one per wait.
 */
export function createTaskAcceptor(options: TaskAcceptorOptions): TaskAcceptor {
  const targets = new Set(options.targets);
  const failures = new Set(options.failures ?? TASK_FAILURE_STATUSES);
  const goneIsDone = options.goneWhen ?? (targets.has('deleted') ? TASK_GONE : null);
  const whenStuck = options.whenStuck ?? 'fail';
  const rule = options.before;
  const firstIn = rule && 'firstIn' in rule ? new Set(rule.firstIn) : undefined;
  let baseline: TaskBefore | undefined = rule && !('firstIn' in rule) ? rule : undefined;
  let awaitingFirst = firstIn !== undefined;
  let left = baseline === undefined;

  return {
    classify(task) {
      const status = task?.status ?? '';
      const primary = task?.primary_cluster?.id ?? undefined;
      if (awaitingFirst) {
        awaitingFirst = false;
        if (firstIn?.has(status)) baseline = { status, primaryClusterId: primary };
        left = baseline === undefined;
      }
      if (!left && baseline) {
        const same = status === baseline.status && (primary === undefined || baseline.primaryClusterId === undefined || primary === baseline.primaryClusterId);
        if (same) return { status: 'pending', label: status === '' ? 'unknown' : status };
        left = true;
      }
      if (status !== '' && targets.has(status)) {
        const before = baseline?.primaryClusterId;
        if (options.swap && before !== undefined && primary !== undefined && primary === before) {
          return { status: 'failure', label: status, reason: `DR task is "${status}" again with cluster ${primary} still primary: the clusters were not swapped` };
        }
        return { status: 'success', label: status };
      }
      if (failures.has(status)) return { status: 'failure', label: status, reason: `DR task entered status "${status}"` };
      if (status === 'deleted') return { status: 'failure', label: status, reason: 'DR task was deleted' };
      if (whenStuck === 'fail' && SETTLED.has(status)) {
        const wanted = [...targets].map((t) => `"${t}"`).join(' or ');
        const move = nextTaskOperation(status, [...targets]);
        return {
          status: 'failure',
          label: status,
          reason: `DR task is "${status}" and nothing is changing it: ${wanted} ${move ? `follows only after ${move}` : 'does not follow from it without another call'}`,
        };
      }
      return { status: 'pending', label: status === '' ? 'unknown' : status };
    },
    classifyError(error) {
      if (goneIsDone && matches(goneIsDone, error)) return { status: 'success', label: 'deleted' };
      if (matches(TASK_GONE, error)) return { status: 'failure', label: 'not_found', reason: 'DR task not found' };
      return 'throw';
    },
  };
}
