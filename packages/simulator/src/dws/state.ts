import type { Clock } from '../clock.js';
import type { FailureSource } from '../http/context.js';
import type { LagModel } from '../lag/lag-model.js';
import { hash32, uuidFrom } from '../random.js';
import { defaultProjectId, type Placement } from '../regions/scope.js';
import { dwsErrors } from './errors.js';
import type { DwsClusterSeed, DwsTaskSeed } from './seed.js';

export type TaskStatus =
  | 'creating'
  | 'create_failed'
  | 'unstart'
  | 'starting'
  | 'start_failed'
  | 'running'
  | 'stopping'
  | 'stop_failed'
  | 'stopped'
  | 'switchovering'
  | 'abnormal'
  | 'deleting';

export type TaskOperation = 'create' | 'start' | 'pause' | 'switchover' | 'failover' | 'recovery' | 'delete';

interface TransitionRule {
  /** Statuses the operation is accepted in (create has none: it makes the task). */
  readonly from: readonly TaskStatus[];
  /** Status while the operation runs. */
  readonly via: TaskStatus;
  /** Status when it succeeds (`gone` = the task disappears). */
  readonly to: TaskStatus | 'gone';
  /** Status when it fails (`previous` = back to where it was). */
  readonly failTo: TaskStatus | 'previous';
}

/**
 * The DR-task state machine. `from` lists for start, pause, switchover and delete are the
 * documented ones; failover/recovery targets are undocumented, so they are simulator choices
 * (see README): failover settles in `abnormal` (old primary still considered faulty) and
 * recovery re-pairs the clusters and settles in `running`.
 */
export const TRANSITIONS: Readonly<Record<TaskOperation, TransitionRule>> = {
  create: { from: [], via: 'creating', to: 'unstart', failTo: 'create_failed' },
  start: { from: ['unstart', 'start_failed', 'stopped'], via: 'starting', to: 'running', failTo: 'start_failed' },
  pause: { from: ['running', 'stop_failed'], via: 'stopping', to: 'stopped', failTo: 'stop_failed' },
  switchover: { from: ['running'], via: 'switchovering', to: 'running', failTo: 'abnormal' },
  failover: {
    from: ['running', 'stopped', 'stop_failed', 'start_failed', 'abnormal'],
    via: 'switchovering',
    to: 'abnormal',
    failTo: 'stop_failed',
  },
  recovery: { from: ['abnormal'], via: 'starting', to: 'running', failTo: 'abnormal' },
  delete: {
    from: ['create_failed', 'unstart', 'start_failed', 'stopped', 'stop_failed', 'abnormal'],
    via: 'deleting',
    to: 'gone',
    failTo: 'previous',
  },
};

export interface ClusterRecord {
  readonly seed: Required<DwsClusterSeed>;
}

export interface TaskRecord {
  readonly id: string;
  readonly name: string;
  readonly drType: string;
  drSyncPeriod: string;
  /** Current primary; swapped by switchover and failover. */
  primaryClusterId: string;
  standbyClusterId: string;
  readonly createdAt: number;
  status: TaskStatus;
  startedAt: number | undefined;
  /** When synchronisation last (re)started; last_success_time is derived from it and the period. */
  syncingSince: number | undefined;
  lastSuccessAt: number | undefined;
  /** After a failover and until recovery the old primary (now standby) counts as unavailable. */
  failedOver: boolean;
  pending: PendingTransition | undefined;
}

export interface PendingTransition {
  readonly operation: TaskOperation;
  readonly startedAt: number;
  readonly endsAt: number;
  readonly previous: TaskStatus;
  readonly failure: string | undefined;
}

export interface CreateTaskInput {
  readonly name: string;
  readonly drType: 'az' | 'region';
  readonly primaryClusterId: string;
  readonly standbyClusterId: string;
  readonly drSyncPeriod: string;
}

