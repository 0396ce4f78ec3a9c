import { createApiClient, type ApiClient, type ApiClientOptions } from '@hcdr/core';
import type { ClientMethods } from './generated/methods.js';
import type { operations, paths } from './generated/types.js';
import { geminiDbService } from './service.js';

export type GeminiDbClientOptions = ApiClientOptions;

/** One typed, documented method per GeminiDB DR operation, plus `withResponse`, `observe` and `config`. */
export type GeminiDbClient = ApiClient<paths, ClientMethods>;

/**
 * Creates a GeminiDB DR client: methods resolve to the response data and throw a typed error
 * otherwise. With no options everything comes from the environment
 * (`HUAWEICLOUD_SDK_AK/SK/PROJECT_ID/REGION_ID`) or the profile file.
 *
 * @example
 * const gdb = createGeminiDbClient({ region: 'ap-southeast-1' });
 * const { role } = await gdb.showInstanceRole({ instance_id: 'a1b2...in12' }); // throws HuaweiCloudApiError on an error response
 */
export function createGeminiDbClient(options?: GeminiDbClientOptions): GeminiDbClient {
  return createApiClient<paths, operations, ClientMethods>(geminiDbService, options);
}
