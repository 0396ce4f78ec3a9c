// Turns the config's scopes into pollers: one typed client per scope (credentials from the scope's
// profile, credentials file or the environment, resolved by @hcdr/core as everywhere in hcdr),
// wired to the global concurrency cap and the collector of its service. Every scope is resolved
// before anything is polled, and all problems are reported together.
import { type ApiClientOptions, isHuaweiCloudConfigError } from '@hcdr/core';
import { createDwsClient } from '@hcdr/dws';
import { createGeminiDbClient } from '@hcdr/geminidb';
import { collectDws } from './collect/dws.js';
import { collectGeminiDb } from './collect/geminidb.js';
import type { DwsTaskReading, GeminiDbInstanceReading, ScopeIdentity } from './collect/types.js';
import type { ExporterConfig, ScopeConfig } from './config/load-config.js';
import { type CallObserver, retryAfterRecorder } from './poll/api-caller.js';
import { type PollClock, systemClock } from './poll/clock.js';
import { type PollOutcome, ScopePoller } from './poll/scope-poller.js';
import { Semaphore } from './poll/semaphore.js';

/** What a caller may add to a scope's client options (credentials, env, an HTTP handler, user agent...). */
export type ScopeClientOptions = Omit<ApiClientOptions, 'maxRetries' | 'observers' | 'region'>;

export interface ScopeSetupOptions {
  readonly config: ExporterConfig;
  /**
   * Extra client options per scope, e.g. credentials read from the scope's `credentials_file`
   * (the library never reads that file itself: the CLI does, with its permission checks).
   */
  readonly clientOptions?: ((scope: ScopeConfig) => ScopeClientOptions | Promise<ScopeClientOptions>) | undefined;
  readonly clock?: PollClock | undefined;
}

export interface ScopeProblem {
  /** `scopes[1]` */
  readonly path: string;
  readonly message: string;
}

export class ScopeSetupError extends Error {
  override readonly name = 'ScopeSetupError';
  constructor(readonly problems: readonly ScopeProblem[]) {
    super(`Cannot monitor ${problems.length === 1 ? 'a scope' : `${problems.length} scopes`}:\n${problems.map((p) => `  ${p.path}: ${p.message}`).join('\n')}`);
  }
}

export interface MonitoredScope {
  readonly config: ScopeConfig;
  readonly poller: ScopePoller;
}

export interface PollerHooks {
  observer(identity: ScopeIdentity): CallObserver;
  onPoll?(scope: MonitoredScope, outcome: PollOutcome): void;
}

const describeScope = (s: ScopeConfig) => `${s.service} ${s.region}${s.projectId ? ` ${s.projectId}` : ''}${s.profile ? ` (profile ${s.profile})` : ''}`;

export async function createMonitoredScopes(options: ScopeSetupOptions, hooks: PollerHooks): Promise<MonitoredScope[]> {
  const clock = options.clock ?? systemClock;
  const { config } = options;
  const semaphore = new Semaphore(config.concurrency);
  const problems: ScopeProblem[] = [];
  const keys = new Map<string, number>();
  const scopes: MonitoredScope[] = [];

  for (const scope of config.scopes) {
    const path = `scopes[${scope.index}]`;
    try {
      const extra = (await options.clientOptions?.(scope)) ?? {};
      const recorder = retryAfterRecorder(clock.now);
      const clientOptions: ApiClientOptions = {
        now: clock.now,
        timeoutMs: config.timeoutMs,
        ...extra,
        region: scope.region,
        projectId: scope.projectId ?? extra.projectId,
        profile: scope.profile ?? extra.profile,
        configFile: scope.configFile ?? extra.configFile,
        endpoint: scope.endpoint ?? extra.endpoint,
        // The poller is the retry loop: it backs the whole scope off instead of retrying one call.
        maxRetries: 0,
        deadlineMs: extra.timeoutMs ?? config.timeoutMs,
        observers: [recorder.observer],
      };
      const geminidb = scope.service === 'geminidb' ? createGeminiDbClient(clientOptions) : undefined;
      const dws = scope.service === 'dws' ? createDwsClient(clientOptions) : undefined;
      const projectId = (geminidb ?? dws)?.config.projectId ?? '';
      const identity: ScopeIdentity = { key: `${scope.service}/${scope.region}/${projectId}`, service: scope.service, region: scope.region, projectId, index: scope.index };
      const first = keys.get(identity.key);
      if (first !== undefined) {
        problems.push({ path, message: `monitors the same service, region and project (${projectId}) as scopes[${first}]` });
        continue;
      }
      keys.set(identity.key, scope.index);
      const monitored: { config: ScopeConfig; poller?: ScopePoller } = { config: scope };
      const poller = new ScopePoller({
        identity,
        intervalMs: scope.intervalMs,
        semaphore,
        clock,
        observer: hooks.observer(identity),
        retryAfter: recorder,
        collect: (caller, previous) =>
          geminidb
            ? collectGeminiDb({ client: geminidb, region: scope.region, caller, now: clock.now, previous: previous as ReadonlyMap<string, GeminiDbInstanceReading> })
            : collectDws({ client: dws!, region: scope.region, caller, now: clock.now, previous: previous as ReadonlyMap<string, DwsTaskReading> }),
        onPoll: (_, outcome) => hooks.onPoll?.(monitored as MonitoredScope, outcome),
      });
      monitored.poller = poller;
      scopes.push(monitored as MonitoredScope);
    } catch (error) {
      const message = isHuaweiCloudConfigError(error) || error instanceof Error ? error.message : String(error);
      problems.push({ path, message: `${describeScope(scope)}: ${message.replace(/\n\s*/g, ' ')}` });
    }
  }
  if (problems.length > 0) throw new ScopeSetupError(problems);
  return scopes;
}
