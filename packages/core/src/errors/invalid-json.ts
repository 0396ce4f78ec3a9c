import { scrubText } from '../logging/redact.js';
import { HuaweiCloudInvalidResponseError, responseFacts } from './invalid-response-error.js';
import { textSnippet } from './parse-error-body.js';
import { secretsFor, type ResponseLike } from './to-api-error.js';

/** Longest excerpt of a non-JSON body quoted in the error. */
const EXCERPT_LENGTH = 80;

/**
 * Parses a success body as openapi-fetch would, and turns a failure into a typed error instead of
 * the bare SyntaxError `response.json()` throws. The SyntaxError is not kept as `cause`: V8 quotes
 * the start of the body in its message, and a DR body can hold passwords.
 *
 * An excerpt is quoted only when the body does not look like JSON (an HTML login page, a proxy's
 * plain-text error): those are what tell a user what went wrong, while a cut-off JSON body is DR
 * data that must not be copied anywhere.
 */
export function parseJsonBody(bytes: Uint8Array, response: ResponseLike, operation: string): unknown {
  const text = new TextDecoder().decode(bytes);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw invalidJsonError(text, bytes.byteLength, response, operation, error);
  }
}

function invalidJsonError(text: string, byteLength: number, response: ResponseLike, operation: string, parseError: unknown): HuaweiCloudInvalidResponseError {
  const trimmed = text.trim();
  const looksLikeJson = /^[[{"]/.test(trimmed);
  const excerpt = looksLikeJson || trimmed === '' ? undefined : scrubText(textSnippet(trimmed, EXCERPT_LENGTH), secretsFor(response)) || undefined;
  return new HuaweiCloudInvalidResponseError({
    kind: 'invalid-json',
    operation,
    ...responseFacts(response),
    bytesRead: byteLength,
    excerpt,
    endsEarly: looksLikeJson && endsEarly(parseError, trimmed.length),
  });
}

/** True when the parser ran out of input (a cut-off body) rather than met a wrong character. */
function endsEarly(error: unknown, length: number): boolean {
  const message = error instanceof Error ? error.message : '';
  if (/end of JSON input|Unterminated string/i.test(message)) return true;
  const position = /at position (\d+)/.exec(message)?.[1];
  return position !== undefined && Number(position) >= length;
}
