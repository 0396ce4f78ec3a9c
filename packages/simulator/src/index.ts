export { createSimulator, Simulator, DEFAULT_ACCESS_KEY_ID } from './simulator.js';
export type { SimulatorOptions, ListenResult } from './simulator.js';
export type { SimulatorCredentials } from './auth/authenticate.js';
export type { SimulatorSnapshot } from './snapshot.js';
export { createManualClock, DEFAULT_JOB_DURATION_MS } from './clock.js';
export type { ManualClock, ClockOptions } from './clock.js';
export { FaultRegistry, FaultValidationError } from './faults/registry.js';
export type { Fault, FaultInput, FaultKind, FaultMatch, FaultRule, FaultRuleInput } from './faults/types.js';
export { DEFAULT_GEMINIDB_INSTANCES } from './geminidb/seed.js';
export type { GeminiDbInstanceSeed } from './geminidb/seed.js';
export { DEFAULT_DWS_CLUSTERS, DEFAULT_DWS_JOBS, DEMO_PROJECT_ID } from './dws/seed.js';
export type { DwsClusterSeed, DwsJobSeed } from './dws/seed.js';
export { TRANSITIONS as DWS_TRANSITIONS } from './dws/state.js';
export type { TaskStatus as DwsTaskStatus, TaskOperation as DwsTaskOperation } from './dws/state.js';
export {
  buildCanonicalRequest,
  buildStringToSign,
  canonicalQuery,
  canonicalUri,
  encodeRfc3986,
} from './auth/canonical-request.js';
export type { CanonicalRequestInput } from './auth/canonical-request.js';
export { verifySignature, parseAuthorization, parseSdkDate, formatSdkDate, MAX_CLOCK_SKEW_MS } from './auth/verify-signature.js';
export type { SignatureCheck, VerifyOptions, ParsedAuthorization } from './auth/verify-signature.js';
export type { ReceivedRequest } from './http/request.js';
