// Waiting for GeminiDB async jobs (every mutating DR call returns a job_id).
import {
  createGeminiDbJobAcceptor,
  GEMINIDB_JOB_WAIT_DEFAULTS,
  pickGeminiDbJob,
  poll,
  pollOrThrow,
  toApiError,
  type PollOptions,
  type PollResult,
} from '@hcdr/core';
import type { GeminiDbClient } from './client.js';
import type { JobDetail } from './generated/types.js';

export interface WaitForJobOptions
  extends Omit<PollOptions<JobDetail | undefined>, 'fetchState' | 'classify' | 'classifyError'> {
  /** Consecutive checks that may miss the job before it counts as "not found" (default 3). */
  notFoundAfter?: number;
}

function jobPollOptions(client: GeminiDbClient, jobId: string, options: WaitForJobOptions): PollOptions<JobDetail | undefined> {
  const { notFoundAfter, ...pollOptions } = options;
  return {
    ...GEMINIDB_JOB_WAIT_DEFAULTS,
    ...pollOptions,
    // The raw client keeps `{data, error}` whichever mode the caller's client is in.
    fetchState: async ({ signal }) => {
      const { data, error, response } = await client.raw.GET('/v3/{project_id}/jobs', {
        params: { path: { project_id: client.config.projectId }, query: { id: jobId } },
        signal,
      });
      if (error !== undefined || !response.ok) throw toApiError(response, error, 'listJobs');
      return pickGeminiDbJob(data, jobId);
    },
    classify: createGeminiDbJobAcceptor({ notFoundAfter }),
  };
}

/**
 * Polls `listJobs?id=<jobId>` until the job is `Completed` or `Failed`, the wait times out or the
 * signal aborts. Never throws for those outcomes: returns `{ state, ... }`. Resumable from the id alone.
 */
export function waitForJob(client: GeminiDbClient, jobId: string, options: WaitForJobOptions = {}): Promise<PollResult<JobDetail | undefined>> {
  return poll(jobPollOptions(client, jobId, options));
}

/** Like waitForJob, but resolves to the completed job and throws HuaweiCloudWaiterError otherwise. */
export async function waitUntilJobCompleted(client: GeminiDbClient, jobId: string, options: WaitForJobOptions = {}): Promise<JobDetail> {
  const job = await pollOrThrow({ ...jobPollOptions(client, jobId, options), description: `GeminiDB job ${jobId}` });
  // A success classification implies the job was found.
  return job as JobDetail;
}
