// The operation journal's vocabulary. A journal is a write-ahead log per operation: the intent is
// recorded before each mutating call and the outcome after it, so a run that stops anywhere leaves
// a record of what may have been sent. The live API stays the truth; the journal is a hint that
// resolves what the API cannot tell (the DR ID of a half-built GeminiDB relationship, the goal of a
// switchover). Records never hold a secret.

/** What a workflow does; with the targets it is the operation's identity. */
export type OperationKind =
  | 'geminidb.pair'
  | 'geminidb.unpair'
  | 'geminidb.switchover'
  | 'geminidb.failover'
  | 'geminidb.recover'
  | 'geminidb.pause'
  | 'geminidb.resume'
  | 'dws.create'
  | 'dws.switchover'
  | 'dws.failover'
  | 'dws.recovery'
  | 'dws.pause'
  | 'dws.delete'
  /** A drill (src/drills): its events are note records; the role changes are their own operations. */
  | 'geminidb.drill'
  | 'dws.drill';

/**
 * The identity of an operation: the same command (operation + targets) finds the same journal
 * entry, whatever else its flags say. Targets are resource IDs in the order the operation gives
 * them meaning (primary, standby).
 */
export interface OperationKey {
  kind: OperationKind;
  targets: readonly string[];
}

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

interface RecordBase {
  /** ISO timestamp of this machine's clock. */
  at: string;
  /** One attempt = one run from `begin` to `end` (a resumed run continues its attempt). */
  attempt: string;
}

export interface BeginRecord extends RecordBase {
  type: 'begin';
  kind: OperationKind;
  targets: string[];
  /** The operation's parameters without secrets (IDs, regions, alias, CIDRs, options). */
  params: { [key: string]: JsonValue };
  /** How to run it again (e.g. the CLI command line without secrets), for `ops list`. */
  rerun?: string | undefined;
  host: string;
  pid: number;
  tool: string;
}

export interface IntentRecord extends RecordBase {
  type: 'intent';
  step: string;
  /** The API operation about to be sent, e.g. `createDisasterRecovery`. */
  call: string;
  /** The resource it is sent to (instance or task ID). */
  target: string;
}

export interface OutcomeRecord extends RecordBase {
  type: 'outcome';
  step: string;
  call: string;
  target: string;
  /** accepted: the API answered 2xx; refused: it answered an error (nothing happened); unknown: no answer. */
  result: 'accepted' | 'refused' | 'unknown';
  jobId?: string | undefined;
  drId?: string | undefined;
  taskId?: string | undefined;
  requestId?: string | undefined;
  error?: { code?: string | undefined; status?: number | undefined; message: string } | undefined;
}

export interface NoteRecord extends RecordBase {
  type: 'note';
  /** What a resumed run found and decided, in one sentence. */
  message: string;
  facts?: { [key: string]: string } | undefined;
}

export interface EndRecord extends RecordBase {
  type: 'end';
  status: 'completed' | 'already-done' | 'accepted' | 'failed' | 'refused' | 'aborted';
  message?: string | undefined;
}

export type JournalRecord = BeginRecord | IntentRecord | OutcomeRecord | NoteRecord | EndRecord;

export interface JournalRead {
  records: JournalRecord[];
  /** Problems met while reading (a torn last record after a crash), already worked around. */
  warnings: string[];
}

/** One operation as `ops list` shows it. */
export interface OperationSummary {
  key: OperationKey;
  /** The latest attempt's begin record (params, rerun). */
  begin: BeginRecord | undefined;
  /** in-progress: begun, not ended (interrupted or still running); else the end status. */
  state: 'in-progress' | EndRecord['status'];
  startedAt: string | undefined;
  updatedAt: string | undefined;
  /** The last intent without an outcome (a call that may or may not have been received). */
  pendingCall?: IntentRecord | undefined;
  records: number;
  location?: string | undefined;
}

export interface LockOwner {
  pid: number;
  host: string;
  /** ISO time the lock was taken or last refreshed. */
  at: string;
  /** The operation holding it, e.g. `geminidb.pair a1b2… f0e1…`. */
  operation: string;
  token: string;
}

export interface HeldLock {
  readonly resources: readonly string[];
  /** Releases the lock; safe to call twice. */
  release(): Promise<void>;
}

/** Another process holds a lock on one of the resources. */
export class OperationLockedError extends Error {
  override readonly name = 'OperationLockedError';
  constructor(
    readonly resource: string,
    readonly owner: LockOwner | undefined,
  ) {
    super(
      owner
        ? `${resource} is locked by ${owner.operation} (pid ${owner.pid} on ${owner.host}, since ${owner.at}); wait for it to finish, or if that process is gone on another machine, remove the lock after checking`
        : `${resource} is locked by another operation`,
    );
  }
}

/** Storage of journals and locks. The CLI uses the file store; tests and embedders may use memory. */
export interface JournalStore {
  /** Where it lives (a directory for the file store), for messages. */
  readonly location: string;
  /** Every record of the operation, oldest first; an unknown operation reads as no records. */
  read(key: OperationKey): Promise<JournalRead>;
  /** Appends one record durably (it survives a crash once this resolves). */
  append(key: OperationKey, record: JournalRecord): Promise<void>;
  /** Every operation the store knows, newest first. */
  list(): Promise<OperationSummary[]>;
  /**
   * Locks resources (instance or task IDs) for one process; throws OperationLockedError when a
   * live holder has one. Stale locks (dead pid on this host, or not refreshed for `staleAfterMs`)
   * are broken, and `onBreak` says so.
   */
  lock(resources: readonly string[], owner: Omit<LockOwner, 'at' | 'token'>, options?: { onBreak?: (message: string) => void }): Promise<HeldLock>;
  /** Forgets an operation (ops prune). */
  remove?(key: OperationKey): Promise<void>;
}
