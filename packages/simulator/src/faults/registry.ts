import { randomUUID } from 'node:crypto';
import { SERVICE_NAMES, type ServiceName } from '../http/context.js';
import { REGION_PATTERN } from '../regions/scope.js';
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
  throttle: 'response',
};

const KINDS = Object.keys(STAGE_OF) as FaultKind[];

/** Limits a rule must respect (a 1e12 ms delay would hold a socket forever). */
export const FAULT_LIMITS = {
  maxDelayMs: 10 * 60 * 1000,
  maxRetryAfterSeconds: 86_400,
  maxTimes: 1_000_000,
  maxDurationMs: 30 * 24 * 3600 * 1000,
  maxText: 2000,
} as const;

export class FaultValidationError extends Error {}

/** The operations a rule may name, so that a typo is refused instead of never matching. */
export interface KnownOperation {
  readonly service: ServiceName;
  readonly operationId: string;
}

interface MutableRule {
  id: string;
  match: FaultMatch;
  fault: Fault;
  remaining: number | 'unlimited';
  hits: number;
  expiresAt: number | undefined;
}

export interface FaultRegistryOptions {
  /** Operations of the route table; undefined = any operationId accepted. */
  readonly operations?: readonly KnownOperation[];
  /** Simulator clock, for `durationMs`. Default Date.now. */
  readonly now?: () => number;
  /** Called after add / remove / clear (state-file persistence). */
  readonly onChange?: () => void;
}

export class FaultRegistry {
  #rules: MutableRule[] = [];
  readonly #operations: readonly KnownOperation[] | undefined;
  readonly #now: () => number;
  readonly #onChange: () => void;

  constructor(options: FaultRegistryOptions = {}, rules: readonly FaultRule[] = []) {
    this.#operations = options.operations;
    this.#now = options.now ?? Date.now;
    this.#onChange = options.onChange ?? (() => undefined);
    this.#rules = rules.map((r) => ({ ...r, match: { ...r.match }, fault: { ...r.fault }, expiresAt: r.expiresAt }));
  }

  /** Adds a rule; rules are tried in the order they were added. Throws FaultValidationError on bad input. */
  add(input: FaultRuleInput): FaultRule {
    if (!isRecord(input)) throw new FaultValidationError('a fault rule must be an object');
    rejectUnknownKeys(input, ['match', 'times', 'durationMs', 'fault'], 'rule');
    const durationMs = input.durationMs;
    if (durationMs !== undefined && !intIn(durationMs, 1, FAULT_LIMITS.maxDurationMs)) {
      throw new FaultValidationError(`durationMs must be an integer from 1 to ${FAULT_LIMITS.maxDurationMs}`);
    }
    const rule: MutableRule = {
      id: randomUUID(),
      match: this.#normaliseMatch(input.match),
      fault: normaliseFault(input.fault),
      remaining: normaliseTimes(input.times),
      hits: 0,
      expiresAt: durationMs === undefined ? undefined : this.#now() + durationMs,
    };
    this.#rules.push(rule);
    this.#onChange();
    return snapshot(rule);
  }

  list(): FaultRule[] {
    this.#expire();
    return this.#rules.map(snapshot);
  }

  remove(id: string): boolean {
    const before = this.#rules.length;
    this.#rules = this.#rules.filter((r) => r.id !== id);
    const removed = this.#rules.length !== before;
    if (removed) this.#onChange();
    return removed;
  }

  clear(): void {
    this.#rules = [];
    this.#onChange();
  }

  /** Consumes and returns the first fault of `stage` whose rule matches `target`. */
  take(stage: FaultStage, target: FaultTarget): Fault | undefined {
    this.#expire();
    const rule = this.#rules.find((r) => STAGE_OF[r.fault.kind] === stage && matches(r.match, target, stage));
    if (!rule) return undefined;
    rule.hits += 1;
    if (rule.remaining !== 'unlimited') {
      rule.remaining -= 1;
      if (rule.remaining <= 0) this.#rules = this.#rules.filter((r) => r !== rule);
    }
    return rule.fault;
  }

