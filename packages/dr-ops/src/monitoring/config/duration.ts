// Durations in the exporter config, as Prometheus writes them: `30s`, `5m`, `1h30m`, `500ms`, `2d`.
// A bare number is refused: "30" could mean seconds or milliseconds, and a silent guess polls
// the API a thousand times too often.

const UNITS_MS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const DURATION = /^(?:\d+(?:ms|s|m|h|d))+$/;
const PART = /(\d+)(ms|s|m|h|d)/g;

/** Milliseconds, or undefined when `text` is not a duration such as `30s` or `1h30m`. */
export function parseDuration(text: string): number | undefined {
  if (!DURATION.test(text)) return undefined;
  let total = 0;
  for (const [, amount, unit] of text.matchAll(PART)) total += Number(amount) * (UNITS_MS[unit ?? 's'] ?? 0);
  return Number.isSafeInteger(total) ? total : undefined;
}

/**
 * A DWS `dr_sync_period` (`1`–`3000` followed by `m`, `H` or `d`, as the DWS API spells it) in
 * seconds, or undefined when the service sent something else.
 */
export function parseDwsSyncPeriod(text: string | undefined): number | undefined {
  const m = /^(\d{1,4})([mHd])$/.exec(text ?? '');
  if (!m) return undefined;
  const seconds = { m: 60, H: 3600, d: 86_400 }[m[2] as 'm' | 'H' | 'd'];
  return Number(m[1]) * seconds;
}
