// Sets up a GeminiDB DR relationship between two instances, each reached through its own client
// (own region, project, account). The API needs, in order (huawei-dr-api §A.5): a construction
// precheck on both, construction on the primary (which returns the DR ID), construction on the
// standby with that DR ID and the same password, then both jobs.
//
// Crash safety: the DR ID exists only in the primary's construction answer, so it is journaled the
// moment it arrives. A re-run reads both instances (listing, newest DR jobs, roles) and continues:
// - the relationship is active: nothing to do;
// - the primary side exists and its DR ID is known (journal, matched by job ID): construct the standby;
// - the primary side exists but its DR ID was never recorded (killed during the call, or the
//   journal is on another machine): no API returns it, so that side is deconstructed and the
//   pairing starts again, and the run says so;
// - a standby side without a primary side, or two sides that do not belong together: rolled back.
import { rules } from '../../rules/index.js';
import { InputCheck } from '../../rules/problems.js';
import type { GeminiDbInstanceSnapshot, GeminiDbSyncSnapshot } from '../../inspect/geminidb.js';
import type { OperationKey } from '../../journal/types.js';
import type { OperationResult } from '../events.js';
import { runOperation, type OperationOptions, type OperationRun } from '../run.js';
import { waitForJobs } from '../wait.js';
import { describePairSideNetwork, needsLookup, resolvePairSideNetwork, type PairSideNetwork } from './network.js';
import { attempt, deconstruct, look, MAX_ROUNDS, snapOf, waitForRunning, type Pair } from './converge.js';
import {
  checkPairSide,
  checkSideIds,
  constructionPeer,
  describeSide,
  lockResource,
  notFound,
  precheckPeer,
  short,
  type GeminiDbPairSide,
  type InstanceDescription,
  type SideName,
} from './sides.js';

export interface PairGeminiDbOptions extends OperationOptions {
  /** The instance that becomes the primary. */
  primary: GeminiDbPairSide;
  /** The instance that becomes the standby. */
  standby: GeminiDbPairSide;
  /** Alias of the DR relationship. */
  alias: string;
  /** Internal DR password (the same on both sides); sent in the two construction bodies, never recorded. */
  password: string;
  /** Do not refuse instances whose port is not 8635 (the API itself refuses them; for mocks). */
  skipPortCheck?: boolean | undefined;
  /**
   * The DR ID of a half-built relationship whose journal is elsewhere (from the output of the run
   * that built the primary side). Without it such a side is rolled back and built again.
   */
  resumeDisasterRecoveryId?: string | undefined;
}

export interface PairSideResult {
  instanceId: string;
  regionCode?: string | undefined;
  role?: 'master' | 'slave' | undefined;
  /** The construction job of this run (or of the run it continued), when known. */
  jobId?: string | undefined;
}

export interface PairGeminiDbResult extends OperationResult {
  /**
   * The network each side described to the other, with where each value came from (given, or read
   * with listInstances / showSubnet / showVpc). Absent when the run sent no precheck or construction.
   */
  network?: Partial<Record<SideName, PairSideNetwork>> | undefined;
  /** Known when this run, or the journal, saw the primary's construction answer. */
  disasterRecoveryId?: string | undefined;
  alias: string;
  primary: PairSideResult;
  standby: PairSideResult;
  /** Synchronisation status read at the end (when the relationship is active). */
  sync?: GeminiDbSyncSnapshot | undefined;
}

export function pairKey(primaryInstanceId: string, standbyInstanceId: string): OperationKey {
  return { kind: 'geminidb.pair', targets: [primaryInstanceId, standbyInstanceId] };
}

/** Every documented rule the options must meet, checked before anything is sent. */
export function checkPairOptions(options: PairGeminiDbOptions, settings: { lookupPossible?: boolean } = {}): void {
  const check = new InputCheck();
  checkSideIds(check, options);
  for (const side of ['primary', 'standby'] as const) if (options[side]) checkPairSide(check, side, options[side], settings);
  check.value('alias', options.alias, [rules.alias]);
  check.value('password', options.password, [rules.drPassword], { secret: true });
  check.value('resumeDisasterRecoveryId', options.resumeDisasterRecoveryId, [rules.id], { optional: true });
  check.throwIfAny();
}

/**
 * Pairs two GeminiDB instances and waits until the relationship is active (or, with `wait: false`,
 * until both constructions were accepted). Run it again after any interruption: it finishes what
 * exists without repeating an accepted construction.
 */