/** `^[A-Za-z][A-Za-z0-9_-]{3,63}$`: the Terraform-documented name rule, also in the spec. */
export const TASK_NAME_RULE = /^[A-Za-z][A-Za-z0-9_-]{3,63}$/;
/** 1..3000 followed by m (minutes), H (hours) or d (days). */
export const SYNC_PERIOD_RULE = /^([1-9][0-9]{0,2}|[12][0-9]{3}|3000)[mHd]$/;

export function syncPeriodMs(period: string): number {
  const n = Number(period.slice(0, -1));
  const unit = period.slice(-1);
  return n * (unit === 'm' ? 60_000 : unit === 'H' ? 3_600_000 : 86_400_000);
}

/** Everything the DWS simulation holds: plain JSON-safe data (the state file stores it). */
export interface DwsData {
  readonly clusters: ClusterRecord[];
  readonly tasks: TaskRecord[];
}

export interface DwsOptions {
  readonly newId: () => string;
  readonly lag: LagModel;
}

/** Third octet of a cluster's default subnet: 1 for zone `...a`, 2 for `...b`, ... (1..200). */
function zoneIndex(availabilityZone: string): number {
  const letter = availabilityZone.charCodeAt(availabilityZone.length - 1);
  return letter >= 97 && letter <= 122 ? letter - 96 : 1 + (hash32(availabilityZone) % 200);
}

/** Fills in every default (also for clusters read from an older state file, which lack the network). */
export function clusterRecord(seed: DwsClusterSeed): ClusterRecord {
  const projectId = seed.projectId ?? defaultProjectId(seed.region);
  return {
    seed: {
      projectId,
      specId: 'dws2.m6.4xlarge.8',
      dnNum: 3,
      datastoreType: 'dws',
      datastoreVersion: '8.2.1',
      diskCapacity: '1200',
      diskUsed: '37',
      obsBucket: '',
      vpcId: uuidFrom('hcdr-simulator-dws-vpc', seed.region, projectId),
      vpcCidr: '10.20.0.0/16',
      subnetId: uuidFrom('hcdr-simulator-dws-subnet', seed.region, projectId, seed.availabilityZone),
      subnetCidr: `10.20.${zoneIndex(seed.availabilityZone)}.0/24`,
      securityGroupId: uuidFrom('hcdr-simulator-dws-sg', seed.region, projectId),
      created: '2025-03-01T08:00:00Z',
      ...seed,
    },
  };
}

/** Seeds → data: clusters, plus DR tasks that already exist (running unless told otherwise). */
export function dwsDataFromSeeds(seeds: readonly DwsClusterSeed[], taskSeeds: readonly DwsTaskSeed[], now: number): DwsData {
  const clusters = new Map<string, ClusterRecord>();
  for (const seed of seeds) {
    if (clusters.has(seed.id)) throw new Error(`duplicate DWS cluster id ${seed.id}`);
    clusters.set(seed.id, clusterRecord(seed));
  }
  const used = new Set<string>();
  const tasks: TaskRecord[] = taskSeeds.map((t) => {
    for (const id of [t.primaryClusterId, t.standbyClusterId]) {
      if (!clusters.has(id)) throw new Error(`DR task ${t.id}: unknown cluster ${id}`);
      if (used.has(id)) throw new Error(`DR task ${t.id}: cluster ${id} is already in a task`);
      used.add(id);
    }
    if (!SYNC_PERIOD_RULE.test(t.drSyncPeriod)) throw new Error(`DR task ${t.id}: invalid dr_sync_period ${t.drSyncPeriod}`);
    const status = t.status ?? 'running';
    const startedAt = t.startedAt ?? now;
    return {
      id: t.id,
      name: t.name,
      drType: t.drType,
      drSyncPeriod: t.drSyncPeriod,
      primaryClusterId: t.primaryClusterId,
      standbyClusterId: t.standbyClusterId,
      createdAt: Math.min(startedAt, now),
      status,
      startedAt: status === 'unstart' ? undefined : startedAt,
      syncingSince: status === 'running' ? startedAt : undefined,
      lastSuccessAt: status === 'unstart' ? undefined : startedAt,
      failedOver: false,
      pending: undefined,
    };
  });
  return { clusters: [...clusters.values()], tasks };
}

