// What the runner needs from a service (GeminiDB relationship or DWS task): read roles and lag,
// check readiness, and change roles. The runner owns phases, timing, abort and rollback; a target
// owns the API calls (through the @hcdr/dr-ops workflows, journaled and goal-directed).
import type { DrillService } from '../plan/types.js';
import type { ReadinessReport } from '../readiness/types.js';
import type { EvidenceRecorder } from '../evidence/recorder.js';
import type { DrillReport, EvidenceJob } from '../report/model.js';

export interface RoleState {
  /** ID (GeminiDB instance, DWS cluster) that is primary now; null when none or unreadable. */
  primary: string | null;
  standby: string | null;
  /** GeminiDB sync status, DWS task status. */
  status: string | null;
  /** A job or transition is running. */
  busy: boolean;
  /** Replication is healthy for the scenario's current step (GeminiDB SYNCING, DWS running). */
  healthy: boolean;
  /** After a failover: the old primary must be recovered before roles can be switched back (DWS abnormal). */
  needsRecovery?: boolean | undefined;
}

export interface LagReading {
  /** Seconds (GeminiDB: FAILOVER-scene RPO; DWS: since the last successful sync); null = not reported. */
  lagSeconds: number | null;
  backlogMb?: number | null | undefined;
  syncStatus: string | null;
  /** Which call and field it came from. */
  source: string;
}

export type RoleChange = 'switchover' | 'failover' | 'recovery';

export interface RoleChangeRequest {
  change: RoleChange;
  /** The ID that must be primary afterwards. */
  newPrimary: string;
  signal: AbortSignal;
  /** Polling interval of the waits (the RTO resolution). */
  pollIntervalMs: number;
  /** Give up waiting after this long (the phase budget). */
  maxWaitMs: number;
  /** Called with each job / transition the change starts or waits for. */
  onJob(job: EvidenceJob): void;
  /** Called with what the workflow reports (resumed, nothing to do, ...). */
  onNote(message: string): void;
}

/** A role change that did not happen: the API refused it or its job failed. Causes an abort. */
export class RoleChangeFailedError extends Error {
  override readonly name = 'RoleChangeFailedError';
  constructor(
    message: string,
    readonly kind: 'job-failed' | 'refused' | 'timeout' | 'error',
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export interface DrillTarget {
  readonly service: DrillService;
  /**
   * Original primary and standby IDs (GeminiDB: the plan's instances; DWS: the task's clusters when
   * the drill began). Empty until identify() or useOriginal() ran.
   */
  readonly originalPrimary: string;
  readonly originalStandby: string;
  /** Learns the original roles at the start of a drill (a read for DWS); undefined when they cannot be read. */
  identify(signal: AbortSignal): Promise<{ primary: string; standby: string } | undefined>;
  /** A resumed drill restores the original roles it journaled at its start. */
  useOriginal(ids: { primary: string; standby: string }): void;
  /** Attaches the recorder to every client the target uses; returns a function that detaches. */
  attachEvidence(recorder: EvidenceRecorder): () => void;
  /** The targets as the report lists them (reads names when it can). */
  describe(): Promise<DrillReport['targets']>;
  readiness(expectedPrimary: string, signal: AbortSignal): Promise<ReadinessReport>;
  roles(signal: AbortSignal): Promise<RoleState>;
  lag(signal: AbortSignal): Promise<LagReading>;
  /** Makes `newPrimary` the primary and resolves when the API confirms it; throws RoleChangeFailedError. */
  changeRoles(request: RoleChangeRequest): Promise<void>;
  /** Human words for the RTO endpoints and the RPO source, for the report. */
  readonly measurement: { rtoFrom: string; rtoTo: string; rpoSource: string; notMeasured: string[] };
}
