import { closeSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { DwsData } from '../dws/state.js';
import type { FaultRule } from '../faults/types.js';
import type { GeminiDbData } from '../geminidb/state.js';
import type { LagOverride } from '../lag/lag-model.js';

/**
 * The simulator's whole world as one JSON document (`--state-file`): instances, relationships, jobs
 * (running ones included: they are plain data and finish on the clock after a restart), DWS clusters
 * and tasks, fault rules, lag overrides and the id counter. No credentials and no DR passwords (only
 * salted hashes). The request log is not kept.
 */
export interface PersistedState {
  readonly format: 'hcdr-simulator-state';
  readonly version: 1;
  readonly savedAt: string;
  readonly seed: string;
  readonly idCounter: number;
  readonly geminidb: GeminiDbData;
  readonly dws: DwsData;
  readonly faults: readonly FaultRule[];
  readonly lagOverrides: readonly LagOverride[];
}

export class StateFileError extends Error {}

/**
 * Writes atomically: a temp file in the same directory, fsync, rename over the target, fsync the
 * directory. A kill -9 at any point leaves either the old or the new file, never a torn one.
 */
export function writeStateFile(path: string, state: PersistedState): void {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  const fd = openSync(tmp, 'w', 0o600);
  try {
    writeSync(fd, JSON.stringify(state));
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    rmSync(tmp, { force: true });
    throw error;
  }
  closeSync(fd);
  renameSync(tmp, path);
  try {
    const dir = openSync(dirname(path), 'r');
    try {
      fsyncSync(dir);
    } finally {
      closeSync(dir);
    }
  } catch {
    // Some platforms (Windows) cannot fsync a directory; the rename itself is still atomic.
  }
}

/** Reads a state file; undefined when it does not exist. A file that is not ours or not readable is an error (never overwritten). */
export function readStateFile(path: string): PersistedState | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new StateFileError(`cannot read state file ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new StateFileError(`state file ${path} is not valid JSON; move it away or pass another --state-file`);
  }
  const s = parsed as Partial<PersistedState> | null;
  const ok =
    typeof s === 'object' &&
    s !== null &&
    s.format === 'hcdr-simulator-state' &&
    s.version === 1 &&
    typeof s.seed === 'string' &&
    typeof s.idCounter === 'number' &&
    Array.isArray(s.geminidb?.instances) &&
    Array.isArray(s.geminidb?.pairs) &&
    Array.isArray(s.geminidb?.jobs) &&
    Array.isArray(s.dws?.clusters) &&
    Array.isArray(s.dws?.tasks) &&
    Array.isArray(s.faults) &&
    Array.isArray(s.lagOverrides);
  if (!ok) throw new StateFileError(`${path} is not an hcdr simulator state file (format hcdr-simulator-state, version 1)`);
  return s as PersistedState;
}
