// journal: the durable operation journal (write-ahead intents and outcomes, locks) that lets an
// interrupted operation finish when it is run again.
export { MemoryJournalStore } from './memory-store.js';
export { FileJournalStore, parseRecords as parseJournalRecords } from './file-store.js';
export type { FileJournalStoreOptions } from './file-store.js';
export { defaultStateDir } from './state-dir.js';
export { summarize as summarizeOperation, keyString as operationKeyString, parseKeyString as parseOperationKeyString, rerunWouldDo } from './summarize.js';
export { OperationLockedError } from './types.js';
export type * from './types.js';
