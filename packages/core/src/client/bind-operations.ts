// Binds one method per row of a generated operation table onto an openapi-fetch client.
import type { Client } from 'openapi-fetch';
import { type HuaweiCloudError, isHuaweiCloudError } from '../errors/base.js';
import { HuaweiCloudValidationError } from '../errors/validation-error.js';
import { toApiError } from '../errors/to-api-error.js';
import type { CallOptions, OperationDescriptor, OperationMethods, OperationTable } from './operation-types.js';

export interface BindContext {
  /** Filled into `{project_id}` unless the call passes its own. */
  projectId: string;
  /** true: methods return data and throw `HuaweiCloudApiError`; false: `{ data, error, response }`. */
  throwOnError: boolean;
}

type Input = Record<string, unknown> & { query?: Record<string, unknown>; body?: unknown };

/**
 * Checks what the spec makes mandatory before anything is sent, so a missing id never turns into a
 * request to `/instances//...` or a server-side 400.
 */
function checkInput(operationId: string, descriptor: OperationDescriptor, input: Input, projectId: string): Record<string, string> {
  const path: Record<string, string> = {};
  for (const name of descriptor.pathParams) {
    const value = name === 'project_id' ? (input.project_id ?? projectId) : input[name];
    if (typeof value !== 'string' || value.trim() === '') {
      throw new HuaweiCloudValidationError({ operation: operationId, field: name, rule: 'is required and must be a non-empty string' });
    }
    // Percent-encoding leaves these intact and URL parsing would then resolve them, sending the
    // call to a different path (e.g. `/instances/../instance-role` is `/instance-role`).
    if (value === '.' || value === '..') {
      throw new HuaweiCloudValidationError({ operation: operationId, field: name, rule: 'must not be "." or ".." (it would change the request path)' });
    }
    path[name] = value;
  }
  for (const name of descriptor.requiredQueryParams) {
    const value = input.query?.[name];
    if (value === undefined || value === null || value === '') {
      throw new HuaweiCloudValidationError({ operation: operationId, field: `query.${name}`, rule: 'is required' });
    }
  }
  if (descriptor.body === 'required' && (input.body === undefined || input.body === null)) {
    throw new HuaweiCloudValidationError({ operation: operationId, field: 'body', rule: 'is required' });
  }
  return path;
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

export function bindOperations<Ops, Throw extends boolean>(
  raw: Client<Record<string, never>>,
  table: OperationTable,
  context: BindContext,
): OperationMethods<Ops, Throw> {
  const methods: Record<string, (input?: Input, options?: CallOptions) => Promise<unknown>> = {};
  for (const [operationId, descriptor] of Object.entries(table)) {
    methods[operationId] = async (input: Input = {}, options: CallOptions = {}) => {
      const path = checkInput(operationId, descriptor, input, context.projectId);
      const init = {
        params: { path, query: input.query },
        body: input.body,
        signal: options.signal,
        headers: options.headers,
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
      if (!context.throwOnError) return result;
      if (result.error !== undefined || !result.response.ok) {
        throw toApiError(result.response, result.error, operationId);
      }
      return result.data;
    };
  }
  return methods as unknown as OperationMethods<Ops, Throw>;
}
