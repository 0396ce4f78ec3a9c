// One run of a workflow: the journal session (lock, begin/resume, intent and outcome around every
// mutating call), step events, the abort signal and secret scrubbing. Workflows decide what to do
// from the live state; this class records it so that a re-run can pick up where this one stopped.
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { MemoryJournalStore } from '../journal/memory-store.js';
import { summarize } from '../journal/summarize.js';
import {
  OperationLockedError,
  type HeldLock,
  type JournalRecord,
  type JournalStore,
  type JsonValue,
  type OperationKey,
  type OutcomeRecord,
} from '../journal/types.js';
import { classifyCallError, errorSummary, requestIdOf } from './call-outcome.js';
import { DrOperationError, isDrOperationError, type DrOperationErrorKind } from './errors.js';
import type { DrEvent, OperationResult, StepRecord } from './events.js';

export const TOOL = '@hcdr/dr-ops';

/** How long and how often to poll jobs and tasks; all optional (core defaults otherwise). */
export interface WaitOptions {
  maxWaitMs?: number | undefined;
  initialDelayMs?: number | undefined;
  minIntervalMs?: number | undefined;
  maxIntervalMs?: number | undefined;
  /** Injectable for tests. */
  sleep?: ((ms: number, signal?: AbortSignal) => Promise<void>) | undefined;
  now?: (() => number) | undefined;
}

/** Options every workflow takes. */
export interface OperationOptions {
  /** Stops the workflow; calls already accepted keep running server-side (re-run to finish). */
  signal?: AbortSignal | undefined;
  onEvent?: ((event: DrEvent) => void) | undefined;
  /**
   * Where intents and outcomes are recorded. Default: in memory (this process only), so a re-run
   * reconciles from the live API alone. Pass `new FileJournalStore()` to survive crashes.
   */
  journal?: JournalStore | undefined;
  /** false: return once every call was accepted (outcome `accepted`); otherwise wait for the end. */
  wait?: WaitOptions | false | undefined;
  /** How to run this operation again (shown by `hcdr ops list`); never include secrets. */
  rerun?: string | undefined;
}

export interface RunInit {
  key: OperationKey;
  /** Resources to lock, e.g. `geminidb:<instance-id>`. */
  resources: readonly string[];
  params: { [key: string]: JsonValue };
  /** Values never written anywhere (the DR password): scrubbed from errors before recording. */
  secrets?: readonly string[];
}

export class OperationRun {
  readonly key: OperationKey;
  readonly journal: JournalStore;
  readonly signal: AbortSignal | undefined;
  readonly wait: WaitOptions | false;
  /** Every record of earlier runs of this operation (all attempts), oldest first. */
  readonly history: readonly JournalRecord[];
  readonly steps: StepRecord[] = [];
  readonly notes: string[] = [];
  /** True when this run continues an interrupted attempt or found a half-done state. */
  resumed = false;
  /** Mutations accepted in this run. */
  sent = 0;
  #attempt = '';
  /** The step of a mutating call that threw (for errors that are not DrOperationErrors). */
  #failedStep: string | undefined;
  #lock: HeldLock | undefined;
  readonly #onEvent: OperationOptions['onEvent'];
  readonly #secrets: readonly string[];

  private constructor(init: RunInit, options: OperationOptions, journal: JournalStore, history: JournalRecord[]) {
    this.key = init.key;
    this.journal = journal;
    this.signal = options.signal;
    this.wait = options.wait ?? {};
    this.history = history;
    this.#onEvent = options.onEvent;
    this.#secrets = (init.secrets ?? []).filter((s) => s.length > 0);
  }

