// Types that turn openapi-typescript's `operations` interface into one typed method per operationId.
// Path parameters are flattened into the input (Octokit style); `query` and `body` stay namespaced so a
// query field can never be confused with a body field. `project_id` comes from the client configuration.
import type { ErrorResponseJSON, RequiredKeysOf, SuccessResponseJSON } from 'openapi-typescript-helpers';

/** What the generated `operations.ts` table holds for each operation. */
export interface OperationDescriptor {
  readonly method: 'GET' | 'PUT' | 'POST' | 'DELETE' | 'PATCH' | 'HEAD' | 'OPTIONS';
  readonly path: string;
  readonly successStatuses: readonly number[];
  readonly pathParams: readonly string[];
  readonly queryParams: readonly string[];
  readonly requiredQueryParams: readonly string[];
  readonly body: 'required' | 'optional' | 'none';
  readonly async: string | null;
  readonly waitStatuses: { readonly target: readonly string[]; readonly failure: readonly string[]; readonly unverified: boolean } | null;
}

export type OperationTable = Readonly<Record<string, OperationDescriptor>>;

/** The path part of an operation's input: its path parameters, `project_id` optional (the client's by default). */
export type OperationPathInput<Op> = Op extends { parameters: { path: infer Path extends object } }
  ? Omit<Path, 'project_id'> & ('project_id' extends keyof Path ? { /** Defaults to the client's project. */ project_id?: string } : {})
  : {};

/** The `query` part of an operation's input (required when a query parameter is). */
export type OperationQueryInput<Op> = Op extends { parameters: { query?: infer Query } }
  ? [Exclude<Query, undefined>] extends [never]
    ? {}
    : RequiredKeysOf<Exclude<Query, undefined>> extends never
      ? { query?: Exclude<Query, undefined> }
      : { query: Exclude<Query, undefined> }
  : {};

/** The `body` part of an operation's input (required when the request body is). */
export type OperationBodyInput<Op> = Op extends { requestBody?: never }
  ? {}
  : Op extends { requestBody: { content: { 'application/json': infer B } } }
    ? { body: B }
    : Op extends { requestBody?: { content: { 'application/json': infer B } } }
      ? { body?: B }
      : {};

/** The single argument of an operation method: path parameters flattened, `query` and `body` namespaced. */
export type OperationInput<Op> =
  OperationPathInput<Op> & OperationQueryInput<Op> & OperationBodyInput<Op> extends infer Input ? { [K in keyof Input]: Input[K] } : never;

/** The parsed JSON body of a successful response (`undefined` for 204). */
export type OperationData<Op> = [SuccessResponseJSON<Op & Record<string | number, unknown>>] extends [never]
  ? undefined
  : SuccessResponseJSON<Op & Record<string | number, unknown>>;

/** The parsed JSON body of a documented error response. */
export type OperationErrorBody<Op> = ErrorResponseJSON<Op & Record<string | number, unknown>>;

/** Per-call options. */
export interface CallOptions {
  /** Cancels the call (and any retry back-off) immediately. */
  signal?: AbortSignal;
  /** Extra request headers, e.g. `{ Prefer: 'code=409' }` against a Prism mock. */
  headers?: Record<string, string>;
}

/** The arguments of an operation method: its input (optional when nothing in it is required) and call options. */
export type OperationArgs<Op> =
  RequiredKeysOf<OperationInput<Op>> extends never
    ? [input?: OperationInput<Op>, options?: CallOptions]
    : [input: OperationInput<Op>, options?: CallOptions];

/** One method per operation: resolves to the response data, throws a typed `HuaweiCloudError` otherwise. */
export type OperationMethods<Ops> = {
  [K in keyof Ops]: (...args: OperationArgs<Ops[K]>) => Promise<OperationData<Ops[K]>>;
};

/** What a `withResponse` method resolves to: the data and the HTTP response it came from. */
export interface DataAndResponse<Data> {
  data: Data;
  /** The (buffered) HTTP response: status, headers such as `X-Request-Id`. */
  response: Response;
}

/** The same methods, resolving to `{ data, response }` instead of the data alone (they throw the same errors). */
export type WithResponse<Methods> = {
  [K in keyof Methods]: Methods[K] extends (...args: infer A) => Promise<infer D> ? (...args: A) => Promise<DataAndResponse<D>> : never;
};
