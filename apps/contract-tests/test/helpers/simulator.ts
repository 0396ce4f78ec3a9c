// The stateful simulator (@hcdr/simulator), alone or behind `prism proxy --errors`, for workflow and fault tests.
import { createSimulator, DEFAULT_DWS_CLUSTERS, DEFAULT_GEMINIDB_INSTANCES, defaultProjectId, type Simulator, type SimulatorOptions } from '@hcdr/simulator';
import { type TrackedPrism, startTrackedPrism, stopAndCheck } from './prism-processes.ts';
import type { SpecName } from './specs.ts';

/** Credentials the simulator accepts in these tests (test values, not secrets). */
export const SIM_CREDENTIALS = {
  accessKeyId: 'HCDRSIMULATORAK',
  secretAccessKey: 'contract-test-simulator-sk',
  authToken: 'contract-test-simulator-token',
} as const;
export const SIM_TOKEN = { authToken: SIM_CREDENTIALS.authToken };
export const SIM_AKSK = { accessKeyId: SIM_CREDENTIALS.accessKeyId, secretAccessKey: SIM_CREDENTIALS.secretAccessKey };

/** Every GeminiDB job and DWS transition takes this long on the simulator's (real) clock. */
export const JOB_MS = 80;

/** Waiter settings for a fast simulator: poll right away, every 30-120 ms, give up after 10 s. */
export const FAST_WAIT = { initialDelayMs: 0, minIntervalMs: 30, maxIntervalMs: 120, maxWaitMs: 10_000 } as const;

export type GeminiSeed = (typeof DEFAULT_GEMINIDB_INSTANCES)[number];
export const [SEED_A, SEED_B, SEED_C] = DEFAULT_GEMINIDB_INSTANCES as [GeminiSeed, GeminiSeed, GeminiSeed];

/** Where the seeded resources are: each region is its own endpoint (`${url}/{region}`) with its own project. */
export const REGION_A = SEED_A.region;
export const REGION_B = SEED_B.region;
export const DWS_REGION = (DEFAULT_DWS_CLUSTERS[0] as { region: string }).region;
export const projectOf = (region: string) => defaultProjectId(region);

export interface RunningSimulator {
  sim: Simulator;
  /** Base URL without a region. */
  url: string;
  /** The endpoint of one region (what a client's `endpoint` option takes). */
  endpoint(region: string): string;
  close(): Promise<void>;
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const sim = createSimulator({ jobDurationMs: JOB_MS, credentials: SIM_CREDENTIALS, ...options });
  const { url } = await sim.listen();
  return { sim, url, endpoint: (region) => sim.endpoint(region), close: () => sim.close() };
}

export interface ProxiedSimulator extends RunningSimulator {
  /** `prism proxy --errors specs/<spec>.yaml <simulator>/<region>`, one per region, in the order asked for. */
  proxies: Readonly<Record<string, TrackedPrism>>;
  /** The proxy of the first region. */
  proxy: TrackedPrism;
  /** Stops Prism and the simulator; returns stray-process problems (empty = clean). */
  stop(): Promise<string[]>;
}

/**
 * The simulator behind one `prism proxy --errors` per region (a client of region X talks to X's proxy,
 * as it would to X's regional host). Prism forwards with the simulator's Host and the region base path;
 * the client signs the proxy's host and the spec path, which the simulator accepts for trusted proxy hosts.
 */
export async function startSimulatorBehindPrism(spec: SpecName, options: SimulatorOptions = {}, regions: readonly string[] = spec === 'dws-dr' ? [DWS_REGION] : [REGION_A, REGION_B]): Promise<ProxiedSimulator> {
  const running = await startSimulator(options);
  const proxies: Record<string, TrackedPrism> = {};
  try {
    const started = await Promise.all(regions.map((region) => startTrackedPrism({ spec, upstream: running.endpoint(region) })));
    for (const [i, region] of regions.entries()) {
      const proxy = started[i] as TrackedPrism;
      proxies[region] = proxy;
      running.sim.trustSignedHost(new URL(proxy.server.url).host);
    }
  } catch (error) {
    await stopAndCheck(Object.values(proxies));
    await running.close();
    throw error;
  }
  return {
    ...running,
    proxies,
    proxy: proxies[regions[0] as string] as TrackedPrism,
    async stop() {
      const problems = await stopAndCheck(Object.values(proxies));
      await running.close();
      return problems;
    },
  };
}
