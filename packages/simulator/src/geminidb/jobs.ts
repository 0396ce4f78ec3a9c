import type { Clock } from '../clock.js';

export type GeminiJobStatus = 'Running' | 'Completed' | 'Failed';

/**
 * What a job does when it ends, as plain data (not a closure), so running jobs survive a restart
 * from a state file and finish then.
 */
export type JobEffect =
  | { readonly kind: 'construct'; readonly pairId: string; readonly role: 'master' | 'slave' }
  | { readonly kind: 'deconstruct'; readonly pairId: string }
  | { readonly kind: 'demote'; readonly pairId: string }
  | { readonly kind: 'promote'; readonly pairId: string; readonly peerId: string; readonly force: boolean }
  | { readonly kind: 'switchover'; readonly pairId: string; readonly masterId: string; readonly slaveId: string }
  | { readonly kind: 'sync'; readonly pairId: string; readonly action: 'pause' | 'resume' }
  | { readonly kind: 'buildBiActive'; readonly peerId: string }
  | { readonly kind: 'releaseBiActive'; readonly peerId: string };

export interface GeminiJob {
  readonly id: string;
  readonly name: string;
  /** The instance the job is reported under (`instance` in JobDetail). */
  readonly instanceId: string;
  /** Every instance the job keeps busy (a one-call switchover occupies both sides). */
  readonly busyInstanceIds: readonly string[];
  readonly startedAt: number;
  readonly endsAt: number;
  readonly effect: JobEffect;
  /** A failure decided when the job started (injected fault, lag above sync_delay). */
  readonly injectedFailure: string | undefined;
  readonly seq: number;
  status: GeminiJobStatus;
  endedAt: number | undefined;
  failReason: string;
}

/** Applies a job's effect: returns a reason to fail it instead, or undefined on success. */
export interface JobRunner {
  complete(job: GeminiJob): string | undefined;
  fail(job: GeminiJob): void;
}

/**
 * Jobs finish lazily: nothing runs on a timer; `settle()` (called before every read and write)
 * finishes every job whose time has come, in end-time order, so state only depends on the clock.
 */
export class JobTable {
  readonly #clock: Clock;
  readonly #newId: () => string;
  #jobs: GeminiJob[];
  #seq: number;

  constructor(clock: Clock, newId: () => string, jobs: readonly GeminiJob[] = []) {
    this.#clock = clock;
    this.#newId = newId;
    this.#jobs = jobs.map((j) => ({ ...j }));
    this.#seq = jobs.reduce((max, j) => Math.max(max, j.seq + 1), 0);
  }

  start(input: { name: string; instanceId: string; busyInstanceIds?: readonly string[]; injectedFailure: string | undefined; effect: JobEffect }): GeminiJob {
    const now = this.#clock.now();
    const job: GeminiJob = {
      id: this.#newId(),
      name: input.name,
      instanceId: input.instanceId,
      busyInstanceIds: input.busyInstanceIds ?? [input.instanceId],
      startedAt: now,
      endsAt: now + this.#clock.transitionMs,
      effect: input.effect,
      injectedFailure: input.injectedFailure,
      seq: this.#seq++,
      status: 'Running',
      endedAt: undefined,
      failReason: '',
    };
    this.#jobs.push(job);
    return job;
  }

  settle(runner: JobRunner): void {
    const now = this.#clock.now();
    const due = this.#jobs.filter((j) => j.status === 'Running' && j.endsAt <= now).sort((a, b) => a.endsAt - b.endsAt || a.seq - b.seq);
    for (const job of due) {
      job.endedAt = job.endsAt;
      const refusal = job.injectedFailure ?? runner.complete(job);
      if (typeof refusal !== 'string') {
        job.status = 'Completed';
        continue;
      }
      job.status = 'Failed';
      job.failReason = refusal;
      runner.fail(job);
    }
  }

  /** `NN%` while running and `""` otherwise, as the docs show it. */
  progress(job: GeminiJob): string {
    if (job.status !== 'Running') return '';
    const span = job.endsAt - job.startedAt;
    const pct = span <= 0 ? 99 : Math.min(99, Math.floor(((this.#clock.now() - job.startedAt) / span) * 100));
    return `${Math.max(0, pct)}%`;
  }

  running(instanceId: string): GeminiJob[] {
    return this.#jobs.filter((j) => j.status === 'Running' && j.busyInstanceIds.includes(instanceId));
  }

  all(): GeminiJob[] {
    return [...this.#jobs];
  }
}