export async function pairGeminiDb(options: PairGeminiDbOptions): Promise<PairGeminiDbResult> {
  checkPairOptions(options);
  const { primary, standby } = options;
  return runOperation(
    {
      key: pairKey(primary.instanceId, standby.instanceId),
      resources: [lockResource(primary.instanceId), lockResource(standby.instanceId)],
      params: {
        alias: options.alias,
        primary: sideParams(primary),
        standby: sideParams(standby),
        skipPortCheck: options.skipPortCheck === true,
      },
      secrets: [options.password],
    },
    options,
    async (run) => {
      const end = await convergePair(run, {
        primary,
        standby,
        alias: options.alias,
        password: options.password,
        skipPortCheck: options.skipPortCheck,
        givenDrId: options.resumeDisasterRecoveryId,
      });
      const message =
        end.outcome === 'already-done'
          ? `The DR relationship between ${primary.instanceId} and ${standby.instanceId} was already active; nothing was sent.`
          : end.outcome === 'accepted'
            ? 'Both constructions were accepted; the jobs keep running.'
            : `The DR relationship between ${primary.instanceId} and ${standby.instanceId} is active.`;
      const result = await run.finish(end.outcome, message);
      return {
        ...result,
        disasterRecoveryId: end.drId,
        alias: options.alias,
        primary: { instanceId: primary.instanceId, regionCode: end.regions.primary, role: end.snap?.primary.role, jobId: end.jobs.primary },
        standby: { instanceId: standby.instanceId, regionCode: end.regions.standby, role: end.snap?.standby.role, jobId: end.jobs.standby },
        sync: end.snap?.sync,
        ...(end.networks.primary || end.networks.standby ? { network: end.networks } : {}),
      };
    },
  );
}

function sideParams(side: GeminiDbPairSide) {
  return {
    instanceId: side.instanceId,
    region: side.regionCode ?? side.client.config.region ?? null,
    project: side.client.config.projectId ?? null,
    subnetCidrs: side.subnetCidrs ? [...side.subnetCidrs] : null,
    vpcCidr: side.vpcCidr ?? null,
    ...(side.nodeIps?.length ? { nodeIps: [...side.nodeIps] } : {}),
    ...(side.specCode ? { specCode: side.specCode } : {}),
  };
}

export interface PairTarget {
  primary: GeminiDbPairSide;
  standby: GeminiDbPairSide;
  alias: string;
  password: string;
  skipPortCheck?: boolean | undefined;
  /** A DR ID the caller vouches for (used when the journal has none). */
  givenDrId?: string | undefined;
  /** Field names of the sides in messages (recovery: `newPrimary`, `oldPrimary`). */
  names?: Record<SideName, string> | undefined;
}

export interface PairEnd {
  outcome: OperationResult['outcome'];
  drId?: string | undefined;
  jobs: Partial<Record<SideName, string>>;
  regions: Partial<Record<SideName, string>>;
  /** The networks described to the peers (resolved once, on first need). */
  networks: Partial<Record<SideName, PairSideNetwork>>;
  snap?: Awaited<ReturnType<typeof look>> | undefined;
}

