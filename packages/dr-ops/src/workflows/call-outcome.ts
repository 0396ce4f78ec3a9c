// Turns what a client call produced into journal facts: whether the server may have acted on it,
// its request ID, and an error summary without secrets.
import { isHuaweiCloudAbortError, isHuaweiCloudApiError, isHuaweiCloudNetworkError, isHuaweiCloudTimeoutError, isHuaweiCloudValidationError } from '@hcdr/core';

/**
 * accepted: answered 2xx. refused: answered with an error, or never sent — nothing happened.
 * unknown: the request may have reached the server but no answer came back (timeout, reset after
 * sending, abort in flight): only the live state can tell.
 */
export type CallResult = 'accepted' | 'refused' | 'unknown';

export function classifyCallError(error: unknown): Exclude<CallResult, 'accepted'> {
  if (isHuaweiCloudApiError(error) || isHuaweiCloudValidationError(error)) return 'refused';
  if (isHuaweiCloudNetworkError(error)) return error.beforeSend ? 'refused' : 'unknown';
  if (isHuaweiCloudTimeoutError(error) || isHuaweiCloudAbortError(error)) return 'unknown';
  return 'unknown';
}

/** The request ID of a result or error, where the runtime exposes one. */
export function requestIdOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as { requestId?: unknown; $metadata?: { requestId?: unknown } };
  const id = v.$metadata?.requestId ?? v.requestId;
  return typeof id === 'string' && id !== '' ? id : undefined;
}

export function errorSummary(error: unknown, scrub: (text: string) => string): { code?: string | undefined; status?: number | undefined; message: string } {
  if (isHuaweiCloudApiError(error)) return { code: error.code, status: error.status, message: scrub(error.errorMessage ?? error.message) };
  return { message: scrub(error instanceof Error ? error.message : String(error)) };
}
