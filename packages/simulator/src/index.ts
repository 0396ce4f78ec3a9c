export { createSimulator, Simulator, DEFAULT_ACCESS_KEY_ID, isLoopbackBind } from './simulator.js';
export type { SimulatorOptions, ListenResult, SimulatorRegion } from './simulator.js';
export type { SimulatorCredentials } from './auth/authenticate.js';
export type { SimulatorSnapshot } from './snapshot.js';
export { createManualClock, DEFAULT_JOB_DURATION_MS } from './clock.js';
export type { ManualClock, ClockOptions } from './clock.js';
export { FaultRegistry, FaultValidationError, FAULT_LIMITS } from './faults/registry.js';
export type { Fault, FaultInput, FaultKind, FaultMatch, FaultRule, FaultRuleInput } from './faults/types.js';
export { DEFAULT_GEMINIDB_INSTANCES } from './geminidb/seed.js';
export type { GeminiDbInstanceSeed, GeminiDbRelationshipSeed } from './geminidb/seed.js';
export { DEFAULT_DWS_CLUSTERS, DEFAULT_DWS_JOBS } from './dws/seed.js';
export type { DwsClusterSeed, DwsJobSeed, DwsTaskSeed } from './dws/seed.js';
export { DEMO_PROJECT_ID, REGION_PATTERN, defaultProjectId } from './regions/scope.js';
export { seedFleet, DEFAULT_FLEET_REGIONS, MAX_FLEET_SIZE } from './fleet/seed-fleet.js';
export type { Fleet, FleetOptions } from './fleet/seed-fleet.js';
export { MAX_LAG_SECONDS, LagValidationError } from './lag/lag-model.js';
export type { LagOverride } from './lag/lag-model.js';
export { RequestLog, DEFAULT_REQUEST_LOG_LIMIT } from './log/request-log.js';
export type { RequestLogEntry, RequestLogFilter } from './log/request-log.js';
export { TRANSITIONS as DWS_TRANSITIONS } from './dws/state.js';
export type { TaskStatus as DwsTaskStatus, TaskOperation as DwsTaskOperation } from './dws/state.js';
export {
  buildCanonicalRequest,
  buildStringToSign,
  canonicalQuery,
  canonicalUri,
  encodeRfc3986,
  checkPayloadHash,
  UNSIGNED_PAYLOAD,
} from './auth/canonical-request.js';
export type { CanonicalRequestInput } from './auth/canonical-request.js';
export { verifySignature, checkSignatureHead, parseAuthorization, parseSdkDate, formatSdkDate, MAX_CLOCK_SKEW_MS } from './auth/verify-signature.js';
export type { SignatureCheck, VerifyOptions, ParsedAuthorization } from './auth/verify-signature.js';
export type { ReceivedRequest } from './http/request.js';
export { launchSimulator, SIMULATOR_PROFILE } from './launcher/launch.js';
export { loadEnvFile } from './launcher/env-file.js';
export type { Launched, LaunchIo } from './launcher/launch.js';
export { LAUNCH_OPTIONS, launchHelp, LaunchUsageError, parseLaunchDuration, resolveLaunchValues } from './launcher/options.js';
export type { LaunchOptionSpec, LaunchProblem, LaunchSettings, LaunchValues } from './launcher/options.js';
export { readStateFile, writeStateFile, StateFileError } from './persistence/state-file.js';
export type { PersistedState } from './persistence/state-file.js';
