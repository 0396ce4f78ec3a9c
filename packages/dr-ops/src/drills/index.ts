// drills: readiness checks, drill plans (YAML + JSON Schema), the timed drill runner and its reports.
export { DURATION_PATTERN, formatDuration, parseDuration } from './duration.js';
export * from './plan/index.js';
export * from './readiness/index.js';
export { EvidenceRecorder, type ObservableClient } from './evidence/recorder.js';
export * from './report/index.js';
export * from './runner/index.js';
export * from './targets/index.js';
export { DRILL_PLAN_SCHEMA_FILE, DRILL_REPORT_SCHEMA_FILE, loadSchema, type SchemaProblem } from './schemas.js';