export class DwsSimulation {
  readonly #clock: Clock;
  readonly #options: DwsOptions;
  readonly #clusters = new Map<string, ClusterRecord>();
  readonly #tasks = new Map<string, TaskRecord>();

  constructor(clock: Clock, data: DwsData, options: DwsOptions) {
    this.#clock = clock;
    this.#options = options;
    for (const c of data.clusters) this.#clusters.set(c.seed.id, clusterRecord(c.seed));
    for (const t of data.tasks) this.#tasks.set(t.id, t);
  }

  /** The data to persist (after settling). */
  data(): DwsData {
    this.settle();
    return { clusters: [...this.#clusters.values()], tasks: [...this.#tasks.values()] };
  }

  /** Where a cluster lives, or undefined for an unknown id. */
  placement(clusterId: string): Placement | undefined {
    const c = this.#clusters.get(clusterId);
    return c && { region: c.seed.region, projectId: c.seed.projectId };
  }

  /** Completes every transition whose time has come. Every public method calls it first. */
  settle(): void {
    const now = this.#clock.now();
    const due = [...this.#tasks.values()]
      .filter((t) => t.pending && t.pending.endsAt <= now)
      .sort((a, b) => (a.pending?.endsAt ?? 0) - (b.pending?.endsAt ?? 0));
    for (const task of due) this.#finish(task);
  }

  clusters(): ClusterRecord[] {
    return [...this.#clusters.values()];
  }

  cluster(id: string): ClusterRecord | undefined {
    return this.#clusters.get(id);
  }

  tasks(): TaskRecord[] {
    this.settle();
    return [...this.#tasks.values()];
  }

  task(id: string): TaskRecord {
    this.settle();
    const task = this.#tasks.get(id);
    if (!task) throw dwsErrors.taskNotFound(id);
    return task;
  }

  /** Fraction (0..1) of the running transition that has elapsed, or undefined when settled. */
  transitionProgress(task: TaskRecord): number | undefined {
    const p = task.pending;
    if (!p) return undefined;
    const span = p.endsAt - p.startedAt;
    return span <= 0 ? 0.99 : Math.min(0.99, Math.max(0, (this.#clock.now() - p.startedAt) / span));
  }

  /**
   * Last completed synchronisation: one per `dr_sync_period` while running. A lag override on the
   * task (`sim.setLag`) holds it back: it is then at least that many seconds old (sync stalled).
   */
  lastSuccessTime(task: TaskRecord): number | undefined {
    if (task.status !== 'running' || task.syncingSince === undefined) return task.lastSuccessAt;
    const now = this.#clock.now();
    const period = syncPeriodMs(task.drSyncPeriod);
    const regular = task.syncingSince + Math.floor((now - task.syncingSince) / period) * period;
    const override = this.#options.lag.active(task.id, now);
    return override ? Math.min(regular, now - override.lagSeconds * 1000) : regular;
  }

  /** A cluster counts as taken while any task (in any status) references it. */
  clusterInUse(clusterId: string): boolean {
    return [...this.#tasks.values()].some((t) => t.primaryClusterId === clusterId || t.standbyClusterId === clusterId);
  }

  nameTaken(name: string): boolean {
    return [...this.#tasks.values()].some((t) => t.name === name);
  }

  create(input: CreateTaskInput, failure: FailureSource): TaskRecord {
    this.settle();
    const primary = this.#clusters.get(input.primaryClusterId);
    const standby = this.#clusters.get(input.standbyClusterId);
    if (!primary) throw dwsErrors.badInput(`primary cluster ${input.primaryClusterId} does not exist`);
    if (!standby) throw dwsErrors.badInput(`standby cluster ${input.standbyClusterId} does not exist`);
    if (primary === standby) throw dwsErrors.badInput('primary_cluster_id and standby_cluster_id must differ');
    if (input.drType === 'az') {
      if (primary.seed.region !== standby.seed.region) throw dwsErrors.badInput('dr_type az needs both clusters in the same region');
      if (primary.seed.availabilityZone === standby.seed.availabilityZone) {
        throw dwsErrors.badInput('dr_type az needs the clusters in different availability zones');
      }
    } else if (primary.seed.region === standby.seed.region) {
      throw dwsErrors.badInput('dr_type region needs the clusters in different regions');
    }
    for (const c of [primary, standby]) {
      if (this.clusterInUse(c.seed.id)) throw dwsErrors.invalidStatus(`cluster ${c.seed.id} already belongs to a DR task`);
    }
    if (this.nameTaken(input.name)) throw dwsErrors.nameTaken(input.name);
    const task: TaskRecord = {
      id: this.#options.newId(),
      name: input.name,
      drType: input.drType,
      drSyncPeriod: input.drSyncPeriod,
      primaryClusterId: primary.seed.id,
      standbyClusterId: standby.seed.id,
      createdAt: this.#clock.now(),
      status: 'creating',
      startedAt: undefined,
      syncingSince: undefined,
      lastSuccessAt: undefined,
      failedOver: false,
      pending: undefined,
    };
    this.#tasks.set(task.id, task);
    this.#begin(task, 'create', failure);
    return task;
  }

  update(id: string, drSyncPeriod: string | undefined): TaskRecord {
    const task = this.task(id);
    if (task.status !== 'unstart' && task.status !== 'stopped') {
      throw dwsErrors.invalidStatus(`update needs status unstart or stopped, the task is ${task.status}`);
    }
    if (drSyncPeriod !== undefined) task.drSyncPeriod = drSyncPeriod;
    return task;
  }

  /** start, pause, switchover, failover, recovery and delete all go through the transition table. */
  operate(id: string, operation: Exclude<TaskOperation, 'create'>, failure: FailureSource): TaskRecord {
    const task = this.task(id);
    const rule = TRANSITIONS[operation];
    if (!rule.from.includes(task.status)) {
      throw dwsErrors.invalidStatus(`${operation} needs status ${rule.from.join(' | ')}, the task is ${task.status}`);
    }
    if (operation === 'failover' && task.failedOver) {
      throw dwsErrors.invalidStatus('the task has already failed over; call recovery to re-pair the clusters');
    }
    if (operation === 'recovery' && !task.failedOver) {
      throw dwsErrors.invalidStatus('recovery is only possible after a failover');
    }
    this.#begin(task, operation, failure);
    return task;
  }

  #begin(task: TaskRecord, operation: TaskOperation, failure: FailureSource): void {
    const now = this.#clock.now();
    task.pending = {
      operation,
      startedAt: now,
      endsAt: now + this.#clock.transitionMs,
      previous: task.status,
      failure: failure([task.primaryClusterId, task.standbyClusterId])?.reason,
    };
    task.status = TRANSITIONS[operation].via;
    if (operation === 'start' || operation === 'recovery') task.startedAt = now;
    if (operation !== 'create' && task.status !== 'running') this.#freezeSync(task);
  }

  #freezeSync(task: TaskRecord): void {
    task.lastSuccessAt = this.lastSuccessTime({ ...task, status: 'running' }) ?? task.lastSuccessAt;
    task.syncingSince = undefined;
  }

  #finish(task: TaskRecord): void {
    const pending = task.pending;
    if (!pending) return;
    task.pending = undefined;
    const rule = TRANSITIONS[pending.operation];
    const at = pending.endsAt;
    if (pending.failure !== undefined) {
      task.status = rule.failTo === 'previous' ? pending.previous : rule.failTo;
      return;
    }
    if (rule.to === 'gone') {
      this.#tasks.delete(task.id);
      return;
    }
    task.status = rule.to;
    switch (pending.operation) {
      case 'switchover':
      case 'failover':
        [task.primaryClusterId, task.standbyClusterId] = [task.standbyClusterId, task.primaryClusterId];
        task.failedOver = pending.operation === 'failover';
        break;
      case 'recovery':
        task.failedOver = false;
        break;
      default:
        break;
    }
    if (task.status === 'running') {
      task.syncingSince = at;
      task.lastSuccessAt = at;
    }
  }
}
