import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';

/**
 * The env file a launcher writes (mode 600, never over someone else's file) and its profile file
 * (`<env file>.profiles.json`, the per-region project ids for @hcdr/core's `projects` map). Both
 * start with a marker naming the process that wrote them, so the next start can tell a file left
 * by a killed simulator (its pid is gone) from a file that belongs to a running one or to nobody.
 */
export const ENV_MARKER = '# hcdr-simulator env file';

export interface MarkerInfo {
  readonly pid: number;
  readonly host: string;
}

export function markerLine(pid: number = process.pid): string {
  return `${ENV_MARKER}; pid=${pid}; host=${hostname()}; started=${new Date().toISOString()}`;
}

export function parseMarker(text: string): MarkerInfo | undefined {
  // The env file starts with the marker line; the profiles JSON carries it in its first property.
  const first = text.split('\n', 1)[0] ?? '';
  if (!first.startsWith(ENV_MARKER) && !first.startsWith(`{"_written_by":"${ENV_MARKER}`)) return undefined;
  const pid = /; pid=(\d+);/.exec(first)?.[1];
  const host = /; host=([^;]*);/.exec(first)?.[1];
  return pid === undefined || host === undefined ? undefined : { pid: Number(pid), host };
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export type ExistingFile =
  | { readonly kind: 'absent' }
  /** Written by a simulator on this machine that is no longer running: may be replaced. */
  | { readonly kind: 'stale'; readonly values: Readonly<Record<string, string>> }
  | { readonly kind: 'foreign'; readonly why: string };

/** What is at `path`: nothing, a stale simulator env file (with its values), or something to leave alone. */
export function inspectEnvFile(path: string): ExistingFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { kind: 'absent' };
    return { kind: 'foreign', why: `cannot be read (${code ?? 'error'})` };
  }
  const marker = parseMarker(text);
  if (!marker) return { kind: 'foreign', why: 'already exists and was not written by a simulator (it is never overwritten)' };
  if (marker.host !== hostname()) return { kind: 'foreign', why: `belongs to a simulator on host ${marker.host}` };
  if (marker.pid !== process.pid && processAlive(marker.pid)) return { kind: 'foreign', why: `belongs to a simulator that is still running (pid ${marker.pid})` };
  return { kind: 'stale', values: parseEnvText(text) };
}

/** `NAME=value` lines of an env file, as `set -a; . <file>; set +a` would load them (no quoting is used). */
export function parseEnvText(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const m = /^([A-Z0-9_]+)=(.*)$/.exec(line);
    if (m?.[1] !== undefined && m[2] !== undefined) values[m[1]] = m[2];
  }
  return values;
}

/** The variables of a launcher's env file (for demos and tests that load it without a shell). */
export function loadEnvFile(path: string): Record<string, string> {
  return parseEnvText(readFileSync(path, 'utf8'));
}

/** Creates `path` with mode 600; fails with EEXIST rather than replace anything. */
export function createPrivateFile(path: string, text: string): void {
  const fd = openSync(path, 'wx', 0o600);
  try {
    writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
}

/** Removes the file only while it still carries this process's marker (never someone else's). */
export function removeOwnFile(path: string): void {
  try {
    if (parseMarker(readFileSync(path, 'utf8'))?.pid === process.pid) rmSync(path, { force: true });
  } catch {
    // already gone
  }
}

/** The profiles file next to an env file. */
export function profilesPath(envFile: string): string {
  return `${envFile}.profiles.json`;
}
