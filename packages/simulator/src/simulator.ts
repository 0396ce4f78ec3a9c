import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SimulatorCredentials } from './auth/authenticate.js';
import { createClock, type Clock, type ClockOptions } from './clock.js';
import { controlRoutes } from './control/routes.js';
import { dwsRoutes } from './dws/routes.js';
import { DEFAULT_DWS_CLUSTERS, DEFAULT_DWS_JOBS, type DwsClusterSeed, type DwsJobSeed, type DwsTaskSeed } from './dws/seed.js';
import { DwsSimulation, dwsDataFromSeeds } from './dws/state.js';
import { seedFleet, validateFleetOptions, type FleetOptions } from './fleet/seed-fleet.js';
import { FaultRegistry } from './faults/registry.js';
import { geminiDbRoutes } from './geminidb/routes.js';
import { DEFAULT_GEMINIDB_INSTANCES, type GeminiDbInstanceSeed, type GeminiDbRelationshipSeed } from './geminidb/seed.js';
import { GeminiDbSimulation, geminiDbDataFromSeeds } from './geminidb/state.js';
import type { ServiceName, ServiceRoute } from './http/context.js';
import { Router } from './http/router.js';
import { createRequestListener } from './http/server.js';
import { LagModel, type LagOverride } from './lag/lag-model.js';
import { RequestLog } from './log/request-log.js';
import { readStateFile, writeStateFile, type PersistedState } from './persistence/state-file.js';
import { IdSource } from './random.js';
import { defaultProjectId, REGION_PATTERN } from './regions/scope.js';
import { takeSnapshot, type SimulatorSnapshot } from './snapshot.js';
import { networkView } from './vpc/network.js';
import { vpcRoutes } from './vpc/routes.js';

/** Access key id the simulator accepts unless told otherwise. Not a secret. */
export const DEFAULT_ACCESS_KEY_ID = 'HCDRSIMULATORAK';

export interface SimulatorOptions extends ClockOptions {
  readonly credentials?: {
    readonly accessKeyId?: string;
    /** Default: a random key, readable from `sim.credentials` (never logged). */
    readonly secretAccessKey?: string;
    /** Enables `X-Auth-Token` authentication with this exact value. Default: token auth refused. */
    readonly authToken?: string;
  };
  /** `false` accepts unauthenticated requests (the clockSkew fault still answers 401). Default true. */
  readonly requireAuth?: boolean;
  /** Allowed |X-Sdk-Date − clock| before "signature expired". Default 15 minutes. */
  readonly maxClockSkewMs?: number;
  /** Refuse GeminiDB construction/deconstruction unless the matching precheck succeeded first. Default true. */
  readonly requirePrecheck?: boolean;
  readonly geminidb?: { readonly instances?: readonly GeminiDbInstanceSeed[]; readonly relationships?: readonly GeminiDbRelationshipSeed[] };
  readonly dws?: { readonly clusters?: readonly DwsClusterSeed[]; readonly jobs?: readonly DwsJobSeed[]; readonly tasks?: readonly DwsTaskSeed[] };
  /** Adds a generated fleet (hundreds of relationships and tasks across regions and projects) to the seeds. */
  readonly fleet?: FleetOptions;
  /** Makes ids and lag waves reproducible. Default: random per simulator. */
  readonly seed?: string | number;
  /** How many requests `sim.requests` keeps (oldest dropped first). Default 10 000; 0 = none. */
  readonly requestLogLimit?: number;
  /** Require `Authorization: Bearer <token>` on the control API (`/__sim/...`, except /__sim/health). */
  readonly controlToken?: string;
  /** Extra host names the control API answers to (besides loopback names and the bound address). */
  readonly allowedHosts?: readonly string[];
  /**
   * Serve paths without a `/{region}` prefix with every region and project visible (the behaviour
   * before per-region state; such requests cannot tell regions apart). Default false: a path
   * without a region answers 404 with a hint.
   */
  readonly legacyRegionless?: boolean;
  /** Time allowed to receive the request headers (slow-header clients are cut off). Default 10 s. */
  readonly headersTimeoutMs?: number;
  /** Time allowed to receive the whole request, body included. Default 60 s. */
  readonly requestTimeoutMs?: number;
  /** One line per request (method, path, status, duration). `true` = stderr. Default off. */
  readonly log?: boolean | ((line: string) => void);
  /**
   * Keep the whole world in this JSON file, rewritten atomically (temp file, fsync, rename) before
   * every response to a request that changed it. If the file exists the simulator starts from it
   * (seeds and `seed` are then ignored), so a kill -9 and restart lose nothing and running jobs finish.
   */
  readonly stateFile?: string;
}

