import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, truncateSync, writeFileSync, readdirSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultStateDir, FileJournalStore, parseJournalRecords, OperationLockedError, type JournalRecord, type OperationKey } from '../src/index.js';

const key: OperationKey = { kind: 'geminidb.pair', targets: ['inst-a', 'inst-b'] };
const at = '2024-05-20T10:00:00.000Z';
const records: JournalRecord[] = [
  { type: 'begin', at, attempt: 'a1', kind: 'geminidb.pair', targets: ['inst-a', 'inst-b'], params: { alias: 'ü-dr ✓' }, host: 'h', pid: 1, tool: 't' },
  { type: 'intent', at, attempt: 'a1', step: 'construct-primary', call: 'createDisasterRecovery', target: 'inst-a' },
  { type: 'outcome', at, attempt: 'a1', step: 'construct-primary', call: 'createDisasterRecovery', target: 'inst-a', result: 'accepted', jobId: 'j1', drId: 'd1' },
  { type: 'end', at, attempt: 'a1', status: 'completed' },
];
const tmp = () => mkdtempSync(join(tmpdir(), 'hcdr-journal-'));

describe('FileJournalStore', () => {
  it('appends durably to a 0600 file in a 0700 directory and reads the records back', async () => {
    const dir = tmp();
    const store = new FileJournalStore({ dir });
    for (const r of records) await store.append(key, r);
    expect((await store.read(key)).records).toEqual(records);
    expect(statSync(store.fileOf(key)).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'operations')).mode & 0o777).toBe(0o700);
    const [summary] = await store.list();
    expect(summary).toMatchObject({ key, state: 'completed', records: 4 });
  });

  it('reads a journal cut at every byte: a prefix of the records, at most one warning, never an error', async () => {
    const store = new FileJournalStore({ dir: tmp() });
    for (const r of records) await store.append(key, r);
    const full = readFileSync(store.fileOf(key));
    // Where each record's JSON ends (a record cut only before its newline is still whole).
    const ends: number[] = [];
    for (let i = 0; i < full.length; i++) if (full[i] === 0x0a) ends.push(i);
    for (let cut = 0; cut <= full.length; cut++) {
      const text = full.subarray(0, cut).toString('utf8');
      // Every 25th cut goes through the file store itself; the others through its parser.
      if (cut % 25 === 0) writeFileSync(store.fileOf(key), full.subarray(0, cut));
      const read = cut % 25 === 0 ? await store.read(key) : parseJournalRecords(text, 'journal');
      const whole = ends.filter((e) => e <= cut).length;
      expect(read.records).toEqual(records.slice(0, whole));
      const torn = cut > 0 && !ends.includes(cut) && !ends.includes(cut - 1);
      expect(read.warnings.length).toBe(torn ? 1 : 0);
      if (torn) expect(read.warnings[0]).toMatch(/torn last record/);
    }
  });

  it('starts a new record on a fresh line after a torn one', async () => {
    const store = new FileJournalStore({ dir: tmp() });
    for (const r of records.slice(0, 3)) await store.append(key, r);
    const size = statSync(store.fileOf(key)).size;
    truncateSync(store.fileOf(key), size - 7);
    const fresh = new FileJournalStore({ dir: store.location });
    await fresh.append(key, records[3]!);
    const read = await fresh.read(key);
    expect(read.records).toEqual([records[0], records[1], records[3]]);
    expect(read.warnings[0]).toMatch(/unreadable record at line 3/);
  });

  it('keeps a second holder off a locked resource, and releases', async () => {
    const dir = tmp();
    const a = new FileJournalStore({ dir });
    const b = new FileJournalStore({ dir });
    const lock = await a.lock(['geminidb:x', 'geminidb:y'], { pid: process.pid, host: hostname(), operation: 'geminidb.pair x y' });
    const err = await b.lock(['geminidb:y'], { pid: process.pid, host: hostname(), operation: 'geminidb.unpair x y' }).catch((e) => e);
    expect(err).toBeInstanceOf(OperationLockedError);
    expect(err.message).toMatch(/geminidb:y is locked by geminidb.pair x y \(pid \d+ on /);
    // Nothing of the failed attempt stays behind.
    expect(readdirSync(join(dir, 'locks')).sort()).toEqual(['geminidb+x.lock', 'geminidb+y.lock']);
    expect(statSync(join(dir, 'locks', 'geminidb+x.lock')).mode & 0o777).toBe(0o600);
    await lock.release();
    const again = await b.lock(['geminidb:y'], { pid: process.pid, host: hostname(), operation: 'unpair' });
    await again.release();
    expect(readdirSync(join(dir, 'locks'))).toEqual([]);
  });

  it('breaks a lock whose process is gone on this host, and one not refreshed for too long', async () => {
    const dir = tmp();
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
    const store = new FileJournalStore({ dir, staleAfterMs: 60_000 });
    const broken: string[] = [];
    const first = await store.lock(['geminidb:x'], { pid: Number(dead), host: hostname(), operation: 'crashed run' });
    void first; // never released: its process is gone
    const lock = await new FileJournalStore({ dir }).lock(['geminidb:x'], { pid: process.pid, host: hostname(), operation: 'rerun' }, { onBreak: (m) => broken.push(m) });
    expect(broken[0]).toMatch(new RegExp(`process ${dead} on this host \\(crashed run\\) is gone`));
    await lock.release();

    const other = { pid: process.pid, host: 'another-host', at: new Date(Date.now() - 120_000).toISOString(), token: 't', operation: 'elsewhere' };
    writeFileSync(join(dir, 'locks', 'geminidb+x.lock'), JSON.stringify(other));
    const broken2: string[] = [];
    const l2 = await store.lock(['geminidb:x'], { pid: process.pid, host: hostname(), operation: 'rerun' }, { onBreak: (m) => broken2.push(m) });
    expect(broken2[0]).toMatch(/not refreshed since .* on another-host/);
    await l2.release();
    writeFileSync(join(dir, 'locks', 'geminidb+x.lock'), JSON.stringify({ ...other, at: new Date().toISOString() }));
    await expect(store.lock(['geminidb:x'], { pid: process.pid, host: hostname(), operation: 'rerun' })).rejects.toBeInstanceOf(OperationLockedError);
  });

  it('lives under HCDR_STATE_DIR, else XDG_STATE_HOME/hcdr, else ~/.local/state/hcdr', () => {
    expect(defaultStateDir({ HCDR_STATE_DIR: '/s', XDG_STATE_HOME: '/x' }, '/home/u')).toBe('/s');
    expect(defaultStateDir({ XDG_STATE_HOME: '/x' }, '/home/u')).toBe('/x/hcdr');
    expect(defaultStateDir({ XDG_STATE_HOME: 'relative' }, '/home/u')).toBe('/home/u/.local/state/hcdr');
    expect(defaultStateDir({}, '/home/u')).toBe('/home/u/.local/state/hcdr');
  });
});
