// An in-memory journal store: what the library uses when the caller gives none (resume then comes
// from the live API state alone), and what tests use. Locks are per store instance.
import { randomUUID } from 'node:crypto';
import { keyString, parseKeyString, summarize } from './summarize.js';
import { OperationLockedError, type HeldLock, type JournalRead, type JournalRecord, type JournalStore, type LockOwner, type OperationKey, type OperationSummary } from './types.js';

export class MemoryJournalStore implements JournalStore {
  readonly location = 'memory';
  readonly #records = new Map<string, JournalRecord[]>();
  readonly #locks = new Map<string, LockOwner>();

  async read(key: OperationKey): Promise<JournalRead> {
    // Copies, so a caller cannot change what is stored.
    return { records: structuredClone(this.#records.get(keyString(key)) ?? []), warnings: [] };
  }

  async append(key: OperationKey, record: JournalRecord): Promise<void> {
    const k = keyString(key);
    const list = this.#records.get(k) ?? [];
    list.push(structuredClone(record));
    this.#records.set(k, list);
  }

  async list(): Promise<OperationSummary[]> {
    const out: OperationSummary[] = [];
    for (const [k, records] of this.#records) {
      const key = parseKeyString(k);
      if (key) out.push(summarize(key, records));
    }
    return out.sort((a, b) => (b.updatedAt ?? '').localeCompare(a.updatedAt ?? ''));
  }

  async remove(key: OperationKey): Promise<void> {
    this.#records.delete(keyString(key));
  }

  async lock(resources: readonly string[], owner: Omit<LockOwner, 'at' | 'token'>): Promise<HeldLock> {
    for (const r of resources) {
      const held = this.#locks.get(r);
      if (held) throw new OperationLockedError(r, held);
    }
    const full: LockOwner = { ...owner, at: new Date().toISOString(), token: randomUUID() };
    for (const r of resources) this.#locks.set(r, full);
    let released = false;
    return {
      resources: [...resources],
      release: async () => {
        if (released) return;
        released = true;
        for (const r of resources) if (this.#locks.get(r)?.token === full.token) this.#locks.delete(r);
      },
    };
  }
}
