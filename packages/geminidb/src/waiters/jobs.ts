// Waiting for GeminiDB async jobs: every mutating DR call returns a job_id, read back with listJobs?id=.
import { poll, pollOrThrow, type PollOptions, type PollResult } from '@hcdr/core';
import type { ClientMethods } from '../generated/methods.js';
import type { JobDetail } from '../generated/types.js';
import { createJobAcceptor, JOB_WAIT_DEFAULTS, pickJob } from './job-acceptor.js';

/** What waiting for a job needs of a client (a `GeminiDbClient` fits). */
export type JobClient = Pick<ClientMethods, 'listJobs'>;

export interface WaitForJobOptions
  extends Omit<PollOptions<JobDetail | undefined>, 'fetchState' | 'classify' | 'classifyError'> {
  /** Consecutive checks that may miss the job before it counts as "not found" (default 3). */
  notFoundAfter?: number;
}

function jobPollOptions(client: JobClient, jobId: string, options: WaitForJobOptions): PollOptions<JobDetail | undefined> {
  const { notFoundAfter, ...pollOptions } = options;
  return {
    ...JOB_WAIT_DEFAULTS,
    ...pollOptions,
    fetchState: async ({ signal }) => pickJob(await client.listJobs({ query: { id: jobId } }, { signal }), jobId),
    classify: createJobAcceptor({ notFoundAfter }),
  };
}

/**
 * Polls `listJobs?id=<jobId>` until the job is `Completed` or `Failed`, the wait times out or the
 * signal aborts. Never throws for those outcomes: returns `{ state, ... }`. Resumable from the id alone.
 */
export function waitForJob(client: JobClient, jobId: string, options: WaitForJobOptions = {}): Promise<PollResult<JobDetail | undefined>> {
  return poll(jobPollOptions(client, jobId, options));
}

/** Like waitForJob, but resolves to the completed job and throws HuaweiCloudWaiterError otherwise. */
export async function waitUntilJobCompleted(client: JobClient, jobId: string, options: WaitForJobOptions & { description?: string } = {}): Promise<JobDetail> {
  const { description = `GeminiDB job ${jobId}`, ...rest } = options;
  const job = await pollOrThrow({ ...jobPollOptions(client, jobId, rest), description });
  // A success classification implies the job was found.
  return job as JobDetail;
}
