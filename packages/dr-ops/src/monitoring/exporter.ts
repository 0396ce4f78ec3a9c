// The Prometheus exporter: one poller per scope under a global concurrency cap, metrics set when
// polls finish, and an HTTP endpoint that serves them from that cache. Scrapes never call the API.
import type { ScopeIdentity } from './collect/types.js';
import { ExporterMetrics } from './metrics/exporter-metrics.js';
import type { PollClock } from './poll/clock.js';
import { systemClock } from './poll/clock.js';
import type { PollOutcome } from './poll/scope-poller.js';
import { createMonitoredScopes, type MonitoredScope, type ScopeSetupOptions } from './scopes.js';
import { type RunningServer, startServer } from './server/http-server.js';
import { DEFAULT_LISTEN, isLoopback, parseListenAddress } from './server/listen-address.js';

/** What the exporter reports to its host process (the CLI prints these on stderr). No secrets. */
export type ExporterEvent =
  | { readonly type: 'listening'; readonly url: string; readonly loopback: boolean }
  | { readonly type: 'poll-failed'; readonly scope: ScopeIdentity; readonly code: string; readonly message: string; readonly nextPollInMs: number }
  | { readonly type: 'throttled'; readonly scope: ScopeIdentity; readonly code: string; readonly retryAfterMs: number | undefined; readonly nextPollInMs: number }
  | { readonly type: 'recovered'; readonly scope: ScopeIdentity; readonly failedPolls: number }
  | { readonly type: 'first-poll'; readonly scope: ScopeIdentity; readonly resources: number; readonly durationMs: number };

export interface ExporterOptions extends ScopeSetupOptions {
  /** Called on state changes only (first failure, recovery, first success), never once per poll. */
  readonly logger?: ((event: ExporterEvent) => void) | undefined;
  /** Version for hcdr_exporter_build_info. */
  readonly version?: string | undefined;
  /** Node.js process metrics (RSS, heap, event loop). Default true. */
  readonly processMetrics?: boolean | undefined;
}

export interface ScopeHealth {
  readonly service: string;
  readonly region: string;
  readonly project_id: string;
  readonly up: boolean | null;
  readonly resources: number | null;
  readonly last_success_age_seconds: number | null;
  readonly last_error: string | null;
}

export interface HealthReport {
  readonly status: 'ok';
  readonly scopes: readonly ScopeHealth[];
}

export class Exporter {
  readonly metricsRegistry: ExporterMetrics;
  readonly scopes: readonly MonitoredScope[];
  readonly #clock: PollClock;
  readonly #logger: ((event: ExporterEvent) => void) | undefined;
  #controller: AbortController | undefined;
  #loops: Promise<void>[] = [];
  #server: RunningServer | undefined;
  readonly #failing = new Map<string, number>();

  private constructor(metrics: ExporterMetrics, scopes: MonitoredScope[], clock: PollClock, logger: ExporterOptions['logger']) {
    this.metricsRegistry = metrics;
    this.scopes = scopes;
    this.#clock = clock;
    this.#logger = logger;
  }

  /** Resolves every scope (clients, credentials, project) before anything is polled. */
  static async create(options: ExporterOptions): Promise<Exporter> {
    const metrics = new ExporterMetrics({ version: options.version, processMetrics: options.processMetrics });
    let exporter: Exporter | undefined;
    const scopes = await createMonitoredScopes(options, {
      observer: (identity) => metrics.observer(identity),
      onPoll: (scope, outcome) => exporter?.onPollFinished(scope, outcome),
    });
    for (const s of scopes) metrics.registerScope(s.poller.identity, s.poller.intervalMs);
    exporter = new Exporter(metrics, scopes, options.clock ?? systemClock, options.logger);
    return exporter;
  }

