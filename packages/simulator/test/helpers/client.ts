import {
  createManualClock,
  createSimulator,
  DEFAULT_DWS_CLUSTERS,
  DEFAULT_GEMINIDB_INSTANCES,
  defaultProjectId,
  type ManualClock,
  type Simulator,
  type SimulatorOptions,
} from '../../src/index.js';
import { sdkDate, sign } from './signer.js';

/** The default project of ap-southeast-1 (each region has its own: `project(region)`). */
export const PROJECT = '0123456789abcdef0123456789abcdef';
export const project = (region: string) => defaultProjectId(region);

/** `/{region}/v3/{project}` of a seeded GeminiDB instance's region: where requests about it go. */
export function gdbBase(instanceId: string): string {
  const seed = DEFAULT_GEMINIDB_INSTANCES.find((i) => i.id === instanceId);
  if (!seed) throw new Error(`not a seeded instance: ${instanceId}`);
  return `/${seed.region}/v3/${project(seed.region)}`;
}

/** The seeded GeminiDB regions (A is in the first, B and C in the second). */
export const GDB_REGIONS = ['ap-southeast-1', 'ap-southeast-3'] as const;
export const gdbRegionBase = (region: string) => `/${region}/v3/${project(region)}`;

/** Where the seeded DWS clusters are: `/{region}/{version}/{project}`. */
export const DWS_REGION = (DEFAULT_DWS_CLUSTERS[0] as { region: string }).region;
export const dwsBase = (version: 'v1' | 'v1.0' | 'v2' = 'v2') => `/${DWS_REGION}/${version}/${project(DWS_REGION)}`;
export const TEST_SK = 'test-secret-key-0123456789';
export const TEST_TOKEN = 'test-token-abcdef';
export const JOB_MS = 1000;

export interface Reply<T> {
  readonly status: number;
  readonly body: T;
  readonly text: string;
  readonly headers: Headers;
}

export interface CallOptions {
  /** `aksk` (default) signs the request; `token` sends X-Auth-Token; `none` sends neither. */
  readonly auth?: 'aksk' | 'token' | 'none';
  readonly signal?: AbortSignal;
  /** Date to sign with; default: the simulator clock. */
  readonly date?: number;
  /** Host to sign instead of the URL's. */
  readonly signHost?: string;
  /** Exact body bytes to send (instead of JSON.stringify(body)). */
  readonly rawBody?: string;
}

export interface TestClient {
  readonly baseUrl: string;
  call<T = Record<string, unknown>>(method: string, path: string, body?: unknown, options?: CallOptions): Promise<Reply<T>>;
}

export function client(baseUrl: string, now: () => number, credentials = { ak: 'HCDRSIMULATORAK', sk: TEST_SK, token: TEST_TOKEN }): TestClient {
  return {
    baseUrl,
    async call<T>(method: string, path: string, body?: unknown, options: CallOptions = {}): Promise<Reply<T>> {
      const url = `${baseUrl}${path}`;
      const payload = options.rawBody ?? (body === undefined ? '' : JSON.stringify(body));
      // X-Project-Id names the project of the path, as the SDKs send it.
      const pathProject = /\/v[0-9.]+\/([^/?]+)/.exec(path)?.[1] ?? PROJECT;
      const base = { 'Content-Type': 'application/json', 'X-Project-Id': pathProject };
      const auth = options.auth ?? 'aksk';
      const headers =
        auth === 'aksk'
          ? sign({
              method,
              url,
              headers: base,
              body: payload,
              accessKey: credentials.ak,
              secretKey: credentials.sk,
              date: sdkDate(options.date ?? now()),
              ...(options.signHost !== undefined && { host: options.signHost }),
            })
          : auth === 'token'
            ? { ...base, 'X-Auth-Token': credentials.token }
            : base;
      const res = await fetch(url, { method, headers, ...(payload !== '' && { body: payload }), ...(options.signal && { signal: options.signal }) });
      const text = await res.text();
      let parsed: unknown ;
      try {
        parsed = text === '' ? undefined : JSON.parse(text);
      } catch {
        parsed = undefined;
      }
      return { status: res.status, body: parsed as T, text, headers: res.headers };
    },
  };
}

export interface Harness {
  readonly sim: Simulator;
  readonly clock: ManualClock;
  readonly api: TestClient;
  /** Moves the simulator clock past one job / transition. */
  tick(times?: number): void;
  close(): Promise<void>;
}

/** A simulator on 127.0.0.1:0 with a hand-moved clock, 1 s jobs and known credentials. */
export async function startHarness(options: SimulatorOptions = {}): Promise<Harness> {
  const clock = createManualClock();
  const sim = createSimulator({
    now: clock.now,
    jobDurationMs: JOB_MS,
    credentials: { secretAccessKey: TEST_SK, authToken: TEST_TOKEN },
    ...options,
  });
  const { url } = await sim.listen(0);
  return {
    sim,
    clock,
    api: client(url, clock.now),
    tick(times = 1) {
      clock.advance(JOB_MS * times);
    },
    close: () => sim.close(),
  };
}
