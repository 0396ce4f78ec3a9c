// The drill target for a GeminiDB DR relationship: reads through the readiness readers, role changes
// through the @hcdr/dr-ops workflows (planned switchover: demote the primary, then promote the
// standby, each job awaited; journaled and goal-directed, so an interrupted switchover finishes
// when the drill is run again).
import type { JournalStore } from '../../journal/types.js';
import type { DrEvent } from '../../workflows/events.js';
import { switchoverGeminiDb } from '../../workflows/geminidb/roles.js';
import type { EvidenceRecorder } from '../evidence/recorder.js';
import { checkGeminiDbReadiness } from '../readiness/geminidb.js';
import { isReadFailure } from '../readiness/read-errors.js';
import { type GeminiDbClientLike, readGeminiDbSide, readGeminiDbSync } from '../readiness/read-geminidb.js';
import type { ReadinessPolicy } from '../readiness/types.js';
import type { DrillReport, EvidenceJob } from '../report/model.js';
import type { DrillClock } from '../runner/clock.js';
import { asRoleChangeError } from './role-change-error.js';
import { type DrillTarget, type LagReading, RoleChangeFailedError, type RoleChangeRequest, type RoleState } from '../runner/target.js';

export interface GeminiDbDrillSide {
  client: GeminiDbClientLike;
  instanceId: string;
  region: string;
  projectId?: string | undefined;
  /** Profile name with this side's credentials (for the report; never a key). */
  profile?: string | undefined;
}

export interface GeminiDbDrillTargetOptions {
  primary: GeminiDbDrillSide;
  standby: GeminiDbDrillSide;
  /** Objectives and limits for the pre/post-flight readiness. */
  policy: ReadinessPolicy;
  /** The operation journal the switchover workflows write to (the CLI's file store). */
  journal?: JournalStore | undefined;
  clock: DrillClock;
  /** two-step (default, documented) or one-call (PUT disaster-recovery/switchover). */
  method?: 'two-step' | 'one-call' | undefined;
}

export const GEMINIDB_MEASUREMENT = {
  rtoFrom: 'the first state-changing call of the switchover (switchover-slave on the primary)',
  rtoTo: 'the API confirming the new primary (its job completed and showInstanceRole reading master)',
  rpoSource:
    'the replication lag at cutover: showPauseResumeStutus on the primary, rto_and_rpo_indicators FAILOVER rpo (seconds), read just before the switchover (a planned switchover waits for the standby to catch up; the SWITCHOVER-scene RPO is recorded as evidence)',
  notMeasured: [
    'client reconnection, DNS or connection-string changes on the application side',
    'application-level data verification after the switch',
    'the time to notice an outage and decide to switch (a drill starts the switch on purpose)',
  ],
};

export class GeminiDbDrillTarget implements DrillTarget {
  readonly service = 'geminidb' as const;
  readonly measurement = GEMINIDB_MEASUREMENT;
  originalPrimary: string;
  originalStandby: string;
  readonly #o: GeminiDbDrillTargetOptions;
  #recorder: EvidenceRecorder | undefined;

  constructor(options: GeminiDbDrillTargetOptions) {
    this.#o = options;
    this.originalPrimary = options.primary.instanceId;
    this.originalStandby = options.standby.instanceId;
  }

