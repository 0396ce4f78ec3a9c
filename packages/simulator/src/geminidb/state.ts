import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../clock.js';
import type { FailureSource } from '../http/context.js';
import type { LagModel } from '../lag/lag-model.js';
import { defaultProjectId, type Placement } from '../regions/scope.js';
import { geminiErrors } from './errors.js';
import { JobTable, type GeminiJob, type JobEffect, type JobRunner } from './jobs.js';
import type { GeminiDbInstanceSeed, GeminiDbRelationshipSeed } from './seed.js';

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

export type InstanceSeedRecord = Required<GeminiDbInstanceSeed>;

export interface InstanceRecord {
  readonly seed: InstanceSeedRecord;
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
  /** salt:sha256 of the DR password (the password itself is never stored, so never persisted). */
  readonly passwordHash: string;
  /** Instance that made the `instance_role: master` construction call. */
  readonly masterId: string;
  /** Instance the master call named as its peer; only it may join as slave. */
  readonly slaveId: string;
  readonly createdAt: number;
  activatedAt: number | undefined;
  lastSyncAction: SyncAction | undefined;
}

/** Everything the GeminiDB simulation holds: plain JSON-safe data (the state file stores it). */
export interface GeminiDbData {
  readonly instances: InstanceRecord[];
  readonly pairs: PairRecord[];
  readonly jobs: GeminiJob[];
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
  readonly newId: () => string;
  readonly lag: LagModel;
}

/** The docs forbid DR between instances in CIDR blocks starting with 192 or 172. */
function forbiddenCidr(cidr: string): boolean {
  return cidr.startsWith('192.') || cidr.startsWith('172.');
}

const REQUIRED_PORT = '8635';

function hashPassword(password: string, salt = randomBytes(8).toString('hex')): string {
  return `${salt}:${createHash('sha256').update(`${salt}:${password}`).digest('hex')}`;
}

