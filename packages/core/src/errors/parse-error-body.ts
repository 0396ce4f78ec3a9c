/** Service error fields found in an error body. */
export interface ParsedErrorBody {
  code?: string | undefined;
  message?: string | undefined;
  requestId?: string | undefined;
  /** Present on some IAM-policy denials; opaque, base64-like. */
  encodedAuthorizationMessage?: string | undefined;
}

function str(v: unknown): string | undefined {
  if (typeof v === 'string' && v !== '') return v;
  if (typeof v === 'number') return String(v);
  return undefined;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Extra fields of a service's error bodies (a service descriptor's `errorFields`). */
export interface ErrorFields {
  readonly code?: readonly string[] | undefined;
  readonly message?: readonly string[] | undefined;
}

/**
 * Reads the error code and message from the envelopes Huawei Cloud APIs share:
 * `{error_code, error_msg}` (services and the API gateway), `{error: {code, message}}` (newer services),
 * then the service's own `fields`, then a bare `{code, message}`.
 * A JSON text is parsed first. Returns an empty object when nothing matches.
 */
export function parseErrorBody(body: unknown, fields: ErrorFields = {}): ParsedErrorBody {
  let value = body;
  if (typeof value === 'string') {
    const trimmed = value.trim();
    if (!trimmed.startsWith('{')) return {};
    try {
      value = JSON.parse(trimmed);
    } catch {
      return {};
    }
  }
  if (!isRecord(value)) return {};
  const nested = isRecord(value['error']) ? value['error'] : undefined;
  const record = value;
  const first = (keys: readonly string[] | undefined) => (keys ?? []).map((key) => str(record[key])).find((v) => v !== undefined);
  const code =
    str(nested?.['code']) ??
    str(nested?.['error_code']) ??
    str(value['error_code']) ??
    first(fields.code) ??
    str(value['code']);
  const message =
    str(nested?.['message']) ??
    str(nested?.['error_msg']) ??
    str(value['error_msg']) ??
    first(fields.message) ??
    str(value['error_message']) ??
    str(value['message']) ??
    (typeof value['error'] === 'string' ? value['error'] : undefined);
  const requestId = str(value['request_id']) ?? str(nested?.['request_id']);
  const encodedAuthorizationMessage =
    str(value['encoded_authorization_message']) ?? str(nested?.['encoded_authorization_message']);
  return { code, message, requestId, encodedAuthorizationMessage };
}

/** A short, tag-stripped, whitespace-collapsed excerpt of a non-JSON body (e.g. a gateway's HTML 502 page). */
export function textSnippet(text: string, maxLength = 200): string {
  const stripped = text
    .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/gi, ' ')
    .replace(/&lt;/gi, '<')
    .replace(/&gt;/gi, '>')
    .replace(/&quot;/gi, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/gi, '&')
    .replace(/\s+/g, ' ')
    .trim();
  return stripped.length > maxLength ? `${stripped.slice(0, maxLength - 1)}…` : stripped;
}
