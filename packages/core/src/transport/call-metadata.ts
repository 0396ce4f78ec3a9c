/** What one call took: attempts, time and the server's request id. Attached to results and errors. */
export interface CallMetadata {
  /** Attempts made (1 when the first one settled it). */
  readonly attempts: number;
  /** From the start of the first attempt to the end of the last, back-off waits included, in ms. */
  readonly totalMs: number;
  /** Of which spent waiting between attempts (back-off, Retry-After), in ms. */
  readonly retryDelayMs: number;
  /** HTTP status of the last response (undefined when none arrived). */
  readonly status: number | undefined;
  /** X-Request-Id of the last response, for Huawei Cloud support. */
  readonly requestId: string | undefined;
}

const metadataOf = new WeakMap<object, CallMetadata>();

/** @internal Records the metadata of the call that produced `target` (a result, a Response or an error). */
export function attachCallMetadata<T extends object>(target: T, metadata: CallMetadata): T {
  metadataOf.set(target, metadata);
  if (target instanceof Error) Object.defineProperty(target, '$metadata', { value: metadata, enumerable: true, configurable: true });
  return target;
}

/**
 * The metadata of the call that returned `value` (a client method's data object, a Response from
 * the transport) or threw it (any error of a call; also on `error.$metadata`). Undefined for values
 * no call produced, and for primitives (a call whose data is `undefined` has nothing to carry it).
 */
export function callMetadata(value: unknown): CallMetadata | undefined {
  return typeof value === 'object' && value !== null ? metadataOf.get(value) : undefined;
}
