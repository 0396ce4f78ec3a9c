// Waiting for what a workflow started (or found running): GeminiDB jobs by ID, DWS tasks by status.
// Bounded (maxWaitMs), cancellable (the run's signal), gentle (core's back-off); every observation
// becomes a WaitEvent. A failure, time-out or abort ends the run with the matching error kind.
import { waitForTask, type TaskBeforeRule } from '@hcdr/dws';
import { waitForJob, type JobDetail } from '@hcdr/geminidb';
import type { DwsDrClient, GeminiDbDrClient } from '../inspect/clients.js';
import type { OperationRun, WaitOptions } from './run.js';

export interface JobToWait {
  step: string;
  side?: 'primary' | 'standby' | undefined;
  client: GeminiDbDrClient;
  jobId: string;
  /** e.g. `the primary's construction job`. */
  what: string;
}

function pollOptions(wait: WaitOptions) {
  return {
    ...(wait.maxWaitMs !== undefined ? { maxWaitMs: wait.maxWaitMs } : {}),
    ...(wait.initialDelayMs !== undefined ? { initialDelayMs: wait.initialDelayMs } : {}),
    ...(wait.minIntervalMs !== undefined ? { minIntervalMs: wait.minIntervalMs } : {}),
    ...(wait.maxIntervalMs !== undefined ? { maxIntervalMs: wait.maxIntervalMs } : {}),
    ...(wait.sleep ? { sleep: wait.sleep } : {}),
    ...(wait.now ? { now: wait.now } : {}),
  };
}

/** Waits for all jobs in parallel; resolves when all completed, throws the worst outcome otherwise. */
export async function waitForJobs(run: OperationRun, jobs: readonly JobToWait[]): Promise<JobDetail[]> {
  const wait = run.wait === false ? {} : run.wait;
  const outcomes = await Promise.all(
    jobs.map(async (j) => {
      run.start(j.step, `Wait for ${j.what} ${j.jobId}`);
      const result = await waitForJob(j.client, j.jobId, {
        ...pollOptions(wait),
        signal: run.signal,
        onProgress: (e) => run.emit({ type: 'wait', step: j.step, id: j.jobId, side: j.side, status: e.label, progress: e.progress, phase: e.status }),
      });
      if (result.state === 'succeeded') run.done(j.step, `${capital(j.what)} ${j.jobId} completed`, { job_id: j.jobId });
      else run.failed(j.step, `${capital(j.what)} ${j.jobId}: ${result.state}`);
      return { job: j, result };
    }),
  );
  const failed = outcomes.find((o) => o.result.state === 'failed');
  if (failed && failed.result.state === 'failed') {
    throw run.error('failed', `${capital(failed.job.what)} ${failed.job.jobId} failed: ${failed.result.reason ?? 'no reason given'}`, {
      step: failed.job.step,
      advice: ['Fix the cause, then run the same operation again: it continues from what exists.'],
    });
  }
  if (outcomes.some((o) => o.result.state === 'aborted')) {
    throw run.error('aborted', 'Stopped while waiting; the jobs keep running. Run the same operation again to finish it.', { step: outcomes[0]?.job.step });
  }
  const late = outcomes.find((o) => o.result.state === 'timeout');
  if (late) {
    throw run.error('timeout', `Timed out waiting for ${late.job.what} ${late.job.jobId}; it keeps running. Run the same operation again to keep waiting.`, { step: late.job.step });
  }
  return outcomes.map((o) => (o.result.state === 'succeeded' ? (o.result.value as JobDetail) : (undefined as never)));
}

/**
 * Waits until the task reaches one of `targets` (`deleted` = gone); returns its last status. After a
 * call, `before` (the task as read before it) keeps that state from passing for the call's end, and
 * `swap` (switchover, failover) requires another primary cluster. A task resting where no target
 * follows without another call ends the wait at once (the reason names that call).
 */
export async function waitForDwsTask(
  run: OperationRun,
  spec: {
    step: string;
    client: DwsDrClient;
    taskId: string;
    targets: readonly string[];
    failures?: readonly string[] | undefined;
    what: string;
    before?: TaskBeforeRule | undefined;
    swap?: boolean | undefined;
  },
): Promise<string> {
  const wait = run.wait === false ? {} : run.wait;
  run.start(spec.step, `Wait until ${spec.what} (task ${spec.taskId}) is ${spec.targets.join(' or ')}`);
  const result = await waitForTask(spec.client, spec.taskId, {
    targets: spec.targets,
    ...(spec.failures ? { failures: spec.failures } : {}),
    ...(spec.before ? { before: spec.before } : {}),
    ...(spec.swap ? { swap: true } : {}),
    ...pollOptions(wait),
    signal: run.signal,
    onProgress: (e) => run.emit({ type: 'wait', step: spec.step, id: spec.taskId, status: e.label, phase: e.status }),
  });
  switch (result.state) {
    case 'succeeded': {
      const status = result.value?.status ?? 'deleted';
      run.done(spec.step, `Task ${spec.taskId} is ${status}`, { task_id: spec.taskId, status });
      return status;
    }
    case 'failed':
      run.failed(spec.step, `Task ${spec.taskId}: ${result.reason ?? 'failed'}`);
      throw run.error('failed', `${capital(spec.what)} failed: ${result.reason ?? 'no reason given'}`, {
        step: spec.step,
        advice: ['Check the task with `hcdr dws dr show`, fix the cause, then run the same operation again.'],
      });
    case 'aborted':
      throw run.error('aborted', 'Stopped while waiting; the task keeps changing. Run the same operation again to finish it.', { step: spec.step });
    case 'timeout':
      throw run.error('timeout', `Timed out waiting for ${spec.what} (last status ${result.lastLabel ?? 'unknown'}); it keeps running. Run the same operation again to keep waiting.`, {
        step: spec.step,
      });
  }
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
