// inspect: the live state of GeminiDB relationships and DWS tasks as plain typed snapshots, shared by
// the workflows (reconciliation), readiness, drills and monitoring.
export type { GeminiDbDrClient, DwsDrClient, VpcDrClient } from './clients.js';
export {
  inspectGeminiDbInstance,
  inspectGeminiDbRelationship,
  readSync as readGeminiDbSync,
  isBusy as isGeminiDbInstanceBusy,
  jobTime as parseGeminiDbJobTime,
} from './geminidb.js';
export type {
  GeminiDbInstanceSnapshot,
  GeminiDbMembership,
  GeminiDbRelationshipSnapshot,
  GeminiDbRelationshipState,
  GeminiDbSyncSnapshot,
  InspectGeminiDbOptions,
} from './geminidb.js';
export { DR_JOB_NAMES as GEMINIDB_DR_JOB_NAMES, JobReader as GeminiDbJobReader } from './geminidb-jobs.js';
export type { GeminiDbJobSummary } from './geminidb-jobs.js';
export { inspectDwsTask, listDwsTasks, isDwsTaskGone, DWS_TASK_NOT_FOUND_CODE } from './dws.js';
export type { DwsTaskSnapshot, DwsTaskListItem, DwsClusterSnapshot, DwsProgressSnapshot } from './dws.js';
export {
  readGeminiDbInstanceNetwork,
  readNetworkCidrs,
  readListedInstanceNetworks,
  describeNetworkSource,
  NetworkLookupError,
  isNetworkLookupError,
} from './network.js';
export type { GeminiDbInstanceNetwork, ListedInstanceNetwork, ListedNetworks, NetworkSource, Sourced } from './network.js';
