// @hcdr/vpc — typed client for two reads of the Huawei Cloud VPC API v1 (subnet and VPC details).
export { createVpcClient } from './client.js';
export type { VpcClient, VpcClientOptions } from './client.js';
export { vpcService } from './service.js';
export type { ClientMethods as VpcMethods } from './generated/methods.js';
export { operations, secretFields, specInfo } from './generated/operations.js';
export type { OperationId } from './generated/operations.js';
export type * from './generated/types.js';
// The value `operations` (the runtime table) shadows the generated `operations` type in this module's exports.
export type { operations as VpcOperations } from './generated/types.js';