  /** The side (client) of an instance ID. */
  #side(instanceId: string): GeminiDbDrillSide {
    return instanceId === this.#o.standby.instanceId ? this.#o.standby : this.#o.primary;
  }

  async identify(): Promise<{ primary: string; standby: string }> {
    // GeminiDB: the plan names the instances as they are now; readiness checks that claim.
    return { primary: this.#o.primary.instanceId, standby: this.#o.standby.instanceId };
  }

  useOriginal(ids: { primary: string; standby: string }): void {
    this.originalPrimary = ids.primary;
    this.originalStandby = ids.standby;
  }

  attachEvidence(recorder: EvidenceRecorder): () => void {
    this.#recorder = recorder;
    const detachPrimary = recorder.attach(this.#o.primary.client, 'primary');
    const detachStandby = this.#o.standby.client === this.#o.primary.client ? () => {} : recorder.attach(this.#o.standby.client, 'standby');
    return () => {
      detachPrimary();
      detachStandby();
      this.#recorder = undefined;
    };
  }

  async describe(): Promise<DrillReport['targets']> {
    const sides = await Promise.all(
      (['primary', 'standby'] as const).map(async (role) => {
        const s = this.#o[role];
        const read = await readGeminiDbSide(s.client, s.instanceId).catch(() => undefined);
        return { role_at_start: role, id: s.instanceId, name: read?.instance?.name ?? null, region: s.region, project_id: s.projectId ?? null, profile: s.profile ?? null };
      }),
    );
    return { service: 'geminidb', regions: [...new Set(sides.map((s) => s.region))], task: null, sides };
  }

  async readiness(expectedPrimary: string, signal: AbortSignal) {
    const { primary, standby } = this.#o;
    return checkGeminiDbReadiness({
      primary: { client: primary.client, instanceId: primary.instanceId, region: primary.region },
      standby: { client: standby.client, instanceId: standby.instanceId, region: standby.region },
      policy: { ...this.#o.policy, expectedPrimary },
      signal,
      now: () => this.#o.clock.now(),
      recorder: this.#recorder,
    });
  }

  async roles(signal: AbortSignal): Promise<RoleState> {
    const [p, s] = await Promise.all([readGeminiDbSide(this.#o.primary.client, this.#o.primary.instanceId, signal), readGeminiDbSide(this.#o.standby.client, this.#o.standby.instanceId, signal)]);
    for (const side of [p, s]) if (side.failure) throw new Error(`${side.instanceId} cannot be read: ${side.failure.message}`);
    const masters = [p, s].filter((x) => x.role === 'master');
    const primary = masters.length === 1 ? (masters[0]?.instanceId ?? null) : null;
    const standby = primary === null ? null : primary === p.instanceId ? s.instanceId : p.instanceId;
    const busy = [p, s].some((x) => (x.instance?.actions.length ?? 0) > 0);
    let status: string | null = null;
    if (primary !== null) {
      const sync = await readGeminiDbSync(this.#side(primary).client, primary, signal);
      status = isReadFailure(sync) ? null : sync.status;
    }
    return { primary, standby, status, busy, healthy: status === 'SYNCING' };
  }

  async lag(signal: AbortSignal): Promise<LagReading> {
    const state = await this.roles(signal);
    const asker = state.primary ?? this.originalPrimary;
    const sync = await readGeminiDbSync(this.#side(asker).client, asker, signal);
    if (isReadFailure(sync)) return { lagSeconds: null, syncStatus: null, source: `showPauseResumeStutus on ${asker} failed: ${sync.message}` };
    return { lagSeconds: sync.lagSeconds, backlogMb: sync.backlogMb, syncStatus: sync.status, source: `showPauseResumeStutus on ${asker}: FAILOVER rpo` };
  }

  async changeRoles(request: RoleChangeRequest): Promise<void> {
    if (request.change !== 'switchover') throw new RoleChangeFailedError(`a GeminiDB drill does not do a ${request.change}`, 'refused');
    const newPrimary = this.#side(request.newPrimary);
    const oldPrimary = newPrimary === this.#o.primary ? this.#o.standby : this.#o.primary;
    // The workflow's steps: a mutation (demote-primary, promote-standby, switchover) returns a job ID;
    // its wait step (wait-demote, ...) ends done or failed.
    const jobs = new Map<string, EvidenceJob>();
    const waits: Record<string, string> = { 'wait-demote': 'demote-primary', 'wait-promote': 'promote-standby', 'wait-switchover': 'switchover' };
    const onEvent = (e: DrEvent) => {
      if (e.type === 'step') {
        const mutation = waits[e.step];
        const job = mutation ? jobs.get(mutation) : undefined;
        if (!mutation && e.status === 'done' && e.detail?.job_id) {
          const side = e.step === 'demote-primary' || e.step === 'switchover' ? oldPrimary : newPrimary;
          const started: EvidenceJob = { id: e.detail.job_id, side: side === this.#o.primary ? 'primary' : 'standby', name: e.step, status: 'Running' };
          jobs.set(e.step, started);
          request.onJob(started);
        } else if (job && (e.status === 'done' || e.status === 'failed')) {
          const ended: EvidenceJob = { ...job, status: e.status === 'done' ? 'Completed' : 'Failed', ...(e.status === 'failed' ? { fail_reason: e.description } : {}) };
          jobs.set(waits[e.step] ?? e.step, ended);
          request.onJob(ended);
        }
      } else if (e.type === 'reconcile' || e.type === 'warning') {
        request.onNote(e.message);
      }
    };
    try {
      await switchoverGeminiDb({
        primary: { client: oldPrimary.client, instanceId: oldPrimary.instanceId },
        standby: { client: newPrimary.client, instanceId: newPrimary.instanceId },
        method: this.#o.method,
        journal: this.#o.journal,
        signal: request.signal,
        onEvent,
        wait: {
          initialDelayMs: request.pollIntervalMs,
          minIntervalMs: request.pollIntervalMs,
          maxIntervalMs: request.pollIntervalMs,
          maxWaitMs: request.maxWaitMs,
          sleep: (ms, signal) => this.#o.clock.sleep(ms, signal),
          now: () => this.#o.clock.now(),
        },
      });
    } catch (error) {
      throw asRoleChangeError(error);
    }
  }
}
