// Collects every input problem of a command before anything is sent, so one run reports all of
// them (each naming its flag and rule) and exits 2. Methods return the normalised value so a
// command reads as a list of declarations; `done()` throws if anything was wrong.
import { UsageError, type InputProblem } from '../io/errors.js';
import { parseDuration } from '../io/duration.js';
import { hasControlCharacters, quote } from '../io/sanitize.js';
import type { Rule } from './rules.js';

export class InputChecks {
  readonly problems: InputProblem[] = [];

  fail(flag: string, message: string): void {
    this.problems.push({ flag, message });
  }

  /** A required value checked against `rules`. */
  required(flag: string, value: string | undefined, ...rules: Rule[]): string {
    if (value === undefined || value.trim() === '') {
      this.fail(flag, 'is required');
      return '';
    }
    return this.apply(flag, value.trim(), rules);
  }

  /** An optional value; undefined stays undefined. */
  optional(flag: string, value: string | undefined, ...rules: Rule[]): string | undefined {
    if (value === undefined) return undefined;
    if (value.trim() === '') {
      this.fail(flag, 'must not be empty');
      return undefined;
    }
    return this.apply(flag, value.trim(), rules);
  }

  /** A list (repeated flag and/or comma-separated); each item checked. */
  list(flag: string, values: readonly string[] | undefined, options: { required?: boolean } = {}, ...rules: Rule[]): string[] {
    const items = (values ?? []).map((v) => v.trim()).filter((v) => v !== '');
    if (items.length === 0) {
      if (options.required) this.fail(flag, 'is required (give at least one value; repeat the flag or separate values with commas)');
      return [];
    }
    const seen = new Set<string>();
    for (const item of items) {
      this.apply(flag, item, rules);
      if (seen.has(item)) this.fail(flag, `lists ${quote(item)} twice`);
      seen.add(item);
    }
    return items;
  }

  /** A whole number (rules must include the integer rule); returns the number. */
  integer(flag: string, value: string | undefined, rule: Rule): number | undefined {
    if (value === undefined) return undefined;
    const before = this.problems.length;
    this.apply(flag, value.trim(), [rule]);
    return this.problems.length === before ? Number(value) : undefined;
  }

  /** A duration such as 30s, 5m, 500ms (bare number = seconds) within bounds, in ms. */
  duration(flag: string, value: string | undefined, bounds: { min: number; max: number }): number | undefined {
    if (value === undefined) return undefined;
    const ms = parseDuration(value);
    if (ms === undefined) {
      this.fail(flag, `${quote(value)} must be a duration such as 500ms, 30s, 5m or 2h (a bare number means seconds)`);
      return undefined;
    }
    if (ms < bounds.min || ms > bounds.max) {
      this.fail(flag, `${quote(value)} must be between ${bounds.min / 1000}s and ${bounds.max / 1000}s`);
      return undefined;
    }
    return ms;
  }

  /** Throws a UsageError listing every problem found so far. */
  done(): void {
    if (this.problems.length) throw new UsageError(this.problems);
  }

  private apply(flag: string, value: string, rules: readonly Rule[]): string {
    // Every value, free text included: control characters have no place in an ID, a path or an
    // alias, and an ESC or CR sent on to the API (and shown back later) could spoof a terminal.
    if (hasControlCharacters(value)) {
      this.fail(flag, `${quote(value)} must not contain control characters (ESC, CR, NUL, bidi or zero-width characters)`);
      return value;
    }
    for (const rule of rules) {
      const message = rule(value);
      if (message) {
        this.fail(flag, `${quote(value)} ${message}`);
        break;
      }
    }
    return value;
  }
}

/** Commander collector for repeatable, comma-separable list flags (`--node-ips a,b --node-ips c`). */
export function collectList(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), ...value.split(',')];
}
