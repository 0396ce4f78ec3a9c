// Durations as drill plans write them: `30s`, `10m`, `1h30m`, `500ms`, `1.5m`. A bare number is
// refused by the plan schema (seconds or minutes? an audit document must not leave that open).

const UNITS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** The plan schema's pattern for a duration string (kept here so the schema test can compare). */
export const DURATION_PATTERN = '^(?=\\d)(\\d+(\\.\\d+)?d)?(\\d+(\\.\\d+)?h)?(\\d+(\\.\\d+)?m(?!s))?(\\d+(\\.\\d+)?s)?(\\d+ms)?$';

const DURATION_RE = new RegExp(DURATION_PATTERN);
const PART_RE = /(\d+(?:\.\d+)?)(ms|d|h|m|s)/g;

/** Milliseconds, or undefined when `text` is not a duration. */
export function parseDuration(text: string): number | undefined {
  if (!DURATION_RE.test(text) || text === '') return undefined;
  let ms = 0;
  for (const [, value, unit] of text.matchAll(PART_RE)) ms += Number(value) * (UNITS[unit ?? 's'] ?? 1000);
  ms = Math.round(ms);
  return Number.isSafeInteger(ms) ? ms : undefined;
}

/** Seconds with at most three decimals (report fields are `_seconds`). */
export function toSeconds(ms: number): number {
  return Math.round(ms) / 1000;
}

/** `75000` → `1m15s`, `4000` → `4s`, `350` → `0.35s`, `3725000` → `1h02m05s`. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return 'n/a';
  if (ms < 10_000) return `${Number((ms / 1000).toFixed(ms < 1000 ? 3 : 2))}s`;
  const total = Math.round(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return `${h}h${String(m).padStart(2, '0')}m${String(s).padStart(2, '0')}s`;
  if (m > 0) return `${m}m${String(s).padStart(2, '0')}s`;
  return `${s}s`;
}
