// Input problems are collected, not thrown one by one: a caller sees every wrong field of a request
// at once, each named by its path in the options object (`primary.subnetCidrs[1]`), before
// anything is sent.
import type { Rule } from './rules.js';

export interface InputProblem {
  /** Path of the field in the options object, e.g. `standby.vpcCidr` or `password`. */
  field: string;
  /** The rule it breaks, in plain words, starting with the offending value where safe to show. */
  message: string;
}

/** Thrown before anything is sent when options break a documented rule. */
export class DrInputError extends Error {
  override readonly name = 'DrInputError';
  readonly problems: readonly InputProblem[];
  constructor(problems: readonly InputProblem[]) {
    super(problems.map((p) => `${p.field}: ${p.message}`).join('; '));
    this.problems = problems;
  }
}

export function isDrInputError(error: unknown): error is DrInputError {
  return error instanceof Error && error.name === 'DrInputError' && Array.isArray((error as { problems?: unknown }).problems);
}

/** Collects problems field by field; `throwIfAny()` ends the checks. */
export class InputCheck {
  readonly problems: InputProblem[] = [];

  fail(field: string, message: string): void {
    this.problems.push({ field, message });
  }

  /** A required string checked against rules; `secret` keeps the value out of the message. */
  value(field: string, value: unknown, rules: readonly Rule[], options: { secret?: boolean; optional?: boolean } = {}): void {
    if (value === undefined || value === null) {
      if (!options.optional) this.fail(field, 'is required');
      return;
    }
    if (typeof value !== 'string') {
      this.fail(field, 'must be a string');
      return;
    }
    for (const rule of rules) {
      const message = rule(value);
      if (message) {
        this.fail(field, options.secret ? message : `${JSON.stringify(value)} ${message}`);
        return;
      }
    }
  }

  /** A list with at least one item (unless optional), each checked, no duplicates. */
  list(field: string, values: unknown, rules: readonly Rule[], options: { optional?: boolean } = {}): void {
    if (values === undefined || values === null) {
      if (!options.optional) this.fail(field, 'is required (at least one item)');
      return;
    }
    if (!Array.isArray(values)) {
      this.fail(field, 'must be an array');
      return;
    }
    if (values.length === 0 && !options.optional) this.fail(field, 'must list at least one item');
    const seen = new Set<unknown>();
    values.forEach((v, i) => {
      this.value(`${field}[${i}]`, v, rules);
      if (seen.has(v)) this.fail(`${field}[${i}]`, `${JSON.stringify(v)} is listed twice`);
      seen.add(v);
    });
  }

  throwIfAny(): void {
    if (this.problems.length) throw new DrInputError(this.problems);
  }
}
