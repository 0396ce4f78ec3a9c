// What a workflow reports while it runs (for progress output) and returns when it ends.
import type { OperationKind } from '../journal/types.js';

export type StepStatus = 'start' | 'done' | 'skipped' | 'failed';

export interface StepEvent {
  type: 'step';
  /** e.g. `precheck-primary`, `construct-standby`, `wait-primary`, `rollback-deconstruct-primary`. */
  step: string;
  status: StepStatus;
  /** One sentence, e.g. `Construct the primary side on a1b2… (instance_role master)`. */
  description: string;
  /** IDs produced by the step (DR ID, job ID, request ID) or why it was skipped. */
  detail?: Record<string, string> | undefined;
  error?: unknown;
}

/** One observation of an asynchronous job or task being waited for. */
export interface WaitEvent {
  type: 'wait';
  step: string;
  /** Job ID (GeminiDB) or task ID (DWS). */
  id: string;
  /** Which side of the pair, when it matters. */
  side?: 'primary' | 'standby' | undefined;
  status: string;
  progress?: string | undefined;
  phase: 'pending' | 'success' | 'failure';
}

/** What a re-run found in the journal and the live state, and what it decided to do about it. */
export interface ReconcileEvent {
  type: 'reconcile';
  message: string;
  facts?: Record<string, string> | undefined;
}

export interface WarningEvent {
  type: 'warning';
  message: string;
}

export type DrEvent = StepEvent | WaitEvent | ReconcileEvent | WarningEvent;

export interface StepRecord {
  step: string;
  status: 'done' | 'skipped';
  description: string;
  detail?: Record<string, string> | undefined;
}

export interface OperationResult {
  operation: OperationKind;
  /**
   * completed: this run brought the operation to its end (checked through the API);
   * already-done: the API showed the goal reached before anything was sent;
   * accepted: every call was accepted and the caller asked not to wait for the end.
   */
  outcome: 'completed' | 'already-done' | 'accepted';
  /** True when this run continued an interrupted one (journal) or finished a half-done state (API). */
  resumed: boolean;
  /** What reconciliation found and decided, in order. */
  notes: string[];
  steps: StepRecord[];
}
