// Recovery of the old primary after a GeminiDB failover: the failover leaves it abnormal inside the
// relationship; the documented way back is to deconstruct the relationship on both sides and build
// it again with the new primary as primary and the repaired old primary as standby. If the old
// primary was repaired in place and already syncs as standby, there is nothing to do.
import { rules } from '../../rules/index.js';
import { InputCheck } from '../../rules/problems.js';
import type { OperationKey } from '../../journal/types.js';
import type { OperationResult } from '../events.js';
import { runOperation, type OperationOptions } from '../run.js';
import { look, snapOf, type Pair } from './converge.js';
import { convergePair } from './pair.js';
import { checkPairSide, checkSideIds, lockResource, notFound, type GeminiDbPairSide } from './sides.js';
import { convergeUnpair } from './unpair.js';

export interface RecoverGeminiDbOptions extends OperationOptions {
  /** The instance that took over (primary after the failover); stays primary. */
  newPrimary: GeminiDbPairSide;
  /** The old primary, repaired; rejoins as standby. */
  oldPrimary: GeminiDbPairSide;
  alias: string;
  /** The DR password for the rebuilt relationship; never recorded. */
  password: string;
  skipPortCheck?: boolean | undefined;
}

export interface RecoverGeminiDbResult extends OperationResult {
  disasterRecoveryId?: string | undefined;
  syncStatus?: string | undefined;
}

export function recoverKey(newPrimaryInstanceId: string, oldPrimaryInstanceId: string): OperationKey {
  return { kind: 'geminidb.recover', targets: [newPrimaryInstanceId, oldPrimaryInstanceId] };
}

export async function recoverGeminiDb(options: RecoverGeminiDbOptions): Promise<RecoverGeminiDbResult> {
  const check = new InputCheck();
  checkSideIds(check, { primary: options.newPrimary, standby: options.oldPrimary }, { primary: 'newPrimary', standby: 'oldPrimary' });
  if (options.newPrimary) checkPairSide(check, 'newPrimary', options.newPrimary);
  if (options.oldPrimary) checkPairSide(check, 'oldPrimary', options.oldPrimary);
  check.value('alias', options.alias, [rules.alias]);
  check.value('password', options.password, [rules.drPassword], { secret: true });
  check.throwIfAny();
  const pair: Pair = { primary: options.newPrimary, standby: options.oldPrimary };
  return runOperation(
    {
      key: recoverKey(options.newPrimary.instanceId, options.oldPrimary.instanceId),
      resources: [lockResource(options.newPrimary.instanceId), lockResource(options.oldPrimary.instanceId)],
      params: { newPrimary: options.newPrimary.instanceId, oldPrimary: options.oldPrimary.instanceId, alias: options.alias },
      secrets: [options.password],
    },
    options,
    async (run) => {
      const snap = await look(run, pair);
      for (const side of ['primary', 'standby'] as const) if (!snapOf(snap, side).found) throw notFound(run, side === 'primary' ? 'newPrimary' : 'oldPrimary', pair[side]);
      const healthy =
        snap.state === 'paired' && snap.primary.role === 'master' && snap.standby.role === 'slave' && snap.standby.status !== 'abnormal' && snap.sync?.status !== undefined && snap.sync.status !== 'NA';
      if (healthy) {
        await run.note(`Nothing to do: ${pair.primary.instanceId} is primary and ${pair.standby.instanceId} syncs as its standby (${snap.sync?.status}).`);
        const r = await run.finish('already-done', 'The relationship is healthy.');
        return { ...r, syncStatus: snap.sync?.status };
      }
      if (snap.state !== 'unpaired') {
        await run.note(
          `The relationship between ${pair.primary.instanceId} and ${pair.standby.instanceId} is ${snap.state}${snap.standby.status === 'abnormal' ? ' (old primary abnormal)' : ''}; removing it on both sides before rebuilding it with ${pair.primary.instanceId} as primary.`,
        );
        await convergeUnpair(run, pair, { finalWait: true });
      }
      const end = await convergePair(run, {
        primary: options.newPrimary,
        standby: options.oldPrimary,
        alias: options.alias,
        password: options.password,
        skipPortCheck: options.skipPortCheck,
        names: { primary: 'newPrimary', standby: 'oldPrimary' },
      });
      const outcome = end.outcome === 'already-done' && run.sent > 0 ? 'completed' : end.outcome;
      const r = await run.finish(outcome, `${pair.primary.instanceId} is primary, ${pair.standby.instanceId} its standby.`);
      return { ...r, disasterRecoveryId: end.drId, syncStatus: end.snap?.sync?.status };
    },
  );
}
