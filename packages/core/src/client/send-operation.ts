// The call path of the client methods: an operation's checked input becomes one request for the
// transport pipeline, and its response becomes the data (or a typed error) — with openapi-fetch's
// rules for URLs, headers and bodies, but without building a Request or a Response per call (on
// Node 20 those cost more than the rest of the call); `withResponse` calls get a Response built
// from the buffered answer. Call observers are told here, once per call.
import { attachCallMetadata } from '../transport/call-metadata.js';
import { parseJsonBody } from '../errors/invalid-json.js';
import { rememberSecretsFor, toApiError, type ResponseLike, type ToApiErrorOptions } from '../errors/to-api-error.js';
import type { RequestSender, SentResponse } from '../transport/send-request.js';
import { toWebResponse } from '../transport/web-response.js';
import type { CallObserver, ObservedCall } from './call-observer.js';
import { notifyObservers } from './call-observer.js';
import type { CheckedInput } from './check-input.js';
import type { OperationDescriptor } from './operation-types.js';

const decoder = new TextDecoder();
const PATH_PARAM = /\{([^{}]+)\}/g;

export interface OperationCall {
  operationId: string;
  descriptor: OperationDescriptor;
  checked: CheckedInput;
  /** The call's headers (after the X-Project-Id adjustment). */
  headers: Record<string, string> | undefined;
  signal: AbortSignal | undefined;
  /** Secret values from the request body, scrubbed from errors (computed only for an error). */
  bodySecrets: () => readonly string[];
  /** Build a Response for the result (withResponse). */
  withResponse: boolean;
}

export type OperationSender = (call: OperationCall) => Promise<{ data: unknown; response: Response | undefined }>;

/** openapi-fetch's default serialisation: `simple` path parameters, `form` query, names as declared. */
function operationUrl(baseUrl: string, descriptor: OperationDescriptor, checked: CheckedInput): URL {
  let url = baseUrl + descriptor.path.replace(PATH_PARAM, (_, name: string) => encodeURIComponent(checked.path[name] ?? ''));
  if (checked.query) {
    let separator = '?';
    for (const name in checked.query) {
      url += `${separator}${name}=${encodeURIComponent(String(checked.query[name]))}`;
      separator = '&';
    }
  }
  return new URL(url);
}

/** What error mapping needs of a response (a Headers object only on this slow path). */
function responseLike(sent: SentResponse, url: URL): ResponseLike {
  const like = { status: sent.status, statusText: sent.statusText, headers: new Headers(sent.headers), url: url.href };
  rememberSecretsFor(like, sent.secrets);
  return attachCallMetadata(like, sent.metadata);
}

/**
 * @param errorOptions the service's error rules and secret fields, for errors built from its answers.
 */
export function createOperationSender(
  send: RequestSender,
  baseUrl: string,
  errorOptions: ToApiErrorOptions = {},
  observers: readonly CallObserver[] = [],
): OperationSender {
  return async (call) => {
    const { descriptor, checked, operationId } = call;
    const method = descriptor.method;
    const url = operationUrl(baseUrl, descriptor, checked);
    const headers: Record<string, string> = {};
    const body = checked.body === undefined ? undefined : JSON.stringify(checked.body);
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (call.headers) for (const name in call.headers) headers[name.toLowerCase()] = call.headers[name] as string;

    // The observers attached when the call starts see all of it (one attached or detached meanwhile does not change that).
    const watching = observers.length > 0 ? [...observers] : undefined;
    const observed: ObservedCall | undefined = watching && { operation: operationId, method, path: descriptor.path, url: url.href };
    if (watching && observed) notifyObservers(watching, (o) => o.onRequest?.(observed));
    let sent: SentResponse;
    try {
      sent = await send({ method, url, headers, body }, { operation: operationId, signal: call.signal });
    } catch (error) {
      if (watching && observed) notifyObservers(watching, (o) => o.onError?.(observed, error));
      throw error;
    }
    if (watching && observed) {
      const answer = { status: sent.status, headers: sent.headers, metadata: sent.metadata };
      notifyObservers(watching, (o) => o.onResponse?.(observed, answer));
    }

    // openapi-fetch's rules: no body for 204, HEAD or an explicit Content-Length of 0.
    const length = sent.headers['content-length'];
    const empty = sent.status === 204 || method === 'HEAD' || (length === '0' && !sent.headers['transfer-encoding']?.includes('chunked'));
    const ok = sent.status >= 200 && sent.status < 300;
    if (!ok) {
      let errorBody: unknown;
      if (!empty) {
        const text = decoder.decode(sent.body);
        try {
          errorBody = JSON.parse(text);
        } catch {
          errorBody = text;
        }
      }
      throw toApiError(responseLike(sent, url), errorBody, operationId, { ...errorOptions, secrets: call.bodySecrets() });
    }
    let data: unknown;
    // Without a Content-Length, an empty body is `undefined` data (openapi-fetch reads text first).
    if (!empty && !(sent.body.byteLength === 0 && length === undefined)) {
      try {
        data = JSON.parse(decoder.decode(sent.body));
      } catch {
        // Throws the rich error (operation, status, request id, a safe excerpt), built only when needed.
        data = parseJsonBody(sent.body, responseLike(sent, url), operationId);
      }
    }
    if (typeof data === 'object' && data !== null) attachCallMetadata(data, sent.metadata);
    return { data, response: call.withResponse ? toWebResponse(sent, url) : undefined };
  };
}
