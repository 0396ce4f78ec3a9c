export { type DrillClock, manualDrillClock, systemClock } from './clock.js';
export { drillCallPlan, dwsReadinessCalls, geminiDbReadinessCalls, type PlannedCall } from './call-plan.js';
export { PHASE_TITLES, phasesOf } from './phases.js';
export { applyDrillEvent, type DrillEvent, type DrillFactName, type DrillJournal, type DrillProgress, emptyProgress, foldDrillEvents, MemoryDrillJournal } from './progress.js';
export { DrillInterruptedError, DrillResumeMismatchError, type DrillRunEvent, type DrillRunResult, type MeasuredObjective, measuredObjectives, runDrill, type RunDrillOptions } from './run-drill.js';
export { buildDrillReport, type BuildDrillReportInput, drOpsVersion } from './build-report.js';
export { type DrillTarget, type LagReading, type RoleChange, RoleChangeFailedError, type RoleChangeRequest, type RoleState } from './target.js';
export { type DrillHistoryEntry, drillEventsOf, drillOperationKey, listDrillHistory, openDrillJournal, type OpenDrillJournalOptions } from './operation-journal.js';
