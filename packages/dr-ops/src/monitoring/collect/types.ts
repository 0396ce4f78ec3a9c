// What the exporter knows about one scope after a poll: typed readings of every GeminiDB DR instance
// and DWS DR task the scope's API answers for. Metrics and the fleet view are both built from these.
import type { MonitoredService } from '../config/load-config.js';

export type GeminiDbRole = 'master' | 'slave';
export type GeminiDbRpoScene = 'failover' | 'switchover';

/** The data-synchronisation reading of one instance (`showPauseResumeStutus`). */
export interface GeminiDbSyncReading {
  /** `SYNCING`, `SUSPENDED`, ... as the API spells it (open set). */
  readonly status: string;
  /** Paused or being paused (`SUSPENDED`, `SUSPENDING`). */
  readonly paused: boolean;
  /**
   * How far the standby is behind, in seconds: the data a failover now would lose, as the API
   * reports it (the `FAILOVER` scene's `rpo`). Primary only.
   */
  readonly lagSeconds?: number | undefined;
  /** Average time from a write being queued to the standby's acknowledgement (`rsync_push_cost`, µs → s). Primary only. */
  readonly syncLatencySeconds?: number | undefined;
  /** Write-ahead log not yet synchronised (`rsync_wal_size`, MB → bytes). Primary only. */
  readonly backlogBytes?: number | undefined;
  /** Synchronisation throughput (`rsync_ops`). Primary only. */
  readonly opsPerSecond?: number | undefined;
  /** RPO and RTO per scenario, as reported (primary only). */
  readonly rpoSeconds: Partial<Record<GeminiDbRpoScene, number>>;
  readonly rtoSeconds: Partial<Record<GeminiDbRpoScene, number>>;
}

/** One GeminiDB instance that is in a DR relationship, as seen from its own region. */
export interface GeminiDbInstanceReading {
  readonly service: 'geminidb';
  /** Relationship key (the API exposes no relationship ID after construction): see relationshipId(). */
  readonly drId: string;
  readonly instanceId: string;
  readonly name: string;
  readonly region: string;
  readonly peerInstanceId: string;
  /** `normal`, `abnormal`, ... from listInstances. */
  readonly instanceStatus: string | undefined;
  /** Operations running on the instance (`actions`), e.g. a switchover job. */
  readonly actions: readonly string[];
  readonly role: GeminiDbRole | undefined;
  /** Undefined when it could not be read (yet). */
  readonly sync: GeminiDbSyncReading | undefined;
  /** When role and sync were last read successfully (ms since the epoch). */
  readonly readAtMs: number | undefined;
}

/** One DWS DR task. */
export interface DwsTaskReading {
  readonly service: 'dws';
  readonly drId: string;
  readonly name: string | undefined;
  readonly region: string;
  /** `running`, `stopped`, ... as the API spells it (open set). */
  readonly status: string;
  readonly drType: string | undefined;
  readonly primaryClusterId: string | undefined;
  readonly standbyClusterId: string | undefined;
  readonly primaryClusterStatus: string | undefined;
  readonly standbyClusterStatus: string | undefined;
  /** `dr_sync_period` in seconds (from the task detail). */
  readonly syncPeriodSeconds: number | undefined;
  /** Last successful synchronisation (ms since the epoch). */
  readonly lastSyncMs: number | undefined;
  /** RPO and RTO as `show-progress` reports them. */
  readonly rpoSeconds: number | undefined;
  readonly rtoSeconds: number | undefined;
  readonly readAtMs: number | undefined;
}

export type ResourceReading = GeminiDbInstanceReading | DwsTaskReading;

/** Where a scope's API lives and as which project; labels of the scope's own metrics. */
export interface ScopeIdentity {
  /** `geminidb/ap-southeast-1/<project>`: unique per exporter. */
  readonly key: string;
  readonly service: MonitoredService;
  readonly region: string;
  readonly projectId: string;
  /** Position in the config's `scopes` list. */
  readonly index: number;
}

/** The result of one poll of a scope. */
export interface ScopeReading {
  readonly resources: readonly ResourceReading[];
  /** Resources whose details could not be read this time (their previous values are kept). */
  readonly staleResources: number;
}
