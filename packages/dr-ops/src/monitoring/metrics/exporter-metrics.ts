// The exporter's Prometheus metrics. Scope health, API counters and the poll-duration histogram
// live in a private prom-client registry (with Node.js process metrics); the per-resource gauges
// are rendered as text when a poll finishes (resource-families.ts), so a scrape never calls the API
// and only joins cached text. Each poll replaces its scope's resource text: series of resources
// that disappeared (deleted relationships, finished tasks) are gone, and memory stays flat.
import { promisify } from 'node:util';
import { gzip as gzipCallback, gzipSync } from 'node:zlib';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { DwsTaskReading, GeminiDbInstanceReading, ScopeIdentity } from '../collect/types.js';
import { rpoObjectiveSeconds } from '../objectives.js';
import type { ScopeState } from '../poll/scope-poller.js';
import { type FamilyDefinition, FamilyWriter, renderFamilies } from './resource-families.js';
import { DWS_CLUSTER_ROLES, DWS_TASK_STATUSES, GEMINIDB_ROLES, GEMINIDB_SYNC_STATUSES, stateSet } from './state-sets.js';

type LabelValues = Record<string, string>;
type AnyGauge = Gauge<string>;

const gzipAsync = promisify(gzipCallback);

const SCOPE_LABELS = ['service', 'region', 'project_id'] as const;
const GDB = ['dr_id', 'instance_id', 'region'] as const;
const DWS = ['dr_id', 'region'] as const;

const family = (name: string, help: string, labelNames: readonly string[]): FamilyDefinition => ({ name, help, labelNames });

/** The per-resource families, in exposition order. */
export const RESOURCE_FAMILIES = {
  gdbInfo: family('hcdr_geminidb_dr_info', 'A GeminiDB instance in a DR relationship (value 1), with its peer and name.', [...GDB, 'peer_instance_id', 'instance_name']),
  gdbLag: family(
    'hcdr_geminidb_dr_lag_seconds',
    'How far the standby is behind: the data a failover now would lose, as reported by the API (FAILOVER rpo). Primary only.',
    GDB,
  ),
  gdbLatency: family(
    'hcdr_geminidb_dr_sync_latency_seconds',
    'Average time from a write being queued on the primary to the standby acknowledging it (rsync_push_cost). Primary only.',
    GDB,
  ),
  gdbBacklog: family('hcdr_geminidb_dr_backlog_bytes', 'Write-ahead log not yet synchronised to the standby (rsync_wal_size). Primary only.', GDB),
  gdbRpo: family('hcdr_geminidb_dr_rpo_seconds', 'RPO as reported by the API: data that a failover/switchover now would lose, in seconds. Primary only.', [...GDB, 'scene']),
  gdbRto: family('hcdr_geminidb_dr_rto_seconds', 'RTO as reported by the API for a failover/switchover now, in seconds. Primary only.', [...GDB, 'scene']),
  gdbObjective: family('hcdr_geminidb_dr_rpo_objective_seconds', 'The RPO objective from the exporter config (default 60 s).', GDB),
  gdbSyncStatus: family('hcdr_geminidb_dr_sync_status', 'Data-synchronisation status (state set: 1 for the current status).', [...GDB, 'status']),
  gdbPaused: family('hcdr_geminidb_dr_sync_paused', '1 when data synchronisation is paused or being paused (SUSPENDED, SUSPENDING).', GDB),
  gdbRole: family('hcdr_geminidb_instance_role', 'DR role of the instance (state set: master, slave).', [...GDB, 'role']),
  gdbAbnormal: family('hcdr_geminidb_instance_abnormal', '1 when the instance status is abnormal (e.g. an old primary after a failover).', GDB),
  dwsInfo: family('hcdr_dws_dr_info', 'A DWS DR task (value 1), with its name, type and clusters.', [...DWS, 'name', 'dr_type', 'primary_cluster_id', 'standby_cluster_id']),
  dwsStatus: family('hcdr_dws_dr_task_status', 'DR task status (state set: 1 for the current status).', [...DWS, 'status']),
  dwsLastSync: family('hcdr_dws_dr_last_sync_timestamp_seconds', 'Last successful synchronisation of the task (Unix time).', DWS),
  dwsPeriod: family('hcdr_dws_dr_sync_period_seconds', 'The task synchronisation period (dr_sync_period).', DWS),
  dwsRpo: family('hcdr_dws_dr_rpo_seconds', 'RPO as reported by show-progress (recovery_point_object), in seconds.', DWS),
  dwsRto: family('hcdr_dws_dr_rto_seconds', 'RTO as reported by show-progress (recovery_time_object), in seconds.', DWS),
  dwsObjective: family('hcdr_dws_dr_rpo_objective_seconds', 'The RPO objective from the exporter config (default: twice the sync period).', DWS),
  dwsClusterRole: family('hcdr_dws_dr_cluster_role', 'Role of each cluster of the task (state set: primary, standby).', [...DWS, 'cluster_id', 'role']),
} as const;
const F = RESOURCE_FAMILIES;
const FAMILY_LIST = Object.values(RESOURCE_FAMILIES);

