// The workflows accept clients in either result mode: `throwOnError: true` (data, errors thrown) or
// the default openapi-fetch `{ data, error, response }`. This turns both into data-or-throw.
import { toApiError } from '@hcdr/core';

interface Envelope {
  data?: unknown;
  error?: unknown;
  response: Response;
}

function isEnvelope(value: unknown): value is Envelope {
  return typeof value === 'object' && value !== null && 'response' in value && (value as { response: unknown }).response instanceof Response;
}

/** The data of a call made with either kind of client; error envelopes become HuaweiCloudApiError. */
export function unwrap(value: unknown, operation: string): unknown {
  if (!isEnvelope(value)) return value;
  if (value.error !== undefined || !value.response.ok) throw toApiError(value.response, value.error, operation);
  return value.data;
}
