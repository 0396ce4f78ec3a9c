// The fleet view behind `hcdr status --all`: one poll of every scope (same clients, collectors and
// concurrency cap as the exporter), each resource judged by the alert conditions, problems first.
import type { ResourceReading } from '../collect/types.js';
import { rpoObjectiveSeconds } from '../objectives.js';
import { createMonitoredScopes, type ScopeSetupOptions } from '../scopes.js';
import { dwsProblems, geminiDbProblems, type Problem, type Severity } from './problems.js';

export interface FleetResource {
  readonly service: 'geminidb' | 'dws';
  readonly region: string;
  readonly project_id: string;
  /** GeminiDB: the instance ID; DWS: the task ID. */
  readonly id: string;
  readonly dr_id: string;
  readonly name: string | undefined;
  /** GeminiDB: master/slave; DWS: undefined (see primary_cluster_id). */
  readonly role: string | undefined;
  /** GeminiDB sync status, DWS task status. */
  readonly state: string | undefined;
  readonly lag_seconds: number | undefined;
  readonly rpo_seconds: number | undefined;
  readonly rpo_objective_seconds: number | undefined;
  readonly last_sync: string | undefined;
  readonly peer: string | undefined;
  readonly problems: readonly Problem[];
}

export interface FleetScope {
  readonly service: 'geminidb' | 'dws';
  readonly region: string;
  readonly project_id: string;
  readonly ok: boolean;
  readonly resources: number;
  readonly error: string | undefined;
}

export interface FleetReport {
  readonly generated_at: string;
  readonly scopes: readonly FleetScope[];
  /** Problems first (critical, then warning), then by service, region and ID. */
  readonly resources: readonly FleetResource[];
  readonly problems: { readonly critical: number; readonly warning: number; readonly unreachable_scopes: number };
}

const RANK: Readonly<Record<Severity | 'none', number>> = { critical: 0, warning: 1, none: 2 };
const worst = (r: FleetResource) => (r.problems.some((p) => p.severity === 'critical') ? 'critical' : r.problems.length > 0 ? 'warning' : 'none');

export async function readFleetStatus(options: ScopeSetupOptions & { readonly signal?: AbortSignal | undefined }): Promise<FleetReport> {
  const scopes = await createMonitoredScopes(options, { observer: () => ({ onRequest() {}, onError() {} }) });
  const signal = options.signal ?? new AbortController().signal;
  await Promise.all(scopes.map((s) => s.poller.pollOnce(signal)));
  const now = (options.clock?.now ?? Date.now)();

  const fleetScopes: FleetScope[] = [];
  const resources: FleetResource[] = [];
  for (const { poller, config } of scopes) {
    const { identity, state } = poller;
    fleetScopes.push({
      service: identity.service,
      region: identity.region,
      project_id: identity.projectId,
      ok: state.lastFailure === undefined,
      resources: state.reading?.resources.length ?? 0,
      error: state.lastFailure ? `${state.lastFailure.code}: ${state.lastFailure.message}` : undefined,
    });
    for (const r of state.reading?.resources ?? []) resources.push(toRow(r, identity.projectId, config.rpoObjectiveSeconds));
  }
  resources.sort((a, b) => RANK[worst(a)] - RANK[worst(b)] || a.service.localeCompare(b.service) || a.region.localeCompare(b.region) || a.id.localeCompare(b.id));
  const all = resources.flatMap((r) => r.problems);
  return {
    generated_at: new Date(now).toISOString(),
    scopes: fleetScopes,
    resources,
    problems: {
      critical: all.filter((p) => p.severity === 'critical').length,
      warning: all.filter((p) => p.severity === 'warning').length,
      unreachable_scopes: fleetScopes.filter((s) => !s.ok).length,
    },
  };
}

function toRow(r: ResourceReading, projectId: string, configured: number | undefined): FleetResource {
  const objective = rpoObjectiveSeconds(r, configured);
  if (r.service === 'geminidb') {
    const problems = geminiDbProblems(r, objective);
    return {
      service: 'geminidb',
      region: r.region,
      project_id: projectId,
      id: r.instanceId,
      dr_id: r.drId,
      name: r.name,
      role: r.role,
      state: r.sync?.status,
      lag_seconds: r.sync?.lagSeconds,
      rpo_seconds: r.sync?.rpoSeconds.failover,
      rpo_objective_seconds: objective,
      last_sync: undefined,
      peer: r.peerInstanceId,
      problems,
    };
  }
  const problems = dwsProblems(r, objective);
  return {
    service: 'dws',
    region: r.region,
    project_id: projectId,
    id: r.drId,
    dr_id: r.drId,
    name: r.name,
    role: undefined,
    state: r.status,
    lag_seconds: undefined,
    rpo_seconds: r.rpoSeconds,
    rpo_objective_seconds: objective,
    last_sync: r.lastSyncMs === undefined ? undefined : new Date(r.lastSyncMs).toISOString(),
    peer: r.standbyClusterId,
    problems,
  };
}
