/**
 * createTransport: the request pipeline behind a `fetch`-compatible function, for openapi-fetch's
 * `fetch` option (and the clients' `raw` escape hatch). The service clients call the pipeline
 * directly; this adapter turns a Request into an OutgoingRequest and the result back into a Response.
 */
import type { AuthConfig } from '../config/resolve-config.js';
import type { CredentialProvider } from '../credentials/types.js';
import { HuaweiCloudAbortError } from '../errors/errors.js';
import { rememberSecretsFor } from '../errors/to-api-error.js';
import { BufferedResponse } from './buffered-response.js';
import { attachCallMetadata } from './call-metadata.js';
import { DeferredRequest } from './deferred-request.js';
import { createFetchHandler, type FetchLike } from './fetch-handler.js';
import type { HttpHandler } from './http-handler.js';
import { createNodeHttpHandler } from './node-http-handler.js';
import type { ProxySetting } from './proxy.js';
import { createRequestSender, type PipelineOptions, type RequestSender } from './send-request.js';
import { raceWithSignal } from './timeouts.js';

export { TRANSPORT_DEFAULTS, networkErrorCode } from './send-request.js';
export type { FetchLike } from './fetch-handler.js';

/** What createTransport returns: a fetch-compatible function for openapi-fetch's `fetch` option. */
export type Transport = (input: Request | string | URL, init?: RequestInit) => Promise<Response>;

export interface TransportOptions extends Omit<PipelineOptions, 'handler' | 'auth'> {
  /** How to authenticate: static AK/SK, an X-Auth-Token or none (local mocks), or a provider resolved before every attempt. */
  auth: AuthConfig | CredentialProvider;
  /**
   * Send through this fetch instead of node:http (test doubles, wrappers, runtimes without
   * node:http). It receives a Request per attempt.
   */
  fetch?: FetchLike | undefined;
  /** Send through this handler (takes precedence over `fetch`). */
  httpHandler?: HttpHandler | undefined;
  /**
   * Proxy for the default node:http handler: `undefined` (default) follows HTTPS_PROXY / HTTP_PROXY /
   * NO_PROXY from process.env, a URL string forces that proxy, `false` never uses one.
   */
  proxy?: ProxySetting;
  /** Names the operation in errors and logs (e.g. the operationId); default `METHOD /path`. */
  operationName?: ((request: Request) => string | undefined) | undefined;
}

/** The handler a transport or client sends with: the given one, an injected fetch, else node:http. */
export function selectHandler(options: Pick<TransportOptions, 'httpHandler' | 'fetch' | 'proxy'>): HttpHandler {
  if (options.httpHandler) return options.httpHandler;
  if (options.fetch) return createFetchHandler(options.fetch);
  return createNodeHttpHandler({ proxy: options.proxy });
}

/** The pipeline for transport-style options. */
export function createSender(options: TransportOptions): RequestSender {
  return createRequestSender({ ...options, handler: selectHandler(options) });
}

const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

/**
 * Creates the fetch function for openapi-fetch. Per call it reads the request body once; the
 * pipeline then signs and sends each attempt. HTTP errors are returned as Responses (openapi-fetch
 * turns them into `{error}`); network failures, timeouts and aborts throw typed errors.
 */
export function createTransport(options: TransportOptions): Transport {
  const send = createSender(options);
  return async function hcdrFetch(input: Request | string | URL, init?: RequestInit): Promise<Response> {
    const original: Request | DeferredRequest =
      DeferredRequest.is(input) ? input : init === undefined && input instanceof Request ? input : new Request(input, init);
    const method = original.method.toUpperCase();
    const url = new URL(original.url);
    // A DeferredRequest stands in for the Request openapi-fetch created (and middleware tagged).
    const operation = options.operationName?.(original as Request) ?? `${method} ${url.pathname}`;
    const signal = original.signal;
    let body: Uint8Array | string | undefined;
    try {
      body = await bodyOf(original, signal);
    } catch (error) {
      if (signal.aborted) throw new HuaweiCloudAbortError({ operation, reason: signal.reason });
      throw error;
    }
    const headers: Record<string, string> = {};
    original.headers.forEach((value, name) => {
      headers[name] = value;
    });
    const sent = await send({ method, url, headers, body }, { operation, signal });
    const responseInit = { status: sent.status, statusText: sent.statusText, headers: sent.headers };
    const response = NULL_BODY_STATUSES.has(sent.status)
      ? Object.defineProperty(new Response(null, responseInit), 'url', { value: url.href })
      : new BufferedResponse(sent.body as Uint8Array<ArrayBuffer>, responseInit, url.href);
    rememberSecretsFor(response, sent.secrets);
    return attachCallMetadata(response, sent.metadata);
  };
}

/** The request's body, read once: straight from a DeferredRequest's parts, else from the stream. */
async function bodyOf(request: Request | DeferredRequest, signal: AbortSignal): Promise<Uint8Array | string | undefined> {
  if (DeferredRequest.is(request) && !request.materialized) {
    return request.bodyText;
  }
  if (request.body === null) return undefined;
  return new Uint8Array(await raceWithSignal(request.arrayBuffer(), signal));
}
