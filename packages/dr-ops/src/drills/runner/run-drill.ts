// The drill runner: pre-flight readiness → switchover → verify → hold (sampling lag) → failback →
// verify → post-flight readiness, each phase timed on the wall and monotonic clocks with the API
// evidence behind it. Abort conditions (readiness fails, lag above the limit, a phase over its
// budget, a failed job) roll back to the original roles and say why. Every step is journaled as it
// happens, so running the same drill again after an interruption continues it.
import { randomUUID } from 'node:crypto';
import { hostname, userInfo } from 'node:os';
import { formatDuration, toSeconds } from '../duration.js';
import { EvidenceRecorder } from '../evidence/recorder.js';
import type { ResolvedDrillPlan } from '../plan/types.js';
import type { ReadinessReport } from '../readiness/types.js';
import type { Deviation, DrillPhaseName, DrillVerdict, EvidenceJob, LagSample, PhaseRecord, PhaseStatus } from '../report/model.js';
import { type DrillClock, systemClock } from './clock.js';
import { PHASE_TITLES, phasesOf } from './phases.js';
import { applyDrillEvent, type DrillEvent, type DrillFactName, type DrillJournal, type DrillProgress, foldDrillEvents, MemoryDrillJournal } from './progress.js';
import type { DrillTarget, RoleChange, RoleState } from './target.js';

/** What the runner reports while it runs (for progress output). */
export type DrillRunEvent =
  | { type: 'phase-start'; phase: DrillPhaseName; title: string; resumed: boolean }
  | { type: 'phase-end'; record: PhaseRecord }
  | { type: 'sample'; sample: LagSample }
  | { type: 'note'; message: string }
  | { type: 'abort'; phase: DrillPhaseName; reason: string };

export interface RunDrillOptions {
  plan: ResolvedDrillPlan;
  /** Path of the plan file (its base name goes into the report). */
  planFile?: string | undefined;
  target: DrillTarget;
  /** Where events are journaled between runs (default: memory, this process only). */
  journal?: DrillJournal | undefined;
  clock?: DrillClock | undefined;
  /** Ctrl-C: stops the drill where it is (a re-run continues it). */
  signal?: AbortSignal | undefined;
  /** Who/where for the report. */
  tool: { name: string; version: string };
  operator?: string | undefined;
  host?: string | undefined;
  onEvent?: ((event: DrillRunEvent) => void) | undefined;
}

/** The drill stopped before it finished (signal): nothing is rolled back; run it again to continue. */
export class DrillInterruptedError extends Error {
  override readonly name = 'DrillInterruptedError';
}

/** The journal holds an unfinished drill of another plan version: refuse to mix them. */
export class DrillResumeMismatchError extends Error {
  override readonly name = 'DrillResumeMismatchError';
}

/** An abort condition: roll back and report it. */
class DrillAbort extends Error {
  constructor(
    readonly phase: DrillPhaseName,
    readonly reason: string,
  ) {
    super(reason);
  }
}

export interface DrillRunResult {
  progress: DrillProgress;
  verdict: DrillVerdict;
  verdictReason: string;
  finalState: RoleState | undefined;
  finalReadAt: number | undefined;
  /** Why the final roles could not be read, when they could not. */
  finalReadError?: string | undefined;
  /** False when the drill stopped before any state-changing call (nothing to restore). */
  changed: boolean;
  /** Runs of this drill (1 unless it was interrupted and resumed). */
  runs: number;
  /** Who ran this (last) run and where, for the report. */
  operator: string;
  host: string;
  /** True when this run continued an interrupted drill. */
  resumed: boolean;
}

function safeOperator(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}

export async function runDrill(options: RunDrillOptions): Promise<DrillRunResult> {
  const runner = new DrillRunner(options);
  return runner.run();
}

class DrillRunner {
  readonly #o: RunDrillOptions;
  readonly #clock: DrillClock;
  readonly #journal: DrillJournal;
  readonly #recorder: EvidenceRecorder;
  readonly #progress: DrillProgress;
  readonly #signal: AbortSignal;
  readonly #operator: string;
  readonly #host: string;
  #run = 1;
  #resumed = false;
  #jobs: EvidenceJob[] = [];
  /** The running phase was begun by an earlier run (interrupted inside it). */
  #phaseResumed = false;

