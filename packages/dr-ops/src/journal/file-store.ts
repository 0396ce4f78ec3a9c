// The durable journal store: one append-only JSON-lines file per operation under
// <state dir>/operations, each record fsync'd before the call it announces is sent. A crash can
// only cut the last line short; reading ignores such a torn last record with a warning, and the
// next append starts on a fresh line. Files are 0600 in a 0700 directory and never hold a secret
// (the workflows scrub them; the DR password is asked again on resume).
//
// Locks are files under <state dir>/locks created atomically with their content (write a temp
// file, fsync, link() it into place: link fails if the lock exists), holding pid, host, time and
// a token. A lock whose pid is dead on this host, or whose holder stopped refreshing it for
// `staleAfterMs`, is broken. Holders refresh it (temp + rename) while they run.
import { randomUUID } from 'node:crypto';
import { closeSync, constants, fsyncSync, openSync, readSync, fstatSync } from 'node:fs';
import { chmod, link, mkdir, open, readdir, readFile, rename, stat, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { defaultStateDir } from './state-dir.js';
import { keyString, parseKeyString, summarize } from './summarize.js';
import { OperationLockedError, type HeldLock, type JournalRead, type JournalRecord, type JournalStore, type LockOwner, type OperationKey, type OperationSummary } from './types.js';

export interface FileJournalStoreOptions {
  /** Default: defaultStateDir() ($HCDR_STATE_DIR, $XDG_STATE_HOME/hcdr, ~/.local/state/hcdr). */
  dir?: string | undefined;
  /** A lock not refreshed for this long counts as abandoned (default 10 minutes). */
  staleAfterMs?: number | undefined;
  /** How often a held lock is refreshed (default staleAfterMs / 4). */
  refreshEveryMs?: number | undefined;
}

const RECORD_TYPES = new Set(['begin', 'intent', 'outcome', 'note', 'end']);

export class FileJournalStore implements JournalStore {
  readonly location: string;
  readonly #ops: string;
  readonly #locks: string;
  readonly #staleAfterMs: number;
  readonly #refreshEveryMs: number;
  /** Files whose end was checked for a torn line in this process. */
  readonly #clean = new Set<string>();

  constructor(options: FileJournalStoreOptions = {}) {
    this.location = options.dir ?? defaultStateDir();
    this.#ops = join(this.location, 'operations');
    this.#locks = join(this.location, 'locks');
    this.#staleAfterMs = options.staleAfterMs ?? 10 * 60_000;
    this.#refreshEveryMs = options.refreshEveryMs ?? Math.max(1000, Math.floor(this.#staleAfterMs / 4));
  }

  fileOf(key: OperationKey): string {
    return join(this.#ops, `${keyString(key)}.jsonl`);
  }

  async read(key: OperationKey): Promise<JournalRead> {
    let text: string;
    try {
      text = await readFile(this.fileOf(key), 'utf8');
    } catch (error) {
      if (isCode(error, 'ENOENT')) return { records: [], warnings: [] };
      throw error;
    }
    return parseRecords(text, this.fileOf(key));
  }

  async append(key: OperationKey, record: JournalRecord): Promise<void> {
    await this.#dirs();
    const file = this.fileOf(key);
    let line = `${JSON.stringify(record)}\n`;
    if (!this.#clean.has(file)) {
      // A crash may have cut the last line short: start on a fresh line so this record stays whole.
      if (endsTorn(file)) line = `\n${line}`;
      this.#clean.add(file);
    }
    const existed = await exists(file);
    const handle = await open(file, constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT, 0o600);
    try {
      await handle.write(line);
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (!existed) {
      await chmod(file, 0o600);
      await syncDir(this.#ops);
    }
  }

  async list(): Promise<OperationSummary[]> {
    let names: string[];
    try {
      names = await readdir(this.#ops);
    } catch (error) {
      if (isCode(error, 'ENOENT')) return [];
      throw error;
    }
    const out: OperationSummary[] = [];
    for (const name of names) {
      if (!name.endsWith('.jsonl')) continue;
      const key = parseKeyString(name.slice(0, -'.jsonl'.length));
      if (!key) continue;
      const { records } = parseRecords(await readFile(join(this.#ops, name), 'utf8'), name);
      out.push(summarize(key, records, join(this.#ops, name)));
    }
    return out.sort((a, b) => (b.updatedAt ?? '').localeCompare(a.updatedAt ?? ''));
  }

  async remove(key: OperationKey): Promise<void> {
    try {
      await unlink(this.fileOf(key));
    } catch (error) {
      if (!isCode(error, 'ENOENT')) throw error;
    }
  }

  async lock(resources: readonly string[], owner: Omit<LockOwner, 'at' | 'token'>, options: { onBreak?: (message: string) => void } = {}): Promise<HeldLock> {
    await this.#dirs();
    const token = randomUUID();
    const full = (): LockOwner => ({ ...owner, at: new Date().toISOString(), token });
    const held: string[] = [];
    // A fixed order, so two processes locking overlapping sets cannot deadlock each other.
    for (const resource of [...new Set(resources)].sort()) {
      const path = this.#lockPath(resource);
      try {
        await this.#acquire(path, resource, full(), options.onBreak);
        held.push(path);
      } catch (error) {
        for (const p of held) await this.#releaseOne(p, token);
        throw error;
      }
    }
    const timer = setInterval(() => {
      for (const p of held) void this.#refresh(p, full()).catch(() => {});
    }, this.#refreshEveryMs);
    timer.unref();
    let released = false;
    return {
      resources: [...resources],
      release: async () => {
        if (released) return;
        released = true;
        clearInterval(timer);
        for (const p of held) await this.#releaseOne(p, token);
      },
    };
  }

  /** The lock on a resource, if any (for `ops list` and messages). */
  async lockOwner(resource: string): Promise<LockOwner | undefined> {
    return readOwner(this.#lockPath(resource));
  }

  #lockPath(resource: string): string {
    return join(this.#locks, `${resource.replace(/[^A-Za-z0-9_.-]/g, '+')}.lock`);
  }

  async #acquire(path: string, resource: string, owner: LockOwner, onBreak?: (message: string) => void): Promise<void> {
    for (let tries = 0; tries < 3; tries++) {
      const tmp = await this.#writeTemp(owner);
      try {
        await link(tmp, path);
        await syncDir(this.#locks);
        return;
      } catch (error) {
        if (!isCode(error, 'EEXIST')) throw error;
      } finally {
        await unlink(tmp).catch(() => {});
      }
      const current = await readOwner(path);
      const staleWhy = current ? this.#staleReason(current) : await this.#unreadableStale(path);
      if (!staleWhy) throw new OperationLockedError(resource, current);
      // Re-read right before breaking: only the lock judged stale is removed.
      const again = await readOwner(path);
      if (again?.token !== current?.token) continue;
      await unlink(path).catch(() => {});
      onBreak?.(`Removed a stale lock on ${resource}: ${staleWhy}.`);
    }
    throw new OperationLockedError(resource, await readOwner(path));
  }

  #staleReason(owner: LockOwner): string | undefined {
    if (owner.host === hostname() && !pidAlive(owner.pid)) return `its process ${owner.pid} on this host (${owner.operation}) is gone`;
    const age = Date.now() - Date.parse(owner.at);
    if (Number.isFinite(age) && age > this.#staleAfterMs) return `not refreshed since ${owner.at} (pid ${owner.pid} on ${owner.host}, ${owner.operation})`;
    return undefined;
  }

  /** A lock file that does not parse (written by hand, or a different tool): stale once old. */
  async #unreadableStale(path: string): Promise<string | undefined> {
    try {
      const s = await stat(path);
      return Date.now() - s.mtimeMs > this.#staleAfterMs ? 'it was unreadable and old' : undefined;
    } catch {
      return 'it disappeared';
    }
  }

  async #writeTemp(owner: LockOwner): Promise<string> {
    const tmp = join(this.#locks, `.tmp-${process.pid}-${randomUUID()}`);
    const handle = await open(tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600);
    try {
      await handle.write(`${JSON.stringify(owner)}\n`);
      await handle.sync();
    } finally {
      await handle.close();
    }
    return tmp;
  }

  async #refresh(path: string, owner: LockOwner): Promise<void> {
    const current = await readOwner(path);
    if (current?.token !== owner.token) return;
    const tmp = await this.#writeTemp(owner);
    await rename(tmp, path);
  }

  async #releaseOne(path: string, token: string): Promise<void> {
    const current = await readOwner(path);
    if (current?.token === token) await unlink(path).catch(() => {});
  }

  async #dirs(): Promise<void> {
    for (const d of [this.location, this.#ops, this.#locks]) {
      await mkdir(d, { recursive: true, mode: 0o700 });
    }
  }
}

/** Parses JSON lines; a torn last line (a crash mid-write) or a damaged line is skipped with a warning. */
export function parseRecords(text: string, where: string): JournalRead {
  const lines = text.split('\n');
  const records: JournalRecord[] = [];
  const warnings: string[] = [];
  const lastContent = lines.reduce((last, l, i) => (l.trim() !== '' ? i : last), -1);
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      value = undefined;
    }
    if (isRecord(value)) {
      records.push(value);
      return;
    }
    warnings.push(
      i === lastContent && !text.endsWith('\n')
        ? `Ignored a torn last record in ${where} (it was being written when a run stopped).`
        : `Ignored an unreadable record at line ${i + 1} of ${where}.`,
    );
  });
  return { records, warnings };
}

function isRecord(value: unknown): value is JournalRecord {
  return typeof value === 'object' && value !== null && RECORD_TYPES.has((value as { type?: unknown }).type as string) && typeof (value as { attempt?: unknown }).attempt === 'string';
}

async function readOwner(path: string): Promise<LockOwner | undefined> {
  try {
    const value = JSON.parse(await readFile(path, 'utf8')) as Partial<LockOwner>;
    if (typeof value.pid === 'number' && typeof value.host === 'string' && typeof value.at === 'string' && typeof value.token === 'string') {
      return { pid: value.pid, host: value.host, at: value.at, token: value.token, operation: String(value.operation ?? '') };
    }
  } catch {
    // missing or unreadable
  }
  return undefined;
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return !isCode(error, 'ESRCH');
  }
}

/** True when the file exists and its last byte is not a newline. */
function endsTorn(file: string): boolean {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return false;
  }
  try {
    const size = fstatSync(fd).size;
    if (size === 0) return false;
    const buf = Buffer.alloc(1);
    readSync(fd, buf, 0, 1, size - 1);
    return buf[0] !== 0x0a;
  } finally {
    closeSync(fd);
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/** fsync a directory so a new file's name survives a crash (a no-op where unsupported). */
async function syncDir(dir: string): Promise<void> {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Some platforms cannot fsync a directory.
  }
}

function isCode(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code;
}
