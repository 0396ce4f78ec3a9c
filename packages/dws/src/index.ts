// @hcdr/dws — typed client for the Huawei Cloud GaussDB(DWS) DR task API v2.
export { createDwsClient } from './client.js';
export type { DwsClient, DwsClientOptions } from './client.js';
export { waitForTask, waitUntilTaskStatus, waitStatusesFor } from './waiters.js';
export type { WaitForTaskOptions } from './waiters.js';
export { operations, secretFields, specInfo } from './generated/operations.js';
export type { OperationId } from './generated/operations.js';
export { dwsService } from './service.js';
export type * from './generated/types.js';
// The value `operations` (the runtime table) shadows the generated `operations` type in this module's exports.
export type { operations as DwsOperations } from './generated/types.js';
