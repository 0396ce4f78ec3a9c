// What a client package tells @hcdr/core about its API. Core itself names no service: a third API is
// a new client package with its own descriptor, not an edit here.
import type { OperationTable } from '../client/operation-types.js';

/** Where a service's API is: its region table and the official SDKs' endpoint-override key. */
export interface ServiceEndpoints {
  /** Short name used in messages and logs, e.g. `ecs`. */
  readonly name: string;
  /**
   * Region ID → base URL (https, no trailing slash). Written out rather than computed from a pattern:
   * hosts differ per region (`.eu`, `.cn` exceptions).
   */
  readonly endpoints: Readonly<Record<string, string>>;
  /** `{SERVICE}` of the `HUAWEICLOUD_SDK_REGION_{SERVICE}_{REGION}` override the official SDKs read, e.g. `ECS`. */
  readonly endpointEnvKey: string;
}

/** How a service reports errors, beyond the envelopes every Huawei Cloud API shares. */
export interface ServiceErrorRules {
  /**
   * Error codes meaning "busy, nothing was done" (another operation is running on the resource):
   * such errors have `busy: true` and `retryable: true`, and `retryBusy: true` retries them.
   */
  readonly busyCodes?: readonly string[] | undefined;
  /**
   * Extra JSON fields of this service's error bodies holding the error code or message, read after
   * the shared envelopes (`error_code`/`error_msg`, `error.code`/`error.message`) and before a bare
   * `code`/`message`.
   */
  readonly errorFields?: { readonly code?: readonly string[] | undefined; readonly message?: readonly string[] | undefined } | undefined;
}

/** Everything a client package hands to `createApiClient`. */
export interface ServiceDescriptor extends ServiceEndpoints, ServiceErrorRules {
  /** The generated operation table: routes, parameters, success statuses and async metadata. */
  readonly operations: OperationTable;
  /** Request-body field names the spec marks secret (generated `secretFields`): always redacted and scrubbed. */
  readonly secretFields: readonly string[];
}
