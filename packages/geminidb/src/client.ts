import { createApiClient, type ApiClient, type ApiClientOptions } from '@hcdr/core';
import { operations as operationTable } from './generated/operations.js';
import type { operations, paths } from './generated/types.js';

export type GeminiDbClientOptions<Throw extends boolean = false> = ApiClientOptions<Throw>;

/** One typed method per GeminiDB DR operation, plus `raw` (openapi-fetch) and `config`. */
export type GeminiDbClient<Throw extends boolean = false> = ApiClient<paths, operations, Throw>;

/**
 * Creates a GeminiDB DR client. With no options everything comes from the environment
 * (`HUAWEICLOUD_SDK_AK/SK/PROJECT_ID/REGION_ID`) or the profile file.
 *
 * @example
 * const gdb = createGeminiDbClient({ region: 'ap-southeast-1' });
 * const { data, error } = await gdb.showInstanceRole({ instance_id: 'a1b2...in12' });
 */
export function createGeminiDbClient<Throw extends boolean = false>(options?: GeminiDbClientOptions<Throw>): GeminiDbClient<Throw> {
  return createApiClient<paths, operations, Throw>('geminidb', operationTable, options);
}