  #expire(): void {
    const now = this.#now();
    this.#rules = this.#rules.filter((r) => r.expiresAt === undefined || now < r.expiresAt);
  }

  // Input may come from JSON over /__sim/faults, so it is checked field by field rather than trusted.
  #normaliseMatch(input: unknown): FaultMatch {
    if (input === undefined) return {};
    if (!isRecord(input)) throw new FaultValidationError('match must be an object');
    rejectUnknownKeys(input, ['service', 'operationId', 'method', 'pathIncludes', 'instanceId', 'drId', 'region', 'projectId'], 'match');
    const serviceText = optionalString(input, 'match.service');
    const service = SERVICE_NAMES.find((n) => n === serviceText);
    if (serviceText !== undefined && service === undefined) {
      throw new FaultValidationError(`match.service must be ${SERVICE_NAMES.map((n) => `"${n}"`).join(', ')}`);
    }
    const operationId = optionalString(input, 'match.operationId');
    if (operationId !== undefined && this.#operations) {
      const known = this.#operations.filter((o) => o.operationId === operationId);
      if (known.length === 0) {
        throw new FaultValidationError(`match.operationId "${operationId}" is not an operation of any simulated spec (see GET /__sim/routes)`);
      }
      if (service !== undefined && !known.some((o) => o.service === service)) {
        throw new FaultValidationError(`match.operationId "${operationId}" is not a ${service} operation`);
      }
    }
    const method = optionalString(input, 'match.method')?.toUpperCase();
    if (method !== undefined && !['GET', 'POST', 'PUT', 'DELETE', 'PATCH'].includes(method)) {
      throw new FaultValidationError('match.method must be GET, POST, PUT, DELETE or PATCH');
    }
    const region = optionalString(input, 'match.region');
    if (region !== undefined && !REGION_PATTERN.test(region)) {
      throw new FaultValidationError('match.region must be a region id such as ap-southeast-1');
    }
    const pathIncludes = optionalString(input, 'match.pathIncludes');
    const instanceId = optionalString(input, 'match.instanceId');
    const drId = optionalString(input, 'match.drId');
    const projectId = optionalString(input, 'match.projectId');
    return {
      ...(service !== undefined && { service }),
      ...(operationId !== undefined && { operationId }),
      ...(method !== undefined && { method }),
      ...(pathIncludes !== undefined && { pathIncludes }),
      ...(instanceId !== undefined && { instanceId }),
      ...(drId !== undefined && { drId }),
      ...(region !== undefined && { region }),
      ...(projectId !== undefined && { projectId }),
    };
  }
}

function snapshot(rule: MutableRule): FaultRule {
  return {
    id: rule.id,
    match: { ...rule.match },
    fault: { ...rule.fault },
    remaining: rule.remaining,
    hits: rule.hits,
    ...(rule.expiresAt !== undefined && { expiresAt: rule.expiresAt }),
  };
}