/** The pairing loop (also the second half of `recoverGeminiDb`). */
export async function convergePair(run: OperationRun, target: PairTarget): Promise<PairEnd> {
  const pair: Pair = { primary: target.primary, standby: target.standby };
  const jobs: PairEnd['jobs'] = {};
  const regions: PairEnd['regions'] = {};
  const networks: PairEnd['networks'] = {};
  let drId: string | undefined;

  for (let round = 0; round < MAX_ROUNDS; round++) {
    const snap = await look(run, pair);
    const p = snap.primary;
    const s = snap.standby;
    for (const side of ['primary', 'standby'] as const) if (!snapOf(snap, side).found) throw notFound(run, side, pair[side]);
    drId = knownDrId(run, p) ?? drId ?? (inRelationship(p) !== 'none' ? target.givenDrId : undefined);

    if (snap.state === 'paired') {
      if (p.role === 'slave' && s.role === 'master') {
        run.warn(`The relationship is active, but ${s.instanceId} is the primary (a switchover or failover happened since it was built).`);
      }
      const outcome = round === 0 && run.sent === 0 ? 'already-done' : 'completed';
      if (outcome === 'already-done') {
        const last = run.lastEnd();
        await run.note(
          last?.status === 'completed' || last?.status === 'accepted'
            ? `Nothing to do: this pairing finished at ${last.at}, and the API shows the relationship active.`
            : 'Nothing to do: the API shows the relationship active.',
        );
      }
      return { outcome, drId, jobs, regions, networks, snap };
    }
    if (snap.state === 'paired-elsewhere') {
      const [side, other] = p.drPeerId && p.drPeerId !== s.instanceId ? (['primary', p] as const) : (['standby', s] as const);
      throw run.error('refused', `The ${side} ${other.instanceId} is in a DR relationship with ${other.drPeerId}, not with the ${side === 'primary' ? 'standby' : 'primary'}.`, {
        advice: [`Remove that relationship first (hcdr geminidb dr unpair --primary ${other.instanceId} --standby ${other.drPeerId}).`],
      });
    }

    const pm = inRelationship(p);
    const sm = inRelationship(s);

    // Fresh: neither side constructed.
    if (pm === 'none' && sm === 'none') {
      if (p.runningJobs.length || s.runningJobs.length) {
        await waitForRunning(run, pair, snap, 'An instance is busy with another job; waiting for it before pairing.');
        continue;
      }
      const described = await describeBoth(run, target, p, s, networks);
      regions.primary = described.primary.regionCode;
      regions.standby = described.standby.regionCode;
      await attempt(run, pair, snap, async () => {
        await precheck(run, pair, 'primary', described.standby);
        await precheck(run, pair, 'standby', described.primary);
        const created = await constructPrimary(run, target, described.standby);
        jobs.primary = created.jobId;
        drId = created.drId;
        if (!drId) {
          await run.note('The primary construction was accepted but its answer had no disaster_recovery_id; without it the standby cannot join, so the primary side will be rolled back.');
          return;
        }
        jobs.standby = (await constructStandby(run, target, drId, described.primary)).jobId;
        await waitForConstructions(run, pair, jobs);
      });
      continue;
    }

    // The primary side exists (or is being built), the standby side does not.
    if (pm !== 'none' && sm === 'none') {
      if (drId) {
        if (s.runningJobs.length) {
          await waitForRunning(run, pair, snap, 'The standby is busy; waiting before it joins.');
          continue;
        }
        if (round === 0) await run.note(`The primary side of DR ${drId} exists (job ${p.drJob?.id ?? 'unknown'}); only the standby side is missing, so it is constructed now.`, { disaster_recovery_id: drId });
        const described = await describeBoth(run, target, p, s, networks);
        regions.primary = described.primary.regionCode;
        regions.standby = described.standby.regionCode;
        await attempt(run, pair, snap, async () => {
          await precheck(run, pair, 'standby', described.primary);
          jobs.standby = (await constructStandby(run, target, drId as string, described.primary)).jobId;
          if (p.drJob?.status === 'Running') jobs.primary ??= p.drJob.id;
          await waitForConstructions(run, pair, jobs);
        });
        continue;
      }
      if (pm === 'joining') {
        await waitForRunning(run, pair, snap, 'A construction is running on the primary; waiting for it before deciding.');
        continue;
      }
      await run.note(
        `The primary ${p.instanceId} has a DR side (construction job ${p.drJob?.id ?? 'unknown'}) whose DR ID was never recorded: the run that created it stopped before the answer arrived, or ran on another machine, and no API call returns it. Rolling back that side (deconstruction) and pairing again.`,
        { instance_id: p.instanceId, ...(p.drJob ? { job_id: p.drJob.id } : {}) },
      );
      await rollback(run, pair, snap, ['primary']);
      continue;
    }

    // Constructions running: wait for them (the relationship is active once both completed).
    if (pm === 'joining' || sm === 'joining' || pm === 'leaving' || sm === 'leaving') {
      if (run.wait === false && run.sent > 0 && pm !== 'leaving' && sm !== 'leaving') return { outcome: 'accepted', drId, jobs, regions, networks, snap };
      await waitForRunning(run, pair, snap, run.sent > 0 ? '' : 'Constructions are running (started by an interrupted run); waiting for them.');
      continue;
    }

    // A standby side without its primary side, or two sides that do not make an active relationship.
    const sides: SideName[] = [...(pm !== 'none' ? (['primary'] as const) : []), ...(sm !== 'none' ? (['standby'] as const) : [])];
    await run.note(
      sm !== 'none' && pm === 'none'
        ? `The standby ${s.instanceId} has a DR side but the primary has none (its construction failed or was removed); rolling back the standby side and pairing again.`
        : `Both instances have a DR side, but the API does not show them as one active relationship; rolling both back and pairing again.`,
    );
    await rollback(run, pair, snap, sides);
  }
  throw run.error('failed', `The pairing did not settle after ${MAX_ROUNDS} rounds: something keeps changing the instances.`, { advice: ['Check the instances with `hcdr doctor`.'] });
}

