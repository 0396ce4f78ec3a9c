export * from './types.js';
export { checkGeminiDbReadiness, evaluateGeminiDbReadiness, observeGeminiDb, type GeminiDbObservation, type GeminiDbReadinessInput, type GeminiDbReadinessSide } from './geminidb.js';
export { checkDwsReadiness, evaluateDwsReadiness, observeDws, syncPeriodMs, type DwsObservation, type DwsReadinessInput } from './dws.js';
export type { ReadFailure } from './read-errors.js';
export type { GeminiDbInstanceFacts, GeminiDbSideRead, GeminiDbSyncRead, GeminiDbSettingsRead } from './read-geminidb.js';
export type { DwsTaskRead } from './read-dws.js';
