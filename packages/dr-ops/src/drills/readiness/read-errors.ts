// What a failed read means for readiness: the side cannot be reached, the credentials were refused,
// or the API said no. Messages come from @hcdr/core's errors, which never carry a secret.
import { isHuaweiCloudApiError, isHuaweiCloudError } from '@hcdr/core';

export interface ReadFailure {
  kind: 'unreachable' | 'credentials' | 'api';
  message: string;
  status?: number | undefined;
  requestId?: string | undefined;
}

export function describeReadFailure(error: unknown): ReadFailure {
  if (isHuaweiCloudApiError(error)) {
    const kind = error.status === 401 || error.status === 403 ? 'credentials' : 'api';
    return { kind, message: error.message, status: error.status, requestId: error.requestId };
  }
  if (isHuaweiCloudError(error)) {
    const kind = error.name === 'HuaweiCloudNetworkError' || error.name === 'HuaweiCloudTimeoutError' ? 'unreachable' : error.name === 'HuaweiCloudConfigError' ? 'credentials' : 'api';
    return { kind, message: error.message };
  }
  return { kind: 'unreachable', message: error instanceof Error ? error.message : String(error) };
}

/** Runs a read; a failure becomes a value instead of an exception (readiness reports it as a check). */
export async function attempt<T>(read: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; failure: ReadFailure }> {
  try {
    return { ok: true, value: await read() };
  } catch (error) {
    if (error instanceof Error && error.name === 'AbortError') throw error;
    if (isHuaweiCloudError(error) && error.name === 'HuaweiCloudAbortError') throw error;
    return { ok: false, failure: describeReadFailure(error) };
  }
}

export function isReadFailure(value: object): value is ReadFailure {
  return 'kind' in value && 'message' in value;
}