  /** Locks the targets, reads the journal and begins (or continues) an attempt. */
  static async start(init: RunInit, options: OperationOptions): Promise<OperationRun> {
    const journal = options.journal ?? new MemoryJournalStore();
    const label = `${init.key.kind} ${init.key.targets.join(' ')}`;
    const breaks: string[] = [];
    let lock: HeldLock;
    try {
      lock = await journal.lock(init.resources, { pid: process.pid, host: hostname(), operation: label }, { onBreak: (m) => breaks.push(m) });
    } catch (error) {
      if (error instanceof OperationLockedError) {
        throw new DrOperationError({ kind: 'locked', operation: init.key.kind, message: error.message, cause: error });
      }
      throw error;
    }
    try {
      const { records, warnings } = await journal.read(init.key);
      const run = new OperationRun(init, options, journal, records);
      run.#lock = lock;
      for (const w of [...breaks, ...warnings]) run.warn(w);
      const summary = summarize(init.key, records);
      if (summary.state === 'in-progress' && summary.begin) {
        run.#attempt = summary.begin.attempt;
        run.resumed = true;
        const pending = summary.pendingCall;
        run.reconcile(
          `Continuing the run of ${summary.begin.at} (pid ${summary.begin.pid} on ${summary.begin.host}), which stopped before it finished` +
            (pending ? `; its last call (${pending.call} on ${pending.target}) may or may not have been received, so the live state decides` : ''),
        );
      } else {
        run.#attempt = randomUUID();
        await run.#append({
          type: 'begin',
          at: now(),
          attempt: run.#attempt,
          kind: init.key.kind,
          targets: [...init.key.targets],
          params: init.params,
          rerun: options.rerun,
          host: hostname(),
          pid: process.pid,
          tool: TOOL,
        });
      }
      return run;
    } catch (error) {
      await lock.release();
      throw error;
    }
  }

  emit(event: DrEvent): void {
    this.#onEvent?.(event);
  }

  warn(message: string): void {
    this.emit({ type: 'warning', message: this.scrub(message) });
  }

  /** Records and reports a decision taken from the journal and the live state. */
  reconcile(message: string, facts?: Record<string, string>): void {
    this.resumed = true;
    this.notes.push(message);
    this.emit({ type: 'reconcile', message, facts });
  }

  async note(message: string, facts?: Record<string, string>): Promise<void> {
    this.reconcile(message, facts);
    await this.#append({ type: 'note', at: now(), attempt: this.#attempt, message: this.scrub(message), facts });
  }

  start(step: string, description: string): void {
    this.emit({ type: 'step', step, status: 'start', description });
  }

  done(step: string, description: string, detail?: Record<string, string>): void {
    this.steps.push({ step, status: 'done', description, detail });
    this.emit({ type: 'step', step, status: 'done', description, detail });
  }

  skip(step: string, description: string, reason: string): void {
    const detail = { reason };
    this.steps.push({ step, status: 'skipped', description, detail });
    this.emit({ type: 'step', step, status: 'skipped', description, detail });
  }

  failed(step: string, description: string, error?: unknown): void {
    this.emit({ type: 'step', step, status: 'failed', description, error });
  }

  /** Throws DrOperationError('aborted') once the signal fired. */
  checkAborted(step?: string): void {
    if (this.signal?.aborted) {
      throw this.error('aborted', 'Stopped (aborted) before finishing; anything already accepted keeps running. Run the same operation again to finish it.', { step });
    }
  }

  /**
   * One mutating call, journaled: intent before, outcome after (accepted with IDs, refused, or
   * unknown when no answer came). Reads go straight to the client; only mutations come here.
   */
  async mutate<T>(
    spec: { step: string; call: string; target: string; description: string },
    send: (signal: AbortSignal | undefined) => Promise<T>,
    ids: (result: T) => { jobId?: string | undefined; drId?: string | undefined; taskId?: string | undefined } = () => ({}),
  ): Promise<T> {
    this.checkAborted(spec.step);
    this.start(spec.step, spec.description);
    await this.#append({ type: 'intent', at: now(), attempt: this.#attempt, step: spec.step, call: spec.call, target: spec.target });
    let result: T;
    try {
      result = await send(this.signal);
    } catch (error) {
      const outcome = classifyCallError(error);
      await this.#append({
        type: 'outcome',
        at: now(),
        attempt: this.#attempt,
        step: spec.step,
        call: spec.call,
        target: spec.target,
        result: outcome,
        requestId: requestIdOf(error),
        error: errorSummary(error, (t) => this.scrub(t)),
      });
      this.#failedStep = spec.step;
      this.failed(spec.step, spec.description, error);
      throw error;
    }
    const found = ids(result);
    const requestId = requestIdOf(result);
    await this.#append({
      type: 'outcome',
      at: now(),
      attempt: this.#attempt,
      step: spec.step,
      call: spec.call,
      target: spec.target,
      result: 'accepted',
      ...found,
      requestId,
    });
    this.sent++;
    const detail: Record<string, string> = {};
    if (found.drId) detail['disaster_recovery_id'] = found.drId;
    if (found.jobId) detail['job_id'] = found.jobId;
    if (found.taskId) detail['task_id'] = found.taskId;
    if (requestId) detail['request_id'] = requestId;
    this.done(spec.step, spec.description, detail);
    return result;
  }

  /** Accepted outcomes of earlier runs and this one, newest first. */
  acceptedOutcomes(filter: (r: OutcomeRecord) => boolean = () => true): OutcomeRecord[] {
    return this.#allRecords()
      .filter((r): r is OutcomeRecord => r.type === 'outcome' && r.result === 'accepted' && filter(r))
      .reverse();
  }

  /** A value remembered by an earlier (or this) run's begin record of the current attempt. */
  attemptParam(name: string): JsonValue | undefined {
    const begin = this.#allRecords().findLast((r) => r.type === 'begin' && r.attempt === this.#attempt);
    return begin?.type === 'begin' ? begin.params[name] : undefined;
  }

  /** Journals a fact a later run must reuse (e.g. the goal of a switchover, read before the first call). */
  async remember(name: string, value: string, message: string): Promise<void> {
    await this.note(message, { [name]: value });
  }

  /** The newest remembered value of `name` (any attempt). */
  recall(name: string): string | undefined {
    const note = this.#allRecords().findLast((r) => r.type === 'note' && r.facts?.[name] !== undefined);
    return note?.type === 'note' ? note.facts?.[name] : undefined;
  }

  /** The last finished attempt, when the latest one ended (for "already done" messages). */
  lastEnd(): Extract<JournalRecord, { type: 'end' }> | undefined {
    const end = this.history.findLast((r) => r.type === 'end');
    return end?.type === 'end' ? end : undefined;
  }

  /** Ends the attempt successfully and releases the lock. */
  async finish(outcome: OperationResult['outcome'], message: string): Promise<OperationResult> {
    await this.#append({ type: 'end', at: now(), attempt: this.#attempt, status: outcome, message: this.scrub(message) });
    await this.close();
    return { operation: this.key.kind, outcome, resumed: this.resumed, notes: [...this.notes], steps: [...this.steps] };
  }

  /**
   * Records why the run stopped and releases the lock. Failures leave the attempt open (a re-run
   * continues it), except a refusal before anything was sent, which ends it.
   */
  async stop(error: unknown): Promise<never> {
    const e = isDrOperationError(error)
      ? error
      : this.error(this.signal?.aborted ? 'aborted' : 'failed', describe(error, (t) => this.scrub(t)), { cause: error, step: this.#failedStep });
    try {
      if (e.kind === 'refused' && this.sent === 0 && !this.resumed) {
        await this.#append({ type: 'end', at: now(), attempt: this.#attempt, status: 'refused', message: this.scrub(e.message) });
      } else if (e.kind !== 'locked') {
        await this.#append({ type: 'note', at: now(), attempt: this.#attempt, message: this.scrub(`stopped (${e.kind}): ${e.message}`) });
      }
    } finally {
      await this.close();
    }
    throw e;
  }

  async close(): Promise<void> {
    const lock = this.#lock;
    this.#lock = undefined;
    await lock?.release();
  }

  error(kind: DrOperationErrorKind, message: string, extra: { step?: string | undefined; advice?: readonly string[]; cause?: unknown } = {}): DrOperationError {
    return new DrOperationError({ kind, operation: this.key.kind, message: this.scrub(message), step: extra.step, advice: extra.advice, steps: [...this.steps], cause: extra.cause });
  }

  scrub(text: string): string {
    let out = text;
    for (const s of this.#secrets) out = out.split(s).join('***');
    return out;
  }

  readonly #own: JournalRecord[] = [];

  #allRecords(): JournalRecord[] {
    return [...this.history, ...this.#own];
  }

  async #append(record: JournalRecord): Promise<void> {
    this.#own.push(record);
    await this.journal.append(this.key, record);
  }
}

function now(): string {
  return new Date().toISOString();
}

function describe(error: unknown, scrub: (t: string) => string): string {
  return scrub(error instanceof Error ? error.message : String(error));
}

/**
 * Runs a workflow body inside a run: a thrown error is recorded (stop) and rethrown as
 * DrOperationError; client errors keep their cause.
 */
export async function runOperation<T extends OperationResult>(init: RunInit, options: OperationOptions, body: (run: OperationRun) => Promise<T>): Promise<T> {
  const run = await OperationRun.start(init, options);
  try {
    return await body(run);
  } catch (error) {
    return run.stop(error);
  }
}