/** Membership for decisions: `in-dr` without the peer's confirmation counts as constructed. */
function inRelationship(s: GeminiDbInstanceSnapshot): 'none' | 'joining' | 'joined' | 'leaving' {
  return s.membership === 'in-dr' ? 'joined' : s.membership;
}

/**
 * The DR ID of the primary's current construction, from the journal: the accepted construction
 * answer whose job is the one the API shows (a DR ID of an older, since removed side never matches).
 */
function knownDrId(run: OperationRun, p: GeminiDbInstanceSnapshot): string | undefined {
  const answers = run.acceptedOutcomes((r) => r.step === 'construct-primary' && r.target === p.instanceId && r.drId !== undefined);
  if (p.drJob && p.drJob.name === 'ConstructDisasterRecovery') return answers.find((r) => r.jobId === p.drJob?.id)?.drId;
  // No construction job visible (older than the job window): only this run's own answer is trusted.
  return undefined;
}

/**
 * What each side tells the other. The network of a side whose CIDR blocks were not given is looked
 * up once per run (the listing just read names its VPC and subnets; the VPC API gives the blocks),
 * and the DR rules are applied to what was found before anything is sent.
 */
async function describeBoth(
  run: OperationRun,
  target: PairTarget,
  p: GeminiDbInstanceSnapshot,
  s: GeminiDbInstanceSnapshot,
  networks: PairEnd['networks'],
): Promise<Record<SideName, InstanceDescription>> {
  const names = target.names ?? { primary: 'primary', standby: 'standby' };
  const resolve = async (side: SideName, snap: GeminiDbInstanceSnapshot): Promise<PairSideNetwork> => {
    const known = networks[side];
    if (known) return known;
    const input = target[side];
    const lookup = needsLookup(input);
    const step = `discover-${side}`;
    if (lookup) run.start(step, `Look up the network of the ${side} ${input.instanceId} (subnet and VPC CIDR blocks)`);
    const network = await resolvePairSideNetwork(names[side], input, (kind, message, advice, cause) => run.error(kind, message, { step: lookup ? step : undefined, advice, cause }), {
      snapshot: snap,
      signal: run.signal,
    });
    if (lookup) {
      run.done(step, `Network of the ${side}: ${describePairSideNetwork(network)}`, {
        subnet_cidrs: network.subnetCidrs.value.join(','),
        vpc_cidr: network.vpcCidr.value,
      });
    }
    networks[side] = network;
    return network;
  };
  const [pn, sn] = await Promise.all([resolve('primary', p), resolve('standby', s)]);
  return {
    primary: describeSide(run, 'primary', target.primary, p, { subnetCidrs: pn.subnetCidrs.value, vpcCidr: pn.vpcCidr.value }, target),
    standby: describeSide(run, 'standby', target.standby, s, { subnetCidrs: sn.subnetCidrs.value, vpcCidr: sn.vpcCidr.value }, target),
  };
}

async function precheck(run: OperationRun, pair: Pair, side: SideName, peer: InstanceDescription): Promise<void> {
  const s = pair[side];
  const step = `precheck-${side}`;
  run.checkAborted(step);
  run.start(step, `Precheck construction on the ${side} ${s.instanceId} against the ${side === 'primary' ? 'standby' : 'primary'}'s network`);
  try {
    await (await s.client.checkDisasterRecoveryOperation({ instance_id: s.instanceId, body: { operation: 'construction', disaster_recovery_instance: precheckPeer(peer) } }, { signal: run.signal }));
  } catch (error) {
    run.failed(step, `Construction precheck on the ${side} ${s.instanceId}`, error);
    throw error;
  }
  run.done(step, `Precheck passed on the ${side} ${s.instanceId}`);
}

async function constructPrimary(run: OperationRun, target: PairTarget, standby: InstanceDescription): Promise<{ jobId?: string | undefined; drId?: string | undefined }> {
  const p = target.primary;
  const data = await run.mutate(
    { step: 'construct-primary', call: 'createDisasterRecovery', target: p.instanceId, description: `Construct the primary side on ${p.instanceId} (instance_role master)` },
    (signal) =>
      p.client.createDisasterRecovery(
        { instance_id: p.instanceId, body: { alias: target.alias, password: target.password, instance_role: 'master', disaster_recovery_instance: constructionPeer(standby) } },
        { signal },
      ),
    (d) => ({ jobId: d?.job_id, drId: d?.disaster_recovery_id }),
  );
  return { jobId: data?.job_id, drId: data?.disaster_recovery_id };
}

