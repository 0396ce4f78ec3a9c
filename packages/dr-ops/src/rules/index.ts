// rules: the documented input rules of the GeminiDB and DWS DR APIs, shared by the workflows (checked
// before anything is sent) and the CLI (flag validation). Also exported as `@hcdr/dr-ops/rules`.
export * as rules from './rules.js';
export type { Rule } from './rules.js';
export { GEMINIDB_DR_PORT, DWS_TASK_STATUSES, DWS_FAILURE_STATUSES, DWS_DR_TYPES, DWS_DATASTORE_TYPES } from './rules.js';
export { DrInputError, InputCheck, isDrInputError } from './problems.js';
export type { InputProblem } from './problems.js';