function passwordMatches(stored: string, password: string): boolean {
  const [salt = ''] = stored.split(':');
  const a = Buffer.from(hashPassword(password, salt));
  const b = Buffer.from(stored);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function instanceRecord(seed: GeminiDbInstanceSeed, createdAt: number): InstanceRecord {
  return {
    seed: {
      port: REQUIRED_PORT,
      specCode: 'geminidb.redis.xlarge.4',
      datastoreVersion: '5.0',
      mode: 'Cluster',
      projectId: defaultProjectId(seed.region),
      ...seed,
    },
    createdAt,
    precheck: undefined,
    dr: undefined,
    abnormal: false,
    syncPaused: false,
    pausedAt: undefined,
    dualActive: undefined,
    settings: { switchoverRatio: 100, syncDelay: undefined },
  };
}

/** Seeds → data: instances, plus relationships that already exist (both sides constructed and syncing). */
export function geminiDbDataFromSeeds(
  seeds: readonly GeminiDbInstanceSeed[],
  relationships: readonly GeminiDbRelationshipSeed[],
  now: number,
): GeminiDbData {
  const instances = new Map<string, InstanceRecord>();
  for (const seed of seeds) {
    if (instances.has(seed.id)) throw new Error(`duplicate GeminiDB instance id ${seed.id}`);
    instances.set(seed.id, instanceRecord(seed, now));
  }
  const pairs: PairRecord[] = [];
  for (const r of relationships) {
    const master = instances.get(r.masterId);
    const slave = instances.get(r.slaveId);
    if (!master || !slave || master === slave) throw new Error(`relationship ${r.id} needs two different seeded instances`);
    if (master.dr || slave.dr) throw new Error(`relationship ${r.id}: an instance is already in a relationship`);
    pairs.push({
      id: r.id,
      alias: r.alias,
      passwordHash: hashPassword(randomBytes(12).toString('hex')),
      masterId: r.masterId,
      slaveId: r.slaveId,
      createdAt: now,
      activatedAt: now,
      lastSyncAction: r.paused ? 'pause' : undefined,
    });
    master.dr = { pairId: r.id, role: 'master', constructed: true };
    slave.dr = { pairId: r.id, role: 'slave', constructed: true };
    if (r.paused) {
      for (const m of [master, slave]) {
        m.syncPaused = true;
        m.pausedAt = now;
      }
    }
  }
  return { instances: [...instances.values()], pairs, jobs: [] };
}

export class GeminiDbSimulation {
  readonly jobs: JobTable;
  readonly #clock: Clock;
  readonly #options: GeminiDbOptions;
  readonly #instances = new Map<string, InstanceRecord>();
  readonly #pairs = new Map<string, PairRecord>();
  readonly #runner: JobRunner = { complete: (job) => this.#complete(job), fail: (job) => this.#fail(job) };

  constructor(clock: Clock, data: GeminiDbData, options: GeminiDbOptions) {
    this.#clock = clock;
    this.#options = options;
    this.jobs = new JobTable(clock, options.newId, data.jobs);
    for (const inst of data.instances) this.#instances.set(inst.seed.id, inst);
    for (const pair of data.pairs) this.#pairs.set(pair.id, pair);
  }

  /** The data to persist (after settling). */
  data(): GeminiDbData {
    this.settle();
    return { instances: [...this.#instances.values()], pairs: [...this.#pairs.values()], jobs: this.jobs.all() };
  }

  /** Finishes every job whose time has come. Every public method calls it first. */
  settle(): void {
    this.jobs.settle(this.#runner);
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

  /** Where an instance lives, or undefined for an unknown id. */
  placement(instanceId: string): Placement | undefined {
    const inst = this.#instances.get(instanceId);
    return inst && { region: inst.seed.region, projectId: inst.seed.projectId };
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

  /**
   * Replication lag of an active relationship in seconds: the lag model's value while syncing; while
   * paused it grows by one second per second of pause on top of the lag when the pause began.
   */
  lagSeconds(pairId: string): number | undefined {
    const pair = this.#activePair(pairId);
    if (!pair) return undefined;
    const now = this.#clock.now();
    const members = this.#members(pairId);
    const pausedAt = members.map((m) => (m.syncPaused ? m.pausedAt : undefined)).filter((t): t is number => t !== undefined);
    if (pausedAt.length === 0) return this.#options.lag.current(pairId, now);
    const since = Math.min(...pausedAt);
    return Math.round((this.#options.lag.current(pairId, since) + (now - since) / 1000) * 10) / 10;
  }

  syncStatus(instanceId: string): {
    status: SyncStatus;
    pair: PairRecord | undefined;
    master: InstanceRecord | undefined;
    slave: InstanceRecord | undefined;
    askedIsMaster: boolean;
    lagSeconds: number;
  } {
    this.settle();
    const inst = this.#instance(instanceId);
    const pair = inst.dr && this.#activePair(inst.dr.pairId);
    if (!inst.dr || !pair) {
      return { status: 'NA', pair: undefined, master: undefined, slave: undefined, askedIsMaster: false, lagSeconds: 0 };
    }
    const members = this.#members(pair.id);
    const master = members.find((m) => m.dr?.role === 'master');
    const slave = members.find((m) => m !== master);
    const paused = members.filter((m) => m.syncPaused);
    let status: SyncStatus;
    if (!master || members.some((m) => m.abnormal || (m.dr?.role === 'master' && m !== master))) status = 'NA';
    else if (paused.length === 2) status = 'SUSPENDED';
    else if (paused.length === 1) status = pair.lastSyncAction === 'pause' ? 'SUSPENDING' : 'RECOVERYING';
    else status = 'SYNCING';
    return { status, pair, master, slave, askedIsMaster: inst.dr.role === 'master', lagSeconds: this.lagSeconds(pair.id) ?? 0 };
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
    // The peer lives in another region: it is looked up account-wide, then checked against its description.
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
        id: this.#options.newId(),
        alias: input.alias,
        passwordHash: hashPassword(input.password),
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
      if (!passwordMatches(found.passwordHash, input.password)) throw geminiErrors.badInput('password does not match the one given on the primary call');
      pair = found;
    }

    inst.precheck = undefined;
    inst.dr = { pairId: pair.id, role: input.instanceRole, constructed: false };
    const job = this.#start(JOB_NAMES.construct, inst, failure, { kind: 'construct', pairId: pair.id, role: input.instanceRole });
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
    return this.#start(JOB_NAMES.deconstruct, inst, failure, { kind: 'deconstruct', pairId: dr.pairId }).id;
  }

  /** switchover-slave: demote the primary (first half of a planned switchover). */
  demote(instanceId: string, failure: FailureSource): string {
    const { inst, pair, peer } = this.#activeMember(instanceId);
    this.#requireIdle(inst);
    if (inst.dr?.role !== 'master') throw geminiErrors.illegal(`instance ${instanceId} is not the primary (master)`);
    this.#requireSyncRunning(pair);
    return this.#start(JOB_NAMES.switchover, inst, this.#lagGuard(pair, [inst, peer], failure), { kind: 'demote', pairId: pair.id }).id;
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
    return this.#start(JOB_NAMES.switchover, inst, failure, { kind: 'promote', pairId: pair.id, peerId: peer.seed.id, force }).id;
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
    return this.#start(
      JOB_NAMES.switchover,
      inst,
      this.#lagGuard(pair, [inst, peer], failure),
      { kind: 'switchover', pairId: pair.id, masterId: master.seed.id, slaveId: slave.seed.id },
      [inst.seed.id, peer.seed.id],
    ).id;
  }

  /** Pause/resume is tracked per side: the docs require the call on both instances. */
  setSync(instanceId: string, action: SyncAction, failure: FailureSource): string {
    const { inst, pair, peer } = this.#activeMember(instanceId);
    this.#requireIdle(inst);
    if (peer.abnormal) throw geminiErrors.busy();
    if (action === 'pause' && inst.syncPaused) throw geminiErrors.illegal('data synchronization is already paused on this instance');
    if (action === 'resume' && !inst.syncPaused) throw geminiErrors.illegal('data synchronization is not paused on this instance');
    return this.#start(action === 'pause' ? JOB_NAMES.pauseSync : JOB_NAMES.resumeSync, inst, failure, { kind: 'sync', pairId: pair.id, action }).id;
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
    return this.#start(JOB_NAMES.buildBiActive, inst, failure, { kind: 'buildBiActive', peerId: dest.seed.id }, [inst.seed.id, dest.seed.id]).id;
  }

  deleteDualActive(instanceId: string, failure: FailureSource): string {
    this.settle();
    const inst = this.#instance(instanceId);
    this.#requireIdle(inst);
    const link = inst.dualActive;
    if (!link?.active) throw geminiErrors.notDualActive();
    const dest = this.#instance(link.peerId);
    return this.#start(JOB_NAMES.releaseBiActive, inst, failure, { kind: 'releaseBiActive', peerId: dest.seed.id }, [inst.seed.id, dest.seed.id]).id;
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

  #start(name: string, inst: InstanceRecord, failure: FailureSource, effect: JobEffect, busy: readonly string[] = [inst.seed.id]): GeminiJob {
    return this.jobs.start({ name, instanceId: inst.seed.id, busyInstanceIds: busy, injectedFailure: failure(busy)?.reason, effect });
  }

  /**
   * A planned switchover must not lose data: when a member has `sync_delay` set (DR settings) and the
   * standby lags more than that, the switchover job fails (reference §A.2: "no DR switch when standby
   * lag exceeds it"). The lag is judged when the job starts; an injected failure still wins.
   */
  #lagGuard(pair: PairRecord, members: readonly InstanceRecord[], failure: FailureSource): FailureSource {
    return (busy) => {
      const injected = failure(busy);
      if (injected) return injected;
      const limits = members.map((m) => m.settings.syncDelay).filter((d): d is number => d !== undefined);
      if (limits.length === 0) return undefined;
      const limit = Math.min(...limits);
      const lag = this.lagSeconds(pair.id) ?? 0;
      return lag > limit
        ? { reason: `Switchover not performed: the standby lags ${lag} s behind the primary, more than the configured sync_delay of ${limit} s.` }
        : undefined;
    };
  }

  #complete(job: GeminiJob): string | undefined {
    const effect = job.effect;
    const inst = this.#instances.get(job.instanceId);
    if (!inst) return 'the instance no longer exists';
    switch (effect.kind) {
      case 'construct': {
        if (!this.#pairs.has(effect.pairId)) return 'the DR relationship was removed because the peer construction failed';
        inst.dr = { pairId: effect.pairId, role: effect.role, constructed: true };
        const pair = this.#pairs.get(effect.pairId);
        if (pair && this.#activePair(pair.id) && pair.activatedAt === undefined) pair.activatedAt = job.endsAt;
        return undefined;
      }
      case 'deconstruct':
        inst.dr = undefined;
        inst.abnormal = false;
        inst.syncPaused = false;
        inst.pausedAt = undefined;
        if (this.#members(effect.pairId).length === 0) this.#pairs.delete(effect.pairId);
        return undefined;
      case 'demote':
        inst.dr = { pairId: effect.pairId, role: 'slave', constructed: true };
        return undefined;
      case 'promote': {
        inst.dr = { pairId: effect.pairId, role: 'master', constructed: true };
        const peer = this.#instances.get(effect.peerId);
        if (effect.force && peer) {
          peer.dr = { pairId: effect.pairId, role: 'slave', constructed: true };
          peer.abnormal = true;
        }
        for (const m of [inst, peer]) {
          if (!m) continue;
          m.syncPaused = false;
          m.pausedAt = undefined;
        }
        return undefined;
      }
      case 'switchover': {
        const master = this.#instances.get(effect.masterId);
        const slave = this.#instances.get(effect.slaveId);
        if (master) master.dr = { pairId: effect.pairId, role: 'slave', constructed: true };
        if (slave) slave.dr = { pairId: effect.pairId, role: 'master', constructed: true };
        return undefined;
      }
      case 'sync': {
        inst.syncPaused = effect.action === 'pause';
        // The job's end, not the moment someone looked: state depends on the clock only.
        inst.pausedAt = effect.action === 'pause' ? job.endsAt : undefined;
        const pair = this.#pairs.get(effect.pairId);
        if (pair) pair.lastSyncAction = effect.action;
        return undefined;
      }
      case 'buildBiActive': {
        const dest = this.#instances.get(effect.peerId);
        for (const m of [inst, dest]) if (m?.dualActive) m.dualActive.active = true;
        return undefined;
      }
      case 'releaseBiActive': {
        const dest = this.#instances.get(effect.peerId);
        inst.dualActive = undefined;
        if (dest) dest.dualActive = undefined;
        return undefined;
      }
    }
  }

  #fail(job: GeminiJob): void {
    const effect = job.effect;
    const inst = this.#instances.get(job.instanceId);
    if (!inst) return;
    if (effect.kind === 'construct') {
      inst.dr = undefined;
      // Without its primary side the relationship cannot be completed; the standby may retry alone.
      if (effect.role === 'master') this.#dropPair(effect.pairId);
    } else if (effect.kind === 'buildBiActive') {
      inst.dualActive = undefined;
      const dest = this.#instances.get(effect.peerId);
      if (dest) dest.dualActive = undefined;
    }
  }

  #instance(instanceId: string): InstanceRecord {
    const inst = this.#instances.get(instanceId);
    if (!inst) throw geminiErrors.instanceNotFound(instanceId);
    return inst;
  }

  /** The instances in a relationship: only its two named sides can be (O(1), fleets have thousands). */
  #members(pairId: string): InstanceRecord[] {
    const pair = this.#pairs.get(pairId);
    if (!pair) return [];
    return [pair.masterId, pair.slaveId].map((id) => this.#instances.get(id)).filter((i): i is InstanceRecord => i?.dr?.pairId === pairId);
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
    const members = this.#members(pairId);
    this.#pairs.delete(pairId);
    for (const m of members) if (m.dr?.constructed) m.dr = undefined;
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
