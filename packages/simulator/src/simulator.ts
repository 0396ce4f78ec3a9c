import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SimulatorCredentials } from './auth/authenticate.js';
import { createClock, type Clock, type ClockOptions } from './clock.js';
import { controlRoutes } from './control/routes.js';
import { dwsRoutes } from './dws/routes.js';
import { DEFAULT_DWS_CLUSTERS, DEFAULT_DWS_JOBS, type DwsClusterSeed, type DwsJobSeed } from './dws/seed.js';
import { DwsSimulation } from './dws/state.js';
import { FaultRegistry } from './faults/registry.js';
import { geminiDbRoutes } from './geminidb/routes.js';
import { DEFAULT_GEMINIDB_INSTANCES, type GeminiDbInstanceSeed } from './geminidb/seed.js';
import { GeminiDbSimulation } from './geminidb/state.js';
import type { ServiceRoute } from './http/context.js';
import { Router } from './http/router.js';
import { createRequestListener } from './http/server.js';
import { takeSnapshot, type SimulatorSnapshot } from './snapshot.js';

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
  readonly geminidb?: { readonly instances?: readonly GeminiDbInstanceSeed[] };
  readonly dws?: { readonly clusters?: readonly DwsClusterSeed[]; readonly jobs?: readonly DwsJobSeed[] };
  /** One line per request (method, path, status, duration). `true` = stderr. Default off. */
  readonly log?: boolean | ((line: string) => void);
}

export interface ListenResult {
  readonly url: string;
  readonly port: number;
}

interface World {
  readonly geminidb: GeminiDbSimulation;
  readonly dws: DwsSimulation;
  readonly router: Router<ServiceRoute>;
}

export class Simulator {
  readonly faults = new FaultRegistry();
  readonly credentials: SimulatorCredentials;
  readonly #options: SimulatorOptions;
  readonly #clock: Clock;
  #world: World;
  #server: Server | undefined;
  #url: string | undefined;
  readonly #hostAliases: string[] = [];

  constructor(options: SimulatorOptions = {}) {
    this.#options = options;
    this.#clock = createClock(options);
    this.credentials = {
      accessKeyId: options.credentials?.accessKeyId ?? DEFAULT_ACCESS_KEY_ID,
      secretAccessKey: options.credentials?.secretAccessKey ?? randomBytes(30).toString('base64url'),
      authToken: options.credentials?.authToken,
    };
    this.#world = this.#buildWorld();
  }

  #buildWorld(): World {
    const o = this.#options;
    const geminidb = new GeminiDbSimulation(this.#clock, o.geminidb?.instances ?? DEFAULT_GEMINIDB_INSTANCES, {
      requirePrecheck: o.requirePrecheck ?? true,
    });
    const dws = new DwsSimulation(this.#clock, o.dws?.clusters ?? DEFAULT_DWS_CLUSTERS);
    const router = new Router<ServiceRoute>([
      ...geminiDbRoutes(geminidb, this.#clock),
      ...dwsRoutes(dws, this.#clock, o.dws?.jobs ?? DEFAULT_DWS_JOBS),
    ]);
    return { geminidb, dws, router };
  }

  /** The simulated operations (method, path template, operationId), one per spec operation. */
  get routes(): readonly { service: 'geminidb' | 'dws'; method: string; path: string; operationId: string }[] {
    return this.#world.router.routes.map(({ service, method, path, operationId }) => ({ service, method, path, operationId }));
  }

  /** Base URL once listening. */
  get url(): string | undefined {
    return this.#url;
  }

  /** A fresh JSON snapshot of the simulated world (state advanced to the current clock first). */
  get state(): SimulatorSnapshot {
    return takeSnapshot(this.#clock.now(), this.#world.geminidb, this.#world.dws, this.faults.list());
  }

  /** Back to the seeded state, with no faults. Credentials and the listening socket are kept. */
  reset(): void {
    this.faults.clear();
    this.#world = this.#buildWorld();
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
  }

  async listen(port = 0, host = '127.0.0.1'): Promise<ListenResult> {
    if (this.#server) throw new Error('simulator is already listening');
    const o = this.#options;
    const log = o.log === true ? (line: string) => process.stderr.write(`${line}\n`) : o.log || undefined;
    const server = createServer(
      createRequestListener({
        serviceRouter: () => this.#world.router,
        controlRouter: new Router(
          controlRoutes({
            faults: this.faults,
            snapshot: () => this.state,
            reset: () => this.reset(),
            recoverGeminiDbInstance: (id) => this.recoverGeminiDbInstance(id),
          }),
        ),
        faults: this.faults,
        clock: this.#clock,
        credentials: this.credentials,
        requireAuth: o.requireAuth ?? true,
        maxClockSkewMs: o.maxClockSkewMs,
        hostAliases: () => this.#hostAliases,
        log,
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
