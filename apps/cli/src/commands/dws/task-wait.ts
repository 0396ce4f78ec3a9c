// Waiting for a DWS DR task: DR calls return only the task ID, so completion is read from the
// task's status (showDisasterDetail) until it reaches the operation's target statuses (spec
// x-hcdr-target-status, via waitStatusesFor) or a failure status.
import type { AsyncOperationId, DwsClient, DisasterRecoveryQueryResp, OperationId } from '@hcdr/dws';
import { connectionArgs, globalConnection } from '../../config/client-options.js';
import type { AppContext } from '../../context.js';
import { formatDuration } from '../../io/duration.js';
import { CliError, exitCodeFor } from '../../io/errors.js';
import { EXIT } from '../../io/exit-codes.js';
import { renderCommand } from '../../io/shell.js';
import { pollTiming } from '../geminidb/job-wait.js';
import type { WaitSettings } from '../shared.js';

export interface TaskOutcome {
  taskId: string;
  state: 'succeeded' | 'failed' | 'timeout' | 'aborted';
  task?: DisasterRecoveryQueryResp | undefined;
  reason?: string | undefined;
  elapsedMs: number;
  error?: unknown;
  /** A failure that another call would fix: the command that makes it (e.g. `hcdr dws dr start <id>`). */
  nextCommand?: string | undefined;
}

/** The hcdr command of each DWS operation that moves a task (the library names the operation). */
const COMMAND_OF: Partial<Record<OperationId, string>> = {
  startDisasterRecovery: 'start',
  pauseDisasterRecovery: 'pause',
  restoreDisaster: 'recover',
  deleteDisasterRecovery: 'delete',
};

/**
 * Waits for a task: for the end of the operation just called (`operation`: its statuses from the
 * spec, the state before the call ignored, clusters swapped for a switchover/failover), or for
 * statuses (`statuses`, resuming from the ID alone: a task resting where no target follows without
 * another call ends the wait at once, with the command that would move it).
 */
export async function waitTask(
  ctx: AppContext,
  client: DwsClient,
  taskId: string,
  what: { operation: AsyncOperationId } | { targets: readonly string[]; failures?: readonly string[] | undefined },
  settings: WaitSettings,
  label: string,
): Promise<TaskOutcome> {
  const { waitForTask, waitForTaskOperation, nextTaskOperation } = await import('@hcdr/dws');
  const progress = ctx.progress();
  const start = ctx.runtime.now();
  progress.update(taskId, { label, status: 'waiting' });
  try {
    const timing = {
      ...pollTiming(settings),
      signal: ctx.signal,
      onProgress: (e: { label: string; status: string }) => progress.update(taskId, { label, status: e.label, done: e.status !== 'pending', ok: e.status === 'success' }),
    };
    const result =
      'operation' in what
        ? await waitForTaskOperation(client, what.operation, taskId, timing)
        : await waitForTask(client, taskId, { targets: what.targets, ...(what.failures ? { failures: what.failures } : {}), ...timing });
    const elapsedMs = ctx.runtime.now() - start;
    switch (result.state) {
      case 'succeeded':
        return { taskId, state: 'succeeded', task: result.value, elapsedMs };
      case 'failed': {
        const status = result.lastState?.status;
        const move = 'targets' in what && status ? nextTaskOperation(status, what.targets) : undefined;
        const command = move ? COMMAND_OF[move] : undefined;
        return {
          taskId,
          state: 'failed',
          task: result.lastState,
          reason: result.reason,
          elapsedMs,
          ...(command ? { nextCommand: renderCommand(['hcdr', 'dws', 'dr', command, taskId, ...connectionArgs(globalConnection(ctx))]) } : {}),
        };
      }
      case 'timeout':
        return { taskId, state: 'timeout', task: result.lastState, reason: result.lastLabel, elapsedMs };
      case 'aborted':
        return { taskId, state: 'aborted', task: result.lastState, elapsedMs };
    }
  } catch (error) {
    return { taskId, state: 'failed', reason: `could not read the task: ${error instanceof Error ? error.message : String(error)}`, elapsedMs: ctx.runtime.now() - start, error };
  } finally {
    progress.stop();
  }
}

export function reportTask(ctx: AppContext, o: TaskOutcome, label?: string): void {
  const took = formatDuration(o.elapsedMs);
  const prefix = label ? `${label}: ` : '';
  if (o.state === 'succeeded') ctx.out.success(`${prefix}DR task ${o.taskId} reached "${o.task?.status ?? 'gone'}" in ${took}.`);
  else if (o.state === 'failed') ctx.out.failure(`${prefix}${failureText(o)}`);
  else if (o.state === 'timeout') ctx.out.warn(`${prefix}DR task ${o.taskId} is still "${o.reason ?? 'unknown'}" after ${took}; the operation keeps running.`);
  else ctx.out.warn(`Stopped waiting for DR task ${o.taskId}; the operation keeps running.`);
}

export function taskError(o: TaskOutcome, resumeHint: string): CliError | undefined {
  if (o.state === 'succeeded') return undefined;
  if (o.state === 'failed') {
    const code = o.error !== undefined ? exitCodeFor(o.error) : EXIT.failure;
    const hint = o.nextCommand
      ? `Waiting longer would not help. Run: ${o.nextCommand}`
      : o.reason === 'DR task not found'
        ? 'The task does not exist (any more): `hcdr dws dr list` shows the tasks.'
        : undefined;
    return new CliError(failureText(o), code === EXIT.ok ? EXIT.failure : code, hint);
  }
  if (o.state === 'aborted') return new CliError('Interrupted while waiting.', EXIT.interrupted, `Resume waiting with: ${resumeHint}`);
  return new CliError('Timed out waiting.', EXIT.waitTimeout, `Resume waiting with: ${resumeHint}`);
}

/** `DR task <id> is "unstart" and nothing is changing it: ...` (the library's reasons start with "DR task"). */
function failureText(o: TaskOutcome): string {
  const reason = o.reason ?? 'failed (no reason given)';
  return reason.startsWith('DR task ') ? `DR task ${o.taskId} ${reason.slice('DR task '.length)}` : `DR task ${o.taskId} failed: ${reason}`;
}