  constructor(options: RunDrillOptions) {
    this.#o = options;
    this.#clock = options.clock ?? systemClock;
    this.#journal = options.journal ?? new MemoryDrillJournal();
    this.#recorder = new EvidenceRecorder({ now: () => this.#clock.now() });
    this.#progress = foldDrillEvents(this.#journal.previous);
    this.#signal = options.signal ?? new AbortController().signal;
    this.#operator = options.operator ?? safeOperator();
    this.#host = options.host ?? hostname();
  }

  get #plan() {
    return this.#o.plan;
  }

  #iso(ms = this.#clock.now()): string {
    return new Date(ms).toISOString();
  }

  #emit(event: DrillRunEvent): void {
    this.#o.onEvent?.(event);
  }

  async #record(event: DrillEvent): Promise<void> {
    applyDrillEvent(this.#progress, event);
    await this.#journal.record(event);
  }

  async #fact(name: DrillFactName, value: string): Promise<void> {
    await this.#record({ type: 'fact', name, value });
  }

  async #deviation(kind: Deviation['kind'], phase: DrillPhaseName | null, message: string): Promise<void> {
    await this.#record({ type: 'deviation', deviation: { at: this.#iso(), kind, phase, message } });
  }

  #checkInterrupted(): void {
    if (this.#signal.aborted) throw new DrillInterruptedError('The drill was interrupted; run the same command again to continue it.');
  }

  async run(): Promise<DrillRunResult> {
    const p = this.#progress;
    const detach = this.#o.target.attachEvidence(this.#recorder);
    try {
      if (p.drillId !== undefined) {
        if (p.planSha256 !== this.#plan.sha256) {
          throw new DrillResumeMismatchError(
            `An interrupted run of drill ${p.drillId} (started ${p.startedAt}) used a different version of this plan (sha256 ${p.planSha256?.slice(0, 12)}…, now ${this.#plan.sha256.slice(0, 12)}…). ` +
              'Run it with the original plan to finish it (the roles may be switched over now).',
          );
        }
        this.#resumed = true;
        this.#run = p.runs + 1;
      } else {
        await this.#record({ type: 'start', drillId: randomUUID(), startedAt: this.#iso(), planSha256: this.#plan.sha256 });
      }
      await this.#record({ type: 'run', run: this.#run, at: this.#iso(), host: this.#host, operator: this.#operator });
      await this.#identify();
      if (this.#resumed) {
        const where = p.open ? `inside phase ${p.open.phase} (begun ${p.open.at})` : `after phase ${p.phases.at(-1)?.name ?? 'start'}`;
        await this.#deviation('resume', p.open?.phase ?? null, `Run ${this.#run} continued the drill interrupted ${where}; the live state decides what is left to do.`);
        this.#emit({ type: 'note', message: `Continuing drill ${p.drillId} interrupted ${where}.` });
      }

      if (p.facts.abort_reason === undefined) {
        try {
          for (const phase of phasesOf(this.#plan.plan.scenario)) {
            if (p.phases.some((r) => r.name === phase)) continue;
            await this.#phase(phase);
          }
        } catch (error) {
          if (!(error instanceof DrillAbort)) throw error;
          this.#emit({ type: 'abort', phase: error.phase, reason: error.reason });
          await this.#fact('abort_phase', error.phase);
          await this.#fact('abort_reason', error.reason);
          await this.#deviation('abort', error.phase, error.reason);
        }
      }
      if (p.facts.abort_reason !== undefined && !p.phases.some((r) => r.name === 'rollback')) await this.#phase('rollback');

      const final = await this.#finalState();
      const { verdict, reason } = this.#verdict(final.state, final.error);
      await this.#record({ type: 'end', verdict, at: this.#iso() });
      await this.#journal.finish(verdict, reason);
      return {
        progress: p,
        verdict,
        verdictReason: reason,
        finalState: final.state,
        finalReadAt: final.at,
        finalReadError: final.error,
        changed: this.#changed(),
        runs: this.#run,
        resumed: this.#resumed,
        operator: this.#operator,
        host: this.#host,
      };
    } catch (error) {
      await this.#journal.release();
      if (this.#signal.aborted && !(error instanceof DrillResumeMismatchError)) throw new DrillInterruptedError('The drill was interrupted; run the same command again to continue it.', { cause: error });
      throw error;
    } finally {
      detach();
    }
  }

  /** The original roles: journaled at the start, so a resumed drill switches back to the right side. */
  async #identify(): Promise<void> {
    const f = this.#progress.facts;
    if (f.original_primary && f.original_standby) {
      this.#o.target.useOriginal({ primary: f.original_primary, standby: f.original_standby });
      return;
    }
    const ids = await this.#o.target.identify(this.#signal);
    if (!ids) return; // unreadable: the pre-flight readiness says why and aborts
    await this.#fact('original_primary', ids.primary);
    await this.#fact('original_standby', ids.standby);
    this.#o.target.useOriginal(ids);
  }

  /** Runs one phase: timing, budget, evidence, journal. A DrillAbort passes through after the phase is recorded. */
  async #phase(name: DrillPhaseName): Promise<void> {
    this.#checkInterrupted();
    const resumedPhase = this.#progress.open?.phase === name;
    const openedAt = resumedPhase ? this.#progress.open?.at : undefined;
    this.#phaseResumed = resumedPhase;
    this.#emit({ type: 'phase-start', phase: name, title: PHASE_TITLES[name], resumed: resumedPhase });
    const wallStart = this.#clock.now();
    const monoStart = this.#clock.monotonic();
    await this.#record({ type: 'phase-start', phase: name, at: this.#iso(wallStart), run: this.#run });
    this.#recorder.take(); // evidence belongs to the phase that made it
    this.#jobs = [];
    const budgetMs = this.#budget(name);
    let status: PhaseStatus = 'passed';
    let summary = '';
    let abort: DrillAbort | undefined;
    try {
      summary = await this.#body(name, budgetMs, openedAt);
    } catch (error) {
      if (error instanceof DrillAbort) {
        abort = error;
        status = name === 'rollback' ? 'failed' : 'aborted';
        summary = error.reason;
      } else if (this.#signal.aborted) {
        throw error;
      } else {
        status = 'failed';
        summary = error instanceof Error ? error.message : String(error);
        // Post-flight findings fail the drill; there is nothing left to roll back.
        if (name !== 'postflight') abort = new DrillAbort(name, `The ${name} phase failed: ${summary}`);
      }
    }
    const monoEnd = this.#clock.monotonic();
    const elapsed = monoEnd - monoStart;
    if (!abort && budgetMs !== null && elapsed > budgetMs) {
      status = 'aborted';
      summary = `${summary}; took ${formatDuration(elapsed)}, over its budget of ${formatDuration(budgetMs)}`;
      abort = new DrillAbort(name, `${PHASE_TITLES[name]} took ${formatDuration(elapsed)}, over its budget of ${formatDuration(budgetMs)}`);
    }
    const evidence = this.#recorder.take();
    const record: PhaseRecord = {
      name,
      title: PHASE_TITLES[name],
      status,
      started_at: this.#iso(wallStart),
      ended_at: this.#iso(),
      duration_seconds: toSeconds(elapsed),
      monotonic_ms: { start: Math.round(monoStart), end: Math.round(monoEnd) },
      run: this.#run,
      budget_seconds: budgetMs === null ? null : toSeconds(budgetMs),
      summary,
      evidence: { calls: evidence.calls, values: evidence.values, jobs: this.#jobs },
    };
    await this.#record({ type: 'phase', record });
    this.#emit({ type: 'phase-end', record });
    if (abort) {
      if (name === 'rollback') await this.#deviation('rollback', 'rollback', `Rollback did not complete: ${abort.reason}`);
      else throw abort;
    }
  }

  #budget(name: DrillPhaseName): number | null {
    const b = this.#plan.budgetsMs;
    switch (name) {
      case 'preflight':
      case 'postflight':
        return b[name];
      case 'switchover':
      case 'failover':
        return b.switchover;
      case 'failback':
      case 'recovery':
        return b.failback;
      case 'verify-switched':
      case 'verify-restored':
        return b.verify;
      case 'rollback':
        return b.rollback;
      case 'hold':
        return null; // its length is the plan's hold
    }
  }

  async #body(name: DrillPhaseName, budgetMs: number | null, openedAt: string | undefined): Promise<string> {
    const t = this.#o.target;
    switch (name) {
      case 'preflight':
        return this.#readiness('preflight');
      case 'switchover':
      case 'failover':
        return this.#cutover(name, budgetMs ?? this.#plan.budgetsMs.switchover);
      case 'verify-switched':
        return this.#verify(name, t.originalStandby, budgetMs ?? this.#plan.budgetsMs.verify, this.#plan.plan.scenario === 'failover-and-recovery' ? 'roles' : 'healthy');
      case 'hold':
        return this.#hold(openedAt);
      case 'recovery':
        return this.#change('recovery', 'recovery', t.originalStandby, budgetMs ?? this.#plan.budgetsMs.failback);
      case 'failback':
        return this.#change('failback', 'switchover', t.originalPrimary, budgetMs ?? this.#plan.budgetsMs.failback);
      case 'verify-restored':
        return this.#verify(name, t.originalPrimary, budgetMs ?? this.#plan.budgetsMs.verify, 'healthy');
      case 'postflight':
        return this.#readiness('postflight');
      case 'rollback':
        return this.#rollback(budgetMs ?? this.#plan.budgetsMs.rollback);
    }
  }

  async #readiness(which: 'preflight' | 'postflight'): Promise<string> {
    const report: ReadinessReport = await this.#o.target.readiness(this.#o.target.originalPrimary, this.#signal);
    await this.#record({ type: 'readiness', which, report });
    for (const c of report.checks) this.#recorder.value(c.id, c.status, `readiness: ${c.message}`);
    const failed = report.checks.filter((c) => c.status === 'fail');
    const warned = report.checks.filter((c) => c.status === 'warn');
    const list = (checks: typeof failed) => checks.map((c) => `${c.id} (${c.message})`).join('; ');
    if (which === 'preflight') {
      if (failed.length) throw new DrillAbort(which, `Pre-flight readiness failed: ${list(failed)}`);
      if (warned.length && this.#plan.abort.onReadinessWarning === 'abort') throw new DrillAbort(which, `Pre-flight readiness warned and the plan aborts on warnings: ${list(warned)}`);
      if (warned.length) await this.#deviation('warning', which, `Pre-flight readiness warned (continuing as the plan allows): ${list(warned)}`);
      return `readiness ${report.verdict}: ${report.checks.length} checks${warned.length ? `, warnings: ${list(warned)}` : ''}`;
    }
    if (failed.length) throw new Error(`post-flight readiness failed: ${list(failed)}`);
    return `readiness ${report.verdict}: ${report.checks.length} checks${warned.length ? `, warnings: ${list(warned)}` : ''}`;
  }

  #onJob(phase: DrillPhaseName) {
    return (job: EvidenceJob) => {
      const i = this.#jobs.findIndex((j) => j.id === job.id);
      if (i >= 0) this.#jobs[i] = job;
      else this.#jobs.push(job);
      void this.#record({ type: 'job', phase, job });
    };
  }

  async #changeRoles(phase: DrillPhaseName, change: RoleChange, newPrimary: string, maxWaitMs: number): Promise<void> {
    try {
      await this.#o.target.changeRoles({
        change,
        newPrimary,
        signal: this.#signal,
        pollIntervalMs: this.#plan.pollIntervalMs,
        maxWaitMs,
        onJob: this.#onJob(phase),
        onNote: (message) => {
          this.#recorder.value('note', message, change);
          this.#emit({ type: 'note', message });
        },
      });
    } catch (error) {
      if (this.#signal.aborted) throw error;
      const message = error instanceof Error ? error.message : String(error);
      throw new DrillAbort(phase, `The ${phase} failed: ${message}`);
    }
  }

  /** The switchover (or failover) itself: RPO read at cutover, RTO from the first call to the new primary confirmed. */
  async #cutover(phase: 'switchover' | 'failover', budgetMs: number): Promise<string> {
    const t = this.#o.target;
    const p = this.#progress;
    if (p.facts.rto_started_at === undefined) {
      // Nothing was sent yet: the lag at this moment is the RPO of the cutover, and a last abort point.
      const lag = await t.lag(this.#signal);
      this.#recorder.value('lag_seconds', lag.lagSeconds, lag.source);
      await this.#sample(phase, lag);
      if (lag.lagSeconds !== null) {
        await this.#fact('rpo_seconds', String(lag.lagSeconds));
        await this.#fact('rpo_read_at', this.#iso());
      }
      if (lag.lagSeconds !== null && lag.lagSeconds * 1000 > this.#plan.abort.maxLagMs) {
        throw new DrillAbort(phase, `Lag ${formatDuration(lag.lagSeconds * 1000)} is above the abort threshold ${formatDuration(this.#plan.abort.maxLagMs)} just before the ${phase}; nothing was switched.`);
      }
      // Write-ahead: the start of the RTO is journaled before anything is sent.
      await this.#fact('rto_started_at', this.#iso());
    }
    const mark = this.#recorder.mark();
    await this.#changeRoles(phase, phase, t.originalStandby, budgetMs);
    const confirmed = await this.#confirmPrimary(phase, t.originalStandby);
    const firstMutation = this.#recorder.callsSince(mark).find((c) => c.method !== 'GET');
    if (firstMutation && !this.#phaseResumed) await this.#fact('rto_started_at', firstMutation.at);
    await this.#fact('rto_ended_at', this.#iso(confirmed));
    const rto = (confirmed - Date.parse(p.facts.rto_started_at ?? this.#iso(confirmed))) / 1000;
    return `${t.originalStandby} is the primary; RTO ${formatDuration(rto * 1000)} (${p.facts.rto_started_at} → ${p.facts.rto_ended_at})`;
  }

  /** Reads the roles once the change returned; the time of this answer ends the RTO. */
  async #confirmPrimary(phase: DrillPhaseName, expected: string): Promise<number> {
    const state = await this.#o.target.roles(this.#signal);
    const at = this.#clock.now();
    this.#recorder.value('primary', state.primary, 'roles');
    this.#recorder.value('status', state.status, 'roles');
    if (state.primary !== expected) throw new DrillAbort(phase, `After the ${phase} the API reports ${state.primary ?? 'no primary'} as primary, not ${expected}.`);
    return at;
  }

  async #change(phase: 'recovery' | 'failback', change: RoleChange, newPrimary: string, budgetMs: number): Promise<string> {
    const p = this.#progress;
    if (phase === 'failback' && p.facts.failback_started_at === undefined) await this.#fact('failback_started_at', this.#iso());
    await this.#changeRoles(phase, change, newPrimary, budgetMs);
    const confirmed = await this.#confirmPrimary(phase, newPrimary);
    if (phase === 'failback') {
      await this.#fact('failback_ended_at', this.#iso(confirmed));
      const took = confirmed - Date.parse(p.facts.failback_started_at ?? this.#iso(confirmed));
      return `${newPrimary} is the primary again after ${formatDuration(took)}`;
    }
    return `the old primary rejoined as standby; ${newPrimary} is the primary`;
  }

  /** Polls until the roles are as expected and replication is healthy (or just the roles). */
  async #verify(phase: DrillPhaseName, expectedPrimary: string, budgetMs: number, until: 'healthy' | 'roles'): Promise<string> {
    const started = this.#clock.monotonic();
    for (;;) {
      this.#checkInterrupted();
      const state = await this.#o.target.roles(this.#signal);
      this.#recorder.value('primary', state.primary, 'roles');
      this.#recorder.value('status', state.status, 'roles');
      const ok = state.primary === expectedPrimary && !state.busy && (until === 'roles' || state.healthy);
      if (ok) return `${expectedPrimary} is the primary, ${state.standby ?? '?'} the standby; status ${state.status ?? 'not reported'}`;
      if (this.#clock.monotonic() - started + this.#plan.pollIntervalMs > budgetMs) {
        throw new DrillAbort(
          phase,
          `${PHASE_TITLES[phase]}: after ${formatDuration(this.#clock.monotonic() - started)} the primary is ${state.primary ?? 'none'} and the status ${state.status ?? 'not reported'}${state.busy ? ' (a job is running)' : ''}; expected ${expectedPrimary}${until === 'healthy' ? ' with replication healthy' : ''}`,
        );
      }
      await this.#clock.sleep(this.#plan.pollIntervalMs, this.#signal);
    }
  }

  async #sample(phase: DrillPhaseName, lag: { lagSeconds: number | null; backlogMb?: number | null | undefined; syncStatus: string | null }): Promise<LagSample> {
    const now = this.#clock.now();
    const start = Date.parse(this.#progress.startedAt ?? this.#iso(now));
    const sample: LagSample = {
      at: this.#iso(now),
      t_seconds: toSeconds(now - start),
      phase,
      lag_seconds: lag.lagSeconds,
      backlog_mb: lag.backlogMb ?? null,
      sync_status: lag.syncStatus,
    };
    await this.#record({ type: 'sample', sample });
    this.#emit({ type: 'sample', sample });
    return sample;
  }

  /** Stays switched over for the plan's hold, sampling lag; lag above the limit aborts. */
  async #hold(openedAt: string | undefined): Promise<string> {
    const holdMs = this.#plan.holdMs;
    // A resumed hold counts the time already held (wall clock: the monotonic clock died with the process).
    const already = openedAt ? Math.max(0, this.#clock.now() - Date.parse(openedAt)) : 0;
    const startMono = this.#clock.monotonic() - already;
    let samples = 0;
    let max = 0;
    for (;;) {
      this.#checkInterrupted();
      const lag = await this.#o.target.lag(this.#signal);
      await this.#sample('hold', lag);
      samples++;
      this.#recorder.value('lag_seconds', lag.lagSeconds, lag.source);
      if (lag.lagSeconds !== null) {
        max = Math.max(max, lag.lagSeconds);
        if (lag.lagSeconds * 1000 > this.#plan.abort.maxLagMs) {
          throw new DrillAbort('hold', `Lag ${formatDuration(lag.lagSeconds * 1000)} during the hold is above the abort threshold ${formatDuration(this.#plan.abort.maxLagMs)}`);
        }
      }
      const elapsed = this.#clock.monotonic() - startMono;
      if (elapsed >= holdMs) break;
      await this.#clock.sleep(Math.min(this.#plan.sampleIntervalMs, holdMs - elapsed), this.#signal);
    }
    return `held ${formatDuration(holdMs)}; ${samples} lag samples, max ${formatDuration(max * 1000)}`;
  }

  /** Back to the original roles from wherever the drill stopped. */
  async #rollback(budgetMs: number): Promise<string> {
    const t = this.#o.target;
    // Before the first state-changing call there is nothing to undo (and the abort may be that a side cannot be reached).
    if (!this.#changed()) return 'nothing to undo: the drill stopped before any state-changing call';
    const started = this.#clock.monotonic();
    let state = await t.roles(this.#signal);
    // A job still running (the failed step's, or a switchover half done) must finish first.
    while (state.busy) {
      if (this.#clock.monotonic() - started > budgetMs) throw new DrillAbort('rollback', `a job is still running after ${formatDuration(budgetMs)}; the roles could not be restored`);
      await this.#clock.sleep(this.#plan.pollIntervalMs, this.#signal);
      state = await t.roles(this.#signal);
    }
    this.#recorder.value('primary', state.primary, 'roles');
    if (state.primary === t.originalPrimary && state.standby === t.originalStandby) {
      return `nothing to undo: ${t.originalPrimary} is still the primary (status ${state.status ?? 'not reported'})`;
    }
    const left = Math.max(1000, budgetMs - (this.#clock.monotonic() - started));
    if (state.needsRecovery) await this.#changeRoles('rollback', 'recovery', state.primary ?? t.originalStandby, left);
    await this.#changeRoles('rollback', 'switchover', t.originalPrimary, left);
    const confirmed = await t.roles(this.#signal);
    if (confirmed.primary !== t.originalPrimary) throw new DrillAbort('rollback', `after the rollback the primary is ${confirmed.primary ?? 'none'}, not ${t.originalPrimary}`);
    return `switched back: ${t.originalPrimary} is the primary again (status ${confirmed.status ?? 'not reported'})`;
  }

  /** True once the drill may have changed something (the cutover's start is journaled before its first call). */
  #changed(): boolean {
    return this.#progress.facts.rto_started_at !== undefined;
  }

  async #finalState(): Promise<{ state: RoleState | undefined; at: number | undefined; error?: string }> {
    try {
      const state = await this.#o.target.roles(this.#signal);
      return { state, at: this.#clock.now() };
    } catch (error) {
      if (this.#signal.aborted) throw error;
      return { state: undefined, at: undefined, error: error instanceof Error ? error.message : String(error) };
    }
  }

  #verdict(final: RoleState | undefined, readError: string | undefined): { verdict: DrillVerdict; reason: string } {
    const p = this.#progress;
    const t = this.#o.target;
    const restored = final === undefined ? !this.#changed() : final.primary === t.originalPrimary;
    const rolesText =
      final === undefined
        ? this.#changed()
          ? `the final roles could not be read (${readError ?? 'no answer'})`
          : 'nothing was changed: the drill stopped before any state-changing call'
        : restored
          ? 'the roles are back where they started'
          : `the roles are NOT back: ${final.primary ?? 'no instance'} is the primary`;
    if (p.facts.abort_reason !== undefined) {
      return { verdict: 'aborted', reason: `Aborted in ${p.facts.abort_phase}: ${p.facts.abort_reason} Rollback: ${rolesText}.` };
    }
    const problems: string[] = [];
    for (const r of p.phases) if (r.status !== 'passed') problems.push(`${r.name} ${r.status}: ${r.summary}`);
    const objectives = measuredObjectives(this.#plan, p);
    for (const o of objectives) {
      if (o.met === false) problems.push(`${o.objective.toUpperCase()} ${formatDuration((o.measured ?? 0) * 1000)} is above the objective ${formatDuration(o.target * 1000)}`);
      if (o.met === null) problems.push(`${o.objective.toUpperCase()} was not measured`);
    }
    if (!restored) problems.push(rolesText);
    if (problems.length) return { verdict: 'failed', reason: `${problems.join('; ')}.` };
    return { verdict: 'passed', reason: `Every objective was met and ${rolesText}.` };
  }
}

export interface MeasuredObjective {
  objective: 'rto' | 'rpo';
  target: number;
  measured: number | null;
  met: boolean | null;
}

/** RTO and RPO as measured by a drill's progress, against the plan's objectives (seconds). */
export function measuredObjectives(plan: ResolvedDrillPlan, p: DrillProgress): MeasuredObjective[] {
  const rtoStart = p.facts.rto_started_at;
  const rtoEnd = p.facts.rto_ended_at;
  const rto = rtoStart && rtoEnd ? toSeconds(Date.parse(rtoEnd) - Date.parse(rtoStart)) : null;
  const rpo = p.facts.rpo_seconds === undefined ? null : Number(p.facts.rpo_seconds);
  const rtoTarget = toSeconds(plan.objectives.rtoMs);
  const rpoTarget = toSeconds(plan.objectives.rpoMs);
  return [
    { objective: 'rto', target: rtoTarget, measured: rto, met: rto === null ? null : rto <= rtoTarget },
    { objective: 'rpo', target: rpoTarget, measured: rpo, met: rpo === null ? null : rpo <= rpoTarget },
  ];
}
