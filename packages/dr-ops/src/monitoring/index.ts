// @hcdr/dr-ops/monitoring: the Prometheus exporter and the fleet view. A subpath of its own so that
// users of the workflows never load prom-client, yaml or ajv.
export { createExporter, Exporter } from './exporter.js';
export type { ExporterEvent, ExporterOptions, HealthReport, ScopeHealth } from './exporter.js';
export { readFleetStatus } from './fleet/read-fleet.js';
export type { FleetReport, FleetResource, FleetScope } from './fleet/read-fleet.js';
export { ALERT_FOR_PROBLEM, dwsProblems, geminiDbProblems } from './fleet/problems.js';
export type { Problem, ProblemCode, Severity } from './fleet/problems.js';
export { CONFIG_DEFAULTS, ExporterConfigError, loadExporterConfig, parseExporterConfig } from './config/load-config.js';
export type { ConfigProblem, ExporterConfig, MonitoredService, ParseConfigOptions, ScopeConfig } from './config/load-config.js';
export { exporterConfigSchema, SERVICES } from './config/schema.js';
export { scopesFromProfiles } from './config/profile-scopes.js';
export type { ProfileScopesOptions } from './config/profile-scopes.js';
export { parseDuration } from './config/duration.js';
export { ScopeSetupError } from './scopes.js';
export type { MonitoredScope, ScopeClientOptions, ScopeProblem, ScopeSetupOptions } from './scopes.js';
export { DEFAULT_GEMINIDB_RPO_OBJECTIVE_SECONDS, DWS_DEFAULT_OBJECTIVE_PERIODS, rpoObjectiveSeconds } from './objectives.js';
export { relationshipId } from './collect/geminidb.js';
export type {
  DwsTaskReading,
  GeminiDbInstanceReading,
  GeminiDbRole,
  GeminiDbRpoScene,
  GeminiDbSyncReading,
  ResourceReading,
  ScopeIdentity,
  ScopeReading,
} from './collect/types.js';
export { ExporterMetrics } from './metrics/exporter-metrics.js';
export { DWS_TASK_STATUSES, GEMINIDB_SYNC_STATUSES } from './metrics/state-sets.js';
export { systemClock } from './poll/clock.js';
export type { PollClock } from './poll/clock.js';
export { MAX_BACKOFF_MS, MAX_RETRY_AFTER_MS } from './poll/scope-poller.js';
export type { PollFailure, PollOutcome, ScopeState } from './poll/scope-poller.js';
export { DEFAULT_LISTEN, ListenAddressError, parseListenAddress } from './server/listen-address.js';
