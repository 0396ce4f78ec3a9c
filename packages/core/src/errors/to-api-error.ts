import { redact, scrubText } from '../logging/redact.js';
import { attachCallMetadata, callMetadata } from '../transport/call-metadata.js';
import { HuaweiCloudApiError } from './api-error.js';
import type { ServiceErrorRules } from '../service/service-descriptor.js';
import { APIGW_AUTH_ERROR_CODE, APIGW_AUTH_HINT, TRANSIENT_STATUSES } from './codes.js';
import { parseErrorBody, textSnippet } from './parse-error-body.js';

/** The parts of a Response that error mapping needs. */
export type ResponseLike = Pick<Response, 'status' | 'statusText' | 'headers'> & { url?: string };

/**
 * Secret values the transport used for a given response, so errors built from that response
 * can scrub them even if the server echoes them back. Weak: entries die with the Response.
 */
const secretsByResponse = new WeakMap<object, readonly string[]>();

/** @internal Called by the transport. */
export function rememberSecretsFor(response: object, secrets: readonly string[]): void {
  if (secrets.length) secretsByResponse.set(response, secrets);
}

/** @internal The secrets remembered for a response (empty when none). */
export function secretsFor(response: object): readonly string[] {
  return secretsByResponse.get(response) ?? [];
}

/** The service's error rules (a service descriptor fits), plus values to scrub. */
export interface ToApiErrorOptions extends ServiceErrorRules {
  /** Extra exact values to scrub from the message and details. */
  secrets?: readonly string[] | undefined;
  /** Body field names whose values are always redacted in `details` (a descriptor's `secretFields`). */
  secretFields?: readonly string[] | undefined;
}

/**
 * Builds a HuaweiCloudApiError from an error response and its body, as openapi-fetch returns it
 * (`error` is the parsed JSON, or the raw text when the body was not JSON, or undefined when empty).
 *
 * @param operation operationId when known; defaults to `METHOD /path` if the caller passes that, else the URL path.
 */
export function toApiError(
  response: ResponseLike,
  body: unknown,
  operation?: string,
  options: ToApiErrorOptions = {},
): HuaweiCloudApiError {
  const secrets = [...(secretsByResponse.get(response) ?? []), ...(options.secrets ?? [])];
  const parsed = parseErrorBody(body, options.errorFields);
  const status = response.status;

  let errorMessage: string;
  if (parsed.message !== undefined) errorMessage = parsed.message;
  else if (typeof body === 'string' && body.trim() !== '') {
    // Scrubbed before shortening, so a secret cut at the snippet's end cannot survive as a fragment.
    const snippet = textSnippet(scrubText(body, secrets));
    errorMessage = `${statusLine(response)}: ${snippet}`;
  } else errorMessage = statusLine(response);

  const code = parsed.code;
  const busy = code !== undefined && (options.busyCodes ?? []).includes(code);
  const retryable = TRANSIENT_STATUSES.includes(status) || busy;
  const requestId = response.headers.get('x-request-id') ?? parsed.requestId ?? undefined;
  const hint = code === APIGW_AUTH_ERROR_CODE ? APIGW_AUTH_HINT : undefined;
  const details = typeof body === 'object' && body !== null ? scrubDeep(redact(body, { keys: options.secretFields ?? [] }), secrets) : undefined;

  const error = new HuaweiCloudApiError({
    status,
    code,
    errorMessage: scrubText(errorMessage, secrets),
    requestId,
    operation: operation ?? operationFromUrl(response.url),
    retryable,
    busy,
    hint,
    details,
  });
  // The transport recorded the call's attempts and timing on the response; the error carries them on.
  const metadata = callMetadata(response);
  return metadata ? attachCallMetadata(error, metadata) : error;
}

function statusLine(response: ResponseLike): string {
  return response.statusText ? `HTTP ${response.status} ${response.statusText}` : `HTTP ${response.status}`;
}

function operationFromUrl(url: string | undefined): string {
  if (!url) return 'unknown operation';
  try {
    return new URL(url).pathname;
  } catch {
    return 'unknown operation';
  }
}

function scrubDeep(value: unknown, secrets: readonly string[]): unknown {
  if (typeof value === 'string') return scrubText(value, secrets);
  if (Array.isArray(value)) return value.map((v) => scrubDeep(v, secrets));
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = scrubDeep(v, secrets);
    return out;
  }
  return value;
}
