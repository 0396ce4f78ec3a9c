// GeminiDB role changes: planned switchover (demote the primary, then promote the standby, as
// documented; or the one-call switchover) and failover (force the standby to become primary while
// the primary is down). Both are goal-directed: the instance that must end up primary is named, so
// running the same command again after it finished says so instead of switching back.
import { inspectGeminiDbInstance } from '../../inspect/geminidb.js';
import { InputCheck } from '../../rules/problems.js';
import type { OperationKey } from '../../journal/types.js';
import type { OperationResult } from '../events.js';
import { runOperation, type OperationOptions, type OperationRun } from '../run.js';
import { waitForJobs } from '../wait.js';
import { attempt, attemptWith, instanceFingerprint, look, MAX_ROUNDS, snapOf, waitForRunning, type Pair } from './converge.js';
import { checkSideIds, lockResource, notFound, type GeminiDbSide } from './sides.js';

export interface SwitchoverGeminiDbOptions extends OperationOptions {
  /** The current primary; it becomes the standby. */
  primary: GeminiDbSide;
  /** The current standby; it becomes the primary. */
  standby: GeminiDbSide;
  /**
   * two-step (default, documented): switchover-slave on the primary, then switchover-master on the
   * standby. one-call: PUT disaster-recovery/switchover (status code UNVERIFIED in the docs).
   */
  method?: 'two-step' | 'one-call' | undefined;
}

export interface RoleChangeResult extends OperationResult {
  /** The instance that is primary at the end. */
  primaryInstanceId: string;
  /** Synchronisation status at the end, when read. */
  syncStatus?: string | undefined;
}

export function switchoverKey(primaryInstanceId: string, standbyInstanceId: string): OperationKey {
  return { kind: 'geminidb.switchover', targets: [primaryInstanceId, standbyInstanceId] };
}

export function failoverKey(primaryInstanceId: string, standbyInstanceId: string): OperationKey {
  return { kind: 'geminidb.failover', targets: [primaryInstanceId, standbyInstanceId] };
}

/** Planned switchover: `standby` becomes primary, `primary` standby. Needs synchronisation running. */
export async function switchoverGeminiDb(options: SwitchoverGeminiDbOptions): Promise<RoleChangeResult> {
  const check = new InputCheck();
  checkSideIds(check, options);
  if (options.method !== undefined && options.method !== 'two-step' && options.method !== 'one-call') check.fail('method', 'must be two-step or one-call');
  check.throwIfAny();
  const pair: Pair = { primary: options.primary, standby: options.standby };
  const method = options.method ?? 'two-step';
  return runOperation(
    {
      key: switchoverKey(pair.primary.instanceId, pair.standby.instanceId),
      resources: [lockResource(pair.primary.instanceId), lockResource(pair.standby.instanceId)],
      params: { primary: pair.primary.instanceId, standby: pair.standby.instanceId, method },
    },
    options,
    async (run) => {
      for (let round = 0; round < MAX_ROUNDS; round++) {
        const snap = await look(run, pair);
        for (const side of ['primary', 'standby'] as const) if (!snapOf(snap, side).found) throw notFound(run, side, pair[side]);
        if (snap.state !== 'paired') {
          throw run.error('refused', `${pair.primary.instanceId} and ${pair.standby.instanceId} are not an active DR pair (state: ${snap.state}).`);
        }
        const p = snap.primary;
        const s = snap.standby;
        if (p.runningJobs.length || s.runningJobs.length) {
          await waitForRunning(run, pair, snap, run.sent > 0 ? '' : 'A job is running on the pair (an interrupted switchover, or another actor); waiting for it first.');
          continue;
        }
        if (s.role === 'master' && p.role === 'slave') {
          if (round === 0 && run.sent === 0) {
            await run.note(`Nothing to do: ${s.instanceId} is already the primary and ${p.instanceId} the standby.`);
            return end(run, 'already-done', s.instanceId, snap.sync?.status);
          }
          return end(run, 'completed', s.instanceId, snap.sync?.status);
        }
        if (p.role === 'master' && s.role === 'slave') {
          const status = snap.sync?.status;
          if (status !== undefined && status !== 'SYNCING') {
            throw run.error('refused', `Data synchronisation is ${status}; a planned switchover needs it running.`, {
              advice: ['Resume it on both instances first (hcdr geminidb dr resume), or fail over if the primary is down.'],
            });
          }
          if (snap.sync?.lagMb !== undefined) run.emit({ type: 'reconcile', message: `Replication backlog before the switchover: ${snap.sync.lagMb} MB.`, facts: { lag_mb: String(snap.sync.lagMb) } });
          await attempt(run, pair, snap, async () => {
            if (method === 'one-call') {
              const jobId = await roleCall(run, pair, 'primary', 'switchOverDisasterRecovery', `Switch over the pair in one call on ${p.instanceId}`);
              if (jobId) await waitForJobs(run, [{ step: 'wait-switchover', client: pair.primary.client, jobId, what: 'the switchover job' }]);
              return;
            }
            const jobId = await roleCall(run, pair, 'primary', 'switchToSlave', `Demote the primary ${p.instanceId} to standby (switchover-slave)`);
            // The promotion must not start before the demotion finished: always wait here.
            if (jobId) await waitForJobs(run, [{ step: 'wait-demote', side: 'primary', client: pair.primary.client, jobId, what: "the primary's demotion job" }]);
          });
          continue;
        }
        if (p.role === 'slave' && s.role === 'slave') {
          if (round === 0) await run.note(`${p.instanceId} is already demoted; promoting ${s.instanceId}.`);
          let accepted = false;
          await attempt(run, pair, snap, async () => {
            const jobId = await roleCall(run, pair, 'standby', 'switchToMaster', `Promote the standby ${s.instanceId} to primary (switchover-master)`, { force: false });
            accepted = true;
            if (jobId && run.wait !== false) await waitForJobs(run, [{ step: 'wait-promote', side: 'standby', client: pair.standby.client, jobId, what: "the standby's promotion job" }]);
          });
          if (accepted && run.wait === false) return end(run, 'accepted', s.instanceId, undefined);
          continue;
        }
        throw run.error('refused', `Unexpected roles: ${p.instanceId} is ${p.role ?? 'unknown'}, ${s.instanceId} is ${s.role ?? 'unknown'}.`);
      }
      throw run.error('failed', `The switchover did not settle after ${MAX_ROUNDS} rounds.`);
    },
  );
}

