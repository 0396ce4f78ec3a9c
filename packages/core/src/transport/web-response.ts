import { rememberSecretsFor } from '../errors/to-api-error.js';
import { attachCallMetadata } from './call-metadata.js';
import { NULL_BODY_STATUSES } from './http-handler.js';
import type { SentResponse } from './send-request.js';

/**
 * A standard Response over a call's buffered answer (for openapi-fetch and `withResponse`), carrying
 * the call's metadata and the secrets errors built from it must scrub.
 */
export function toWebResponse(sent: SentResponse, url: URL): Response {
  const response = new Response(NULL_BODY_STATUSES.has(sent.status) ? null : (sent.body as Uint8Array<ArrayBuffer>), {
    status: sent.status,
    statusText: sent.statusText,
    headers: sent.headers,
  });
  Object.defineProperty(response, 'url', { value: url.href });
  rememberSecretsFor(response, sent.secrets);
  return attachCallMetadata(response, sent.metadata);
}
