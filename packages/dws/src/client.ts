import { createApiClient, type ApiClient, type ApiClientOptions, type OperationMethods } from '@hcdr/core';
import { operations as operationTable } from './generated/operations.js';
import type { operations, paths } from './generated/types.js';

export type DwsClientOptions = ApiClientOptions;

/** One typed method per DWS DR operation, plus `raw` (openapi-fetch) and `config`. */
export type DwsClient = ApiClient<paths, OperationMethods<operations>>;

/**
 * Creates a DWS DR client: methods resolve to the response data and throw a typed error otherwise. With no options everything comes from the environment
 * (`HUAWEICLOUD_SDK_AK/SK/PROJECT_ID/REGION_ID`) or the profile file.
 *
 * @example
 * const dws = createDwsClient({ region: 'cn-north-4' });
 * const { disaster_recoveries } = await dws.listDisasterRecover();
 */
export function createDwsClient(options?: DwsClientOptions): DwsClient {
  return createApiClient<paths, operations>('dws', operationTable, options);
}
