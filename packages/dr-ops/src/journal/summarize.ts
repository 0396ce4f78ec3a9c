// Derives what `ops list` shows from an operation's records (shared by every store).
import type { IntentRecord, JournalRecord, OperationKey, OperationSummary } from './types.js';

export function summarize(key: OperationKey, records: readonly JournalRecord[], location?: string): OperationSummary {
  let beginIndex = -1;
  for (let i = records.length - 1; i >= 0; i--) {
    if (records[i]?.type === 'begin') {
      beginIndex = i;
      break;
    }
  }
  const latest = beginIndex >= 0 ? records.slice(beginIndex) : [];
  const begin = latest[0]?.type === 'begin' ? latest[0] : undefined;
  const end = latest.findLast((r) => r.type === 'end');
  let pendingCall: IntentRecord | undefined;
  for (const r of latest) {
    if (r.type === 'intent') pendingCall = r;
    else if (r.type === 'outcome' && pendingCall && r.step === pendingCall.step && r.target === pendingCall.target) pendingCall = undefined;
  }
  return {
    key,
    begin,
    state: end?.type === 'end' ? end.status : 'in-progress',
    startedAt: begin?.at,
    updatedAt: records.at(-1)?.at,
    pendingCall: end ? undefined : pendingCall,
    records: records.length,
    location,
  };
}

/**
 * A stable, file-name-safe string for an operation key, e.g. `geminidb.pair+a1b2…+f0e1…` (`+` is
 * never part of an ID).
 */
export function keyString(key: OperationKey): string {
  return [key.kind, ...key.targets].join('+');
}

export function parseKeyString(text: string): OperationKey | undefined {
  const [kind, ...targets] = text.split('+');
  if (!kind || !/^(geminidb|dws)\.[a-z]+$/.test(kind)) return undefined;
  return { kind: kind as OperationKey['kind'], targets };
}

/** What running the operation's command again would do, in one sentence (for `ops list`). */
export function rerunWouldDo(summary: OperationSummary): string {
  switch (summary.state) {
    case 'in-progress':
      return summary.pendingCall
        ? `continue: read the live state to learn whether ${summary.pendingCall.call} on ${summary.pendingCall.target} took effect, then finish without repeating it`
        : 'continue from the live state: finish the remaining steps and wait for the end';
    case 'completed':
    case 'already-done':
      return 'check the live state and report that there is nothing to do (or start again if it was undone since)';
    case 'accepted':
      return 'wait for the accepted calls to finish (read from the live state)';
    case 'refused':
      return 'check the live state and try again (nothing was sent)';
    case 'failed':
    case 'aborted':
      return 'continue from the live state';
  }
}
