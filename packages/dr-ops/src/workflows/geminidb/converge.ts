// Building blocks of the GeminiDB workflows, which all work the same way: read both instances,
// decide the next step from what the API shows (and what the journal remembers), take it, read
// again, until the goal is visible. A re-run after any interruption is the same loop.
import { isHuaweiCloudApiError } from '@hcdr/core';
import { inspectGeminiDbRelationship, type GeminiDbInstanceSnapshot, type GeminiDbRelationshipSnapshot } from '../../inspect/geminidb.js';
import type { OperationRun } from '../run.js';
import { waitForJobs, type JobToWait } from '../wait.js';
import { short, type GeminiDbSide, type SideName } from './sides.js';

/** Enough rounds for the longest path (roll back, build, wait); more means something keeps undoing us. */
export const MAX_ROUNDS = 16;

export interface Pair {
  primary: GeminiDbSide;
  standby: GeminiDbSide;
}

export async function look(run: OperationRun, pair: Pair): Promise<GeminiDbRelationshipSnapshot> {
  run.checkAborted();
  return inspectGeminiDbRelationship(pair.primary, pair.standby, { signal: run.signal });
}

export const snapOf = (snap: GeminiDbRelationshipSnapshot, side: SideName) => (side === 'primary' ? snap.primary : snap.standby);

/** Waits for every job running on either instance (ours, or left by an interrupted run). */
export async function waitForRunning(run: OperationRun, pair: Pair, snap: GeminiDbRelationshipSnapshot, why: string): Promise<void> {
  const jobs: JobToWait[] = [];
  for (const side of ['primary', 'standby'] as const) {
    for (const job of snapOf(snap, side).runningJobs) {
      if (jobs.some((j) => j.jobId === job.id)) continue;
      jobs.push({ step: `wait-${side}`, side, client: pair[side].client, jobId: job.id, what: `the ${side}'s ${describeJob(job.name)} job` });
    }
  }
  if (jobs.length === 0) {
    // `actions` says busy but no running job is listed (it may be older than the job window): wait a moment and look again.
    const sleep = run.wait !== false && run.wait.sleep ? run.wait.sleep : pause;
    run.emit({ type: 'wait', step: 'wait-busy', id: 'instance', status: 'busy', phase: 'pending' });
    await sleep(run.wait !== false && run.wait.minIntervalMs !== undefined ? run.wait.minIntervalMs : 5000, run.signal);
    return;
  }
  if (why) run.reconcile(why);
  await waitForJobs(run, jobs);
}

/** A cancellable sleep that leaves no listener behind. */
function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

export function describeJob(name: string): string {
  switch (name) {
    case 'ConstructDisasterRecovery':
      return 'construction';
    case 'DeConstructDisasterRecovery':
      return 'deconstruction';
    case 'SwitchOverDisasterRecovery':
      return 'switchover';
    default:
      return name;
  }
}

/** What changes when an earlier request arrives late: jobs, memberships, peers, roles. */
export function fingerprint(snap: GeminiDbRelationshipSnapshot): string {
  return JSON.stringify([instanceFingerprint(snap.primary), instanceFingerprint(snap.standby), snap.sync?.status]);
}

/**
 * Runs mutations decided from `before`. When the API refuses the first one and the live state has moved since
 * (an interrupted run's request arrived late, another actor), the refusal is noted and `moved` is
 * returned so the loop decides again; a refusal the state does not explain is rethrown.
 */
export async function attempt(run: OperationRun, pair: Pair, before: GeminiDbRelationshipSnapshot, body: () => Promise<void>): Promise<'done' | 'moved'> {
  return attemptWith(run, fingerprint(before), async () => fingerprint(await look(run, pair)), body);
}

/** `attempt` with any way of reading the state again (a failover reads only the standby). */
export async function attemptWith(run: OperationRun, before: string, readAgain: () => Promise<string>, body: () => Promise<void>): Promise<'done' | 'moved'> {
  const sentBefore = run.sent;
  try {
    await body();
    return 'done';
  } catch (error) {
    // Once one of our own calls was accepted, the state moved because of us: nothing to explain.
    if (!isHuaweiCloudApiError(error) || run.sent !== sentBefore) throw error;
    if ((await readAgain()) === before) throw error;
    await run.note(`The API refused a call (${error.code ?? error.status}: ${error.errorMessage ?? error.message}), and the live state changed since it was read (a request of an interrupted run arrived late); deciding again from the live state.`);
    return 'moved';
  }
}

/** What changes when an earlier request arrives late, for one instance. */
export function instanceFingerprint(s: GeminiDbInstanceSnapshot): string {
  return JSON.stringify([s.membership, s.drJob?.id, s.drJob?.status, s.drPeerId, s.role, s.runningJobs.map((j) => j.id).join('+')]);
}

/**
 * Takes sides out of their DR relationship: deconstruction precheck on each, then deconstruction
 * on each (the documented order). Returns the jobs to wait for. Steps are named
 * `<prefix>precheck-<side>`, `<prefix>deconstruct-<side>`, `<prefix>wait-<side>`.
 */
export async function deconstruct(run: OperationRun, pair: Pair, sides: readonly SideName[], prefix: '' | 'rollback-'): Promise<JobToWait[]> {
  for (const side of sides) {
    const s = pair[side];
    run.checkAborted(`${prefix}precheck-${side}`);
    run.start(`${prefix}precheck-${side}`, `Precheck deconstruction on the ${side} ${s.instanceId}`);
    try {
      await (await s.client.checkDisasterRecoveryOperation({ instance_id: s.instanceId, body: { operation: 'deconstruction' } }, { signal: run.signal }));
    } catch (error) {
      run.failed(`${prefix}precheck-${side}`, `Deconstruction precheck on the ${side} ${s.instanceId}`, error);
      throw error;
    }
    run.done(`${prefix}precheck-${side}`, `Deconstruction precheck passed on the ${side} ${s.instanceId}`);
  }
  const jobs: JobToWait[] = [];
  for (const side of sides) {
    const s = pair[side];
    const data = await run.mutate(
      { step: `${prefix}deconstruct-${side}`, call: 'deleteDisasterRecovery', target: s.instanceId, description: `Deconstruct the ${side} side on ${s.instanceId}` },
      (signal) => s.client.deleteDisasterRecovery({ instance_id: s.instanceId }, { signal }),
      (d) => ({ jobId: d?.job_id }),
    );
    if (data?.job_id) jobs.push({ step: `${prefix}wait-${side}`, side, client: s.client, jobId: data.job_id, what: `the ${side}'s deconstruction job` });
  }
  return jobs;
}

export function label(side: SideName, s: GeminiDbSide): string {
  return `${side} ${short(s.instanceId)}`;
}
