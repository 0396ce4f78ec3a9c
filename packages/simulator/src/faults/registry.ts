import { randomUUID } from 'node:crypto';
import type { Fault, FaultKind, FaultMatch, FaultRule, FaultRuleInput, FaultTarget } from './types.js';

/**
 * Where in request handling a fault kind takes effect. A rule is only consumed at its stage, so a
 * `jobFails` rule is not used up by the GET requests that happen to come first.
 */
export type FaultStage = 'auth' | 'response' | 'job';

const STAGE_OF: Record<FaultKind, FaultStage> = {
  clockSkew: 'auth',
  jobFails: 'job',
  busy: 'response',
  html500: 'response',
  slow: 'response',
  reset: 'response',
  status: 'response',
};

const KINDS = Object.keys(STAGE_OF) as FaultKind[];

export class FaultValidationError extends Error {}

interface MutableRule {
  id: string;
  match: FaultMatch;
  fault: Fault;
  remaining: number | 'unlimited';
  hits: number;
}

export class FaultRegistry {
  #rules: MutableRule[] = [];

  /** Adds a rule; rules are tried in the order they were added. Throws FaultValidationError on bad input. */
  add(input: FaultRuleInput): FaultRule {
    const rule: MutableRule = {
      id: randomUUID(),
      match: normaliseMatch(input.match),
      fault: normaliseFault(input.fault),
      remaining: normaliseTimes(input.times),
      hits: 0,
    };
    this.#rules.push(rule);
    return snapshot(rule);
  }

  list(): FaultRule[] {
    return this.#rules.map(snapshot);
  }

  remove(id: string): boolean {
    const before = this.#rules.length;
    this.#rules = this.#rules.filter((r) => r.id !== id);
    return this.#rules.length !== before;
  }

  clear(): void {
    this.#rules = [];
  }

  /** Consumes and returns the first fault of `stage` whose rule matches `target`. */
  take(stage: FaultStage, target: FaultTarget): Fault | undefined {
    const rule = this.#rules.find((r) => STAGE_OF[r.fault.kind] === stage && matches(r.match, target));
    if (!rule) return undefined;
    rule.hits += 1;
    if (rule.remaining !== 'unlimited') {
      rule.remaining -= 1;
      if (rule.remaining <= 0) this.#rules = this.#rules.filter((r) => r !== rule);
    }
    return rule.fault;
  }
}

function snapshot(rule: MutableRule): FaultRule {
  return { id: rule.id, match: { ...rule.match }, fault: { ...rule.fault }, remaining: rule.remaining, hits: rule.hits };
}

function matches(match: FaultMatch, target: FaultTarget): boolean {
  return (
    (match.service === undefined || match.service === target.service) &&
    (match.operationId === undefined || match.operationId === target.operationId) &&
    (match.method === undefined || match.method.toUpperCase() === target.method) &&
    (match.pathIncludes === undefined || target.path.includes(match.pathIncludes))
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function optionalString(obj: Record<string, unknown>, key: string): string | undefined {
  const v = obj[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw new FaultValidationError(`${key} must be a string`);
  return v;
}

// Input may come from JSON over /__sim/faults, so it is checked field by field rather than trusted.
function normaliseMatch(input: unknown): FaultMatch {
  if (input === undefined) return {};
  if (!isRecord(input)) throw new FaultValidationError('match must be an object');
  const service = optionalString(input, 'service');
  if (service !== undefined && service !== 'geminidb' && service !== 'dws') {
    throw new FaultValidationError('match.service must be "geminidb" or "dws"');
  }
  const operationId = optionalString(input, 'operationId');
  const method = optionalString(input, 'method');
  const pathIncludes = optionalString(input, 'pathIncludes');
  return {
    ...(service !== undefined && { service }),
    ...(operationId !== undefined && { operationId }),
    ...(method !== undefined && { method: method.toUpperCase() }),
    ...(pathIncludes !== undefined && { pathIncludes }),
  };
}

function normaliseTimes(input: unknown): number | 'unlimited' {
  if (input === undefined) return 1;
  if (input === 'unlimited') return input;
  if (typeof input !== 'number' || !Number.isInteger(input) || input < 1) {
    throw new FaultValidationError('times must be a positive integer or "unlimited"');
  }
  return input;
}

function normaliseFault(input: unknown): Fault {
  const raw: unknown = typeof input === 'string' ? { kind: input } : input;
  if (!isRecord(raw) || typeof raw.kind !== 'string' || !KINDS.includes(raw.kind as FaultKind)) {
    throw new FaultValidationError(`fault must be one of ${KINDS.join(', ')} (or an object with that "kind")`);
  }
  switch (raw.kind as FaultKind) {
    case 'busy':
    case 'html500':
    case 'reset':
    case 'clockSkew':
      return { kind: raw.kind as 'busy' | 'html500' | 'reset' | 'clockSkew' };
    case 'slow': {
      const delayMs = raw.delayMs;
      if (typeof delayMs !== 'number' || !Number.isFinite(delayMs) || delayMs < 0) {
        throw new FaultValidationError('slow fault needs delayMs >= 0');
      }
      return { kind: 'slow', delayMs };
    }
    case 'jobFails': {
      const failReason = optionalString(raw, 'failReason');
      return failReason === undefined ? { kind: 'jobFails' } : { kind: 'jobFails', failReason };
    }
    case 'status': {
      const status = raw.status;
      if (typeof status !== 'number' || !Number.isInteger(status) || status < 200 || status > 599) {
        throw new FaultValidationError('status fault needs an integer status 200..599');
      }
      const contentType = optionalString(raw, 'contentType');
      return {
        kind: 'status',
        status,
        ...(raw.body !== undefined && { body: raw.body }),
        ...(contentType !== undefined && { contentType }),
      };
    }
  }
}