export interface ExporterMetricsOptions {
  /** Node.js process metrics (process_resident_memory_bytes, heap, event loop). Default true. */
  readonly processMetrics?: boolean;
  readonly version?: string;
}

export class ExporterMetrics {
  readonly registry = new Registry();
  /** Per scope: family name → rendered sample lines of its last successful poll. */
  readonly #resourceText = new Map<string, Map<string, string>>();
  /** The resource families as UTF-8, encoded once per change rather than once per scrape. */
  #renderedResources: Buffer | undefined;
  /** The resource families gzip'd once per change (a scrape of 30k+ series then sends ~1/10 of the bytes). */
  #gzippedResources: { source: Buffer; gz: Promise<Buffer> } | undefined;
  readonly #errorCodes = new Map<string, Set<string>>();

  readonly #up: AnyGauge;
  readonly #lastSuccess: AnyGauge;
  readonly #lastPoll: AnyGauge;
  readonly #pollDuration: Histogram<string>;
  readonly #backoff: AnyGauge;
  readonly #interval: AnyGauge;
  readonly #resources: AnyGauge;
  readonly #staleResources: AnyGauge;
  readonly #requests: Counter<string>;
  readonly #errors: Counter<string>;

  constructor(options: ExporterMetricsOptions = {}) {
    const registers = [this.registry];
    const gauge = (name: string, help: string, labelNames: readonly string[]) => new Gauge({ name, help, labelNames, registers });
    const info = gauge('hcdr_exporter_build_info', 'hcdr exporter version (value 1).', ['version']);
    info.set({ version: options.version ?? 'unknown' }, 1);

    this.#up = gauge('hcdr_scope_up', '1 when the last poll of the scope succeeded, 0 when it failed.', SCOPE_LABELS);
    this.#lastSuccess = gauge(
      'hcdr_scope_last_success_timestamp_seconds',
      'When the scope was last polled successfully (Unix time). Resource metrics are as old as this.',
      SCOPE_LABELS,
    );
    this.#lastPoll = gauge('hcdr_scope_last_poll_timestamp_seconds', 'When the last poll of the scope started, successful or not (Unix time).', SCOPE_LABELS);
    this.#pollDuration = new Histogram({
      name: 'hcdr_scope_poll_duration_seconds',
      help: 'Duration of one poll of a scope (all API calls for all its resources).',
      labelNames: [...SCOPE_LABELS, 'outcome'],
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120],
      registers,
    });
    this.#backoff = gauge('hcdr_scope_backoff_seconds', 'Extra wait before the next poll beyond the interval (throttling or failures); 0 when healthy.', SCOPE_LABELS);
    this.#interval = gauge('hcdr_scope_poll_interval_seconds', 'The configured polling interval of the scope (before jitter and back-off).', SCOPE_LABELS);
    this.#resources = gauge('hcdr_scope_resources', 'DR resources the scope reports (GeminiDB instances in DR, DWS DR tasks).', SCOPE_LABELS);
    this.#staleResources = gauge('hcdr_scope_stale_resources', 'Resources whose details could not be read on the last poll (previous values kept).', SCOPE_LABELS);
    this.#requests = new Counter({ name: 'hcdr_api_requests_total', help: 'API requests sent, by operation.', labelNames: [...SCOPE_LABELS, 'operation'], registers });
    this.#errors = new Counter({
      name: 'hcdr_api_errors_total',
      help: 'Failed API requests, by error code (API code such as DBS.200019, or HTTP_<status>, NETWORK_<errno>, TIMEOUT).',
      labelNames: [...SCOPE_LABELS, 'code'],
      registers,
    });
    if (options.processMetrics ?? true) collectDefaultMetrics({ register: this.registry });
  }

  /** The text a scrape returns: the registry's metrics, then the cached resource families. */
  async metrics(): Promise<string> {
    return (await this.body()).toString('utf8');
  }

  /** The same as UTF-8 bytes, for the HTTP endpoint. */
  async body(): Promise<Buffer> {
    return Buffer.concat(await this.bodyParts(false));
  }

  /**
   * The scrape body in parts, for the HTTP endpoint to write without copying the cached resource
   * part (megabytes for a large fleet) on every scrape. `gzip`: gzip members (see gzipBody).
   */
  async bodyParts(gzip: boolean): Promise<Buffer[]> {
    const own = `${await this.registry.metrics()}\n`;
    const resources = this.#resourcesBody();
    if (!gzip) return [Buffer.from(own, 'utf8'), resources];
    if (this.#gzippedResources?.source !== resources) this.#gzippedResources = { source: resources, gz: gzipAsync(resources, { level: 6 }) };
    return [gzipSync(own, { level: 6 }), await this.#gzippedResources.gz];
  }

  /**
   * The same, gzip-encoded (what Prometheus asks for): two gzip members, the small exporter part
   * compressed per scrape and the resource part compressed once per change, off the event loop.
   * Concatenated members are one valid gzip stream (RFC 1952 §2.2).
   */
  async gzipBody(): Promise<Buffer> {
    return Buffer.concat(await this.bodyParts(true));
  }

  #resourcesBody(): Buffer {
    this.#renderedResources ??= Buffer.from(renderFamilies(FAMILY_LIST, this.#resourceText.values()), 'utf8');
    return this.#renderedResources;
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  /** Declares a scope before its first poll (its interval is known from the start). */
  registerScope(identity: ScopeIdentity, intervalMs: number): void {
    this.#interval.set(scopeLabels(identity), intervalMs / 1000);
  }

  /** Per-scope request/error counters, for the scope's API caller. */
  observer(identity: ScopeIdentity): { onRequest(operation: string): void; onError(code: string): void } {
    const labels = scopeLabels(identity);
    const seen = this.#errorCodes.get(identity.key) ?? new Set<string>();
    this.#errorCodes.set(identity.key, seen);
    return {
      onRequest: (operation) => this.#requests.inc({ ...labels, operation }),
      onError: (code) => {
        // At most 32 distinct codes per scope; more would mean a broken endpoint inventing them.
        if (!seen.has(code) && seen.size >= 32) code = 'OTHER';
        seen.add(code);
        this.#errors.inc({ ...labels, code });
      },
    };
  }

  /** Records a finished poll: scope health always, resource series only after a success. */
  update(identity: ScopeIdentity, state: ScopeState, outcome: { ok: boolean; durationMs: number }, objectiveSeconds: number | undefined): void {
    const labels = scopeLabels(identity);
    this.#up.set(labels, outcome.ok ? 1 : 0);
    if (state.lastAttemptMs !== undefined) this.#lastPoll.set(labels, state.lastAttemptMs / 1000);
    if (state.lastSuccessMs !== undefined) this.#lastSuccess.set(labels, state.lastSuccessMs / 1000);
    this.#pollDuration.observe({ ...labels, outcome: outcome.ok ? 'success' : 'failure' }, outcome.durationMs / 1000);
    this.#backoff.set(labels, state.backoffMs / 1000);
    if (!outcome.ok || !state.reading) return;
    this.#resources.set(labels, state.reading.resources.length);
    this.#staleResources.set(labels, state.reading.staleResources);

    const w = new FamilyWriter();
    for (const r of state.reading.resources) {
      if (r.service === 'geminidb') writeGeminiDb(w, r, rpoObjectiveSeconds(r, objectiveSeconds));
      else writeDws(w, r, rpoObjectiveSeconds(r, objectiveSeconds));
    }
    this.#resourceText.set(identity.key, w.finish());
    this.#renderedResources = undefined;
  }
}

function writeGeminiDb(w: FamilyWriter, r: GeminiDbInstanceReading, objectiveSeconds: number | undefined): void {
  const l = { dr_id: r.drId, instance_id: r.instanceId, region: r.region };
  w.set(F.gdbInfo, { ...l, peer_instance_id: r.peerInstanceId, instance_name: r.name }, 1);
  w.set(F.gdbObjective, l, objectiveSeconds);
  w.set(F.gdbAbnormal, l, r.instanceStatus === undefined ? undefined : r.instanceStatus.toLowerCase() === 'abnormal' ? 1 : 0);
  for (const role of GEMINIDB_ROLES) w.set(F.gdbRole, { ...l, role }, r.role === undefined ? undefined : r.role === role ? 1 : 0);
  const s = r.sync;
  if (!s) return;
  w.set(F.gdbLag, l, s.lagSeconds);
  w.set(F.gdbLatency, l, s.syncLatencySeconds);
  w.set(F.gdbBacklog, l, s.backlogBytes);
  for (const [scene, v] of Object.entries(s.rpoSeconds)) w.set(F.gdbRpo, { ...l, scene }, v);
  for (const [scene, v] of Object.entries(s.rtoSeconds)) w.set(F.gdbRto, { ...l, scene }, v);
  w.set(F.gdbPaused, l, s.paused ? 1 : 0);
  const status = stateSet(GEMINIDB_SYNC_STATUSES, s.status, /^[A-Z][A-Z_]{0,31}$/, 'UNKNOWN');
  for (const state of status.states) w.set(F.gdbSyncStatus, { ...l, status: state }, state === status.current ? 1 : 0);
}

function writeDws(w: FamilyWriter, r: DwsTaskReading, objectiveSeconds: number | undefined): void {
  const l = { dr_id: r.drId, region: r.region };
  w.set(F.dwsInfo, { ...l, name: r.name ?? '', dr_type: r.drType ?? '', primary_cluster_id: r.primaryClusterId ?? '', standby_cluster_id: r.standbyClusterId ?? '' }, 1);
  const status = stateSet(DWS_TASK_STATUSES, r.status, /^[a-z][a-z_]{0,31}$/, 'unknown');
  for (const state of status.states) w.set(F.dwsStatus, { ...l, status: state }, state === status.current ? 1 : 0);
  w.set(F.dwsLastSync, l, r.lastSyncMs === undefined ? undefined : r.lastSyncMs / 1000);
  w.set(F.dwsPeriod, l, r.syncPeriodSeconds);
  w.set(F.dwsRpo, l, r.rpoSeconds);
  w.set(F.dwsRto, l, r.rtoSeconds);
  w.set(F.dwsObjective, l, objectiveSeconds);
  for (const [clusterId, current] of [
    [r.primaryClusterId, 'primary'],
    [r.standbyClusterId, 'standby'],
  ] as const) {
    if (!clusterId) continue;
    for (const role of DWS_CLUSTER_ROLES) w.set(F.dwsClusterRole, { ...l, cluster_id: clusterId, role }, role === current ? 1 : 0);
  }
}

function scopeLabels(identity: ScopeIdentity): LabelValues {
  return { service: identity.service, region: identity.region, project_id: identity.projectId };
}