async function constructStandby(run: OperationRun, target: PairTarget, drId: string, primary: InstanceDescription): Promise<{ jobId?: string | undefined }> {
  const s = target.standby;
  const data = await run.mutate(
    {
      step: 'construct-standby',
      call: 'createDisasterRecovery',
      target: s.instanceId,
      description: `Construct the standby side on ${s.instanceId} (instance_role slave, DR ${short(drId)})`,
    },
    (signal) =>
      s.client.createDisasterRecovery(
        { instance_id: s.instanceId, body: { id: drId, alias: target.alias, password: target.password, instance_role: 'slave', disaster_recovery_instance: constructionPeer(primary) } },
        { signal },
      ),
    (d) => ({ jobId: d?.job_id, drId }),
  );
  return { jobId: data?.job_id };
}

/** Both construction jobs in parallel (unless the caller asked not to wait). */
async function waitForConstructions(run: OperationRun, pair: Pair, jobs: PairEnd['jobs']): Promise<void> {
  if (run.wait === false) return;
  const list = (['primary', 'standby'] as const).flatMap((side) => {
    const jobId = jobs[side];
    return jobId ? [{ step: `wait-${side}`, side, client: pair[side].client, jobId, what: `the ${side}'s construction job` }] : [];
  });
  if (list.length) await waitForJobs(run, list);
}

async function rollback(run: OperationRun, pair: Pair, snap: Awaited<ReturnType<typeof look>>, sides: readonly SideName[]): Promise<void> {
  await attempt(run, pair, snap, async () => {
    const jobs = await deconstruct(run, pair, sides, 'rollback-');
    if (jobs.length) await waitForJobs(run, jobs);
  });
}

/**
 * The requests a fresh pairing sends, issued through the given clients without reading anything
 * first (for --dry-run with recording clients). What is not given — node IPs, spec code, and CIDR
 * blocks to be looked up (`discoverGeminiDbPairNetwork` finds them beforehand) — becomes a
 * placeholder; returns notes saying which.
 */
export async function previewPairGeminiDb(options: Omit<PairGeminiDbOptions, 'journal' | 'wait'>): Promise<string[]> {
  checkPairOptions(options as PairGeminiDbOptions, { lookupPossible: true });
  const notes: string[] = [];
  const describe = (name: SideName, side: GeminiDbPairSide): InstanceDescription => {
    const missing = [side.nodeIps?.length ? undefined : 'node IPs', side.specCode ? undefined : 'spec code'].filter(Boolean);
    if (missing.length) notes.push(`the ${name}'s ${missing.join(' and ')} are read with listInstances first (placeholders shown)`);
    const cidrs = [side.subnetCidrs ? undefined : 'subnet CIDR blocks (showSubnet)', side.vpcCidr ? undefined : 'VPC CIDR block (showVpc)'].filter(Boolean);
    if (cidrs.length) notes.push(`the ${name}'s ${cidrs.join(' and ')} would be looked up first (placeholders shown)`);
    return {
      instanceId: side.instanceId,
      regionCode: side.regionCode ?? side.client.config.region ?? `<region of ${side.instanceId}>`,
      subnetCidrs: side.subnetCidrs ? [...side.subnetCidrs] : [`<subnet CIDR blocks of ${side.instanceId}>`],
      vpcCidr: side.vpcCidr ?? `<VPC CIDR block of ${side.instanceId}>`,
      nodeIps: side.nodeIps?.length ? [...side.nodeIps] : [`<node IPs of ${side.instanceId}>`],
      specCode: side.specCode ?? `<spec code of ${side.instanceId}>`,
    };
  };
  const p = describe('primary', options.primary);
  const s = describe('standby', options.standby);
  const target: PairTarget = { primary: options.primary, standby: options.standby, alias: options.alias, password: options.password };
  await runOperation({ key: pairKey(p.instanceId, s.instanceId), resources: [], params: {}, secrets: [options.password] }, { ...options, wait: false }, async (run) => {
    const pair: Pair = { primary: options.primary, standby: options.standby };
    await precheck(run, pair, 'primary', s);
    await precheck(run, pair, 'standby', p);
    const created = await constructPrimary(run, target, s);
    await constructStandby(run, target, created.drId ?? '<disaster_recovery_id returned by the primary>', p);
    return run.finish('accepted', 'preview');
  });
  return notes;
}
