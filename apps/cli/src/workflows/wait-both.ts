// Waits for the jobs of both sides in parallel and reports every observation.
import type { GeminiDbClient } from '@hcdr/geminidb';
import { waitForJob } from '@hcdr/geminidb';
import type { JobWaitOptions, JobWaitOutcome, Side, WorkflowEvent } from './types.js';

export async function waitForSides<S extends string>(
  jobs: readonly { side: Side; client: GeminiDbClient; jobId: string }[],
  wait: JobWaitOptions,
  signal: AbortSignal | undefined,
  emit: (event: WorkflowEvent<S>) => void,
): Promise<JobWaitOutcome[]> {
  return Promise.all(
    jobs.map(async ({ side, client, jobId }): Promise<JobWaitOutcome> => {
      try {
        const result = await waitForJob(client, jobId, {
          ...wait,
          signal,
          onProgress: (e) => emit({ type: 'job', side, jobId, status: e.label, progress: e.progress, phase: e.status }),
        });
        switch (result.state) {
          case 'succeeded':
            return { side, jobId, state: 'succeeded', job: result.value };
          case 'failed':
            return { side, jobId, state: 'failed', job: result.lastState, reason: result.reason };
          case 'timeout':
            return { side, jobId, state: 'timeout', job: result.lastState, reason: result.lastLabel };
          case 'aborted':
            return { side, jobId, state: 'aborted', job: result.lastState };
        }
      } catch (error) {
        // Reading the job failed (after the transport's retries): its state is unknown, not failed.
        return { side, jobId, state: 'error', reason: error instanceof Error ? error.message : String(error), error };
      }
    }),
  );
}

/** failed > error > aborted > timeout: the outcome that decides the exit code. */
export function worstOutcome(outcomes: readonly JobWaitOutcome[]): JobWaitOutcome | undefined {
  for (const state of ['failed', 'error', 'aborted', 'timeout'] as const) {
    const found = outcomes.find((o) => o.state === state);
    if (found) return found;
  }
  return undefined;
}
