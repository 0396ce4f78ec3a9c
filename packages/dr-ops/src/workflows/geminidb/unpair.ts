// Removes a GeminiDB DR relationship: deconstruction precheck on both instances, deconstruction on
// both, then both jobs (huawei-dr-api §A.5 step 6). Goal-directed like pairing: each round reads
// both instances and deconstructs only the sides still in a relationship, so a re-run after any
// interruption never deconstructs a side twice, and a half-built relationship is removed too.
import { InputCheck } from '../../rules/problems.js';
import type { GeminiDbInstanceSnapshot } from '../../inspect/geminidb.js';
import type { OperationKey } from '../../journal/types.js';
import type { OperationResult } from '../events.js';
import { runOperation, type OperationOptions, type OperationRun } from '../run.js';
import { waitForJobs } from '../wait.js';
import { attempt, deconstruct, look, MAX_ROUNDS, snapOf, waitForRunning, type Pair } from './converge.js';
import { checkSideIds, lockResource, notFound, type GeminiDbSide, type SideName } from './sides.js';

export interface UnpairGeminiDbOptions extends OperationOptions {
  /** One instance of the pair (roles do not matter). */
  primary: GeminiDbSide;
  /** The other instance. */
  standby: GeminiDbSide;
}

export interface UnpairGeminiDbResult extends OperationResult {
  primary: { instanceId: string; jobId?: string | undefined };
  standby: { instanceId: string; jobId?: string | undefined };
}

export function unpairKey(primaryInstanceId: string, standbyInstanceId: string): OperationKey {
  return { kind: 'geminidb.unpair', targets: [primaryInstanceId, standbyInstanceId] };
}

/**
 * Removes the relationship between two instances and waits until both have left it (or, with
 * `wait: false`, until both deconstructions were accepted). Refuses to touch an instance that is
 * in a relationship with a third one.
 */
export async function unpairGeminiDb(options: UnpairGeminiDbOptions): Promise<UnpairGeminiDbResult> {
  const check = new InputCheck();
  checkSideIds(check, options);
  check.throwIfAny();
  const { primary, standby } = options;
  return runOperation(
    {
      key: unpairKey(primary.instanceId, standby.instanceId),
      resources: [lockResource(primary.instanceId), lockResource(standby.instanceId)],
      params: {
        primary: { instanceId: primary.instanceId, region: primary.client.config.region ?? null },
        standby: { instanceId: standby.instanceId, region: standby.client.config.region ?? null },
      },
    },
    options,
    async (run) => {
      const end = await convergeUnpair(run, { primary, standby });
      const result = await run.finish(
        end.outcome,
        end.outcome === 'already-done'
          ? `No DR relationship between ${primary.instanceId} and ${standby.instanceId}; nothing was sent.`
          : end.outcome === 'accepted'
            ? 'The deconstructions were accepted; the jobs keep running.'
            : `The DR relationship between ${primary.instanceId} and ${standby.instanceId} is removed.`,
      );
      return { ...result, primary: { instanceId: primary.instanceId, jobId: end.jobs.primary }, standby: { instanceId: standby.instanceId, jobId: end.jobs.standby } };
    },
  );
}

export interface UnpairEnd {
  outcome: OperationResult['outcome'];
  jobs: Partial<Record<SideName, string>>;
}

/** The unpairing loop (also the first half of `recoverGeminiDb`). */
export async function convergeUnpair(run: OperationRun, pair: Pair, options: { finalWait?: boolean } = {}): Promise<UnpairEnd> {
  const jobs: UnpairEnd['jobs'] = {};
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const snap = await look(run, pair);
    for (const side of ['primary', 'standby'] as const) if (!snapOf(snap, side).found) throw notFound(run, side, pair[side]);
    const p = snap.primary;
    const s = snap.standby;
    for (const [side, me, other] of [
      ['primary', p, s],
      ['standby', s, p],
    ] as const) {
      if (me.drPeerId && me.drPeerId !== other.instanceId) {
        throw run.error('refused', `The ${side} ${me.instanceId} is in a DR relationship with ${me.drPeerId}, not with ${other.instanceId}; refusing to break a different pair.`);
      }
    }
    if ([p, s].some((x) => x.membership === 'joining' || x.membership === 'leaving' || x.runningJobs.length > 0)) {
      if (run.wait === false && run.sent > 0 && options.finalWait !== true) return { outcome: 'accepted', jobs };
      await waitForRunning(run, pair, snap, run.sent > 0 ? '' : 'A DR job is running on an instance (an interrupted run, or another actor); waiting for it first.');
      continue;
    }
    const sides = (['primary', 'standby'] as const).filter((side) => inDr(snapOf(snap, side)));
    if (sides.length === 0) {
      if (round === 0 && run.sent === 0) {
        const last = run.lastEnd();
        await run.note(
          last?.status === 'completed' || last?.status === 'accepted'
            ? `Nothing to do: this unpairing finished at ${last.at}, and neither instance is in a DR relationship.`
            : 'Nothing to do: neither instance is in a DR relationship.',
        );
        return { outcome: 'already-done', jobs };
      }
      return { outcome: 'completed', jobs };
    }
    if (round === 0 && sides.length === 1 && run.resumed) {
      await run.note(`Only the ${sides[0]} is still in the relationship; deconstructing that side.`);
    }
    await attempt(run, pair, snap, async () => {
      const started = await deconstruct(run, pair, sides, '');
      for (const j of started) if (j.side) jobs[j.side] = j.jobId;
      if (run.wait === false && options.finalWait !== true) return;
      if (started.length) await waitForJobs(run, started);
    });
  }
  throw run.error('failed', `The unpairing did not settle after ${MAX_ROUNDS} rounds: something keeps changing the instances.`);
}

function inDr(s: GeminiDbInstanceSnapshot): boolean {
  return s.membership === 'in-dr' || s.membership === 'joined';
}

/** The requests an unpairing of an active relationship sends, without reading first (for --dry-run). */
export async function previewUnpairGeminiDb(options: Omit<UnpairGeminiDbOptions, 'journal' | 'wait'>): Promise<void> {
  const check = new InputCheck();
  checkSideIds(check, options);
  check.throwIfAny();
  const pair: Pair = { primary: options.primary, standby: options.standby };
  await runOperation({ key: unpairKey(pair.primary.instanceId, pair.standby.instanceId), resources: [], params: {} }, { ...options, wait: false }, async (run) => {
    await deconstruct(run, pair, ['primary', 'standby'], '');
    return run.finish('accepted', 'preview');
  });
}
