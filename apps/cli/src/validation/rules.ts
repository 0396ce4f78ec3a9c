// Input rules from the specs (specs/*.yaml) and the service docs, as pure functions that return
// the violated rule in plain words (or undefined). The wording is what the user sees after the flag
// name, so each message states the rule, not just "invalid".

/** IDs in paths (project, instance, DR task, job): the specs' `^[A-Za-z0-9_-]{1,64}$`. */
export const ID_RE = /^[A-Za-z0-9_-]{1,64}$/;
const OCTET = '(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])';
const IPV4_RE = new RegExp(`^${OCTET}(\\.${OCTET}){3}$`);
const CIDR_RE = new RegExp(`^${OCTET}(\\.${OCTET}){3}/(3[0-2]|[12]?[0-9])$`);
/** Region codes such as `ap-southeast-1`, `eu-west-101` (the GeminiDB spec's RegionCode pattern). */
const REGION_RE = /^[a-z]{2}-[a-z]+-[0-9]+$/;
/** DWS `dr_sync_period`: 1..3000 followed by m (minutes), H (hours) or d (days). */
const SYNC_PERIOD_RE = /^([1-9][0-9]{0,2}|[12][0-9]{3}|3000)[mHd]$/;
/** DWS task names: 4-64 characters, letters, digits, `-`, `_`, starting with a letter. */
const DWS_NAME_RE = /^[A-Za-z][A-Za-z0-9_-]{3,63}$/;
/** GeminiDB job times: `yyyy-mm-ddThh:mm:ssZ` where Z is `Z` or an offset such as `+0800`. */
const JOB_TIME_RE = /^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(Z|[+-][0-9]{4})$/;

export type Rule = (value: string) => string | undefined;

export const id: Rule = (v) => (ID_RE.test(v) ? undefined : 'must be 1-64 letters, digits, "-" or "_"');

export const ipv4: Rule = (v) => (IPV4_RE.test(v) ? undefined : 'must be an IPv4 address such as 10.0.1.2');

export const cidr: Rule = (v) => {
  if (!CIDR_RE.test(v)) return 'must be an IPv4 CIDR block such as 10.0.0.0/16 (prefix length 0-32)';
  const [address, prefix] = v.split('/');
  const bits = ipToInt(address ?? '');
  const len = Number(prefix);
  const hostMask = len === 0 ? 0xffffffff : len === 32 ? 0 : 0xffffffff >>> len;
  if ((bits & hostMask) !== 0) return `has host bits set; the network address for /${len} is ${intToIp(bits & ~hostMask >>> 0)}/${len}`;
  return undefined;
};

/** GeminiDB DR: "A CIDR block starting with 192 or 172 is not allowed" (construction docs, spec DrSubnetCidr). */
export const drCidr: Rule = (v) => {
  const base = cidr(v);
  if (base) return base;
  if (v.startsWith('192.') || v.startsWith('172.')) {
    return 'must not start with 192 or 172: GeminiDB DR does not support CIDR blocks in those ranges';
  }
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

export const jobTime: Rule = (v) =>
  JOB_TIME_RE.test(v) ? undefined : 'must be yyyy-mm-ddThh:mm:ssZ, e.g. 2024-05-20T10:00:00+0800 or 2024-05-20T02:00:00Z';

export const nonEmpty: Rule = (v) => (v.trim() === '' ? 'must not be empty' : undefined);

export function oneOf(allowed: readonly string[]): Rule {
  return (v) => (allowed.includes(v) ? undefined : `must be one of: ${allowed.join(', ')}`);
}

/** Integer rule with optional bounds and an optional closed set. */
export function integer(options: { min?: number; max?: number; allowed?: readonly number[] } = {}): Rule {
  return (v) => {
    if (!/^-?\d+$/.test(v.trim())) return 'must be a whole number';
    const n = Number(v);
    // 99999999999999999999 would silently become 100000000000000000000 (and be sent as 1e+20).
    if (!Number.isSafeInteger(n)) return `must be a whole number between ${Number.MIN_SAFE_INTEGER} and ${Number.MAX_SAFE_INTEGER}`;
    if (options.allowed && !options.allowed.includes(n)) return `must be one of: ${options.allowed.join(', ')}`;
    if (options.min !== undefined && n < options.min) return `must be at least ${options.min}`;
    if (options.max !== undefined && n > options.max) return `must be at most ${options.max}`;
    return undefined;
  };
}

function ipToInt(ip: string): number {
  return ip.split('.').reduce((acc, part) => ((acc << 8) | Number(part)) >>> 0, 0);
}

function intToIp(n: number): string {
  return [24, 16, 8, 0].map((shift) => (n >>> shift) & 0xff).join('.');
}
