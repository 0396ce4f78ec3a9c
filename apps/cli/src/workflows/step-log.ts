// The step log both two-sided workflows (pair, unpair) keep: every event goes to the caller's
// `onEvent`, and finished or skipped steps are also collected, so a result or a stop can report
// what was done.
import type { StepRecord, StepStatus, WorkflowEvent } from './types.js';

export interface StepLog<S extends string> {
  /** Steps that finished or were skipped, in order (returned in results and errors). */
  readonly steps: StepRecord<S>[];
  /** Passes an event to the caller (start, failed, job progress) without recording it. */
  emit(event: WorkflowEvent<S>): void;
  /** Records a finished or skipped step and reports it. */
  record(step: S, status: Exclude<StepStatus, 'start' | 'failed'>, description: string, detail?: Record<string, string>): void;
}

/** `options.onEvent` is read at each event, as an inline `options.onEvent?.(e)` would. */
export function createStepLog<S extends string>(options: { onEvent?: ((event: WorkflowEvent<S>) => void) | undefined }): StepLog<S> {
  const steps: StepRecord<S>[] = [];
  const emit = (event: WorkflowEvent<S>) => options.onEvent?.(event);
  return {
    steps,
    emit,
    record(step, status, description, detail) {
      steps.push({ step, status, detail });
      emit({ type: 'step', step, status, description, detail });
    },
  };
}
