// Waiting for GeminiDB jobs (every mutating DR call returns a job_id) with live progress.
// Used by --wait, `jobs wait`, `dr pair` and `dr unpair`. Never throws for a failed or timed-out
// job: it returns one outcome per job and the caller decides the exit code and the resume hint.
import type { GeminiDbClient, JobDetail } from '@hcdr/geminidb';
import type { AppContext } from '../../context.js';
import { formatDuration } from '../../io/duration.js';
import { CliError, exitCodeFor } from '../../io/errors.js';
import { EXIT } from '../../io/exit-codes.js';
import type { Progress } from '../../io/progress.js';
import type { WaitSettings } from '../shared.js';

export interface JobToWait {
  client: GeminiDbClient;
  jobId: string;
  /** e.g. `construction on primary a1b2c3d4…`. */
  label: string;
}

export interface JobOutcome {
  jobId: string;
  label: string;
  state: 'succeeded' | 'failed' | 'timeout' | 'aborted';
  job?: JobDetail | undefined;
  reason?: string | undefined;
  elapsedMs: number;
  /** The error that ended the wait, when reading the job failed (not when the job failed). */
  error?: unknown;
}

/**
 * Poll timing from --poll-interval (fixed) or the clients' defaults (5 s, growing ×1.5 to 30 s). The
 * first check is always immediate: a finished job or a task already where it should be answers it.
 */
export function pollTiming(settings: Pick<WaitSettings, 'intervalMs' | 'timeoutMs'>) {
  const fixed = settings.intervalMs;
  return {
    maxWaitMs: settings.timeoutMs,
    initialDelayMs: 0,
    ...(fixed !== undefined ? { minIntervalMs: fixed, maxIntervalMs: fixed } : {}),
  };
}

export async function waitJobs(ctx: AppContext, jobs: readonly JobToWait[], settings: WaitSettings, progress: Progress = ctx.progress()): Promise<JobOutcome[]> {
  const { waitForJob } = await import('@hcdr/geminidb');
  const start = ctx.runtime.now();
  try {
    return await Promise.all(
      jobs.map(async ({ client, jobId, label }): Promise<JobOutcome> => {
        progress.update(jobId, { label, status: 'waiting' });
        try {
          const result = await waitForJob(client, jobId, {
            ...pollTiming(settings),
            signal: ctx.signal,
            onProgress: (e) => progress.update(jobId, { label, status: e.label, progress: e.progress, done: e.status !== 'pending', ok: e.status === 'success' }),
          });
          const elapsedMs = ctx.runtime.now() - start;
          switch (result.state) {
            case 'succeeded':
              return { jobId, label, state: 'succeeded', job: result.value, elapsedMs };
            case 'failed':
              return { jobId, label, state: 'failed', job: result.lastState, reason: result.reason, elapsedMs };
            case 'timeout':
              return { jobId, label, state: 'timeout', job: result.lastState, reason: result.lastLabel, elapsedMs };
            case 'aborted':
              return { jobId, label, state: 'aborted', job: result.lastState, elapsedMs };
          }
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          progress.update(jobId, { label, status: 'error', done: true, ok: false });
          return { jobId, label, state: 'failed', reason: `could not read the job: ${message}`, elapsedMs: ctx.runtime.now() - start, error };
        }
      }),
    );
  } finally {
    progress.stop();
  }
}

/** One line per job on stderr: ✔ done in 12s / ✖ failed: reason / … still running. */
export function reportOutcomes(ctx: AppContext, outcomes: readonly JobOutcome[]): void {
  for (const o of outcomes) {
    const took = formatDuration(o.elapsedMs);
    if (o.state === 'succeeded') ctx.out.success(`Job ${o.jobId} (${o.label}) completed in ${took}.`);
    else if (o.state === 'failed') ctx.out.failure(`Job ${o.jobId} (${o.label}) failed: ${o.reason ?? 'no reason given'}`);
    else if (o.state === 'timeout') ctx.out.warn(`Job ${o.jobId} (${o.label}) is still ${o.reason ?? 'running'} after ${took}; it keeps running on the server.`);
    else ctx.out.warn(`Stopped waiting for job ${o.jobId} (${o.label}); it keeps running on the server.`);
  }
}

/** The error for a set of outcomes (undefined when all succeeded): failures win over interrupts over timeouts. */
export function outcomesError(outcomes: readonly JobOutcome[], resumeHint: string): CliError | undefined {
  const failed = outcomes.find((o) => o.state === 'failed');
  if (failed) {
    const code = failed.error !== undefined ? exitCodeFor(failed.error) : EXIT.failure;
    // A failed job never completes: waiting again cannot help, the command that started it can.
    const hint =
      failed.error === undefined
        ? 'A failed job does not resume: fix the cause, then run the command that started it again (journaled ones are listed by `hcdr ops list` and finish from what exists).'
        : undefined;
    return new CliError(`Job ${failed.jobId} (${failed.label}) failed: ${failed.reason ?? 'no reason given'}`, code === EXIT.ok ? EXIT.failure : code, hint);
  }
  if (outcomes.some((o) => o.state === 'aborted')) return new CliError('Interrupted while waiting.', EXIT.interrupted, `Resume waiting with: ${resumeHint}`);
  if (outcomes.some((o) => o.state === 'timeout')) return new CliError('Timed out waiting.', EXIT.waitTimeout, `Resume waiting with: ${resumeHint}`);
  return undefined;
}
