import { createApiClient, type ApiClient, type ApiClientOptions } from '@hcdr/core';
import type { ClientMethods } from './generated/methods.js';
import type { operations, paths } from './generated/types.js';
import { vpcService } from './service.js';

export type VpcClientOptions = ApiClientOptions;

/** One typed, documented method per VPC operation (`showSubnet`, `showVpc`), plus `withResponse`, `observe` and `config`. */
export type VpcClient = ApiClient<paths, ClientMethods>;

/**
 * Creates a VPC client: methods resolve to the response data and throw a typed error otherwise.
 * With no options everything comes from the environment (`HUAWEICLOUD_SDK_AK/SK/PROJECT_ID/REGION_ID`)
 * or the profile file.
 *
 * @example
 * const vpc = createVpcClient({ region: 'ap-southeast-1' });
 * const { subnet } = await vpc.showSubnet({ subnet_id: '8e7d6c5b-4a39-4281-90fe-dcba98765432' });
 */
export function createVpcClient(options?: VpcClientOptions): VpcClient {
  return createApiClient<paths, operations, ClientMethods>(vpcService, options);
}
