import type { Clock } from '../clock.js';
import type { FailureSource } from '../http/context.js';
import { uuid } from '../ids.js';
import { geminiErrors } from './errors.js';
import { JobTable, type GeminiJob } from './jobs.js';
import type { GeminiDbInstanceSeed } from './seed.js';

export type DrRole = 'master' | 'slave';
export type SyncAction = 'pause' | 'resume';

/** Job names as the GeminiDB ListJobs `name` enum spells them (reference §A.4). */
export const JOB_NAMES = {
  construct: 'ConstructDisasterRecovery',
  deconstruct: 'DeConstructDisasterRecovery',
  switchover: 'SwitchOverDisasterRecovery',
  buildBiActive: 'BuildBiActiveInstance',
  releaseBiActive: 'ReleaseBiActiveInstance',
  // Pause/resume return a job_id, but the documented name list has no entry for them: simulator choice.
  pauseSync: 'PauseDisasterRecoverySynchronization',
  resumeSync: 'ResumeDisasterRecoverySynchronization',
} as const;

export interface InstanceRecord {
  readonly seed: Required<GeminiDbInstanceSeed>;
  readonly createdAt: number;
  /** Last successful precheck, consumed by the construction / deconstruction it allows. */
  precheck: 'construction' | 'deconstruction' | undefined;
  dr: { pairId: string; role: DrRole; constructed: boolean } | undefined;
  /** Set on the old primary by a forced failover; cleared by deconstruction or /__sim/ recover. */
  abnormal: boolean;
  syncPaused: boolean;
  pausedAt: number | undefined;
  dualActive: { peerId: string; role: 'master' | 'slave'; active: boolean } | undefined;
  settings: { switchoverRatio: number; syncDelay: number | undefined };
}

export interface PairRecord {
  readonly id: string;
  readonly alias: string;
  readonly password: string;
  /** Instance that made the `instance_role: master` construction call. */
  readonly masterId: string;
  /** Instance the master call named as its peer; only it may join as slave. */
  readonly slaveId: string;
  readonly createdAt: number;
  activatedAt: number | undefined;
  lastSyncAction: SyncAction | undefined;
}

export interface ConstructionInput {
  readonly id: string | undefined;
  readonly alias: string;
  readonly password: string;
  readonly instanceRole: DrRole;
  readonly peer: { readonly id: string; readonly regionCode: string; readonly subnetCidrs: readonly string[]; readonly nodeIps: readonly string[] };
}

export interface PrecheckInput {
  readonly operation: 'construction' | 'deconstruction';
  readonly peer: { readonly vpcCidr: string; readonly specCode: string; readonly nodeIps: readonly string[] } | undefined;
}

export type SyncStatus = 'NA' | 'NEW' | 'SYNCING' | 'SUSPENDING' | 'SUSPENDED' | 'RECOVERYING';

export interface GeminiDbOptions {
  /** Refuse construction / deconstruction unless the same precheck succeeded on that instance first. */
  readonly requirePrecheck: boolean;
}

/** The docs forbid DR between instances in CIDR blocks starting with 192 or 172. */
function forbiddenCidr(cidr: string): boolean {
  return cidr.startsWith('192.') || cidr.startsWith('172.');
}

const REQUIRED_PORT = '8635';

export class GeminiDbSimulation {
  readonly jobs: JobTable;
  readonly #clock: Clock;
  readonly #options: GeminiDbOptions;
  readonly #instances = new Map<string, InstanceRecord>();
  readonly #pairs = new Map<string, PairRecord>();