export interface FailoverGeminiDbOptions extends OperationOptions {
  /** The failed primary. Its client is not called (its region may be down); its ID checks the pair. */
  primary: GeminiDbSide;
  /** The standby that becomes primary. */
  standby: GeminiDbSide;
}

/** Failover: forces `standby` to become primary (switchover-master with force). Unsynchronised data is lost. */
export async function failoverGeminiDb(options: FailoverGeminiDbOptions): Promise<RoleChangeResult> {
  const check = new InputCheck();
  checkSideIds(check, options);
  check.throwIfAny();
  const { primary, standby } = options;
  return runOperation(
    {
      key: failoverKey(primary.instanceId, standby.instanceId),
      resources: [lockResource(primary.instanceId), lockResource(standby.instanceId)],
      params: { primary: primary.instanceId, standby: standby.instanceId },
    },
    options,
    async (run) => {
      for (let round = 0; round < MAX_ROUNDS; round++) {
        run.checkAborted();
        // Only the standby is read: the primary's region may be unreachable.
        const s = await inspectGeminiDbInstance(standby.client, standby.instanceId, { signal: run.signal });
        if (!s.found) throw notFound(run, 'standby', standby);
        if (s.drPeerId && s.drPeerId !== primary.instanceId) {
          throw run.error('refused', `The standby ${s.instanceId} is paired with ${s.drPeerId}, not with ${primary.instanceId}.`);
        }
        if (s.runningJobs.length) {
          const jobs = s.runningJobs.map((j) => ({ step: 'wait-standby', side: 'standby' as const, client: standby.client, jobId: j.id, what: `the standby's ${j.name} job` }));
          if (run.sent === 0) run.reconcile('A job is running on the standby (an interrupted failover, or another actor); waiting for it first.');
          await waitForJobs(run, jobs);
          continue;
        }
        if (s.role === 'master') {
          if (round === 0 && run.sent === 0) {
            await run.note(`Nothing to do: ${s.instanceId} is already the primary.`);
            return end(run, 'already-done', s.instanceId, undefined);
          }
          return end(run, 'completed', s.instanceId, undefined);
        }
        if (s.role !== 'slave') throw run.error('refused', `${s.instanceId} is not the standby of an active DR relationship (no role reported).`);
        let accepted = false;
        const readStandby = async () => instanceFingerprint(await inspectGeminiDbInstance(standby.client, standby.instanceId, { signal: run.signal }));
        await attemptWith(run, instanceFingerprint(s), readStandby, async () => {
          const jobId = await roleCall(run, { primary, standby }, 'standby', 'switchToMaster', `Fail over: force the standby ${s.instanceId} to become primary`, { force: true });
          accepted = true;
          if (jobId && run.wait !== false) await waitForJobs(run, [{ step: 'wait-failover', side: 'standby', client: standby.client, jobId, what: 'the failover job' }]);
        });
        if (accepted && run.wait === false) return end(run, 'accepted', s.instanceId, undefined);
      }
      throw run.error('failed', `The failover did not settle after ${MAX_ROUNDS} rounds.`);
    },
  );
}

async function roleCall(
  run: OperationRun,
  pair: Pair,
  side: 'primary' | 'standby',
  call: 'switchToSlave' | 'switchToMaster' | 'switchOverDisasterRecovery',
  description: string,
  body?: { force: boolean },
): Promise<string | undefined> {
  const s = pair[side];
  const step = call === 'switchToSlave' ? 'demote-primary' : call === 'switchOverDisasterRecovery' ? 'switchover' : body?.force ? 'failover-standby' : 'promote-standby';
  const data = await run.mutate(
    { step, call, target: s.instanceId, description },
    async (signal) => {
      if (call === 'switchToMaster') return (await s.client.switchToMaster({ instance_id: s.instanceId, body: body ?? { force: false } }, { signal }));
      if (call === 'switchToSlave') return (await s.client.switchToSlave({ instance_id: s.instanceId }, { signal }));
      return (await s.client.switchOverDisasterRecovery({ instance_id: s.instanceId }, { signal }));
    },
    (d) => ({ jobId: d?.job_id }),
  );
  return data?.job_id;
}

async function end(run: OperationRun, outcome: OperationResult['outcome'], primaryInstanceId: string, syncStatus: string | undefined): Promise<RoleChangeResult> {
  const result = await run.finish(outcome, `${primaryInstanceId} is the primary.`);
  return { ...result, primaryInstanceId, syncStatus };
}
