// Reads and writes the profile file that @hcdr/core reads (`~/.hcdr/config.json`, or --config-file /
// HCDR_CONFIG_FILE; profile --profile / HCDR_PROFILE / "default"), for `hcdr configure`. Written
// atomically (a temporary file with mode 600 in the same folder, renamed over the old one), so a
// crash never leaves half a file and the secret is never readable by others, not even for a moment.
// The result is checked with core's own loader before it replaces the old file: what `configure`
// writes is exactly what every other command reads. Other profiles and unknown keys are kept.
import { chmodSync, existsSync, mkdirSync, readFileSync, realpathSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { CliError } from '../io/errors.js';
import { EXIT } from '../io/exit-codes.js';
import type { Terminal } from '../io/terminal.js';

/** Where the profile lives, and why there (for messages and `configure list`). */
export interface ProfileLocation {
  path: string;
  pathFrom: string;
  name: string;
  nameFrom: string;
}

export function locateProfile(env: Terminal['env'], flags: { profile?: string | undefined; configFile?: string | undefined }): ProfileLocation {
  const envValue = (name: string) => {
    const v = env[name]?.trim();
    return v ? v : undefined;
  };
  const path = flags.configFile ?? envValue('HCDR_CONFIG_FILE');
  const name = flags.profile ?? envValue('HCDR_PROFILE');
  return {
    path: path ?? join(env.HOME?.trim() || homedir(), '.hcdr', 'config.json'),
    pathFrom: flags.configFile ? '--config-file' : path ? 'HCDR_CONFIG_FILE' : 'default',
    name: name ?? 'default',
    nameFrom: flags.profile ? '--profile' : name ? 'HCDR_PROFILE' : 'default',
  };
}

export type ProfileData = Record<string, unknown>;

/** The whole file as JSON (undefined when it does not exist). A file that is not a JSON object with "profiles" is refused, never overwritten. */
export function readProfileFile(path: string): { profiles: Record<string, ProfileData>; rest: Record<string, unknown> } | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    throw new CliError(`cannot read the profile file ${path} (${code ?? 'error'})`, EXIT.config);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    // JSON.parse's message can quote the text, i.e. a secret: say only that it is not valid.
    throw new CliError(`the profile file ${path} is not valid JSON; it is left untouched`, EXIT.config, `Fix or move it, then run the command again (it holds secrets: do not paste it anywhere).`);
  }
  if (!isRecord(data) || !isRecord(data['profiles'])) {
    throw new CliError(`the profile file ${path} must be a JSON object with a "profiles" object; it is left untouched`, EXIT.config, 'Fix or move it, then run the command again.');
  }
  // No prototype: a profile named "__proto__" must stay a profile, not become one.
  const profiles: Record<string, ProfileData> = Object.create(null);
  for (const [name, value] of Object.entries(data['profiles'])) {
    if (!isRecord(value)) throw new CliError(`profile "${name}" in ${path} must be a JSON object; the file is left untouched`, EXIT.config);
    profiles[name] = value;
  }
  const { profiles: _ignored, ...rest } = data;
  return { profiles, rest };
}

export interface ProfileChange {
  /** Sets `key` (a dotted key such as `projects.ap-southeast-1` sets a member of that object). */
  set: Readonly<Record<string, string>>;
}

/**
 * Applies `change` to profile `location.name` and writes the file (mode 600, folder 700 when
 * created). `validate` receives the path of the candidate file before it replaces the old one.
 */
export function writeProfile(location: ProfileLocation, change: ProfileChange, validate: (candidatePath: string) => string[]): void {
  const current = readProfileFile(location.path) ?? { profiles: {}, rest: {} };
  const profile: ProfileData = { ...(current.profiles[location.name] ?? {}) };
  for (const [key, value] of Object.entries(change.set)) {
    const [head, member] = splitKey(key);
    if (member === undefined) profile[head] = value;
    else profile[head] = { ...(isRecord(profile[head]) ? profile[head] : {}), [member]: value };
  }
  const next = { ...current.rest, profiles: { ...current.profiles, [location.name]: profile } };

  // Write through a symlink (dotfiles managers link ~/.hcdr/config.json), not over it.
  const target = existsSync(location.path) ? realpathSync(location.path) : location.path;
  const folder = dirname(target);
  if (!existsSync(folder)) mkdirSync(folder, { recursive: true, mode: 0o700 });
  const candidate = join(folder, `.${process.pid}-${Date.now()}.config.json.tmp`);
  try {
    writeFileSync(candidate, `${JSON.stringify(next, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
    const problems = validate(candidate);
    if (problems.length) {
      throw new CliError(`the profile was not saved: the result would not be usable:\n${problems.map((p) => `  - ${p.replaceAll(candidate, location.path)}`).join('\n')}`, EXIT.config);
    }
    renameSync(candidate, target);
    if (process.platform !== 'win32') chmodSync(target, 0o600);
  } catch (error) {
    rmSync(candidate, { force: true });
    if (error instanceof CliError) throw error;
    throw new CliError(`cannot write the profile file ${location.path} (${(error as NodeJS.ErrnoException).code ?? 'error'})`, EXIT.config);
  }
}

/** `projects.ap-southeast-1` → [`projects`, `ap-southeast-1`]. */
export function splitKey(key: string): [string, string | undefined] {
  const dot = key.indexOf('.');
  return dot < 0 ? [key, undefined] : [key.slice(0, dot), key.slice(dot + 1)];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
