// The stateful simulator (@hcdr/simulator), alone or behind `prism proxy --errors`, for workflow and fault tests.
import { createSimulator, DEFAULT_GEMINIDB_INSTANCES, type Simulator, type SimulatorOptions } from '@hcdr/simulator';
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

export interface RunningSimulator {
  sim: Simulator;
  url: string;
  close(): Promise<void>;
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const sim = createSimulator({ jobDurationMs: JOB_MS, credentials: SIM_CREDENTIALS, ...options });
  const { url } = await sim.listen();
  return { sim, url, close: () => sim.close() };
}

export interface ProxiedSimulator extends RunningSimulator {
  /** `prism proxy --errors specs/<spec>.yaml <simulator>` */
  proxy: TrackedPrism;
  /** Stops Prism and the simulator; returns stray-process problems (empty = clean). */
  stop(): Promise<string[]>;
}

export async function startSimulatorBehindPrism(spec: SpecName, options: SimulatorOptions = {}): Promise<ProxiedSimulator> {
  const running = await startSimulator(options);
  let proxy: TrackedPrism;
  try {
    proxy = await startTrackedPrism({ spec, upstream: running.url });
    // Prism forwards with the simulator's Host; the client signs the proxy's. Everything else must still match.
    running.sim.trustSignedHost(new URL(proxy.server.url).host);
  } catch (error) {
    await running.close();
    throw error;
  }
  return {
    ...running,
    proxy,
    async stop() {
      const problems = await stopAndCheck([proxy]);
      await running.close();
      return problems;
    },
  };
}
