// Input rules as pure functions that return the violated rule in plain words (or undefined). The
// wording is what the user sees after the flag name, so each message states the rule, not just
// "invalid". The DR domain rules (IDs, CIDRs, regions, names, periods) come from @hcdr/dr-ops, which
// applies the same rules to library callers; only generic ones (integers, choices, job times) are here.
import { rules as dr } from '@hcdr/dr-ops/rules';

/** GeminiDB job times: `yyyy-mm-ddThh:mm:ssZ` where Z is `Z` or an offset such as `+0800`. */
const JOB_TIME_RE = /^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(Z|[+-][0-9]{4})$/;

export type Rule = (value: string) => string | undefined;

export const id: Rule = dr.id;
export const ipv4: Rule = dr.ipv4;
export const cidr: Rule = dr.cidr;
/** GeminiDB DR: "A CIDR block starting with 192 or 172 is not allowed" (construction docs, spec DrSubnetCidr). */
export const drCidr: Rule = dr.drCidr;
export const regionCode: Rule = dr.regionCode;
export const drSyncPeriod: Rule = dr.drSyncPeriod;
export const dwsName: Rule = dr.dwsName;
export const switchoverRatio: Rule = dr.switchoverRatio;
export const syncDelaySeconds: Rule = dr.syncDelaySeconds;

export const jobTime: Rule = (v) =>
  JOB_TIME_RE.test(v) ? undefined : 'must be yyyy-mm-ddThh:mm:ssZ, e.g. 2024-05-20T10:00:00+0800 or 2024-05-20T02:00:00Z';

export const nonEmpty: Rule = dr.nonEmpty;

/** DWS `enterprise_project_id` filter: `0`, `all_granted_eps` or an ID (a UUID in practice). */
export const enterpriseProjectId: Rule = (v) =>
  /^[A-Za-z0-9_-]{1,64}$/.test(v) ? undefined : 'must be 0 (the default enterprise project), all_granted_eps or an enterprise project ID (1-64 letters, digits, "-" or "_")';

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
