import { readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { ConfigProblem } from '../errors/errors.js';

/**
 * One named profile of `~/.hcdr/config.json`:
 * `{ "profiles": { "<name>": { region, project_id, projects: {<region>: <project id>}, access_key_id,
 * secret_access_key, security_token, auth_token } } }`.
 */
export interface Profile {
  region?: string | undefined;
  project_id?: string | undefined;
  projects?: Readonly<Record<string, string>> | undefined;
  access_key_id?: string | undefined;
  secret_access_key?: string | undefined;
  security_token?: string | undefined;
  auth_token?: string | undefined;
}

/** File access used by the config resolver; injectable for tests. */
export interface ConfigFileSystem {
  /** File contents, or undefined when the file does not exist. Other failures throw. */
  readFile(path: string): string | undefined;
  /** Permission bits (e.g. 0o600), or undefined when the platform has none (Windows). */
  fileMode(path: string): number | undefined;
}

export const nodeConfigFileSystem: ConfigFileSystem = {
  readFile(path) {
    try {
      return readFileSync(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  },
  fileMode(path) {
    return process.platform === 'win32' ? undefined : statSync(path).mode & 0o777;
  },
};

export function defaultConfigFilePath(homeDir: string = homedir()): string {
  return join(homeDir, '.hcdr', 'config.json');
}

const STRING_KEYS = ['region', 'project_id', 'access_key_id', 'secret_access_key', 'security_token', 'auth_token'] as const;
const SECRET_KEYS = ['secret_access_key', 'security_token', 'auth_token'] as const;
const KNOWN_KEYS = new Set<string>([...STRING_KEYS, 'projects']);

export interface ProfileFile {
  path: string;
  profiles: Readonly<Record<string, Profile>>;
  /** Keys this version does not know, per profile (ignored, but reported when a value is missing: typos). */
  unknownKeys: Readonly<Record<string, readonly string[]>>;
}

export type LoadProfileFileResult =
  | { status: 'missing'; path: string }
  | { status: 'loaded'; file: ProfileFile }
  | { status: 'invalid'; path: string; problems: ConfigProblem[] };

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Reads and validates the profile file. Refuses a file that holds a secret while being accessible
 * to group or others (mode & 0o077), as ssh does for private keys: such a secret must be assumed leaked,
 * and failing loudly gets it fixed (`chmod 600`), where a warning would scroll by.
 * Never echoes file contents: a JSON.parse message could quote a secret.
 */
export function loadProfileFile(path: string, fs: ConfigFileSystem = nodeConfigFileSystem): LoadProfileFileResult {
  let text: string | undefined;
  try {
    text = fs.readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    return { status: 'invalid', path, problems: [{ setting: 'configFile', message: `Cannot read profile file ${path} (${code}).` }] };
  }
  if (text === undefined) return { status: 'missing', path };

  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { status: 'invalid', path, problems: [{ setting: 'configFile', message: `Profile file ${path} is not valid JSON.` }] };
  }
  const problems: ConfigProblem[] = [];
  if (!isRecord(data) || !isRecord(data['profiles'])) {
    return {
      status: 'invalid',
      path,
      problems: [{ setting: 'configFile', message: `Profile file ${path} must be an object with a "profiles" object.` }],
    };
  }

  const profiles: Record<string, Profile> = {};
  const unknownKeys: Record<string, string[]> = {};
  let hasSecret = false;
  for (const [name, raw] of Object.entries(data['profiles'])) {
    if (!isRecord(raw)) {
      problems.push({ setting: 'profile', message: `Profile "${name}" in ${path} must be an object.` });
      continue;
    }
    const profile: { -readonly [K in keyof Profile]: Profile[K] } = {};
    const unknown = Object.keys(raw).filter((key) => !KNOWN_KEYS.has(key));
    if (unknown.length) unknownKeys[name] = unknown;
    for (const key of STRING_KEYS) {
      const v = raw[key];
      if (v === undefined || v === null) continue;
      if (typeof v !== 'string') {
        problems.push({ setting: 'profile', message: `Profile "${name}" key "${key}" in ${path} must be a string.` });
        continue;
      }
      if (v.trim() !== '') profile[key] = v.trim();
    }
    const projects = raw['projects'];
    if (projects !== undefined && projects !== null) {
      if (!isRecord(projects) || !Object.values(projects).every((p) => typeof p === 'string')) {
        problems.push({ setting: 'profile', message: `Profile "${name}" key "projects" in ${path} must map region IDs to project ID strings.` });
      } else {
        profile.projects = projects as Record<string, string>;
      }
    }
    if (SECRET_KEYS.some((k) => profile[k] !== undefined)) hasSecret = true;
    profiles[name] = profile;
  }

  if (hasSecret) {
    let mode: number | undefined;
    try {
      mode = fs.fileMode(path);
    } catch {
      mode = undefined;
    }
    if (mode !== undefined && (mode & 0o077) !== 0) {
      problems.push({
        setting: 'configFile',
        message:
          `Profile file ${path} contains secrets but its permissions are ${mode.toString(8).padStart(4, '0')}; ` +
          'it must not be accessible by group or others. Fix: chmod 600 ' + path,
      });
    }
  }
  if (problems.length) return { status: 'invalid', path, problems };
  return { status: 'loaded', file: { path, profiles, unknownKeys } };
}
