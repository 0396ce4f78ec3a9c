// @hcdr/core/raw — the path-based escape hatch: an openapi-fetch client over a client's own pipeline
// (same signing, retries, timeouts, agents and retry quota). A separate entry point, so a bundle
// that only calls client methods does not carry openapi-fetch.
import createClient, { type Client, type Middleware } from 'openapi-fetch';
import { CLIENT_PIPELINE, type ClientPipeline } from '../client/create-api-client.js';
import type { OperationTable } from '../client/operation-types.js';
import { parseJsonBody } from '../errors/invalid-json.js';
import { fetchOver } from '../transport/create-transport.js';

export type { Client, Middleware } from 'openapi-fetch';

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
 * createRawClient installs it; add it when plugging createTransport into openapi-fetch yourself:
 * `client.use(jsonResponseGuard())`.
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
 * An openapi-fetch client over `client`'s pipeline, typed by the client package's `paths`:
 * `createRawClient<paths>(gdb).GET('/v3/{project_id}/jobs', { params: { path: { project_id }, query: { id } } })`.
 * Results follow openapi-fetch (`{ data, error, response }`); transport failures throw the typed
 * errors. `middleware` is installed before the JSON check (which sees the transport's answer first).
 */
export function createRawClient<Paths extends {}>(client: object, middleware: readonly Middleware[] = []): Client<Paths> {
  const pipeline = (client as { [CLIENT_PIPELINE]?: ClientPipeline })[CLIENT_PIPELINE];
  if (!pipeline) throw new TypeError('createRawClient: expected a client made by createApiClient (e.g. createGeminiDbClient)');
  const tags = new WeakMap<Request, string>();
  const raw = createClient<Paths>({ baseUrl: pipeline.baseUrl, fetch: fetchOver(pipeline.send, (request) => tags.get(request)) });
  raw.use(...middleware, operationTagger(pipeline.table, tags), jsonResponseGuard((request) => tags.get(request)));
  return raw;
}
