// A workflow that cannot reach its goal throws DrOperationError: `kind` says why (for exit codes),
// `advice` what to do (usually: fix the cause and run the same command again).
import type { OperationKind } from '../journal/types.js';
import type { StepRecord } from './events.js';

export type DrOperationErrorKind =
  /** The live state makes the operation impossible as asked (paired elsewhere, wrong port, not found). */
  | 'refused'
  /** A call was answered with an error, or a job/task failed. */
  | 'failed'
  /** Waiting for a job/task took longer than allowed; it keeps running. */
  | 'timeout'
  /** The AbortSignal fired; anything already accepted keeps running. */
  | 'aborted'
  /** Another process holds the lock on one of the targets. */
  | 'locked';

export class DrOperationError extends Error {
  override readonly name = 'DrOperationError';
  readonly kind: DrOperationErrorKind;
  readonly operation: OperationKind;
  readonly step: string | undefined;
  readonly advice: readonly string[];
  /** Steps finished before the stop (what exists now). */
  readonly steps: readonly StepRecord[];

  constructor(init: {
    kind: DrOperationErrorKind;
    operation: OperationKind;
    message: string;
    step?: string | undefined;
    advice?: readonly string[];
    steps?: readonly StepRecord[];
    cause?: unknown;
  }) {
    super(init.message, init.cause !== undefined ? { cause: init.cause } : undefined);
    this.kind = init.kind;
    this.operation = init.operation;
    this.step = init.step;
    this.advice = init.advice ?? [];
    this.steps = init.steps ?? [];
  }
}

export function isDrOperationError(error: unknown): error is DrOperationError {
  return error instanceof Error && error.name === 'DrOperationError' && typeof (error as { kind?: unknown }).kind === 'string';
}
