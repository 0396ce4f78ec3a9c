// @hcdr/dws — typed client for the Huawei Cloud GaussDB(DWS) DR task API v2.
export { createDwsClient } from './client.js';
export type { DwsClient, DwsClientOptions } from './client.js';
export { dwsService } from './service.js';
export { waitForTask, waitUntilTaskStatus, waitStatusesFor } from './waiters/tasks.js';
export type { TaskClient, TaskStatusOperationId, WaitForTaskOptions, WaitStatuses } from './waiters/tasks.js';
export { nextTaskOperation, OPERATION_START_STATUSES, TASK_SETTLED_STATUSES } from './waiters/task-acceptor.js';
export type { GoneWhen, TaskBefore, TaskBeforeRule } from './waiters/task-acceptor.js';
export { waitForTaskOperation } from './waiters/wait-until-done.js';
export type { AsyncOperationId, WaitClient, WaitOptions, WaitRef, WaitResult } from './waiters/wait-until-done.js';
export * from './generated/waiters.js';
export type { ClientMethods as DwsMethods } from './generated/methods.js';
export { operations, secretFields, specInfo } from './generated/operations.js';
export type { OperationId } from './generated/operations.js';
export type * from './generated/types.js';
// The value `operations` (the runtime table) shadows the generated `operations` type in this module's exports.
export type { operations as DwsOperations } from './generated/types.js';
