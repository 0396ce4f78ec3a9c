import type { AkSkAuth, TokenAuth } from '../config/resolve-config.js';

/** Credentials for one or more requests; `expiresAt` marks temporary ones (ms since the epoch). */
export type CredentialIdentity = (AkSkAuth | TokenAuth) & {
  /** When these credentials stop working; undefined: they do not expire (permanent AK/SK). */
  expiresAt?: number | undefined;
};

/** What a provider is told about the attempt it resolves credentials for. */
export interface CredentialRequest {
  /** The caller's signal; a provider may give up when it fires. */
  signal?: AbortSignal | undefined;
  /** Ignore any cached identity (the server rejected it). */
  forceRefresh?: boolean | undefined;
}

/**
 * Resolves credentials. Called before every attempt, so it must be cheap when nothing changed:
 * wrap slow sources in refreshingCredentials(), which caches and refreshes ahead of expiry.
 */
export type CredentialProvider = (request?: CredentialRequest) => Promise<CredentialIdentity>;
