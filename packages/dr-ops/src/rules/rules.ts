// The documented input rules of both DR APIs as pure functions: each returns the violated rule in
// plain words, or undefined. The wording follows a field or flag name ("… must not start with 192
// or 172: …"), so the CLI and the workflows report the same sentence.

/** IDs in paths (project, instance, DR task, job): the specs' `^[A-Za-z0-9_-]{1,64}$`. */
const ID_RE = /^[A-Za-z0-9_-]{1,64}$/;
const OCTET = '(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])';
const IPV4_RE = new RegExp(`^${OCTET}(\\.${OCTET}){3}$`);
const CIDR_RE = new RegExp(`^${OCTET}(\\.${OCTET}){3}/(3[0-2]|[12]?[0-9])$`);
/** Region codes such as `ap-southeast-1`, `eu-west-101` (the GeminiDB spec's RegionCode pattern). */
const REGION_RE = /^[a-z]{2}-[a-z]+-[0-9]+$/;
/** DWS `dr_sync_period`: 1..3000 followed by m (minutes), H (hours) or d (days). */
const SYNC_PERIOD_RE = /^([1-9][0-9]{0,2}|[12][0-9]{3}|3000)[mHd]$/;
/** DWS task names: 4-64 characters, letters, digits, `-`, `_`, starting with a letter. */
const DWS_NAME_RE = /^[A-Za-z][A-Za-z0-9_-]{3,63}$/;
// C0/C1 controls, bidi overrides and zero-width characters: never part of an ID, alias or password.
// biome-ignore lint/suspicious/noControlCharactersInRegex: the point is to find them
const CONTROL_RE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/;

/** The port GeminiDB DR requires on both instances (construction docs). */
export const GEMINIDB_DR_PORT = '8635';

export type Rule = (value: string) => string | undefined;

export const id: Rule = (v) => (ID_RE.test(v) ? undefined : 'must be 1-64 letters, digits, "-" or "_"');

export const ipv4: Rule = (v) => (IPV4_RE.test(v) ? undefined : 'must be an IPv4 address such as 10.0.1.2');

export const cidr: Rule = (v) => {
  if (!CIDR_RE.test(v)) return 'must be an IPv4 CIDR block such as 10.0.0.0/16 (prefix length 0-32)';
  const [address, prefix] = v.split('/');
  const bits = ipToInt(address ?? '');
  const len = Number(prefix);
  const hostMask = len === 0 ? 0xffffffff : len === 32 ? 0 : 0xffffffff >>> len;
  if ((bits & hostMask) !== 0) return `has host bits set; the network address for /${len} is ${intToIp((bits & ~hostMask) >>> 0)}/${len}`;
  return undefined;
};

/** GeminiDB DR: "A CIDR block starting with 192 or 172 is not allowed" (construction docs, spec DrSubnetCidr). */
export const drCidr: Rule = (v) => {
  const base = cidr(v);
  if (base) return base;
  if (v.startsWith('192.') || v.startsWith('172.')) return 'must not start with 192 or 172: GeminiDB DR does not support CIDR blocks in those ranges';
  return undefined;
};

export const regionCode: Rule = (v) => (REGION_RE.test(v) ? undefined : 'must be a region code such as ap-southeast-1 or cn-north-4');

export const drSyncPeriod: Rule = (v) =>
  SYNC_PERIOD_RE.test(v) ? undefined : 'must be a number from 1 to 3000 followed by m (minutes), H (hours) or d (days), e.g. 20m, 2H, 1d';

export const dwsName: Rule = (v) => {
  if (v.length < 4 || v.length > 64) return `must be 4-64 characters long (got ${v.length})`;
  if (!/^[A-Za-z]/.test(v)) return 'must start with a letter';
  if (!DWS_NAME_RE.test(v)) return 'may contain only letters, digits, "-" and "_"';
  return undefined;
};

/** DWS DR task types: cross-AZ or cross-region. */
export const DWS_DR_TYPES: readonly string[] = Object.freeze(['az', 'region']);
/** DWS cluster types a DR task can join (the listing filter's values). */
export const DWS_DATASTORE_TYPES: readonly string[] = Object.freeze(['dws', 'dws3.0', 'hybrid']);

export const dwsDrType: Rule = (v) => (v === 'az' || v === 'region' ? undefined : 'must be az (cross-AZ) or region (cross-region)');

export const nonEmpty: Rule = (v) => (v.trim() === '' ? 'must not be empty' : undefined);

export const noControlCharacters: Rule = (v) =>
  CONTROL_RE.test(v) ? 'must not contain control characters (ESC, CR, NUL, bidi or zero-width characters)' : undefined;

/** The DR alias: non-empty (spec minLength 1), printable. */
export const alias: Rule = (v) => nonEmpty(v) ?? noControlCharacters(v);

/**
 * The internal DR password (spec: non-empty, the same on both construction calls). The API states
 * no complexity rule; a password with control characters or surrounding spaces is almost always a
 * copy/paste accident (a trailing newline from a file), so it is refused rather than sent.
 */
export const drPassword: Rule = (v) => {
  if (v === '') return 'must not be empty';
  if (CONTROL_RE.test(v)) return 'must not contain control characters (a trailing newline from a file is removed by the CLI)';
  if (v.trim() !== v) return 'must not start or end with spaces';
  return undefined;
};

/** GeminiDB DR needs port 8635 on both instances. */
export const drPort: Rule = (v) =>
  v === GEMINIDB_DR_PORT ? undefined : `is ${v}, but a GeminiDB DR relationship requires port ${GEMINIDB_DR_PORT} on both instances`;

/** GeminiDB DR settings: the failed-node ratio that triggers a switchover, 50-100 in steps of 10 (SDK docs). */
export const switchoverRatio: Rule = (v) => (/^(50|60|70|80|90|100)$/.test(v.trim()) ? undefined : 'must be one of: 50, 60, 70, 80, 90, 100');

/** GeminiDB DR settings: no switchover while the standby lags more than this many seconds; at least 10. */
export const syncDelaySeconds: Rule = (v) => {
  const t = v.trim();
  if (!/^\d+$/.test(t) || !Number.isSafeInteger(Number(t))) return 'must be a whole number of seconds';
  return Number(t) < 10 ? 'must be at least 10 (seconds)' : undefined;
};

/** DWS DR task statuses (an open set; `stopped` is used though the docs' enum omits it; `deleted` = gone). */
export const DWS_TASK_STATUSES: readonly string[] = Object.freeze(['creating', 'create_failed', 'unstart', 'starting', 'start_failed', 'running', 'stopping', 'stop_failed', 'stopped', 'switchovering', 'abnormal', 'deleting', 'deleted']);

/** DWS statuses that mean an operation on the task failed. */
export const DWS_FAILURE_STATUSES: readonly string[] = Object.freeze(['create_failed', 'start_failed', 'stop_failed', 'abnormal']);

export function oneOf(allowed: readonly string[]): Rule {
  return (v) => (allowed.includes(v) ? undefined : `must be one of: ${allowed.join(', ')}`);
}

function ipToInt(ip: string): number {
  return ip.split('.').reduce((acc, part) => ((acc << 8) | Number(part)) >>> 0, 0);
}

function intToIp(n: number): string {
  return [24, 16, 8, 0].map((shift) => (n >>> shift) & 0xff).join('.');
}
