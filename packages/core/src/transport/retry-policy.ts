import { TRANSIENT_STATUSES } from '../errors/codes.js';

/** Methods that can be repeated without changing server state a second time. */
export const SAFE_METHODS: readonly string[] = Object.freeze(['GET', 'HEAD']);

/**
 * Connection errors that happen before any request byte is written (refused, DNS failure,
 * unreachable, connect timeout). Only these make a non-idempotent request safe to retry.
 */
export const PRE_SEND_ERROR_CODES: readonly string[] = Object.freeze([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);

export type AttemptOutcome =
  | { kind: 'response'; status: number; errorCode?: string | undefined }
  | { kind: 'network'; errorCode?: string | undefined }
  | { kind: 'timeout'; scope: 'attempt' | 'deadline' }
  | { kind: 'abort' };

export interface RetryPolicyInput {
  method: string;
  outcome: AttemptOutcome;
  /** 1-based number of the attempt that just finished. */
  attempt: number;
  maxRetries: number;
  /** Retry the "instance busy" codes (any method: a busy answer means nothing was done). */
  retryBusy: boolean;
  busyCodes?: readonly string[];
}

export type RetryDecision = { retry: true; reason: string } | { retry: false; reason: string };

export function isSafeMethod(method: string): boolean {
  return SAFE_METHODS.includes(method.toUpperCase());
}

/** True when a network error provably happened before the request was sent. */
export function failedBeforeSend(errorCode: string | undefined): boolean {
  return errorCode !== undefined && PRE_SEND_ERROR_CODES.includes(errorCode);
}

/**
 * Decides whether to retry. Once a non-idempotent request may have reached the server
 * (any response, a reset, a timeout) it is never repeated: a DR switchover must not run twice.
 * Callers re-query state instead.
 */
export function decideRetry(input: RetryPolicyInput): RetryDecision {
  const decision = classifyOutcome(input);
  if (decision.retry && input.attempt > input.maxRetries) {
    return { retry: false, reason: `${decision.reason}; retry limit (${input.maxRetries}) reached` };
  }
  return decision;
}

function classifyOutcome(input: RetryPolicyInput): RetryDecision {
  const { outcome } = input;
  if (outcome.kind === 'abort') return { retry: false, reason: 'aborted by caller' };
  if (outcome.kind === 'timeout' && outcome.scope === 'deadline') return { retry: false, reason: 'overall deadline reached' };

  const safe = isSafeMethod(input.method);
  switch (outcome.kind) {
    case 'response': {
      const busyCodes = input.busyCodes ?? [];
      if (input.retryBusy && outcome.errorCode !== undefined && busyCodes.includes(outcome.errorCode)) {
        return { retry: true, reason: `instance busy (${outcome.errorCode})` };
      }
      if (!TRANSIENT_STATUSES.includes(outcome.status)) return { retry: false, reason: `HTTP ${outcome.status} is not transient` };
      return safe
        ? { retry: true, reason: `HTTP ${outcome.status}` }
        : { retry: false, reason: `HTTP ${outcome.status} on ${input.method.toUpperCase()}: a non-idempotent request is not repeated once answered` };
    }
    case 'network':
      if (safe) return { retry: true, reason: `network error${outcome.errorCode ? ` ${outcome.errorCode}` : ''}` };
      return failedBeforeSend(outcome.errorCode)
        ? { retry: true, reason: `connection failed before sending (${outcome.errorCode})` }
        : { retry: false, reason: `network error on ${input.method.toUpperCase()} after the request may have been sent` };
    case 'timeout':
      return safe
        ? { retry: true, reason: 'attempt timed out' }
        : { retry: false, reason: `timeout on ${input.method.toUpperCase()}: the request may have reached the server` };
  }
}
