// workflows: multi-step DR operations as typed async functions taking one client per side, emitting
// step events, honouring an AbortSignal, journaled so that running them again finishes them.
export { pairGeminiDb, pairKey, checkPairOptions, previewPairGeminiDb } from './geminidb/pair.js';
export type { PairGeminiDbOptions, PairGeminiDbResult, PairSideResult } from './geminidb/pair.js';
export { unpairGeminiDb, unpairKey, previewUnpairGeminiDb } from './geminidb/unpair.js';
export type { UnpairGeminiDbOptions, UnpairGeminiDbResult } from './geminidb/unpair.js';
export type { GeminiDbSide, GeminiDbPairSide } from './geminidb/sides.js';
export { discoverGeminiDbPairNetwork, describePairSideNetwork, withNetwork } from './geminidb/network.js';
export type { DiscoverPairNetworkOptions, PairSideNetwork } from './geminidb/network.js';
export { DrOperationError, isDrOperationError } from './errors.js';
export type { DrOperationErrorKind } from './errors.js';
export type { DrEvent, StepEvent, WaitEvent, ReconcileEvent, WarningEvent, StepRecord, StepStatus, OperationResult } from './events.js';
export type { OperationOptions, WaitOptions } from './run.js';
export { switchoverGeminiDb, failoverGeminiDb, switchoverKey, failoverKey } from './geminidb/roles.js';
export type { SwitchoverGeminiDbOptions, FailoverGeminiDbOptions, RoleChangeResult } from './geminidb/roles.js';
export { recoverGeminiDb, recoverKey } from './geminidb/recover.js';
export type { RecoverGeminiDbOptions, RecoverGeminiDbResult } from './geminidb/recover.js';
export { pauseGeminiDb, resumeGeminiDb, syncKey, SYNC_JOB_NAMES } from './geminidb/sync.js';
export type { SyncGeminiDbOptions, SyncGeminiDbResult } from './geminidb/sync.js';
export { createDwsTask, createDwsKey, checkCreateDwsOptions } from './dws/create.js';
export type { CreateDwsTaskOptions, DwsTaskResult } from './dws/create.js';
export { switchoverDwsTask, failoverDwsTask, recoverDwsTask, pauseDwsTask, deleteDwsTask, dwsTaskKey } from './dws/lifecycle.js';
export type { DwsTaskOperation, DwsTaskOptions, DwsRoleChangeOptions, DwsDeleteOptions } from './dws/lifecycle.js';
export { diagnose, removeGeminiDbSide } from './doctor.js';
export type { DoctorFinding, DoctorScope } from './doctor.js';
