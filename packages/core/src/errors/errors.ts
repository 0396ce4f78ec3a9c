import { HuaweiCloudError, brand, brandClass, hasErrorBrand } from './base.js';

/** The request could not be completed at the network level (DNS, TCP, TLS, reset...). */
export class HuaweiCloudNetworkError extends HuaweiCloudError {
  /** Operation that failed (operationId or `METHOD /path`). */
  readonly operation: string;
  /** Low-level error code such as ECONNREFUSED or ENOTFOUND, when known. */
  readonly errorCode: string | undefined;
  /** True when the failure provably happened before any byte of the request was sent. */
  readonly beforeSend: boolean;
  /** Number of attempts made, including the failed one. */
  readonly attempts: number;

  constructor(init: { operation: string; errorCode?: string | undefined; beforeSend: boolean; attempts: number; cause?: unknown }) {
    const code = init.errorCode ? ` (${init.errorCode})` : '';
    super(`Network error calling ${init.operation}${code} after ${plural(init.attempts, 'attempt')}.`, { cause: init.cause });
    brand(this, 'HuaweiCloudNetworkError');
    this.operation = init.operation;
    this.errorCode = init.errorCode;
    this.beforeSend = init.beforeSend;
    this.attempts = init.attempts;
  }
}
brandClass(HuaweiCloudNetworkError, 'HuaweiCloudNetworkError');

/** A per-attempt timeout or the overall deadline expired. */
export class HuaweiCloudTimeoutError extends HuaweiCloudError {
  readonly operation: string;
  /** `attempt` = the per-attempt timeout fired; `deadline` = the overall deadline fired. */
  readonly scope: 'attempt' | 'deadline';
  readonly timeoutMs: number;
  readonly attempts: number;

  constructor(init: { operation: string; scope: 'attempt' | 'deadline'; timeoutMs: number; attempts: number }) {
    const what = init.scope === 'attempt' ? 'per-attempt timeout' : 'overall deadline';
    super(`${init.operation} exceeded the ${what} of ${init.timeoutMs} ms after ${plural(init.attempts, 'attempt')}.`);
    brand(this, 'HuaweiCloudTimeoutError');
    this.operation = init.operation;
    this.scope = init.scope;
    this.timeoutMs = init.timeoutMs;
    this.attempts = init.attempts;
  }
}
brandClass(HuaweiCloudTimeoutError, 'HuaweiCloudTimeoutError');

/** The caller's AbortSignal fired. */
export class HuaweiCloudAbortError extends HuaweiCloudError {
  readonly operation: string | undefined;
  /** The signal's `reason`. */
  readonly reason: unknown;

  constructor(init: { operation?: string | undefined; reason?: unknown }) {
    super(init.operation ? `${init.operation} was aborted by the caller.` : 'Aborted by the caller.');
    brand(this, 'HuaweiCloudAbortError');
    this.operation = init.operation;
    this.reason = init.reason;
  }
}
brandClass(HuaweiCloudAbortError, 'HuaweiCloudAbortError');

/** One thing wrong or missing in the configuration, with every way to fix it. */
export interface ConfigProblem {
  /** What is wrong: `region`, `projectId`, `credentials`, `endpoint`, `profile`, `configFile`... */
  setting: string;
  /** Human-readable explanation (never contains secret values). */
  message: string;
  /** Ways to supply the value: option name, environment variable, profile key. */
  fixes?: readonly string[];
}

/** Configuration is missing or invalid. Lists every problem at once. */
export class HuaweiCloudConfigError extends HuaweiCloudError {
  readonly problems: readonly ConfigProblem[];

  constructor(problems: readonly ConfigProblem[], intro = 'Invalid Huawei Cloud configuration') {
    super(formatProblems(intro, problems));
    brand(this, 'HuaweiCloudConfigError');
    this.problems = problems;
  }
}
brandClass(HuaweiCloudConfigError, 'HuaweiCloudConfigError');

/**
 * Problems quote what the user supplied (paths, profile names, URLs). Control and bidi characters in
 * them are shown escaped, so a message cannot rewrite the terminal (ESC sequences, \r) or read
 * differently from what it says (U+202E); only the newlines this function adds separate lines.
 */
function printable(text: string): string {
  return text.replace(/[\p{Cc}\u200B-\u200F\u2028-\u202E\u2066-\u2069\uFEFF]/gu, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function formatProblems(intro: string, problems: readonly ConfigProblem[]): string {
  const lines = [`${intro}:`];
  for (const p of problems) {
    lines.push(`  - ${printable(p.setting)}: ${printable(p.message)}`);
    for (const fix of p.fixes ?? []) lines.push(`      ${printable(fix)}`);
  }
  return lines.join('\n');
}

/** A waiter ended without success. */
export class HuaweiCloudWaiterError extends HuaweiCloudError {
  /** `failed` = the resource reached a failure state; `timeout` = maxWaitMs elapsed first. */
  readonly kind: 'failed' | 'timeout';
  /** Failure reason (e.g. a job's fail_reason), when known. */
  readonly reason: string | undefined;
  /** Last observed state. */
  readonly lastState: unknown;
  readonly attempts: number;
  readonly elapsedMs: number;

  constructor(init: { kind: 'failed' | 'timeout'; reason?: string | undefined; lastState?: unknown; attempts: number; elapsedMs: number; description?: string | undefined }) {
    const subject = init.description ?? 'Operation';
    const message =
      init.kind === 'failed'
        ? `${subject} failed${init.reason ? `: ${init.reason}` : ''} (after ${plural(init.attempts, 'check')}, ${Math.round(init.elapsedMs / 1000)} s).`
        : `${subject} did not finish within the wait limit (${plural(init.attempts, 'check')}, ${Math.round(init.elapsedMs / 1000)} s)${init.reason ? `; last status: ${init.reason}` : ''}.`;
    super(message);
    brand(this, 'HuaweiCloudWaiterError');
    this.kind = init.kind;
    this.reason = init.reason;
    this.lastState = init.lastState;
    this.attempts = init.attempts;
    this.elapsedMs = init.elapsedMs;
  }
}
brandClass(HuaweiCloudWaiterError, 'HuaweiCloudWaiterError');

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function isHuaweiCloudNetworkError(value: unknown): value is HuaweiCloudNetworkError {
  return hasErrorBrand(value, 'HuaweiCloudNetworkError');
}
export function isHuaweiCloudTimeoutError(value: unknown): value is HuaweiCloudTimeoutError {
  return hasErrorBrand(value, 'HuaweiCloudTimeoutError');
}
export function isHuaweiCloudAbortError(value: unknown): value is HuaweiCloudAbortError {
  return hasErrorBrand(value, 'HuaweiCloudAbortError');
}
export function isHuaweiCloudConfigError(value: unknown): value is HuaweiCloudConfigError {
  return hasErrorBrand(value, 'HuaweiCloudConfigError');
}
export function isHuaweiCloudWaiterError(value: unknown): value is HuaweiCloudWaiterError {
  return hasErrorBrand(value, 'HuaweiCloudWaiterError');
}
