// Binds one method per row of a generated operation table to the transport pipeline.
import { createSensitiveKeyMatcher } from '../logging/redact.js';
import { checkInput } from './check-input.js';
import type { OperationSender } from './send-operation.js';
import type { CallOptions, DataAndResponse, OperationTable } from './operation-types.js';

export interface BindContext {
  /** Filled into `{project_id}` unless the call passes its own. */
  projectId: string;
  /** Sends a checked call through the transport pipeline. */
  send: OperationSender;
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

export function bindOperations(table: OperationTable, context: BindContext): BoundOperations {
  const isSensitiveKey = createSensitiveKeyMatcher(context.secretFields);
  const methods: BoundOperations['methods'] = {};
  const withResponse: BoundOperations['withResponse'] = {};
  for (const [operationId, descriptor] of Object.entries(table)) {
    const invoke = async (input: unknown, callOptions: CallOptions | null | undefined, wantResponse: boolean): Promise<DataAndResponse<unknown>> => {
      const options: CallOptions = callOptions ?? {};
      const checked = checkInput(operationId, descriptor, input, options.headers, context.projectId);
      return (await context.send({
        operationId,
        descriptor,
        checked,
        headers: withProjectHeader(checked.headers, checked.path, context.projectId),
        signal: options.signal,
        bodySecrets: () => bodySecrets(checked.body, isSensitiveKey),
        withResponse: wantResponse,
      })) as DataAndResponse<unknown>;
    };
    withResponse[operationId] = (input, options) => invoke(input, options, true);
    methods[operationId] = async (input, options) => (await invoke(input, options, false)).data;
  }
  return { methods, withResponse };
}
