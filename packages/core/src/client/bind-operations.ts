// Binds one method per row of a generated operation table onto an openapi-fetch client.
import type { Client } from 'openapi-fetch';
import { type HuaweiCloudError, isHuaweiCloudError } from '../errors/base.js';
import { toApiError } from '../errors/to-api-error.js';
import { REDACTED, createSensitiveKeyMatcher } from '../logging/redact.js';
import { checkInput } from './check-input.js';
import type { CallOptions, OperationMethods, OperationTable } from './operation-types.js';

export interface BindContext {
  /** Filled into `{project_id}` unless the call passes its own. */
  projectId: string;
  /** true: methods return data and throw `HuaweiCloudApiError`; false: `{ data, error, response }`. */
  throwOnError: boolean;
}

const isSensitiveKey = createSensitiveKeyMatcher();

/**
 * String values under secret-looking keys of the request body (the DR `password`, DWS `db_admin_pwd`).
 * A server that echoes the request back in an error must not get them into an error or a result.
 */
function bodySecrets(body: unknown): string[] {
  const found: string[] = [];
  const walk = (value: unknown, depth: number): void => {
    if (typeof value !== 'object' || value === null || depth > 64) return;
    for (const [key, child] of Object.entries(value)) {
      // The JSON-escaped form too: an echoed request body quotes `a"b` as `a\"b`.
      if (typeof child === 'string' && isSensitiveKey(key)) found.push(child, JSON.stringify(child).slice(1, -1));
      else walk(child, depth + 1);
    }
  };
  walk(body, 0);
  return [...new Set(found)];
}

/** Secrets shorter than this would redact ordinary words (the same limit as scrubText). */
const MIN_SCRUBBED_LENGTH = 6;

/** Deep copy with every occurrence of a known secret in a string replaced. */
function replaceSecrets(value: unknown, secrets: readonly string[], depth = 0): unknown {
  if (typeof value === 'string') {
    let out = value;
    for (const secret of secrets) if (secret.length >= MIN_SCRUBBED_LENGTH) out = out.split(secret).join(REDACTED);
    return out;
  }
  if (typeof value !== 'object' || value === null || depth > 64) return value;
  if (Array.isArray(value)) return value.map((v) => replaceSecrets(v, secrets, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replaceSecrets(v, secrets, depth + 1)]));
}

/**
 * The error body with every secret the call used removed: the body's own secrets first (exact values,
 * before any pattern-based redaction can cut one in half), then secret-looking keys and the transport's
 * credentials, which toApiError knows for this response. A text body goes through the same scrubbing
 * whole, before anything shortens it to a snippet.
 */
function scrubErrorBody(response: Response, error: unknown, operationId: string, secrets: readonly string[]): unknown {
  const pre = replaceSecrets(error, secrets);
  if (typeof pre === 'string') return (toApiError(response, { text: pre }, operationId).details as { text: string }).text;
  if (typeof pre !== 'object' || pre === null) return pre;
  return toApiError(response, pre, operationId).details;
}

/** Labels transport errors (timeouts, network) with the operation that failed. */
function withOperation(error: unknown, operationId: string): unknown {
  if (isHuaweiCloudError(error) && 'operation' in error) {
    const current = (error as HuaweiCloudError & { operation?: string }).operation;
    if (current === undefined || current.includes(' ')) {
      Object.defineProperty(error, 'operation', { value: operationId, enumerable: true });
    }
  }
  return error;
}

/**
 * A call that names another project signs with that project's X-Project-Id too; the transport would
 * otherwise send the client's project in the header and the other one in the path.
 */
function withProjectHeader(
  headers: Record<string, string> | undefined,
  path: Record<string, string>,
  projectId: string,
): Record<string, string> | undefined {
  const project = path['project_id'];
  if (project === undefined || project === projectId) return headers;
  if (headers && Object.keys(headers).some((name) => name.toLowerCase() === 'x-project-id')) return headers;
  return { ...headers, 'X-Project-Id': project };
}

export function bindOperations<Ops, Throw extends boolean>(
  raw: Client<Record<string, never>>,
  table: OperationTable,
  context: BindContext,
): OperationMethods<Ops, Throw> {
  const methods: Record<string, (input?: unknown, options?: CallOptions) => Promise<unknown>> = {};
  for (const [operationId, descriptor] of Object.entries(table)) {
    methods[operationId] = async (input?: unknown, callOptions?: CallOptions | null) => {
      const options: CallOptions = callOptions ?? {};
      const checked = checkInput(operationId, descriptor, input, options.headers, context.projectId);
      const headers = withProjectHeader(checked.headers, checked.path, context.projectId);
      const init = {
        params: { path: checked.path, query: checked.query },
        body: checked.body,
        signal: options.signal,
        headers,
      };
      let result: { data?: unknown; error?: unknown; response: Response };
      try {
        // The table, not the type system, picks the route here; the public types stay per-operation.
        result = await (raw.request as unknown as (m: string, p: string, i: object) => Promise<typeof result>)(
          descriptor.method.toLowerCase(),
          descriptor.path,
          init,
        );
      } catch (error) {
        throw withOperation(error, operationId);
      }
      const secrets = bodySecrets(checked.body);
      const error = result.error === undefined ? undefined : scrubErrorBody(result.response, result.error, operationId, secrets);
      if (!context.throwOnError) return result.error === undefined ? result : { ...result, error };
      if (result.error !== undefined || !result.response.ok) {
        throw toApiError(result.response, error, operationId, { secrets });
      }
      return result.data;
    };
  }
  return methods as unknown as OperationMethods<Ops, Throw>;
}