function matches(match: FaultMatch, target: FaultTarget, stage: FaultStage): boolean {
  const instanceMatches =
    match.instanceId === undefined ||
    match.instanceId === target.instanceId ||
    (stage === 'job' && (target.jobInstanceIds ?? []).includes(match.instanceId));
  return (
    instanceMatches &&
    (match.service === undefined || match.service === target.service) &&
    (match.operationId === undefined || match.operationId === target.operationId) &&
    (match.method === undefined || match.method === target.method) &&
    (match.pathIncludes === undefined || target.path.includes(match.pathIncludes)) &&
    (match.drId === undefined || match.drId === target.drId) &&
    (match.region === undefined || match.region === target.region) &&
    (match.projectId === undefined || match.projectId === target.projectId)
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function intIn(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

/** A misspelt key (`operationID`) would otherwise widen the rule to every request. */
function rejectUnknownKeys(obj: Record<string, unknown>, allowed: readonly string[], where: string): void {
  const unknown = Object.keys(obj).filter((k) => !allowed.includes(k));
  if (unknown.length) throw new FaultValidationError(`${where} has unknown field(s) ${unknown.join(', ')}; allowed: ${allowed.join(', ')}`);
}

function optionalString(obj: Record<string, unknown>, path: string): string | undefined {
  const key = path.slice(path.lastIndexOf('.') + 1);
  const v = obj[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || v === '' || v.length > FAULT_LIMITS.maxText) {
    throw new FaultValidationError(`${path} must be a non-empty string of at most ${FAULT_LIMITS.maxText} characters`);
  }
  return v;
}

function normaliseTimes(input: unknown): number | 'unlimited' {
  if (input === undefined) return 1;
  if (input === 'unlimited') return input;
  if (!intIn(input, 1, FAULT_LIMITS.maxTimes)) {
    throw new FaultValidationError(`times must be an integer from 1 to ${FAULT_LIMITS.maxTimes}, or "unlimited"`);
  }
  return input;
}

const FAULT_FIELDS: Record<FaultKind, readonly string[]> = {
  busy: [],
  html500: [],
  reset: [],
  clockSkew: [],
  slow: ['delayMs'],
  jobFails: ['failReason'],
  throttle: ['retryAfterSeconds'],
  status: ['status', 'body', 'contentType', 'headers'],
};

function normaliseFault(input: unknown): Fault {
  const raw: unknown = typeof input === 'string' ? { kind: input } : input;
  if (!isRecord(raw) || typeof raw.kind !== 'string' || !KINDS.includes(raw.kind as FaultKind)) {
    throw new FaultValidationError(`fault must be one of ${KINDS.join(', ')} (or an object with that "kind")`);
  }
  const kind = raw.kind as FaultKind;
  rejectUnknownKeys(raw, ['kind', ...FAULT_FIELDS[kind]], `${kind} fault`);
  switch (kind) {
    case 'busy':
    case 'html500':
    case 'reset':
    case 'clockSkew':
      return { kind };
    case 'slow': {
      if (!intIn(raw.delayMs, 0, FAULT_LIMITS.maxDelayMs)) {
        throw new FaultValidationError(`slow fault needs delayMs, an integer from 0 to ${FAULT_LIMITS.maxDelayMs}`);
      }
      return { kind, delayMs: raw.delayMs };
    }
    case 'jobFails': {
      const failReason = optionalString(raw, 'fault.failReason');
      return failReason === undefined ? { kind } : { kind, failReason };
    }
    case 'throttle': {
      if (raw.retryAfterSeconds !== undefined && !intIn(raw.retryAfterSeconds, 0, FAULT_LIMITS.maxRetryAfterSeconds)) {
        throw new FaultValidationError(`throttle fault: retryAfterSeconds must be an integer from 0 to ${FAULT_LIMITS.maxRetryAfterSeconds}`);
      }
      return raw.retryAfterSeconds === undefined ? { kind } : { kind, retryAfterSeconds: raw.retryAfterSeconds };
    }
    case 'status': {
      if (!intIn(raw.status, 200, 599)) throw new FaultValidationError('status fault needs an integer status 200..599');
      const contentType = optionalString(raw, 'fault.contentType');
      if (contentType !== undefined && /[\r\n]/.test(contentType)) throw new FaultValidationError('fault.contentType must be one line');
      const headers = normaliseHeaders(raw.headers);
      return {
        kind,
        status: raw.status,
        ...(raw.body !== undefined && { body: raw.body }),
        ...(contentType !== undefined && { contentType }),
        ...(headers !== undefined && { headers }),
      };
    }
  }
}

function normaliseHeaders(input: unknown): Record<string, string> | undefined {
  if (input === undefined) return undefined;
  if (!isRecord(input)) throw new FaultValidationError('fault.headers must be an object of header name → string value');
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(input)) {
    if (!/^[A-Za-z0-9-]{1,64}$/.test(name) || typeof value !== 'string' || /[\r\n]/.test(value) || value.length > FAULT_LIMITS.maxText) {
      throw new FaultValidationError(`fault.headers.${name} must be a header name (letters, digits, "-") with a one-line string value`);
    }
    if (['content-length', 'transfer-encoding', 'connection', 'x-request-id'].includes(name.toLowerCase())) {
      throw new FaultValidationError(`fault.headers.${name} is set by the simulator and cannot be injected`);
    }
    out[name] = value;
  }
  return out;
}
