/**
 * A token bucket shared by the calls of a client (or of several clients, if they are given the
 * same one), so that an outage does not become a retry storm: every retry spends tokens, a
 * successful call gives some back, and when the bucket is empty failures are returned at once
 * instead of retried. The numbers are aws-sdk-js-v3's standard retry strategy: 500 tokens, a retry
 * costs 5 (10 after a timeout, which ties up a connection for the whole timeout), a call that
 * succeeds first time adds 1, and one that succeeds after retries returns what its last retry took.
 * With the defaults, a total outage allows about 100 retries across all calls; after that each call
 * fails after one attempt until calls succeed again.
 */
export interface RetryQuota {
  /** Takes the cost of one retry; returns the tokens taken, or undefined when the bucket cannot pay (do not retry). */
  acquire(afterTimeout: boolean): number | undefined;
  /** A call succeeded: returns `retryCost` tokens (what its last retry took), or the no-retry increment when it had none. */
  succeeded(retryCost: number | undefined): void;
  /** Tokens left (for diagnostics and tests). */
  readonly available: number;
}

/** Sizes of the retry token bucket (defaults as aws-sdk-js-v3's standard retry strategy). */
export interface RetryQuotaOptions {
  /** Bucket size and initial content (default 500). */
  capacity?: number | undefined;
  /** Tokens a retry takes (default 5). */
  retryCost?: number | undefined;
  /** Tokens a retry after a timeout takes (default 10). */
  timeoutRetryCost?: number | undefined;
  /** Tokens a first-time success adds back (default 1). */
  successIncrement?: number | undefined;
}

/** A retry token bucket; pass the same one as `retryQuota` to several clients to limit their retries together. */
export function createRetryQuota(options: RetryQuotaOptions = {}): RetryQuota {
  const capacity = options.capacity ?? 500;
  const retryCost = options.retryCost ?? 5;
  const timeoutRetryCost = options.timeoutRetryCost ?? 10;
  const successIncrement = options.successIncrement ?? 1;
  let available = capacity;
  return {
    acquire(afterTimeout) {
      const cost = afterTimeout ? timeoutRetryCost : retryCost;
      if (cost > available) return undefined;
      available -= cost;
      return cost;
    },
    succeeded(cost) {
      available = Math.min(capacity, available + (cost ?? successIncrement));
    },
    get available() {
      return available;
    },
  };
}
