// Shared vocabulary of the two-sided GeminiDB workflows (pair, unpair). Hand-written library tier
// (model-codebases lesson 13): the orchestration takes two clients and reports each step through a
// callback, so it is unit-testable with injected fetch and reusable outside the CLI.
import type { PollProgressEvent } from '@hcdr/core';
import type { JobDetail } from '@hcdr/geminidb';

export type Side = 'primary' | 'standby';

/** How long and how often to poll jobs; all optional (core defaults: 5 s → 30 s, 30 min). */
export interface JobWaitOptions {
  maxWaitMs?: number | undefined;
  initialDelayMs?: number | undefined;
  minIntervalMs?: number | undefined;
  maxIntervalMs?: number | undefined;
  /** Injectable for tests. */
  sleep?: ((ms: number, signal?: AbortSignal) => Promise<void>) | undefined;
  now?: (() => number) | undefined;
}

export type StepStatus = 'start' | 'done' | 'skipped' | 'failed';

export interface StepEvent<S extends string> {
  type: 'step';
  step: S;
  status: StepStatus;
  /** One sentence, e.g. `Construct the primary side on a1b2… (master)`. */
  description: string;
  /** IDs produced by the step (dr id, job id) or why it was skipped. */
  detail?: Record<string, string> | undefined;
  error?: unknown;
}

export interface JobProgressEvent {
  type: 'job';
  side: Side;
  jobId: string;
  status: string;
  progress?: string | undefined;
  /** pending | success | failure */
  phase: PollProgressEvent<unknown>['status'];
}

export type WorkflowEvent<S extends string> = StepEvent<S> | JobProgressEvent;

export interface StepRecord<S extends string> {
  step: S;
  status: 'done' | 'skipped';
  detail?: Record<string, string> | undefined;
}

export interface JobWaitOutcome {
  side: Side;
  jobId: string;
  state: 'succeeded' | 'failed' | 'timeout' | 'aborted' | 'error';
  job?: JobDetail | undefined;
  reason?: string | undefined;
  error?: unknown;
}
