// What a drill has done so far, as a list of events: each event is journaled as it happens, so a
// drill that stops anywhere (kill -9 included) is continued by running it again. foldDrillEvents
// rebuilds the progress from the events of every earlier run.
import type { ReadinessReport } from '../readiness/types.js';
import type { Deviation, DrillPhaseName, DrillVerdict, EvidenceJob, LagSample, PhaseRecord } from '../report/model.js';

export type DrillEvent =
  /** First event of a drill: its identity and wall-clock start. */
  | { type: 'start'; drillId: string; startedAt: string; planSha256: string }
  /** Every run (the first and each resume) announces itself. */
  | { type: 'run'; run: number; at: string; host: string; operator: string }
  /** A phase began (so a resumed run knows it was interrupted inside it). */
  | { type: 'phase-start'; phase: DrillPhaseName; at: string; run: number }
  | { type: 'phase'; record: PhaseRecord }
  | { type: 'sample'; sample: LagSample }
  | { type: 'job'; phase: DrillPhaseName; job: EvidenceJob }
  | { type: 'deviation'; deviation: Deviation }
  | { type: 'readiness'; which: 'preflight' | 'postflight'; report: ReadinessReport }
  /** A measurement or decision a later run must reuse (RTO start, RPO at cutover, abort reason). */
  | { type: 'fact'; name: DrillFactName; value: string }
  | { type: 'end'; verdict: DrillVerdict; at: string };

export type DrillFactName =
  | 'rto_started_at'
  | 'rto_ended_at'
  | 'rpo_seconds'
  | 'rpo_read_at'
  | 'failback_started_at'
  | 'failback_ended_at'
  | 'abort_reason'
  | 'abort_phase'
  | 'report_json'
  | 'original_primary'
  | 'original_standby';

export interface DrillProgress {
  drillId: string | undefined;
  startedAt: string | undefined;
  planSha256: string | undefined;
  runs: number;
  phases: PhaseRecord[];
  /** Phases begun but not recorded as ended (the interrupted one). */
  open: { phase: DrillPhaseName; at: string; run: number } | undefined;
  samples: LagSample[];
  jobs: { phase: DrillPhaseName; job: EvidenceJob }[];
  deviations: Deviation[];
  readiness: { preflight: ReadinessReport | null; postflight: ReadinessReport | null };
  facts: Partial<Record<DrillFactName, string>>;
  end: { verdict: DrillVerdict; at: string } | undefined;
}

export function emptyProgress(): DrillProgress {
  return {
    drillId: undefined,
    startedAt: undefined,
    planSha256: undefined,
    runs: 0,
    phases: [],
    open: undefined,
    samples: [],
    jobs: [],
    deviations: [],
    readiness: { preflight: null, postflight: null },
    facts: {},
    end: undefined,
  };
}

/** Applies one event (also used live, so the running drill and a resumed one agree). */
export function applyDrillEvent(p: DrillProgress, e: DrillEvent): void {
  switch (e.type) {
    case 'start':
      p.drillId = e.drillId;
      p.startedAt = e.startedAt;
      p.planSha256 = e.planSha256;
      break;
    case 'run':
      p.runs = Math.max(p.runs, e.run);
      break;
    case 'phase-start':
      p.open = { phase: e.phase, at: e.at, run: e.run };
      break;
    case 'phase':
      p.phases.push(e.record);
      if (p.open?.phase === e.record.name) p.open = undefined;
      break;
    case 'sample':
      p.samples.push(e.sample);
      break;
    case 'job': {
      const i = p.jobs.findIndex((j) => j.job.id === e.job.id && j.phase === e.phase);
      if (i >= 0) p.jobs[i] = { phase: e.phase, job: e.job };
      else p.jobs.push({ phase: e.phase, job: e.job });
      break;
    }
    case 'deviation':
      p.deviations.push(e.deviation);
      break;
    case 'readiness':
      p.readiness[e.which] = e.report;
      break;
    case 'fact':
      p.facts[e.name] = e.value;
      break;
    case 'end':
      p.end = { verdict: e.verdict, at: e.at };
      break;
  }
}

export function foldDrillEvents(events: readonly DrillEvent[]): DrillProgress {
  const p = emptyProgress();
  for (const e of events) applyDrillEvent(p, e);
  return p;
}

/**
 * Where a drill's events are kept between runs. The CLI backs it with the @hcdr/dr-ops operation
 * journal (file store under the state directory); tests use memory.
 */
export interface DrillJournal {
  /** Events of earlier runs of this drill (empty for a new drill). */
  readonly previous: readonly DrillEvent[];
  /** Appends one event durably. */
  record(event: DrillEvent): Promise<void>;
  /** Marks the drill finished (a later run starts a new drill) and releases it. */
  finish(verdict: DrillVerdict, message: string): Promise<void>;
  /** Releases it without finishing (interrupted: a later run continues). */
  release(): Promise<void>;
}

/** In-memory journal: `previous` is whatever an earlier instance left in `events`. */
export class MemoryDrillJournal implements DrillJournal {
  readonly previous: readonly DrillEvent[];
  finished: { verdict: DrillVerdict; message: string } | undefined;

  constructor(readonly events: DrillEvent[] = []) {
    const lastEnd = events.findLastIndex((e) => e.type === 'end');
    this.previous = events.slice(lastEnd + 1);
  }

  async record(event: DrillEvent): Promise<void> {
    this.events.push(structuredClone(event));
  }

  async finish(verdict: DrillVerdict, message: string): Promise<void> {
    this.finished = { verdict, message };
  }

  async release(): Promise<void> {}
}
