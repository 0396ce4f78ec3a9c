// @hcdr/geminidb — typed client for the Huawei Cloud GeminiDB (Redis) DR API v3.
export { createGeminiDbClient } from './client.js';
export type { GeminiDbClient, GeminiDbClientOptions } from './client.js';
export { geminiDbService } from './service.js';
export { waitForJob, waitUntilJobCompleted } from './waiters/jobs.js';
export type { JobClient, WaitForJobOptions } from './waiters/jobs.js';
export type { AsyncOperationId, WaitClient, WaitOptions, WaitRef, WaitResult } from './waiters/wait-until-done.js';
export * from './generated/waiters.js';
export * from './generated/paginators.js';
export type { ClientMethods as GeminiDbMethods } from './generated/methods.js';
export { operations, secretFields, specInfo } from './generated/operations.js';
export type { OperationId } from './generated/operations.js';
export type * from './generated/types.js';
// The value `operations` (the runtime table) shadows the generated `operations` type in this module's exports.
export type { operations as GeminiDbOperations } from './generated/types.js';
