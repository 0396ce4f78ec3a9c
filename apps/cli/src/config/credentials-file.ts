// --credentials-file: AK/SK (or an IAM token) from a file or stdin, never from a flag value.
// Accepts the two shapes people already have: JSON ({"access_key_id", "secret_access_key",
// "security_token"?} or {"auth_token"}) and env files (HUAWEICLOUD_SDK_AK=..., as written by
// `hcdr simulator` and `hcdr-simulator`). Like ssh with private keys and @hcdr/core with the
// profile file, a file that others can read is refused: its secret must be assumed leaked.
// Error messages name lines and keys, never values.
import { readFileSync, statSync } from 'node:fs';
import { CliError } from '../io/errors.js';
import { EXIT } from '../io/exit-codes.js';

export type FileCredentials =
  | { accessKeyId: string; secretAccessKey: string; securityToken?: string | undefined }
  | { authToken: string };

export interface CredentialsFile {
  credentials: FileCredentials;
  /** HUAWEICLOUD_SDK_PROJECT_ID / project_id, when the file has one. */
  projectId?: string | undefined;
}

const ENV_KEYS: Readonly<Record<string, keyof RawCredentials>> = {
  HUAWEICLOUD_SDK_AK: 'ak',
  HUAWEICLOUD_SDK_SK: 'sk',
  HUAWEICLOUD_SDK_SECURITY_TOKEN: 'st',
  HUAWEICLOUD_SDK_AUTH_TOKEN: 'token',
  HUAWEICLOUD_SDK_PROJECT_ID: 'projectId',
};

const JSON_KEYS: Readonly<Record<string, keyof RawCredentials>> = {
  access_key_id: 'ak',
  accessKeyId: 'ak',
  secret_access_key: 'sk',
  secretAccessKey: 'sk',
  security_token: 'st',
  securityToken: 'st',
  auth_token: 'token',
  authToken: 'token',
  project_id: 'projectId',
  projectId: 'projectId',
};

interface RawCredentials {
  ak?: string;
  sk?: string;
  st?: string;
  token?: string;
  projectId?: string;
}

const fail = (label: string, message: string) =>
  new CliError(`--credentials-file ${label}: ${message}`, EXIT.config, 'Expected JSON {"access_key_id","secret_access_key"} or {"auth_token"}, or lines HUAWEICLOUD_SDK_AK=... / HUAWEICLOUD_SDK_SK=... / HUAWEICLOUD_SDK_AUTH_TOKEN=...');

/** Parses the text of a credentials file; `label` names it in errors (path or "stdin"). */
export function parseCredentialsText(text: string, label: string): CredentialsFile {
  const raw: RawCredentials = {};
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(trimmed);
    } catch {
      // JSON.parse messages can quote the text, i.e. the secret: say only that it is not valid.
      throw fail(label, 'is not valid JSON');
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw fail(label, 'must hold a JSON object');
    for (const [key, value] of Object.entries(parsed)) {
      const target = JSON_KEYS[key];
      if (!target) continue;
      if (typeof value !== 'string') throw fail(label, `key "${key}" must be a string`);
      if (value.trim() !== '') raw[target] = value.trim();
    }
  } else {
    trimmed.split(/\r?\n/).forEach((line, index) => {
      const l = line.trim();
      if (l === '' || l.startsWith('#')) return;
      const m = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(l);
      if (!m) throw fail(label, `line ${index + 1} is not KEY=VALUE`);
      const target = ENV_KEYS[m[1] ?? ''];
      if (!target) return;
      const value = (m[2] ?? '').replace(/^(['"])(.*)\1$/, '$2').trim();
      if (value !== '') raw[target] = value;
    });
  }

  if (raw.ak || raw.sk || raw.st) {
    if (!raw.ak || !raw.sk) throw fail(label, `has ${raw.ak ? 'an access key ID but no secret key' : 'a secret key but no access key ID'}`);
    return { credentials: { accessKeyId: raw.ak, secretAccessKey: raw.sk, securityToken: raw.st }, projectId: raw.projectId };
  }
  if (raw.token) return { credentials: { authToken: raw.token }, projectId: raw.projectId };
  throw fail(label, 'holds no credentials');
}

/** Reads and parses a credentials file (permissions checked first). */
export function readCredentialsFile(path: string): CredentialsFile {
  let text: string;
  try {
    if (process.platform !== 'win32') {
      const mode = statSync(path).mode & 0o777;
      if ((mode & 0o077) !== 0) {
        throw new CliError(
          `--credentials-file ${path} is accessible by group or others (mode ${mode.toString(8).padStart(4, '0')}); a secret in it must be assumed leaked.`,
          EXIT.config,
          `Fix: chmod 600 ${path}`,
        );
      }
    }
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`--credentials-file ${path}: cannot read it (${(error as NodeJS.ErrnoException).code ?? 'error'})`, EXIT.config);
  }
  return parseCredentialsText(text, path);
}