  /** Starts one polling loop per scope (first polls spread over a few seconds). */
  start(): void {
    if (this.#controller) return;
    const controller = new AbortController();
    this.#controller = controller;
    this.#loops = this.scopes.map((s) => s.poller.run(controller.signal));
  }

  /** Polls every scope once now (also while running: a poll under way is joined). */
  async pollAll(signal: AbortSignal = new AbortController().signal): Promise<PollOutcome[]> {
    return Promise.all(this.scopes.map((s) => s.poller.pollOnce(signal)));
  }

  /** The scrape body: cached values, no API call. */
  metrics(): Promise<string> {
    return this.metricsRegistry.metrics();
  }

  /** The scrape body as UTF-8 bytes (what /metrics sends). */
  metricsBody(): Promise<Buffer> {
    return this.metricsRegistry.body();
  }

  /** The scrape body gzip-encoded (served to scrapers sending `Accept-Encoding: gzip`). */
  metricsBodyGzip(): Promise<Buffer> {
    return this.metricsRegistry.gzipBody();
  }

  get contentType(): string {
    return this.metricsRegistry.contentType;
  }

  health(): HealthReport {
    const now = this.#clock.now();
    return {
      status: 'ok',
      scopes: this.scopes.map(({ poller }) => {
        const s = poller.state;
        return {
          service: poller.identity.service,
          region: poller.identity.region,
          project_id: poller.identity.projectId,
          up: s.polls === 0 ? null : s.lastFailure === undefined,
          resources: s.reading ? s.reading.resources.length : null,
          last_success_age_seconds: s.lastSuccessMs === undefined ? null : Math.max(0, Math.round((now - s.lastSuccessMs) / 1000)),
          last_error: s.lastFailure ? `${s.lastFailure.code}: ${s.lastFailure.message}` : null,
        };
      }),
    };
  }

  /** Serves /metrics and /healthz; 127.0.0.1:9464 unless told otherwise. */
  async listen(address: string = DEFAULT_LISTEN): Promise<RunningServer> {
    if (this.#server) throw new Error('the exporter is already listening');
    const parsed = parseListenAddress(address);
    this.#server = await startServer(
      { metricsParts: (gzip) => this.metricsRegistry.bodyParts(gzip), contentType: this.contentType, health: () => this.health() },
      parsed,
    );
    this.#logger?.({ type: 'listening', url: this.#server.url, loopback: isLoopback(parsed.host) });
    return this.#server;
  }

  /** Stops polling (in-flight calls are aborted) and the HTTP server. */
  async close(): Promise<void> {
    this.#controller?.abort(new Error('exporter stopped'));
    await Promise.allSettled(this.#loops);
    this.#loops = [];
    this.#controller = undefined;
    const server = this.#server;
    this.#server = undefined;
    await server?.close();
  }

  /** @internal Called by each scope's poller when a poll ends. */
  onPollFinished(scope: MonitoredScope, outcome: PollOutcome): void {
    const { poller, config } = scope;
    const state = poller.state;
    this.metricsRegistry.update(poller.identity, state, outcome, config.rpoObjectiveSeconds);
    const log = this.#logger;
    const failedBefore = this.#failing.get(poller.identity.key) ?? 0;
    this.#failing.set(poller.identity.key, state.consecutiveFailures);
    if (!log) return;
    if (outcome.ok) {
      if (failedBefore > 0) log({ type: 'recovered', scope: poller.identity, failedPolls: failedBefore });
      else if (state.polls === 1) log({ type: 'first-poll', scope: poller.identity, resources: state.reading?.resources.length ?? 0, durationMs: outcome.durationMs });
      return;
    }
    const failure = outcome.failure!;
    // Log the first failure of a run only: a scope failing for hours logs once, then its recovery.
    if (failedBefore > 0) return;
    if (failure.throttled) {
      log({ type: 'throttled', scope: poller.identity, code: failure.code, retryAfterMs: failure.retryAfterMs, nextPollInMs: outcome.nextDelayMs });
    } else log({ type: 'poll-failed', scope: poller.identity, code: failure.code, message: failure.message, nextPollInMs: outcome.nextDelayMs });
  }
}

export function createExporter(options: ExporterOptions): Promise<Exporter> {
  return Exporter.create(options);
}