export interface ListenResult {
  readonly url: string;
  readonly port: number;
}

/** A region the simulator holds resources in, with its projects. */
export interface SimulatorRegion {
  readonly region: string;
  /** The region's default project first. */
  readonly projectIds: readonly string[];
}

interface World {
  readonly geminidb: GeminiDbSimulation;
  readonly dws: DwsSimulation;
  readonly router: Router<ServiceRoute>;
}

const LOOPBACK_BIND = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

export function isLoopbackBind(host: string): boolean {
  return LOOPBACK_BIND.has(host.toLowerCase()) || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

export class Simulator {
  readonly faults: FaultRegistry;
  /** Every API request handled (not the control API), oldest first; see `RequestLogEntry`. */
  readonly requests: RequestLog;
  readonly credentials: SimulatorCredentials;
  readonly #options: SimulatorOptions;
  readonly #clock: Clock;
  #seed: string;
  #ids: IdSource;
  #lag: LagModel;
  #world: World;
  #server: Server | undefined;
  #url: string | undefined;
  #boundHost: string | undefined;
  readonly #hostAliases: string[] = [];

  constructor(options: SimulatorOptions = {}) {
    this.#options = options;
    this.#clock = createClock(options);
    if (options.fleet) validateFleetOptions(options.fleet);
    for (const [name, value] of [
      ['headersTimeoutMs', options.headersTimeoutMs],
      ['requestTimeoutMs', options.requestTimeoutMs],
    ] as const) {
      if (value !== undefined && (!Number.isInteger(value) || value < 1)) throw new RangeError(`${name} must be a positive integer, got ${value}`);
    }
    this.#seed = options.seed === undefined ? randomBytes(8).toString('hex') : String(options.seed);
    this.credentials = {
      accessKeyId: options.credentials?.accessKeyId ?? DEFAULT_ACCESS_KEY_ID,
      secretAccessKey: options.credentials?.secretAccessKey ?? randomBytes(30).toString('base64url'),
      authToken: options.credentials?.authToken,
    };
    this.requests = new RequestLog(options.requestLogLimit);
    const saved = options.stateFile === undefined ? undefined : readStateFile(options.stateFile);
    if (saved) this.#seed = saved.seed;
    this.#ids = new IdSource(this.#seed, saved?.idCounter ?? 0);
    this.#lag = new LagModel(this.#clock, this.#seed, saved?.lagOverrides);
    this.#world = this.#buildWorld(saved);
    const onChange = () => this.#save();
    this.faults = new FaultRegistry({ operations: this.routes, now: this.#clock.now, onChange }, saved?.faults);
    this.#save();
  }

  /** From a state file when there is one, else from the seeds (and the fleet). */
  #buildWorld(saved?: PersistedState): World {
    const o = this.#options;
    const now = this.#clock.now();
    const fleet = !saved && o.fleet ? seedFleet({ seed: this.#seed, ...o.fleet }, now) : undefined;
    const newId = () => this.#ids.uuid();
    const geminidb = new GeminiDbSimulation(
      this.#clock,
      saved?.geminidb ??
        geminiDbDataFromSeeds(
          [...(o.geminidb?.instances ?? DEFAULT_GEMINIDB_INSTANCES), ...(fleet?.geminidb.instances ?? [])],
          [...(o.geminidb?.relationships ?? []), ...(fleet?.geminidb.relationships ?? [])],
          now,
        ),
      { requirePrecheck: o.requirePrecheck ?? true, newId, lag: this.#lag },
    );
    const dws = new DwsSimulation(
      this.#clock,
      saved?.dws ??
        dwsDataFromSeeds([...(o.dws?.clusters ?? DEFAULT_DWS_CLUSTERS), ...(fleet?.dws.clusters ?? [])], [...(o.dws?.tasks ?? []), ...(fleet?.dws.tasks ?? [])], now),
      { newId, lag: this.#lag },
    );
    const router = new Router<ServiceRoute>([
      ...geminiDbRoutes(geminidb, this.#clock),
      ...dwsRoutes(dws, this.#clock, o.dws?.jobs ?? DEFAULT_DWS_JOBS),
      ...vpcRoutes(() => networkView(geminidb, dws)),
    ]);
    return { geminidb, dws, router };
  }

  /** Writes the state file (when configured). Called before answering any request that changed state. */
  #save(): void {
    const path = this.#options.stateFile;
    // During construction the registry does not exist yet; the constructor saves once at its end.
    if (path === undefined || this.faults === undefined) return;
    writeStateFile(path, {
      format: 'hcdr-simulator-state',
      version: 1,
      savedAt: new Date(this.#clock.now()).toISOString(),
      seed: this.#seed,
      idCounter: this.#ids.counter,
      geminidb: this.#world.geminidb.data(),
      dws: this.#world.dws.data(),
      faults: this.faults.list(),
      lagOverrides: this.#lag.overrides(),
    });
  }

  /** The simulated operations (method, path template, operationId), one per spec operation. */
  get routes(): readonly { service: ServiceName; method: string; path: string; operationId: string }[] {
    return this.#world.router.routes.map(({ service, method, path, operationId }) => ({ service, method, path, operationId }));
  }

  /** Base URL once listening (no region: clients address a region as `${url}/${region}`, see `endpoint`). */
  get url(): string | undefined {
    return this.#url;
  }

  /** The endpoint of one region, e.g. `http://127.0.0.1:41523/ap-southeast-1` (what a client's `endpoint` option takes). */
  endpoint(region: string): string {
    if (!REGION_PATTERN.test(region)) throw new RangeError(`"${region}" is not a region id such as ap-southeast-1`);
    if (this.#url === undefined) throw new Error('the simulator is not listening');
    return `${this.#url}/${region}`;
  }

  /** The default IAM project of a region (every region has its own, as in Huawei Cloud). */
  projectId(region: string): string {
    if (!REGION_PATTERN.test(region)) throw new RangeError(`"${region}" is not a region id such as ap-southeast-1`);
    return defaultProjectId(region);
  }

  /** Regions that hold seeded or created resources, each with its projects (default project first). */
  get regions(): readonly SimulatorRegion[] {
    const projects = new Map<string, Set<string>>();
    const add = (region: string, projectId: string) => {
      const set = projects.get(region) ?? new Set([defaultProjectId(region)]);
      set.add(projectId);
      projects.set(region, set);
    };
    for (const i of this.#world.geminidb.instances()) add(i.seed.region, i.seed.projectId);
    for (const c of this.#world.dws.clusters()) add(c.seed.region, c.seed.projectId);
    return [...projects.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([region, set]) => ({ region, projectIds: [...set] }));
  }

  /** A fresh JSON snapshot of the simulated world (state advanced to the current clock first). */
  get state(): SimulatorSnapshot {
    return takeSnapshot(this.#clock.now(), this.#world.geminidb, this.#world.dws, this.faults.list(), this.#lag);
  }

  /** Back to the seeded state, with no faults, lag overrides or logged requests. Credentials and the socket are kept. */
  reset(): void {
    this.requests.clear();
    this.#ids = new IdSource(this.#seed);
    this.#lag = new LagModel(this.#clock, this.#seed);
    this.#world = this.#buildWorld();
    this.faults.clear(); // also saves the reseeded world
  }

  /**
   * Sets the replication lag of a GeminiDB relationship (its `disaster_recovery_id`) or a DWS DR task
   * (its id) to `lagSeconds`, for `durationMs` on the simulator clock (default: until `clearLag`).
   * Sync status, RPO, DWS last-sync times and the switchover `sync_delay` check all follow it.
   */
  setLag(input: { relationshipId: string; lagSeconds: number; durationMs?: number }): LagOverride {
    const override = this.#lag.set(input.relationshipId, input.lagSeconds, input.durationMs);
    this.#save();
    return override;
  }

  /** Removes one override (or all); returns whether there was one. */
  clearLag(relationshipId?: string): boolean {
    const removed = this.#lag.clear(relationshipId);
    this.#save();
    return removed;
  }

  /** Current lag of a relationship or DWS task in seconds (undefined if it is not an active one). */
  lagSeconds(relationshipId: string): number | undefined {
    const gemini = this.#world.geminidb.lagSeconds(relationshipId);
    if (gemini !== undefined) return gemini;
    const task = this.#world.dws.tasks().find((t) => t.id === relationshipId);
    if (!task) return undefined;
    const last = this.#world.dws.lastSuccessTime(task);
    return last === undefined ? undefined : Math.max(0, (this.#clock.now() - last) / 1000);
  }

  /**
   * Also accept AK/SK signatures made for `host` (e.g. `127.0.0.1:4010`): a contract proxy such as
   * `prism proxy` forwards requests with its upstream's Host, while the client signed the proxy's.
   */
  trustSignedHost(host: string): void {
    if (!this.#hostAliases.includes(host)) this.#hostAliases.push(host);
  }

  /** Clears the abnormal flag a forced failover left on an old GeminiDB primary (a repaired site). */
  recoverGeminiDbInstance(instanceId: string): void {
    this.#world.geminidb.recover(instanceId);
    this.#save();
  }

  async listen(port = 0, host = '127.0.0.1'): Promise<ListenResult> {
    if (this.#server) throw new Error('simulator is already listening');
    const o = this.#options;
    const log = o.log === true ? (line: string) => process.stderr.write(`${line}\n`) : o.log || undefined;
    const headersTimeout = o.headersTimeoutMs ?? 10_000;
    const requestTimeout = Math.max(o.requestTimeoutMs ?? 60_000, headersTimeout);
    const server = createServer(
      {
        headersTimeout,
        requestTimeout,
        // How often Node checks those timeouts; small enough for short test timeouts to bite.
        connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(headersTimeout / 4))),
      },
      createRequestListener({
        serviceRouter: () => this.#world.router,
        controlRouter: new Router(
          controlRoutes({
            faults: this.faults,
            requests: this.requests,
            snapshot: () => this.state,
            reset: () => this.reset(),
            recoverGeminiDbInstance: (id) => this.recoverGeminiDbInstance(id),
            setLag: (input) => this.setLag(input),
            clearLag: (id) => this.clearLag(id),
            lagReport: () => ({ overrides: this.#lag.overrides(), relationships: this.state.geminidb.relationships, tasks: this.state.dws.tasks }),
            routes: () => this.routes,
            regions: () => this.regions,
          }),
        ),
        controlAccess: {
          hosts: () => [...(this.#boundHost ? [this.#boundHost] : []), ...(o.allowedHosts ?? [])],
          token: o.controlToken,
        },
        faults: this.faults,
        requests: this.requests,
        clock: this.#clock,
        credentials: this.credentials,
        requireAuth: o.requireAuth ?? true,
        maxClockSkewMs: o.maxClockSkewMs,
        legacyRegionless: o.legacyRegionless ?? false,
        hostAliases: () => this.#hostAliases,
        log,
        changed: () => this.#save(),
      }),
    );
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.#server = server;
    const address = server.address() as AddressInfo;
    const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    this.#boundHost = urlHost;
    this.#url = `http://${urlHost}:${address.port}`;
    return { url: this.#url, port: address.port };
  }

  /** Stops listening and drops open connections (including requests held by a `slow` fault). */
  async close(): Promise<void> {
    const server = this.#server;
    if (!server) return;
    this.#server = undefined;
    this.#url = undefined;
    await new Promise<void>((resolve, reject) => {
      server.close((error) => (error ? reject(error) : resolve()));
      server.closeAllConnections();
    });
  }
}

export function createSimulator(options: SimulatorOptions = {}): Simulator {
  return new Simulator(options);
}
