// The one place where config, transport and the generated operation table meet. The service client
// packages are a few lines on top of this, so both behave identically.
import { resolveClientConfig, type ResolveClientConfigOptions, type ResolvedClientConfig } from '../config/resolve-config.js';
import type { TransportOptions } from '../transport/create-transport.js';
import { createNodeHttpHandler } from '../transport/node-http-handler.js';
import { createRequestSender, type RequestSender } from '../transport/send-request.js';
import { bindOperations } from './bind-operations.js';
import { createObserverList, type CallObserver } from './call-observer.js';
import { createOperationSender } from './send-operation.js';
import type { ServiceDescriptor } from '../service/service-descriptor.js';
import type { OperationMethods, OperationTable, WithResponse } from './operation-types.js';
import { HuaweiCloudConfigError } from '../errors/errors.js';

export interface ApiClientOptions
  extends Omit<ResolveClientConfigOptions, 'service'>,
    Omit<TransportOptions, 'auth' | 'projectId' | 'operationName' | 'fetch'> {
  /** Observers of every call from the start (more can be attached with `client.observe`). */
  observers?: readonly CallObserver[];
}

/** Meta members of a client; operation methods sit next to them. */
export interface ApiClientMeta {
  /** Resolved region, project, endpoint and credential sources. Serialises without secrets. */
  readonly config: ResolvedClientConfig;
  /** Attaches an observer of every call from now on (evidence, tracing); returns a function that detaches it. */
  observe(observer: CallObserver): () => void;
}

/**
 * A client: one method per operation, resolving to the response data and throwing a typed
 * `HuaweiCloudError` for anything else (HTTP errors, network failures, timeouts, aborts, bad input).
 * `withResponse` has the same methods, resolving to `{ data, response }`. `Paths` is the generated
 * `paths` interface, for the path-based escape hatch (`createRawClient<Paths>(client)` from
 * `@hcdr/core/raw`, which keeps openapi-fetch out of bundles that do not use it).
 */
export type ApiClient<Paths extends {}, Methods> = ApiClientMeta & Methods & { readonly withResponse: WithResponse<Methods> };

const RESERVED = new Set(['config', 'withResponse', 'observe']);

const REPLACED: Record<string, string> = {
  throwOnError: 'is gone: methods throw; client.withResponse gives { data, response }.',
  fetch: 'is gone: pass httpHandler: createFetchHandler(fetch).',
  middleware: 'is gone: pass observers, or use createRawClient from @hcdr/core/raw.',
};

/** Where `@hcdr/core/raw` finds a client's pipeline (so a raw client shares its agents and retry quota). */
export const CLIENT_PIPELINE: unique symbol = Symbol.for('@hcdr/core/client-pipeline');

/** @internal What a client keeps under CLIENT_PIPELINE. */
export interface ClientPipeline {
  readonly send: RequestSender;
  readonly table: OperationTable;
  readonly baseUrl: string;
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
  const { observers: initial, ...rest } = options;
  // Options of 0.1 that are gone: a plain-JS caller is told what replaces them instead of being ignored.
  const gone = Object.entries(REPLACED).filter(([name]) => (rest as Record<string, unknown>)[name] !== undefined);
  if (gone.length) throw new HuaweiCloudConfigError(gone.map(([setting, message]) => ({ setting, message })), 'Invalid client options');
  const config = resolveClientConfig({ ...rest, service });
  const errorRules = { busyCodes: rest.busyCodes ?? service.busyCodes, errorFields: service.errorFields };
  const errorOptions = { ...errorRules, secretFields: service.secretFields };
  // One pipeline (agents, retry quota) for the methods and any raw client made from this one.
  // node:http unless given a handler (createFetchHandler(fetch) for a fetch): a bundle carries only what it uses.
  const handler = rest.httpHandler ?? createNodeHttpHandler({ proxy: rest.proxy });
  const send = createRequestSender({ ...rest, ...errorRules, handler, auth: config.credentials, projectId: config.projectId });
  const observers = createObserverList(initial);

  for (const id of Object.keys(table)) {
    if (RESERVED.has(id)) throw new Error(`operationId "${id}" collides with a client member`);
  }
  const { methods, withResponse } = bindOperations(table, {
    projectId: config.projectId,
    send: createOperationSender(send, config.baseUrl, errorOptions, observers.list),
    secretFields: service.secretFields,
  });
  const client = Object.assign(Object.create(null) as object, methods, { config, withResponse, observe: observers.attach });
  const pipeline: ClientPipeline = { send, table, baseUrl: config.baseUrl };
  Object.defineProperty(client, CLIENT_PIPELINE, { value: pipeline });
  return client as ApiClient<Paths, Methods>;
}
