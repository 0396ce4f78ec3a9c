// Binds one method per row of a generated operation table onto an openapi-fetch client.
import type { Client } from 'openapi-fetch';
import { type HuaweiCloudError, isHuaweiCloudError } from '../errors/base.js';
import { toApiError } from '../errors/to-api-error.js';
import { createSensitiveKeyMatcher } from '../logging/redact.js';
import type { ServiceErrorRules } from '../service/service-descriptor.js';
import { checkInput } from './check-input.js';
import type { OperationSender } from './send-operation.js';
import type { CallOptions, DataAndResponse, OperationTable } from './operation-types.js';

export interface BindContext {
  /** Filled into `{project_id}` unless the call passes its own. */
  projectId: string;
  /** Sends calls straight to the transport pipeline; without it they go through openapi-fetch (`raw`, with its middleware). */
  send?: OperationSender | undefined;
  /** Whether `send` may be used for the call starting now (false while openapi-fetch middleware is installed). */
  direct?: (() => boolean) | undefined;
  /** How the service reports errors (busy codes, envelope fields). */
  errorRules: ServiceErrorRules;
  /** Body fields the spec marks secret. */
  secretFields: readonly string[];
}

type Call = (input?: unknown, options?: CallOptions | null) => Promise<DataAndResponse<unknown>>;

export interface BoundOperations {
  /** Resolve to the data. */
  methods: Record<string, (input?: unknown, options?: CallOptions | null) => Promise<unknown>>;
  /** Resolve to `{ data, response }`. */
  withResponse: Record<string, Call>;
}

/**
 * String values of the request body under the fields the spec marks secret (and, as a safety net,
 * under secret-looking keys). A server that echoes the request back in an error must not get them
 * into an error.
 */
function bodySecrets(body: unknown, isSensitiveKey: (key: string) => boolean): string[] {
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

export function bindOperations(raw: Client<Record<string, never>>, table: OperationTable, context: BindContext): BoundOperations {
  const isSensitiveKey = createSensitiveKeyMatcher(context.secretFields);
  const errorOptions = { ...context.errorRules, secretFields: context.secretFields };
  const methods: BoundOperations['methods'] = {};
  const withResponse: BoundOperations['withResponse'] = {};
  for (const [operationId, descriptor] of Object.entries(table)) {
    const invoke = async (input: unknown, callOptions: CallOptions | null | undefined, wantResponse: boolean): Promise<DataAndResponse<unknown>> => {
      const options: CallOptions = callOptions ?? {};
      const checked = checkInput(operationId, descriptor, input, options.headers, context.projectId);
      const headers = withProjectHeader(checked.headers, checked.path, context.projectId);
      if (context.send && (context.direct?.() ?? true)) {
        return (await context.send({
          operationId,
          descriptor,
          checked,
          headers,
          signal: options.signal,
          bodySecrets: () => bodySecrets(checked.body, isSensitiveKey),
          withResponse: wantResponse,
        })) as DataAndResponse<unknown>;
      }
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
      // openapi-fetch gives `error: undefined` for an empty error body: the status decides, not `error`.
      if (!result.response.ok) {
        throw toApiError(result.response, result.error, operationId, { ...errorOptions, secrets: bodySecrets(checked.body, isSensitiveKey) });
      }
      return { data: result.data, response: result.response };
    };
    withResponse[operationId] = (input, options) => invoke(input, options, true);
    methods[operationId] = async (input, options) => (await invoke(input, options, false)).data;
  }
  return { methods, withResponse };
}
