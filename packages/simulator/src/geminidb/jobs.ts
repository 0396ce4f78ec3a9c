import type { Clock } from '../clock.js';
import { uuid } from '../ids.js';

export type GeminiJobStatus = 'Running' | 'Completed' | 'Failed';

export interface GeminiJob {
  readonly id: string;
  readonly name: string;
  /** The instance the job is reported under (`instance` in JobDetail). */
  readonly instanceId: string;
  /** Every instance the job keeps busy (a one-call switchover occupies both sides). */
  readonly busyInstanceIds: readonly string[];
  readonly startedAt: number;
  readonly endsAt: number;
  status: GeminiJobStatus;
  endedAt: number | undefined;
  failReason: string;
}

export interface JobHooks {
  /** Runs when the job's time is up. Returning a string fails the job with that reason instead. */
  readonly complete: () => string | undefined;
  /** Runs when the job fails (injected failure or `complete` refusing). */
  readonly fail?: () => void;
}

interface Entry {
  readonly job: GeminiJob;
  readonly hooks: JobHooks;
  readonly injectedFailure: string | undefined;
  readonly seq: number;
}

/**
 * Jobs finish lazily: nothing runs on a timer; `settle()` (called before every read and write)
 * finishes every job whose time has come, in end-time order, so state only depends on the clock.
 */
export class JobTable {
  readonly #clock: Clock;
  #entries: Entry[] = [];
  #seq = 0;

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  start(input: {
    name: string;
    instanceId: string;
    busyInstanceIds?: readonly string[];
    injectedFailure?: string | undefined;
    hooks: JobHooks;
  }): GeminiJob {
    const now = this.#clock.now();
    const job: GeminiJob = {
      id: uuid(),
      name: input.name,
      instanceId: input.instanceId,
      busyInstanceIds: input.busyInstanceIds ?? [input.instanceId],
      startedAt: now,
      endsAt: now + this.#clock.transitionMs,
      status: 'Running',
      endedAt: undefined,
      failReason: '',
    };
    this.#entries.push({ job, hooks: input.hooks, injectedFailure: input.injectedFailure, seq: this.#seq++ });
    return job;
  }

  settle(): void {
    const now = this.#clock.now();
    const due = this.#entries
      .filter((e) => e.job.status === 'Running' && e.job.endsAt <= now)
      .sort((a, b) => a.job.endsAt - b.job.endsAt || a.seq - b.seq);
    for (const entry of due) {
      const { job, hooks } = entry;
      job.endedAt = job.endsAt;
      const refusal = entry.injectedFailure ?? hooks.complete();
      if (typeof refusal !== 'string') {
        job.status = 'Completed';
        continue;
      }
      job.status = 'Failed';
      job.failReason = refusal;
      hooks.fail?.();
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
    return this.#entries.filter((e) => e.job.status === 'Running' && e.job.busyInstanceIds.includes(instanceId)).map((e) => e.job);
  }

  all(): GeminiJob[] {
    return this.#entries.map((e) => e.job);
  }
}