  constructor(clock: Clock, seeds: readonly GeminiDbInstanceSeed[], options: GeminiDbOptions) {
    this.#clock = clock;
    this.#options = options;
    this.jobs = new JobTable(clock);
    const now = clock.now();
    for (const seed of seeds) {
      if (this.#instances.has(seed.id)) throw new Error(`duplicate GeminiDB instance id ${seed.id}`);
      this.#instances.set(seed.id, {
        seed: {
          port: REQUIRED_PORT,
          specCode: 'geminidb.redis.xlarge.4',
          datastoreVersion: '5.0',
          mode: 'Cluster',
          ...seed,
        },
        createdAt: now,
        precheck: undefined,
        dr: undefined,
        abnormal: false,
        syncPaused: false,
        pausedAt: undefined,
        dualActive: undefined,
        settings: { switchoverRatio: 100, syncDelay: undefined },
      });
    }
  }

  /** Finishes every job whose time has come. Every public method calls it first. */
  settle(): void {
    this.jobs.settle();
  }

  // ---- reads -------------------------------------------------------------------------------

  instances(): InstanceRecord[] {
    this.settle();
    return [...this.#instances.values()];
  }

  pairs(): PairRecord[] {
    this.settle();
    return [...this.#pairs.values()];
  }

  /** Names of the jobs currently running on an instance (the `actions` field). */
  actions(instanceId: string): string[] {
    this.settle();
    return this.jobs.running(instanceId).map((j) => j.name);
  }

  /** The peer's id when the instance is in an active relationship (the `dr_instance_id` field). */
  drPeerId(instanceId: string): string | undefined {
    this.settle();
    const inst = this.#instances.get(instanceId);
    const pair = inst?.dr && this.#activePair(inst.dr.pairId);
    return pair ? this.#peerOf(pair, instanceId).seed.id : undefined;
  }

  relationshipActive(pairId: string): boolean {
    this.settle();
    return this.#activePair(pairId) !== undefined;
  }

  role(instanceId: string): DrRole {
    this.settle();
    const inst = this.#instance(instanceId);
    const pair = inst.dr && this.#activePair(inst.dr.pairId);
    if (!inst.dr || !pair) throw geminiErrors.illegal(`instance ${instanceId} is not in an active DR relationship`);
    return inst.dr.role;
  }

  syncStatus(instanceId: string): {
    status: SyncStatus;
    pair: PairRecord | undefined;
    master: InstanceRecord | undefined;
    slave: InstanceRecord | undefined;
    askedIsMaster: boolean;
    pausedForMs: number;
  } {
    this.settle();
    const inst = this.#instance(instanceId);
    const pair = inst.dr && this.#activePair(inst.dr.pairId);
    if (!inst.dr || !pair) {
      return { status: 'NA', pair: undefined, master: undefined, slave: undefined, askedIsMaster: false, pausedForMs: 0 };
    }
    const members = this.#members(pair.id);
    const master = members.find((m) => m.dr?.role === 'master');
    const slave = members.find((m) => m !== master);
    const paused = members.filter((m) => m.syncPaused);
    const now = this.#clock.now();
    const pausedForMs = Math.max(0, ...paused.map((m) => now - (m.pausedAt ?? now)));
    let status: SyncStatus;
    if (!master || members.some((m) => m.abnormal || (m.dr?.role === 'master' && m !== master))) status = 'NA';
    else if (paused.length === 2) status = 'SUSPENDED';
    else if (paused.length === 1) status = pair.lastSyncAction === 'pause' ? 'SUSPENDING' : 'RECOVERYING';
    else status = 'SYNCING';
    return { status, pair, master, slave, askedIsMaster: inst.dr.role === 'master', pausedForMs };
  }

  // ---- DR lifecycle --------------------------------------------------------------------------

  precheck(instanceId: string, input: PrecheckInput): void {
    this.settle();
    const inst = this.#instance(instanceId);
    this.#requireIdle(inst, { allowAbnormal: input.operation === 'deconstruction' });
    if (input.operation === 'construction') {
      if (inst.dr) throw geminiErrors.illegal(`instance ${instanceId} is already in a DR relationship`);
      if (input.peer && forbiddenCidr(input.peer.vpcCidr)) {
        throw geminiErrors.badInput('DR is not supported between instances in CIDR blocks starting with 192 or 172');
      }
      if (inst.seed.port !== REQUIRED_PORT) throw geminiErrors.badInput(`the instance port must be ${REQUIRED_PORT}`);
    } else if (!inst.dr) {
      throw geminiErrors.illegal(`instance ${instanceId} is not in a DR relationship`);
    }
    inst.precheck = input.operation;
  }

  construct(instanceId: string, input: ConstructionInput, failure: FailureSource): { jobId: string; drId: string } {
    this.settle();
    const inst = this.#instance(instanceId);
    this.#requireIdle(inst);
    if (inst.dr) throw geminiErrors.illegal(`instance ${instanceId} is already in a DR relationship`);
    const peer = this.#instances.get(input.peer.id);
    if (!peer) throw geminiErrors.badInput(`disaster_recovery_instance.id ${input.peer.id} does not exist`);
    if (peer === inst) throw geminiErrors.badInput('disaster_recovery_instance.id must be another instance');
    this.#checkPeerDescription(peer, input.peer);
    if (inst.seed.port !== REQUIRED_PORT || peer.seed.port !== REQUIRED_PORT) {
      throw geminiErrors.badInput(`the port of both instances must be ${REQUIRED_PORT}`);
    }
    if (this.#options.requirePrecheck && inst.precheck !== 'construction') {
      throw geminiErrors.illegal('run the construction precheck on this instance first');
    }

    let pair: PairRecord;
    if (input.instanceRole === 'master') {
      if (input.id !== undefined) throw geminiErrors.badInput('id must be omitted on the primary (instance_role=master) call');
      if (peer.dr) throw geminiErrors.illegal(`instance ${peer.seed.id} is already in a DR relationship`);
      pair = {
        id: uuid(),
        alias: input.alias,
        password: input.password,
        masterId: inst.seed.id,
        slaveId: peer.seed.id,
        createdAt: this.#clock.now(),
        activatedAt: undefined,
        lastSyncAction: undefined,
      };
      this.#pairs.set(pair.id, pair);
    } else {
      if (input.id === undefined) throw geminiErrors.badInput('id (the disaster_recovery_id of the primary call) is required when instance_role is slave');
      const found = this.#pairs.get(input.id);
      if (!found) throw geminiErrors.badInput(`DR relationship ${input.id} does not exist`);
      if (found.masterId !== peer.seed.id || found.slaveId !== inst.seed.id) {
        throw geminiErrors.badInput(`DR relationship ${input.id} was not created between ${peer.seed.id} and ${inst.seed.id}`);
      }
      if (found.password !== input.password) throw geminiErrors.badInput('password does not match the one given on the primary call');
      pair = found;
    }

    inst.precheck = undefined;
    inst.dr = { pairId: pair.id, role: input.instanceRole, constructed: false };
    const isMaster = input.instanceRole === 'master';
    const job = this.jobs.start({
      name: JOB_NAMES.construct,
      instanceId,
      injectedFailure: failure()?.reason,
      hooks: {
        complete: () => {
          if (!this.#pairs.has(pair.id)) return 'the DR relationship was removed because the peer construction failed';
          inst.dr = { pairId: pair.id, role: input.instanceRole, constructed: true };
          if (this.#activePair(pair.id) && pair.activatedAt === undefined) pair.activatedAt = this.#clock.now();
          return undefined;
        },
        fail: () => {
          inst.dr = undefined;
          // Without its primary side the relationship cannot be completed; the standby may retry alone.
          if (isMaster) this.#dropPair(pair.id);
        },
      },
    });
    return { jobId: job.id, drId: pair.id };
  }

  deconstruct(instanceId: string, failure: FailureSource): string {
    this.settle();
    const inst = this.#instance(instanceId);
    this.#requireIdle(inst, { allowAbnormal: true });
    const dr = inst.dr;
    if (!dr) throw geminiErrors.illegal(`instance ${instanceId} is not in a DR relationship`);
    if (this.#options.requirePrecheck && inst.precheck !== 'deconstruction') {
      throw geminiErrors.illegal('run the deconstruction precheck on this instance first');
    }
    inst.precheck = undefined;
    return this.jobs.start({
      name: JOB_NAMES.deconstruct,
      instanceId,
      injectedFailure: failure()?.reason,
      hooks: {
        complete: () => {
          inst.dr = undefined;
          inst.abnormal = false;
          inst.syncPaused = false;
          inst.pausedAt = undefined;
          if (this.#members(dr.pairId).length === 0) this.#pairs.delete(dr.pairId);
          return undefined;
        },
      },
    }).id;
  }

  /** switchover-slave: demote the primary (first half of a planned switchover). */
  demote(instanceId: string, failure: FailureSource): string {
    const { inst, pair } = this.#activeMember(instanceId);
    this.#requireIdle(inst);
    if (inst.dr?.role !== 'master') throw geminiErrors.illegal(`instance ${instanceId} is not the primary (master)`);
    this.#requireSyncRunning(pair);
    return this.jobs.start({
      name: JOB_NAMES.switchover,
      instanceId,
      injectedFailure: failure()?.reason,
      hooks: {
        complete: () => {
          inst.dr = { pairId: pair.id, role: 'slave', constructed: true };
          return undefined;
        },
      },
    }).id;
  }

  /**
   * switchover-master. Without `force` it is the second half of a planned switchover and needs the
   * old primary already demoted; with `force` it is a failover: this standby becomes primary and the
   * old primary is marked abnormal.
   */
  promote(instanceId: string, force: boolean, failure: FailureSource): string {
    const { inst, pair, peer } = this.#activeMember(instanceId);
    this.#requireIdle(inst);
    if (inst.dr?.role !== 'slave') throw geminiErrors.illegal(`instance ${instanceId} is already the primary (master)`);
    if (!force) {
      if (peer.dr?.role === 'master') {
        throw geminiErrors.illegal(
          `instance ${peer.seed.id} is still the primary: demote it with switchover-slave first, or pass force=true for a failover`,
        );
      }
      this.#requireIdle(peer);
    }
    return this.jobs.start({
      name: JOB_NAMES.switchover,
      instanceId,
      injectedFailure: failure()?.reason,
      hooks: {
        complete: () => {
          inst.dr = { pairId: pair.id, role: 'master', constructed: true };
          if (force) {
            peer.dr = { pairId: pair.id, role: 'slave', constructed: true };
            peer.abnormal = true;
          }
          for (const m of [inst, peer]) {
            m.syncPaused = false;
            m.pausedAt = undefined;
          }
          return undefined;
        },
      },
    }).id;
  }

  /** PUT disaster-recovery/switchover: both roles swap in one job. */
  switchover(instanceId: string, failure: FailureSource): string {
    const { inst, pair, peer } = this.#activeMember(instanceId);
    this.#requireIdle(inst);
    this.#requireIdle(peer);
    const master = [inst, peer].find((m) => m.dr?.role === 'master');
    if (!master) throw geminiErrors.illegal('neither instance is the primary; finish the switchover with switchover-master');
    this.#requireSyncRunning(pair);
    const slave = master === inst ? peer : inst;
    return this.jobs.start({
      name: JOB_NAMES.switchover,
      instanceId,
      busyInstanceIds: [inst.seed.id, peer.seed.id],
      injectedFailure: failure()?.reason,
      hooks: {
        complete: () => {
          master.dr = { pairId: pair.id, role: 'slave', constructed: true };
          slave.dr = { pairId: pair.id, role: 'master', constructed: true };
          return undefined;
        },
      },
    }).id;
  }

  /** Pause/resume is tracked per side: the docs require the call on both instances. */
  setSync(instanceId: string, action: SyncAction, failure: FailureSource): string {
    const { inst, pair, peer } = this.#activeMember(instanceId);
    this.#requireIdle(inst);
    if (peer.abnormal) throw geminiErrors.busy();
    if (action === 'pause' && inst.syncPaused) throw geminiErrors.illegal('data synchronization is already paused on this instance');
    if (action === 'resume' && !inst.syncPaused) throw geminiErrors.illegal('data synchronization is not paused on this instance');
    return this.jobs.start({
      name: action === 'pause' ? JOB_NAMES.pauseSync : JOB_NAMES.resumeSync,
      instanceId,
      injectedFailure: failure()?.reason,
      hooks: {
        complete: () => {
          inst.syncPaused = action === 'pause';
          inst.pausedAt = action === 'pause' ? this.#clock.now() : undefined;
          pair.lastSyncAction = action;
          return undefined;
        },
      },
    }).id;
  }

  /** Control-plane repair of an instance left abnormal by a failover; it rejoins as standby. */
  recover(instanceId: string): void {
    this.settle();
    const inst = this.#instance(instanceId);
    inst.abnormal = false;
  }

  // ---- settings, regions, dual-active ------------------------------------------------------------

  setSettings(items: readonly { instanceId: string; switchoverRatio: number | undefined; syncDelay: number | undefined }[]): string[] {
    this.settle();
    const targets = items.map((item) => ({ item, inst: this.#instance(item.instanceId) }));
    for (const { item, inst } of targets) {
      if (item.switchoverRatio !== undefined) inst.settings.switchoverRatio = item.switchoverRatio;
      if (item.syncDelay !== undefined) inst.settings.syncDelay = item.syncDelay;
    }
    return targets.map((t) => t.inst.seed.id);
  }

  /** Regions where a DR / dual-active peer may live: every other region the simulator knows of. */
  peerRegions(instanceId: string): string[] {
    this.settle();
    const inst = this.#instance(instanceId);
    const regions = new Set([...this.#instances.values()].map((i) => i.seed.region));
    regions.delete(inst.seed.region);
    return [...regions].sort();
  }

  createDualActive(instanceId: string, destination: { region: string; instanceId: string }, failure: FailureSource): string {
    this.settle();
    const inst = this.#instance(instanceId);
    this.#requireIdle(inst);
    const dest = this.#instances.get(destination.instanceId);
    if (!dest || dest === inst) throw geminiErrors.badInput(`destination_instance_id ${destination.instanceId} does not exist`);
    if (dest.seed.region === inst.seed.region) throw geminiErrors.badInput('a dual-active peer must be in another region');
    if (dest.seed.region !== destination.region) {
      throw geminiErrors.badInput(`destination_region does not match the region of ${destination.instanceId} (${dest.seed.region})`);
    }
    if (inst.dualActive || dest.dualActive) throw geminiErrors.illegal('one of the instances already has a dual-active relationship');
    this.#requireIdle(dest);
    inst.dualActive = { peerId: dest.seed.id, role: 'master', active: false };
    dest.dualActive = { peerId: inst.seed.id, role: 'slave', active: false };
    return this.jobs.start({
      name: JOB_NAMES.buildBiActive,
      instanceId,
      busyInstanceIds: [inst.seed.id, dest.seed.id],
      injectedFailure: failure()?.reason,
      hooks: {
        complete: () => {
          for (const m of [inst, dest]) if (m.dualActive) m.dualActive.active = true;
          return undefined;
        },
        fail: () => {
          inst.dualActive = undefined;
          dest.dualActive = undefined;
        },
      },
    }).id;
  }

  deleteDualActive(instanceId: string, failure: FailureSource): string {
    this.settle();
    const inst = this.#instance(instanceId);
    this.#requireIdle(inst);
    const link = inst.dualActive;
    if (!link?.active) throw geminiErrors.notDualActive();
    const dest = this.#instance(link.peerId);
    return this.jobs.start({
      name: JOB_NAMES.releaseBiActive,
      instanceId,
      busyInstanceIds: [inst.seed.id, dest.seed.id],
      injectedFailure: failure()?.reason,
      hooks: {
        complete: () => {
          inst.dualActive = undefined;
          dest.dualActive = undefined;
          return undefined;
        },
      },
    }).id;
  }

  jobList(): GeminiJob[] {
    this.settle();
    return this.jobs.all();
  }

  // ---- helpers -----------------------------------------------------------------------------

  instance(instanceId: string): InstanceRecord {
    this.settle();
    return this.#instance(instanceId);
  }

  #instance(instanceId: string): InstanceRecord {
    const inst = this.#instances.get(instanceId);
    if (!inst) throw geminiErrors.instanceNotFound(instanceId);
    return inst;
  }

  #members(pairId: string): InstanceRecord[] {
    return [...this.#instances.values()].filter((i) => i.dr?.pairId === pairId);
  }

  /** The pair, if both sides have finished construction. */
  #activePair(pairId: string): PairRecord | undefined {
    const pair = this.#pairs.get(pairId);
    const members = this.#members(pairId);
    return pair && members.length === 2 && members.every((m) => m.dr?.constructed) ? pair : undefined;
  }

  #peerOf(pair: PairRecord, instanceId: string): InstanceRecord {
    const peer = this.#members(pair.id).find((m) => m.seed.id !== instanceId);
    if (!peer) throw new Error(`pair ${pair.id} has no peer for ${instanceId}`);
    return peer;
  }

  #activeMember(instanceId: string): { inst: InstanceRecord; pair: PairRecord; peer: InstanceRecord } {
    this.settle();
    const inst = this.#instance(instanceId);
    const pair = inst.dr && this.#activePair(inst.dr.pairId);
    if (!pair) throw geminiErrors.illegal(`instance ${instanceId} is not in an active DR relationship`);
    return { inst, pair, peer: this.#peerOf(pair, instanceId) };
  }

  #dropPair(pairId: string): void {
    this.#pairs.delete(pairId);
    for (const m of this.#members(pairId)) if (m.dr?.constructed) m.dr = undefined;
  }

  /** DBS.200019 covers both "another operation is running" and "the instance is faulty". */
  #requireIdle(inst: InstanceRecord, options: { allowAbnormal?: boolean } = {}): void {
    if (this.jobs.running(inst.seed.id).length > 0) throw geminiErrors.busy();
    if (inst.abnormal && !options.allowAbnormal) throw geminiErrors.busy();
  }

  #requireSyncRunning(pair: PairRecord): void {
    if (this.#members(pair.id).some((m) => m.syncPaused)) {
      throw geminiErrors.illegal('data synchronization is paused; resume it on both instances first');
    }
  }

  #checkPeerDescription(peer: InstanceRecord, described: ConstructionInput['peer']): void {
    if (described.regionCode !== peer.seed.region) {
      throw geminiErrors.badInput(`disaster_recovery_instance.region_code must be ${peer.seed.region} (the region of ${peer.seed.id})`);
    }
    if (described.subnetCidrs.some(forbiddenCidr)) {
      throw geminiErrors.badInput('DR is not supported between instances in CIDR blocks starting with 192 or 172');
    }
    if (!described.subnetCidrs.includes(peer.seed.subnetCidr)) {
      throw geminiErrors.badInput(`disaster_recovery_instance.subnet_cidrs must include ${peer.seed.subnetCidr}`);
    }
    const want = [...peer.seed.nodeIps].sort().join(',');
    const got = [...new Set(described.nodeIps)].sort().join(',');
    if (want !== got) {
      throw geminiErrors.badInput(`disaster_recovery_instance.node_ips must list all node IPs of ${peer.seed.id}`);
    }
  }
}
