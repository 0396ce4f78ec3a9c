// The one place where config, transport and the generated operation table meet. The service client
// packages are a few lines on top of this, so both behave identically.
import createClient, { type Client, type Middleware } from 'openapi-fetch';
import { parseJsonBody } from '../errors/invalid-json.js';
import { resolveClientConfig, type ResolveClientConfigOptions, type ResolvedClientConfig } from '../config/resolve-config.js';
import { createSender, fetchOver, type TransportOptions } from '../transport/create-transport.js';
import { bindOperations } from './bind-operations.js';
import { createOperationSender } from './send-operation.js';
import type { ServiceDescriptor } from '../service/service-descriptor.js';
import type { OperationMethods, OperationTable, WithResponse } from './operation-types.js';
import { HuaweiCloudConfigError } from '../errors/errors.js';

export interface ApiClientOptions
  extends Omit<ResolveClientConfigOptions, 'service'>,
    Omit<TransportOptions, 'auth' | 'projectId' | 'operationName'> {
  /**
   * Extra openapi-fetch middleware, run before the transport (which signs last, per attempt). With
   * middleware (given here or added later with `raw.use`) the methods go through openapi-fetch
   * (`raw`); without, straight to the transport.
   */
  middleware?: readonly Middleware[];
}

/** Meta members of a client; operation methods sit next to them. */
export interface ApiClientMeta<Paths extends {}> {
  /** The underlying openapi-fetch client (same transport, same middleware), for path-based calls. */
  readonly raw: Client<Paths>;
  /** Resolved region, project, endpoint and credential sources. Serialises without secrets. */
  readonly config: ResolvedClientConfig;
}

/**
 * A client: one method per operation, resolving to the response data and throwing a typed
 * `HuaweiCloudError` for anything else (HTTP errors, network failures, timeouts, aborts, bad input).
 * `withResponse` has the same methods, resolving to `{ data, response }`.
 */
export type ApiClient<Paths extends {}, Methods> = ApiClientMeta<Paths> & Methods & { readonly withResponse: WithResponse<Methods> };

const RESERVED = new Set(['raw', 'config', 'withResponse']);

/**
 * Tags each Request with its operationId so transport errors and logs name the operation.
 * A WeakMap keeps the tag off the wire (nothing is added to the request itself).
 */
function operationTagger(table: OperationTable, tags: WeakMap<Request, string>): Middleware {
  const byRoute = new Map(Object.entries(table).map(([id, d]) => [`${d.method} ${d.path}`, id]));
  return {
    onRequest({ request, schemaPath }) {
      const id = byRoute.get(`${request.method} ${schemaPath}`);
      if (id) tags.set(request, id);
    },
  };
}

/**
 * openapi-fetch middleware that checks a success body is valid JSON before openapi-fetch parses
 * it, so a truncated body or an HTML page answering 200 throws HuaweiCloudInvalidResponseError
 * (naming the operation, status and request id) instead of a bare SyntaxError.
 *
 * It is middleware rather than part of the transport because only openapi-fetch knows whether the
 * caller asked for JSON (`parseAs`); the transport stays content-agnostic. It applies openapi-fetch's
 * own rule for when a body is parsed (parseAs `json`, a 2xx other than 204, not HEAD, not empty).
 * The transport has already buffered the body (within maxResponseBytes), so the extra parse costs
 * little. createApiClient installs it; add it when plugging createTransport into openapi-fetch
 * yourself: `client.use(jsonResponseGuard())`.
 */
export function jsonResponseGuard(
  operationOf: (request: Request, schemaPath: string) => string | undefined = () => undefined,
): Middleware {
  return {
    async onResponse({ request, response, schemaPath, options }) {
      if (options.parseAs !== 'json' || !response.ok || response.status === 204 || request.method === 'HEAD') return undefined;
      const length = response.headers.get('content-length');
      if (length === '0' && !response.headers.get('transfer-encoding')?.includes('chunked')) return undefined;
      const bytes = new Uint8Array(await response.clone().arrayBuffer());
      // Without a Content-Length, openapi-fetch reads an empty body as `undefined` data.
      if (bytes.byteLength === 0 && length === null) return undefined;
      parseJsonBody(bytes, response, operationOf(request, schemaPath) ?? `${request.method} ${schemaPath}`);
      return undefined;
    },
  };
}

/**
 * Builds a client for the service a client package describes: one method per row of its operation
 * table, with its endpoints, error rules and secret fields.
 */
export function createApiClient<Paths extends {}, Ops, Methods = OperationMethods<Ops>>(
  service: ServiceDescriptor,
  options: ApiClientOptions = {},
): ApiClient<Paths, Methods> {
  const table = service.operations;
  const { middleware = [], ...rest } = options;
  // Removed in 0.2 (methods always throw); plain-JS callers that relied on `{ data, error }` results are told so.
  if ((rest as { throwOnError?: unknown }).throwOnError === false) {
    throw new HuaweiCloudConfigError(
      [{ setting: 'throwOnError', message: 'throwOnError: false is no longer supported: methods resolve to the data and throw; use client.withResponse for { data, response }.' }],
      'Invalid client options',
    );
  }
  const config = resolveClientConfig({ ...rest, service });
  const tags = new WeakMap<Request, string>();
  const errorRules = { busyCodes: rest.busyCodes ?? service.busyCodes, errorFields: service.errorFields };
  const errorOptions = { ...errorRules, secretFields: service.secretFields };
  // One pipeline (agents, retry quota) for the methods and `raw`.
  const send = createSender({ ...rest, ...errorRules, auth: config.credentials, projectId: config.projectId });
  const raw = createClient<Paths>({ baseUrl: config.baseUrl, fetch: fetchOver(send, (request) => tags.get(request)) });
  // onResponse runs in reverse order: the JSON check sees the transport's response first.
  raw.use(...middleware, operationTagger(table, tags), jsonResponseGuard((request) => tags.get(request)));
  // Middleware added later with `raw.use` (an evidence recorder, a tracer) must see the method calls
  // too: while any caller middleware is installed, the methods go through openapi-fetch.
  const callerMiddleware: Middleware[] = [...middleware];
  const { use, eject } = raw;
  raw.use = (...added) => {
    use(...added);
    for (const m of added) if (m) callerMiddleware.push(m);
  };
  raw.eject = (...removed) => {
    eject(...removed);
    for (const m of removed) {
      const i = callerMiddleware.indexOf(m);
      if (i !== -1) callerMiddleware.splice(i, 1);
    }
  };

  for (const id of Object.keys(table)) {
    if (RESERVED.has(id)) throw new Error(`operationId "${id}" collides with a client member`);
  }
  const { methods, withResponse } = bindOperations(raw as unknown as Client<Record<string, never>>, table, {
    projectId: config.projectId,
    send: createOperationSender(send, config.baseUrl, errorOptions),
    direct: () => callerMiddleware.length === 0,
    errorRules,
    secretFields: service.secretFields,
  });
  return Object.assign(Object.create(null) as object, methods, { raw, config, withResponse }) as ApiClient<Paths, Methods>;
}
