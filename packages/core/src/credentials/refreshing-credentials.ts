import type { CredentialIdentity, CredentialProvider, CredentialRequest } from './types.js';

/** When refreshingCredentials asks its source again. */
export interface RefreshingCredentialsOptions {
  /**
   * Refresh this long before `expiresAt` (default 5 minutes, as aws-sdk-js-v3). A request signed just
   * before expiry still has its whole deadline (2 minutes by default) to be checked by the server.
   */
  refreshAheadMs?: number | undefined;
  /** After a failed refresh while the old identity is still valid, wait this long before trying again (default 10 s). */
  retryAfterFailureMs?: number | undefined;
  /** Clock in ms since the epoch (default Date.now); `expiresAt` is compared against it. */
  now?: (() => number) | undefined;
}

/**
 * Caches what `source` returns and asks it again only when the identity is about to expire (or
 * when a caller forces a refresh). Concurrent callers share one refresh. If a refresh fails while
 * the cached identity is still valid, callers keep using it (and the refresh is retried later), so
 * a metadata-service hiccup does not fail requests that could still be signed.
 */
export function refreshingCredentials(source: CredentialProvider, options: RefreshingCredentialsOptions = {}): CredentialProvider {
  const refreshAheadMs = options.refreshAheadMs ?? 5 * 60_000;
  const retryAfterFailureMs = options.retryAfterFailureMs ?? 10_000;
  const now = options.now ?? Date.now;
  let current: CredentialIdentity | undefined;
  let currentPromise: Promise<CredentialIdentity> | undefined;
  let pending: Promise<CredentialIdentity> | undefined;
  let failedAt = Number.NEGATIVE_INFINITY;

  const refresh = (request: CredentialRequest | undefined): Promise<CredentialIdentity> => {
    pending ??= source({ forceRefresh: request?.forceRefresh }).then(
      (identity) => {
        current = identity;
        currentPromise = Promise.resolve(identity);
        pending = undefined;
        return identity;
      },
      (error: unknown) => {
        failedAt = now();
        pending = undefined;
        throw error;
      },
    );
    return pending;
  };

  return (request) => {
    const t = now();
    if (current !== undefined && currentPromise !== undefined && !request?.forceRefresh) {
      const expiresAt = current.expiresAt;
      if (expiresAt === undefined || expiresAt - refreshAheadMs > t) return currentPromise;
      if (expiresAt > t) {
        // Still valid: refresh, but fall back to what we have if the source fails right now.
        if (t - failedAt < retryAfterFailureMs) return currentPromise;
        const still = currentPromise;
        return refresh(request).catch(() => still);
      }
    }
    return refresh(request);
  };
}
