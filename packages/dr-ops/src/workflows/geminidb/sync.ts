// Pause and resume of GeminiDB data synchronisation. The API must be called on both instances; the
// goal (SUSPENDED, or SYNCING) is read back from the synchronisation status. When only one side has
// changed (an interrupted run), the newest pause/resume job of each instance tells which side still
// needs the call, so no side is called twice.
import type { GeminiDbInstanceSnapshot } from '../../inspect/geminidb.js';
import { JobReader } from '../../inspect/geminidb-jobs.js';
import { InputCheck } from '../../rules/problems.js';
import type { OperationKey } from '../../journal/types.js';
import type { OperationResult } from '../events.js';
import { runOperation, type OperationOptions } from '../run.js';
import { waitForJobs, type JobToWait } from '../wait.js';
import { attempt, look, MAX_ROUNDS, snapOf, waitForRunning, type Pair } from './converge.js';
import { checkSideIds, lockResource, notFound, type GeminiDbSide, type SideName } from './sides.js';

/**
 * Job names of pause/resume. The documented job-name list has none for them; these are the
 * simulator's. Against an API that names them differently the per-side check falls back to the
 * journal and then to calling both sides.
 */
export const SYNC_JOB_NAMES = { pause: 'PauseDisasterRecoverySynchronization', resume: 'ResumeDisasterRecoverySynchronization' } as const;

export interface SyncGeminiDbOptions extends OperationOptions {
  primary: GeminiDbSide;
  standby: GeminiDbSide;
}

export interface SyncGeminiDbResult extends OperationResult {
  syncStatus?: string | undefined;
}

export function syncKey(action: 'pause' | 'resume', primaryInstanceId: string, standbyInstanceId: string): OperationKey {
  return { kind: action === 'pause' ? 'geminidb.pause' : 'geminidb.resume', targets: [primaryInstanceId, standbyInstanceId] };
}

export const pauseGeminiDb = (options: SyncGeminiDbOptions) => setSync('pause', options);
export const resumeGeminiDb = (options: SyncGeminiDbOptions) => setSync('resume', options);

async function setSync(action: 'pause' | 'resume', options: SyncGeminiDbOptions): Promise<SyncGeminiDbResult> {
  const check = new InputCheck();
  checkSideIds(check, options);
  check.throwIfAny();
  const pair: Pair = { primary: options.primary, standby: options.standby };
  const goal = action === 'pause' ? 'SUSPENDED' : 'SYNCING';
  return runOperation(
    {
      key: syncKey(action, pair.primary.instanceId, pair.standby.instanceId),
      resources: [lockResource(pair.primary.instanceId), lockResource(pair.standby.instanceId)],
      params: { primary: pair.primary.instanceId, standby: pair.standby.instanceId },
    },
    options,
    async (run) => {
      for (let round = 0; round < MAX_ROUNDS; round++) {
        const snap = await look(run, pair);
        for (const side of ['primary', 'standby'] as const) if (!snapOf(snap, side).found) throw notFound(run, side, pair[side]);
        if (snap.state !== 'paired') throw run.error('refused', `${pair.primary.instanceId} and ${pair.standby.instanceId} are not an active DR pair (state: ${snap.state}).`);
        if (snap.primary.runningJobs.length || snap.standby.runningJobs.length) {
          if (run.wait === false && run.sent > 0) return end('accepted', snap.sync?.status);
          await waitForRunning(run, pair, snap, run.sent > 0 ? '' : 'A job is running on the pair; waiting for it first.');
          continue;
        }
        const status = snap.sync?.status;
        if (status === goal) {
          if (round === 0 && run.sent === 0) {
            await run.note(`Nothing to do: synchronisation is already ${goal}.`);
            return end('already-done', status);
          }
          return end('completed', status);
        }
        const sides = await sidesToCall(action, pair, snap.primary, snap.standby, status, run.signal);
        if (sides.length === 0) throw run.error('failed', `Synchronisation is ${status ?? 'unknown'} although both sides report ${action}d; check it with hcdr geminidb dr status.`);
        const jobs: JobToWait[] = [];
        const outcome = await attempt(run, pair, snap, async () => {
          for (const side of sides) {
            const s = pair[side];
            const data = await run.mutate(
              { step: `${action}-${side}`, call: 'pauseResumeDataSynchronization', target: s.instanceId, description: `${action === 'pause' ? 'Pause' : 'Resume'} synchronisation on the ${side} ${s.instanceId}` },
              (signal) => s.client.pauseResumeDataSynchronization({ instance_id: s.instanceId, body: { action } }, { signal }),
              (d) => ({ jobId: d?.job_id }),
            );
            if (data?.job_id) jobs.push({ step: `wait-${side}`, side, client: s.client, jobId: data.job_id, what: `the ${side}'s ${action} job` });
          }
        });
        if (outcome === 'moved') continue;
        if (run.wait === false) return end('accepted', status);
        if (jobs.length) await waitForJobs(run, jobs);
      }
      throw run.error('failed', `Synchronisation did not reach ${goal} after ${MAX_ROUNDS} rounds.`);

      async function end(outcome: OperationResult['outcome'], syncStatus: string | undefined): Promise<SyncGeminiDbResult> {
        const r = await run.finish(outcome, `Synchronisation is ${syncStatus ?? 'unknown'}.`);
        return { ...r, syncStatus };
      }
    },
  );
}

/** Sides whose newest pause/resume job does not already match `action`. */
async function sidesToCall(
  action: 'pause' | 'resume',
  pair: Pair,
  p: GeminiDbInstanceSnapshot,
  s: GeminiDbInstanceSnapshot,
  status: string | undefined,
  signal: AbortSignal | undefined,
): Promise<SideName[]> {
  // Both sides agree: SYNCING means neither is paused, SUSPENDED both.
  if (status === 'SYNCING' || status === 'SUSPENDED') return ['primary', 'standby'];
  const reader = new JobReader(signal);
  const out: SideName[] = [];
  for (const [side, snap] of [
    ['primary', p],
    ['standby', s],
  ] as const) {
    const job = await reader.newestOf(pair[side].client, snap.instanceId, [SYNC_JOB_NAMES.pause, SYNC_JOB_NAMES.resume]);
    const done = job?.status === 'Completed' && job.name === SYNC_JOB_NAMES[action];
    if (!done) out.push(side);
  }
  return out;
}
