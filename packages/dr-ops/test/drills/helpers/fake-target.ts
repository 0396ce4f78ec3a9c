// An in-memory DR pair on a manual clock, for the runner's unit tests: roles, jobs that take time,
// lag that can spike, jobs that fail, readiness that fails. The end-to-end tests use the simulator
// through the real targets; this one isolates the runner's phase, abort, rollback and resume logic.
import type { DrillTarget, EvidenceRecorder, LagReading, ReadinessReport, RoleChangeRequest, RoleState } from '../../../src/drills/index.ts';
import { RoleChangeFailedError } from '../../../src/drills/index.ts';

export interface FakePairOptions {
  jobMs?: number;
  lag?: (now: number) => number;
}

export class FakePair implements DrillTarget {
  readonly service = 'geminidb' as const;
  originalPrimary = '';
  originalStandby = '';
  readonly measurement = { rtoFrom: 'the first switchover call', rtoTo: 'the new primary read back', rpoSource: 'fake lag', notMeasured: ['client reconnection'] };
  primary = 'inst-a';
  job: { endsAt: number; to: string; fails: string | undefined; id: string } | undefined;
  readonly jobs: { id: string; startedAt: number; endsAt: number; to: string; failed: boolean }[] = [];
  failNextJob: string | undefined;
  readinessFails: string | undefined;
  calls: string[] = [];
  #seq = 0;

  constructor(
    readonly clock: { now(): number; advance(ms: number): void },
    readonly options: FakePairOptions = {},
  ) {}

  get jobMs(): number {
    return this.options.jobMs ?? 20_000;
  }

  async identify() {
    this.calls.push('identify');
    return { primary: this.primary, standby: this.primary === 'inst-a' ? 'inst-b' : 'inst-a' };
  }

  useOriginal(ids: { primary: string; standby: string }): void {
    this.originalPrimary = ids.primary;
    this.originalStandby = ids.standby;
  }

  attachEvidence(_recorder: EvidenceRecorder): () => void {
    return () => {};
  }

  async describe() {
    return {
      service: 'geminidb' as const,
      regions: ['r1', 'r2'],
      task: null,
      sides: [
        { role_at_start: 'primary' as const, id: 'inst-a', name: 'a', region: 'r1', project_id: null, profile: null },
        { role_at_start: 'standby' as const, id: 'inst-b', name: 'b', region: 'r2', project_id: null, profile: null },
      ],
    };
  }

  #settle(): void {
    if (this.job && this.job.endsAt <= this.clock.now()) {
      if (!this.job.fails) this.primary = this.job.to;
      this.job = undefined;
    }
  }

  async readiness(expectedPrimary: string): Promise<ReadinessReport> {
    this.#settle();
    this.calls.push('readiness');
    const ok = this.readinessFails === undefined && this.primary === expectedPrimary;
    return {
      service: 'geminidb',
      verdict: ok ? 'pass' : 'fail',
      checked_at: new Date(this.clock.now()).toISOString(),
      target: { primary: 'inst-a', standby: 'inst-b' },
      policy: { rpo_objective_seconds: 60, rto_objective_seconds: 600, max_lag_seconds: 60, allow_running_jobs: false },
      checks: [{ id: 'reachable.standby', title: 'standby answers', status: ok ? 'pass' : 'fail', message: this.readinessFails ?? 'ok', evidence: [] }],
      calls: [],
    };
  }

  async roles(): Promise<RoleState> {
    this.#settle();
    this.calls.push('roles');
    const standby = this.primary === 'inst-a' ? 'inst-b' : 'inst-a';
    return { primary: this.primary, standby, status: this.job ? 'NA' : 'SYNCING', busy: this.job !== undefined, healthy: this.job === undefined };
  }

  async lag(): Promise<LagReading> {
    this.#settle();
    this.calls.push('lag');
    return { lagSeconds: this.options.lag?.(this.clock.now()) ?? 2, syncStatus: 'SYNCING', source: 'fake' };
  }

  async changeRoles(request: RoleChangeRequest): Promise<void> {
    this.#settle();
    if (this.primary === request.newPrimary && !this.job) {
      request.onNote(`nothing to do: ${request.newPrimary} is already the primary`);
      return;
    }
    if (!this.job) {
      this.calls.push(`switch→${request.newPrimary}`);
      const id = `job-${++this.#seq}`;
      const fails = this.failNextJob;
      this.failNextJob = undefined;
      this.job = { endsAt: this.clock.now() + this.jobMs, to: request.newPrimary, fails, id };
      this.jobs.push({ id, startedAt: this.clock.now(), endsAt: this.clock.now() + this.jobMs, to: request.newPrimary, failed: fails !== undefined });
    }
    const job = this.job;
    request.onJob({ id: job.id, side: 'standby', name: 'SwitchOverDisasterRecovery', status: 'Running' });
    const deadline = this.clock.now() + request.maxWaitMs;
    for (;;) {
      if (request.signal.aborted) throw request.signal.reason;
      this.clock.advance(request.pollIntervalMs);
      this.#settle();
      if (this.job === undefined) break;
      if (this.clock.now() > deadline) throw new RoleChangeFailedError(`still running after ${request.maxWaitMs} ms`, 'timeout');
      await new Promise((r) => setImmediate(r));
    }
    request.onJob({ id: job.id, side: 'standby', name: 'SwitchOverDisasterRecovery', status: job.fails ? 'Failed' : 'Completed', ...(job.fails ? { fail_reason: job.fails } : {}) });
    if (job.fails) throw new RoleChangeFailedError(`job ${job.id} failed: ${job.fails}`, 'job-failed');
  }
}
