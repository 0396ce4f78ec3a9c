import { createApiClient, type ApiClient, type ApiClientOptions } from '@hcdr/core';
import { operations as operationTable } from './generated/operations.js';
import type { operations, paths } from './generated/types.js';

export type DwsClientOptions<Throw extends boolean = false> = ApiClientOptions<Throw>;

/** One typed method per DWS DR operation, plus `raw` (openapi-fetch) and `config`. */
export type DwsClient<Throw extends boolean = false> = ApiClient<paths, operations, Throw>;

/**
 * Creates a DWS DR client. With no options everything comes from the environment
 * (`HUAWEICLOUD_SDK_AK/SK/PROJECT_ID/REGION_ID`) or the profile file.
 *
 * @example
 * const dws = createDwsClient({ region: 'cn-north-4' });
 * const { data } = await dws.listDisasterRecover();
 */
export function createDwsClient<Throw extends boolean = false>(options?: DwsClientOptions<Throw>): DwsClient<Throw> {
  return createApiClient<paths, operations, Throw>('dws', operationTable, options);
}
