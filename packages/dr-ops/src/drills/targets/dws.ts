// The drill target for a DWS DR task: reads through the readiness readers, role changes through the
// @hcdr/dr-ops task workflows (switchover, failover, recovery; each names the cluster that must end
// up primary, so a re-run after an interruption finishes instead of switching twice).
import type { JournalStore } from '../../journal/types.js';
import type { DrEvent } from '../../workflows/events.js';
import { failoverDwsTask, recoverDwsTask, switchoverDwsTask } from '../../workflows/dws/lifecycle.js';
import type { EvidenceRecorder } from '../evidence/recorder.js';
import { checkDwsReadiness } from '../readiness/dws.js';
import { type DwsClientLike, dwsLagSeconds, readDwsTask } from '../readiness/read-dws.js';
import type { ReadinessPolicy } from '../readiness/types.js';
import type { DrillReport, EvidenceJob } from '../report/model.js';
import type { DrillClock } from '../runner/clock.js';
import { asRoleChangeError } from './role-change-error.js';
import type { DrillTarget, LagReading, RoleChangeRequest, RoleState } from '../runner/target.js';

export interface DwsDrillTargetOptions {
  client: DwsClientLike;
  taskId: string;
  region: string;
  projectId?: string | undefined;
  profile?: string | undefined;
  policy: ReadinessPolicy;
  journal?: JournalStore | undefined;
  clock: DrillClock;
}

export const DWS_MEASUREMENT = {
  rtoFrom: 'the switchover (or failover) request',
  rtoTo: 'the API confirming the new primary (showDisasterDetail: the former standby cluster as primary_cluster and the task settled)',
  rpoSource:
    'the time since the last successful synchronisation at cutover: showDisasterProgress recovery_point_object (else now − last_success_time), read just before the switchover; a DWS task replicates once per dr_sync_period',
  notMeasured: [
    'client reconnection and connection-string changes on the application side',
    'application-level data verification after the switch',
    'the time to notice an outage and decide to switch (a drill starts the switch on purpose)',
  ],
};

const CHANGING = ['creating', 'starting', 'stopping', 'switchovering', 'deleting'];

export class DwsDrillTarget implements DrillTarget {
  readonly service = 'dws' as const;
  readonly measurement = DWS_MEASUREMENT;
  originalPrimary = '';
  originalStandby = '';
  readonly #o: DwsDrillTargetOptions;
  #recorder: EvidenceRecorder | undefined;

  constructor(options: DwsDrillTargetOptions) {
    this.#o = options;
  }

  async identify(signal: AbortSignal): Promise<{ primary: string; standby: string } | undefined> {
    const { snapshot } = await readDwsTask(this.#o.client, this.#o.taskId, signal);
    const primary = snapshot?.primary?.id;
    const standby = snapshot?.standby?.id;
    return primary && standby ? { primary, standby } : undefined;
  }

  useOriginal(ids: { primary: string; standby: string }): void {
    this.originalPrimary = ids.primary;
    this.originalStandby = ids.standby;
  }

  attachEvidence(recorder: EvidenceRecorder): () => void {
    this.#recorder = recorder;
    const detach = recorder.attach(this.#o.client, 'task');
    return () => {
      detach();
      this.#recorder = undefined;
    };
  }

  async describe(): Promise<DrillReport['targets']> {
    const task = (await readDwsTask(this.#o.client, this.#o.taskId)).snapshot;
    const cluster = (role: 'primary' | 'standby', id: string) => {
      const c = [task?.primary, task?.standby].find((x) => x?.id === id);
      return { role_at_start: role, id, name: c?.name ?? null, region: c?.region ?? this.#o.region, project_id: this.#o.projectId ?? null, profile: this.#o.profile ?? null };
    };
    const sides = this.originalPrimary ? [cluster('primary', this.originalPrimary), cluster('standby', this.originalStandby)] : [];
    return {
      service: 'dws',
      regions: [...new Set([this.#o.region, ...sides.map((s) => s.region)])],
      task: { id: this.#o.taskId, name: task?.name ?? null, region: this.#o.region },
      sides,
    };
  }

  async readiness(expectedPrimary: string, signal: AbortSignal) {
    return checkDwsReadiness({
      client: this.#o.client,
      taskId: this.#o.taskId,
      region: this.#o.region,
      policy: { ...this.#o.policy, ...(expectedPrimary ? { expectedPrimary } : {}) },
      signal,
      now: () => this.#o.clock.now(),
      recorder: this.#recorder,
    });
  }

  async roles(signal: AbortSignal): Promise<RoleState> {
    const read = await readDwsTask(this.#o.client, this.#o.taskId, signal);
    const task = read.snapshot;
    if (!task?.found) throw new Error(`task ${this.#o.taskId} cannot be read: ${read.failure?.message ?? 'not found'}`);
    const status = task.status ?? null;
    return {
      primary: task.primary?.id ?? null,
      standby: task.standby?.id ?? null,
      status,
      busy: status !== null && CHANGING.includes(status),
      healthy: status === 'running',
      needsRecovery: status === 'abnormal' && task.primary?.id === this.originalStandby,
    };
  }

  async lag(signal: AbortSignal): Promise<LagReading> {
    const read = await readDwsTask(this.#o.client, this.#o.taskId, signal, { progress: true });
    const task = read.snapshot;
    if (!task?.found) return { lagSeconds: null, syncStatus: null, source: `showDisasterDetail failed: ${read.failure?.message ?? 'not found'}` };
    const lag = dwsLagSeconds(task, this.#o.clock.now());
    return { lagSeconds: lag.seconds, syncStatus: task.status ?? null, source: lag.source };
  }

  async changeRoles(request: RoleChangeRequest): Promise<void> {
    const jobs = new Map<string, EvidenceJob>();
    const onEvent = (e: DrEvent) => {
      if (e.type === 'step' && e.status === 'done' && (e.step === 'switchover' || e.step === 'failover' || e.step === 'recovery')) {
        const job: EvidenceJob = { id: `${this.#o.taskId}:${e.step}`, side: 'task', name: `${e.step} of task ${this.#o.taskId}`, status: 'accepted' };
        jobs.set(e.step, job);
        request.onJob(job);
      } else if (e.type === 'wait' && e.phase !== 'pending') {
        for (const job of jobs.values()) request.onJob({ ...job, status: e.status });
      } else if (e.type === 'reconcile' || e.type === 'warning') {
        request.onNote(e.message);
      }
    };
    const common = {
      client: this.#o.client,
      taskId: this.#o.taskId,
      journal: this.#o.journal,
      signal: request.signal,
      onEvent,
      wait: {
        initialDelayMs: request.pollIntervalMs,
        minIntervalMs: request.pollIntervalMs,
        maxIntervalMs: request.pollIntervalMs,
        maxWaitMs: request.maxWaitMs,
        sleep: (ms: number, signal?: AbortSignal) => this.#o.clock.sleep(ms, signal),
        now: () => this.#o.clock.now(),
      },
    };
    try {
      if (request.change === 'switchover') await switchoverDwsTask({ ...common, newPrimaryClusterId: request.newPrimary });
      else if (request.change === 'failover') await failoverDwsTask({ ...common, newPrimaryClusterId: request.newPrimary });
      else await recoverDwsTask(common);
    } catch (error) {
      throw asRoleChangeError(error);
    }
  }
}
