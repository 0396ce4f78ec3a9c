/**
 * createTransport: the request pipeline behind a `fetch`-compatible function, for openapi-fetch's
 * `fetch` option (and the clients' `raw` escape hatch). The service clients call the pipeline
 * directly; this adapter turns a Request into an OutgoingRequest and the result back into a Response.
 */
import { HuaweiCloudAbortError } from '../errors/errors.js';
import { createFetchHandler } from './fetch-handler.js';
import type { HttpHandler } from './http-handler.js';
import { createNodeHttpHandler } from './node-http-handler.js';
import { createRequestSender, type RequestSender } from './send-request.js';
import { raceWithSignal } from './timeouts.js';
import type { TransportOptions } from './transport-options.js';
import { toWebResponse } from './web-response.js';

export { TRANSPORT_DEFAULTS, networkErrorCode } from './send-request.js';
export type { FetchLike } from './fetch-handler.js';
export type { TransportOptions } from './transport-options.js';

/** What createTransport returns: a fetch-compatible function for openapi-fetch's `fetch` option. */
export type Transport = (input: Request | string | URL, init?: RequestInit) => Promise<Response>;

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

/**
 * Creates the fetch function for openapi-fetch. Per call it reads the request body once; the
 * pipeline then signs and sends each attempt. HTTP errors are returned as Responses (openapi-fetch
 * turns them into `{error}`); network failures, timeouts and aborts throw typed errors.
 */
export function createTransport(options: TransportOptions): Transport {
  return fetchOver(createSender(options), options.operationName);
}

/** A fetch-compatible function over an existing pipeline (so a client's `raw` shares its agents and retry quota). */
export function fetchOver(send: RequestSender, operationName?: (request: Request) => string | undefined): Transport {
  return async function hcdrFetch(input: Request | string | URL, init?: RequestInit): Promise<Response> {
    const request = init === undefined && input instanceof Request ? input : new Request(input, init);
    const method = request.method.toUpperCase();
    const url = new URL(request.url);
    const operation = operationName?.(request) ?? `${method} ${url.pathname}`;
    const signal = request.signal;
    let body: Uint8Array | undefined;
    try {
      body = request.body === null ? undefined : new Uint8Array(await raceWithSignal(request.arrayBuffer(), signal));
    } catch (error) {
      if (signal.aborted) throw new HuaweiCloudAbortError({ operation, reason: signal.reason });
      throw error;
    }
    const headers: Record<string, string> = {};
    request.headers.forEach((value, name) => {
      headers[name] = value;
    });
    return toWebResponse(await send({ method, url, headers, body }, { operation, signal }), url);
  };
}
