// What the generated per-operation waiters (src/generated/waiters.ts) run for GeminiDB: every
// asynchronous operation (`x-hcdr-async: job` in the spec) answers with a `job_id`, and the work is done
// when that job is. The operation table's `async` field picks the kind at run time.
import { HuaweiCloudValidationError } from '@hcdr/core';
import { operations } from '../generated/operations.js';
import type { JobDetail } from '../generated/types.js';
import { type JobClient, type WaitForJobOptions, waitUntilJobCompleted } from './jobs.js';

/** The operations that start a job (`x-hcdr-async: job`). */
export type AsyncOperationId = { [K in keyof typeof operations]: (typeof operations)[K]['async'] extends 'job' ? K : never }[keyof typeof operations];

/** What a generated waiter needs of a client (a `GeminiDbClient` fits). */
export type WaitClient = JobClient;

/** What names the job to wait for: the operation's response (its `job_id`). */
export type WaitRef<_Id extends AsyncOperationId> = { readonly job_id?: string | undefined };

/** Timing, `signal`, `onProgress` and `notFoundAfter` (see `waitForJob`). */
export type WaitOptions = WaitForJobOptions;

/** What a generated waiter resolves to: the completed job. */
export type WaitResult<_Id extends AsyncOperationId> = JobDetail;

export function waitUntilDone<Id extends AsyncOperationId>(client: WaitClient, operationId: Id, ref: WaitRef<Id>, options: WaitOptions = {}): Promise<WaitResult<Id>> {
  const waiter = `waitUntil${operationId.charAt(0).toUpperCase()}${operationId.slice(1)}Done`;
  if (operations[operationId].async !== 'job') throw new TypeError(`${waiter}: ${operationId} does not start a job`);
  const jobId = ref?.job_id;
  if (typeof jobId !== 'string' || jobId.trim() === '') {
    return Promise.reject(
      new HuaweiCloudValidationError({ operation: waiter, field: 'job_id', rule: `is required: pass the response of ${operationId}, whose job_id names the job to wait for` }),
    );
  }
  return waitUntilJobCompleted(client, jobId, { ...options, description: `${operationId} job ${jobId}` });
}
