// @hcdr/geminidb — typed client for the Huawei Cloud GeminiDB (Redis) DR API v3.
export { createGeminiDbClient } from './client.js';
export type { GeminiDbClient, GeminiDbClientOptions } from './client.js';
export { waitForJob, waitUntilJobCompleted } from './waiters.js';
export type { WaitForJobOptions } from './waiters.js';
export { operations, secretFields, specInfo } from './generated/operations.js';
export type { OperationId } from './generated/operations.js';
export { geminiDbService } from './service.js';
export type * from './generated/types.js';
// The value `operations` (the runtime table) shadows the generated `operations` type in this module's exports.
export type { operations as GeminiDbOperations } from './generated/types.js';
