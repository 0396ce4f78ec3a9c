/**
 * Error base class and cross-copy branding.
 *
 * A CLI and a library can end up with two copies of @hcdr/core in node_modules;
 * `instanceof` then fails across the copies. Every error therefore carries a
 * brand under a registry symbol (Symbol.for), which the `is*` guards and
 * `instanceof` both consult.
 */
import type { CallMetadata } from '../transport/call-metadata.js';

/** Registry symbol, identical in every copy of this package. */
export const ERROR_BRAND: unique symbol = Symbol.for('@hcdr/core/error-brand');

/** Names every branded error class can carry. */
export type HuaweiCloudErrorName =
  | 'HuaweiCloudError'
  | 'HuaweiCloudApiError'
  | 'HuaweiCloudNetworkError'
  | 'HuaweiCloudTimeoutError'
  | 'HuaweiCloudAbortError'
  | 'HuaweiCloudConfigError'
  | 'HuaweiCloudWaiterError'
  | 'HuaweiCloudValidationError'
  | 'HuaweiCloudInvalidResponseError';

const BRAND_KEY: unique symbol = Symbol.for('@hcdr/core/error-brand-name');

function brandsOf(value: unknown): readonly string[] | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const brands: unknown = (value as Record<PropertyKey, unknown>)[ERROR_BRAND];
  return Array.isArray(brands) && brands.every((b) => typeof b === 'string') ? (brands as string[]) : undefined;
}

/** True when `value` is branded with `name` (by this or any other copy of the package). */
export function hasErrorBrand(value: unknown, name: HuaweiCloudErrorName): boolean {
  return brandsOf(value)?.includes(name) ?? false;
}

/** Base class of every error thrown by @hcdr packages. */
export class HuaweiCloudError extends Error {
  /** Attempts, time and request id of the call that failed (set by the transport; absent for errors raised before a call). */
  declare readonly $metadata?: CallMetadata;

  /** Makes `err instanceof HuaweiCloudXxxError` work across duplicated package copies too. */
  // biome-ignore-start lint/complexity/noThisInStatic: `this` is the subclass `instanceof` was asked about, not this class.
  static override [Symbol.hasInstance](value: unknown): boolean {
    if (Function.prototype[Symbol.hasInstance].call(this, value)) return true;
    // Only the classes of this package answer by brand; user subclasses keep plain instanceof.
    if (!Object.hasOwn(this, BRAND_KEY)) return false;
    const name = (this as unknown as Record<symbol, HuaweiCloudErrorName>)[BRAND_KEY];
    return name !== undefined && hasErrorBrand(value, name);
  }
  // biome-ignore-end lint/complexity/noThisInStatic: see above

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'HuaweiCloudError';
    brand(this, 'HuaweiCloudError');
  }
}

/** Adds `name` to the instance's brand list (called by each subclass constructor). */
export function brand(error: Error, name: HuaweiCloudErrorName): void {
  const existing = brandsOf(error) ?? [];
  Object.defineProperty(error, ERROR_BRAND, {
    value: Object.freeze([...existing, name]),
    enumerable: false,
    configurable: true,
    writable: false,
  });
  error.name = name;
}

/** Marks a subclass constructor so `instanceof` can fall back to the brand. */
export function brandClass(ctor: abstract new (...args: never[]) => Error, name: HuaweiCloudErrorName): void {
  Object.defineProperty(ctor, BRAND_KEY, { value: name, enumerable: false });
}

brandClass(HuaweiCloudError, 'HuaweiCloudError');

/** Guard for any error raised by @hcdr packages. */
export function isHuaweiCloudError(value: unknown): value is HuaweiCloudError {
  return hasErrorBrand(value, 'HuaweiCloudError');
}
