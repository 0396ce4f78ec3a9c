// The possible values of the enumerated states exported as state sets (one series per state, 1 for
// the current one). Both APIs treat these as open sets: a value outside the list is exported too,
// if it looks like a status word, so the set stays bounded even against a broken endpoint.

export const GEMINIDB_SYNC_STATUSES = ['NA', 'NEW', 'SYNCING', 'SUSPENDING', 'SUSPENDED', 'RECOVERYING'] as const;
export const GEMINIDB_ROLES = ['master', 'slave'] as const;
export const DWS_TASK_STATUSES = [
  'creating',
  'create_failed',
  'unstart',
  'starting',
  'start_failed',
  'running',
  'stopping',
  'stop_failed',
  'stopped',
  'switchovering',
  'abnormal',
  'deleting',
] as const;
export const DWS_CLUSTER_ROLES = ['primary', 'standby'] as const;

/** The states to export: the known ones, plus the current one when it is new and well-formed. */
export function stateSet(known: readonly string[], current: string | undefined, wellFormed: RegExp, fallback: string): { states: readonly string[]; current: string | undefined } {
  if (current === undefined || known.includes(current)) return { states: known, current };
  const value = wellFormed.test(current) ? current : fallback;
  return { states: [...known, value], current: value };
}
