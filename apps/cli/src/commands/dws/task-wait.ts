// Waiting for a DWS DR task: DR calls return only the task ID, so completion is read from the
// task's status (showDisasterDetail) until it reaches the operation's target statuses (spec
// x-hcdr-target-status, via waitStatusesFor) or a failure status.
import type { DwsClient, DisasterRecoveryQueryResp } from '@hcdr/dws';
import type { AppContext } from '../../context.js';
import { formatDuration } from '../../io/duration.js';
import { CliError, exitCodeFor } from '../../io/errors.js';
import { EXIT } from '../../io/exit-codes.js';
import { pollTiming } from '../geminidb/job-wait.js';
import type { WaitSettings } from '../shared.js';

export interface TaskOutcome {
  taskId: string;
  state: 'succeeded' | 'failed' | 'timeout' | 'aborted';
  task?: DisasterRecoveryQueryResp | undefined;
  reason?: string | undefined;
  elapsedMs: number;
  error?: unknown;
}

export async function waitTask(
  ctx: AppContext,
  client: DwsClient,
  taskId: string,
  statuses: { targets: readonly string[]; failures?: readonly string[] | undefined },
  settings: WaitSettings,
  label: string,
): Promise<TaskOutcome> {
  const { waitForTask } = await import('@hcdr/dws');
  const progress = ctx.progress();
  const start = ctx.runtime.now();
  progress.update(taskId, { label, status: 'waiting' });
  try {
    const result = await waitForTask(client, taskId, {
      targets: statuses.targets,
      ...(statuses.failures ? { failures: statuses.failures } : {}),
      ...pollTiming(settings),
      signal: ctx.signal,
      onProgress: (e) => progress.update(taskId, { label, status: e.label, done: e.status !== 'pending', ok: e.status === 'success' }),
    });
    const elapsedMs = ctx.runtime.now() - start;
    switch (result.state) {
      case 'succeeded':
        return { taskId, state: 'succeeded', task: result.value, elapsedMs };
      case 'failed':
        return { taskId, state: 'failed', task: result.lastState, reason: result.reason, elapsedMs };
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
  else if (o.state === 'failed') ctx.out.failure(`${prefix}DR task ${o.taskId} failed: ${o.reason ?? 'no reason given'}`);
  else if (o.state === 'timeout') ctx.out.warn(`${prefix}DR task ${o.taskId} is still "${o.reason ?? 'unknown'}" after ${took}; the operation keeps running.`);
  else ctx.out.warn(`Stopped waiting for DR task ${o.taskId}; the operation keeps running.`);
}

export function taskError(o: TaskOutcome, resumeHint: string): CliError | undefined {
  if (o.state === 'succeeded') return undefined;
  if (o.state === 'failed') {
    const code = o.error !== undefined ? exitCodeFor(o.error) : EXIT.failure;
    return new CliError(`DR task ${o.taskId} failed: ${o.reason ?? 'no reason given'}`, code === EXIT.ok ? EXIT.failure : code);
  }
  if (o.state === 'aborted') return new CliError('Interrupted while waiting.', EXIT.interrupted, `Resume waiting with: ${resumeHint}`);
  return new CliError('Timed out waiting.', EXIT.waitTimeout, `Resume waiting with: ${resumeHint}`);
}
