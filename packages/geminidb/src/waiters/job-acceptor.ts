// How a GeminiDB async job is read and judged: ListJobs?id= → Running / Completed / Failed.
import { POLL_DEFAULTS, type PollClassification } from '@hcdr/core';

/**
 * GeminiDB async jobs usually finish in minutes; DR construction can take tens of minutes. The first
 * check is immediate (a finished job answers at once); a job not listed yet is a miss, tolerated
 * `notFoundAfter` times.
 */
export const JOB_WAIT_DEFAULTS = Object.freeze({ ...POLL_DEFAULTS, initialDelayMs: 0, maxWaitMs: 30 * 60_000 });

/** The fields of a GeminiDB JobDetail (GET /v3/{project_id}/jobs?id=) that the acceptor reads. */
export interface JobLike {
  id?: string | undefined;
  name?: string | undefined;
  /** `Running` | `Completed` | `Failed`. */
  status?: string | null | undefined;
  /** e.g. `60%`; empty unless running. */
  progress?: string | null | undefined;
  fail_reason?: string | null | undefined;
}

export interface JobAcceptorOptions {
  /**
   * Consecutive observations without the job before failing with "job not found" (default 3).
   * A fresh job can take a moment to appear in the job list, so one miss is not fatal.
   */
  notFoundAfter?: number | undefined;
}

/** Picks the job with `jobId` from a ListJobs response (`{ jobs: [...] }`). */
export function pickJob<J extends JobLike>(
  response: { jobs?: readonly J[] | null | undefined } | null | undefined,
  jobId: string,
): J | undefined {
  return (response?.jobs ?? []).find((j) => j.id === jobId);
}

/**
 * Creates a stateful acceptor for one GeminiDB job: Running → pending (with progress),
 * Completed → success, Failed → failure with fail_reason, missing (or empty status, as terraform
 * treats it) → pending until `notFoundAfter` consecutive misses, then failure. Unknown statuses are pending.
 */
export function createJobAcceptor(options: JobAcceptorOptions = {}): (job: JobLike | null | undefined) => PollClassification {
  const notFoundAfter = Math.max(1, options.notFoundAfter ?? 3);
  let misses = 0;
  return (job) => {
    const status = job?.status ?? '';
    if (!job || status === '') {
      misses++;
      return misses >= notFoundAfter
        ? { status: 'failure', label: 'NotFound', reason: `job not found after ${misses} consecutive checks` }
        : { status: 'pending', label: 'NotFound' };
    }
    misses = 0;
    const progress = job.progress ? job.progress : undefined;
    switch (status) {
      case 'Completed':
        return { status: 'success', label: status, progress };
      case 'Failed':
        return { status: 'failure', label: status, reason: job.fail_reason ? job.fail_reason : 'job failed (no fail_reason given)' };
      default:
        return { status: 'pending', label: status, progress };
    }
  };
}
