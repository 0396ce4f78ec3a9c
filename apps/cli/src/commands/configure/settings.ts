// The settings `hcdr configure` reads and writes: the keys of a profile in the profile file, as
// @hcdr/core defines them (packages/core/src/config/profile-file.ts). Secrets are marked: they are
// read only from a hidden prompt or stdin and never printed.
import { quote } from '../../io/sanitize.js';
import * as rules from '../../validation/rules.js';
import type { Rule } from '../../validation/rules.js';

export interface Setting {
  /** The key in the profile file. */
  key: string;
  /** Prompt label of the interactive `hcdr configure`. */
  label: string;
  secret: boolean;
  rule: Rule;
  help: string;
}

/** AKs, SKs and tokens: printable ASCII without spaces (what core accepts; see its check-settings). */
const credential =
  (max: number, noComma = false): Rule =>
  (v) =>
    v.length <= max && /^[\x21-\x7e]+$/.test(v) && !(noComma && v.includes(','))
      ? undefined
      : `must be printable ASCII without spaces${noComma ? ' or commas' : ''}, at most ${max} characters`;

export const SETTINGS: readonly Setting[] = [
  { key: 'access_key_id', label: 'Access key ID', secret: false, rule: credential(256, true), help: 'AK of the IAM user (paired with secret_access_key)' },
  { key: 'secret_access_key', label: 'Secret access key', secret: true, rule: credential(256), help: 'SK (secret: prompt or stdin only)' },
  { key: 'security_token', label: 'Security token', secret: true, rule: credential(64 * 1024), help: 'temporary AK/SK security token (secret: prompt or stdin only)' },
  { key: 'auth_token', label: 'IAM token', secret: true, rule: credential(64 * 1024), help: 'IAM token, instead of AK/SK (secret: prompt or stdin only)' },
  { key: 'region', label: 'Region', secret: false, rule: rules.regionCode, help: 'default region, e.g. ap-southeast-1' },
  { key: 'project_id', label: 'Project ID', secret: false, rule: rules.id, help: "project ID of the profile's region" },
];

/** `projects.<region>`: the project ID of one region (project IDs are per region). */
export const PROJECTS_PREFIX = 'projects.';

/** Every key name, for help and shell completion. */
export const SETTING_KEYS: readonly string[] = [...SETTINGS.map((s) => s.key), `${PROJECTS_PREFIX}<region>`];

/** Resolves what the user typed (`project-id`, `PROJECT_ID`, `projects.ap-southeast-1`) to a setting, or says why not. */
export function findSetting(typed: string): { setting: Setting; key: string } | { problem: string } {
  const normal = typed.trim();
  if (normal.toLowerCase().startsWith(PROJECTS_PREFIX)) {
    const region = normal.slice(PROJECTS_PREFIX.length);
    const problem = rules.regionCode(region);
    if (problem) return { problem: `${quote(typed)}: the part after "projects." ${problem}` };
    return { setting: { key: `${PROJECTS_PREFIX}${region}`, label: `Project ID for ${region}`, secret: false, rule: rules.id, help: `project ID in ${region}` }, key: `${PROJECTS_PREFIX}${region}` };
  }
  const key = normal.toLowerCase().replaceAll('-', '_');
  const setting = SETTINGS.find((s) => s.key === key);
  if (!setting) return { problem: `${quote(typed)} is not a setting; one of: ${SETTING_KEYS.join(', ')}` };
  return { setting, key };
}

/** How a value is shown: secrets never, the access key ID shortened in lists (as aws does). */
export function displayValue(setting: Pick<Setting, 'key' | 'secret'>, value: string | undefined, options: { full?: boolean } = {}): string {
  if (value === undefined) return '';
  if (setting.secret) return '(set, hidden)';
  if (setting.key === 'access_key_id' && !options.full) return value.length > 4 ? `${'*'.repeat(Math.min(16, value.length - 4))}${value.slice(-4)}` : '****';
  return value;
}
