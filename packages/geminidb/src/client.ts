import { createApiClient, type ApiClient, type ApiClientOptions, type OperationMethods } from '@hcdr/core';
import { operations as operationTable } from './generated/operations.js';
import type { operations, paths } from './generated/types.js';

export type GeminiDbClientOptions = ApiClientOptions;

/** One typed method per GeminiDB DR operation, plus `raw` (openapi-fetch) and `config`. */
export type GeminiDbClient = ApiClient<paths, OperationMethods<operations>>;

/**
 * Creates a GeminiDB DR client: methods resolve to the response data and throw a typed error otherwise. With no options everything comes from the environment
 * (`HUAWEICLOUD_SDK_AK/SK/PROJECT_ID/REGION_ID`) or the profile file.
 *
 * @example
 * const gdb = createGeminiDbClient({ region: 'ap-southeast-1' });
 * const { role } = await gdb.showInstanceRole({ instance_id: 'a1b2...in12' }); // throws HuaweiCloudApiError on an error response
 */
export function createGeminiDbClient(options?: GeminiDbClientOptions): GeminiDbClient {
  return createApiClient<paths, operations>('geminidb', operationTable, options);
}
