import { createApiClient, type ApiClient, type ApiClientOptions } from '@hcdr/core';
import type { ClientMethods } from './generated/methods.js';
import type { operations, paths } from './generated/types.js';
import { dwsService } from './service.js';

export type DwsClientOptions = ApiClientOptions;

/** One typed, documented method per DWS DR operation, plus `withResponse`, `observe` and `config`. */
export type DwsClient = ApiClient<paths, ClientMethods>;

/**
 * Creates a DWS DR client: methods resolve to the response data and throw a typed error otherwise.
 * With no options everything comes from the environment (`HUAWEICLOUD_SDK_AK/SK/PROJECT_ID/REGION_ID`)
 * or the profile file.
 *
 * @example
 * const dws = createDwsClient({ region: 'cn-north-4' });
 * const { disaster_recoveries } = await dws.listDisasterRecover();
 */
export function createDwsClient(options?: DwsClientOptions): DwsClient {
  return createApiClient<paths, operations, ClientMethods>(dwsService, options);
}
