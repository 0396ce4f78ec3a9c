// RPO objectives: from the config (`rpo_objective`, per scope or global), else a default per
// service. Used by the metrics (hcdr_*_rpo_objective_seconds), the alert rules compare against
// those series, and the fleet view applies the same numbers.
import type { ResourceReading } from './collect/types.js';

/** GeminiDB relationships without a configured objective: 60 s. */
export const DEFAULT_GEMINIDB_RPO_OBJECTIVE_SECONDS = 60;
/** DWS tasks without a configured objective: two sync periods (one missed synchronisation). */
export const DWS_DEFAULT_OBJECTIVE_PERIODS = 2;

export function rpoObjectiveSeconds(r: ResourceReading, configured: number | undefined): number | undefined {
  if (configured !== undefined) return configured;
  if (r.service === 'geminidb') return DEFAULT_GEMINIDB_RPO_OBJECTIVE_SECONDS;
  return r.syncPeriodSeconds === undefined ? undefined : r.syncPeriodSeconds * DWS_DEFAULT_OBJECTIVE_PERIODS;
}
