import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { regionEndpointVariable, SDK_SERVICE_KEYS } from './sdk-env.js';
import { createSimulator, DEFAULT_ACCESS_KEY_ID, isLoopbackBind, type Simulator } from '../simulator.js';
import { createPrivateFile, inspectEnvFile, markerLine, profilesPath, removeOwnFile } from './env-file.js';
import { LaunchUsageError, type LaunchSettings } from './options.js';

/** The profile the env file selects (HCDR_PROFILE) in its profiles file. */
export const SIMULATOR_PROFILE = 'simulator';

export interface LaunchIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
}

export interface Launched {
  readonly simulator: Simulator;
  /** Base URL without a region (`${url}/{region}` is what clients use). */
  readonly url: string;
  /** The env file written (always: it carries the endpoint as well as the credentials). */
  readonly envFile: string;
  readonly profilesFile: string;
  /** Non-fatal warnings also printed to stderr (e.g. a non-loopback bind). */
  readonly warnings: readonly string[];
  stop(): Promise<void>;
}

const secret = () => randomBytes(30).toString('base64url');

/**
 * Starts a simulator from checked launcher settings and writes the env file that points every
 * `hcdr` command (and the official SDKs) at it: `HCDR_ENDPOINT=<url>/{region}`, the default region,
 * the per-region projects (profiles file), the credentials. Secrets never reach stdout or stderr.
 * Shared by `hcdr simulator` and `hcdr-simulator`, so both behave the same.
 */
export async function launchSimulator(settings: LaunchSettings, io: LaunchIo): Promise<Launched> {
  // Where the env file goes, and what an old one left there may give back.
  let ownDir: string | undefined;
  let envFile: string;
  let reclaimed: Readonly<Record<string, string>> = {};
  if (settings.credentialsFile !== undefined) {
    envFile = settings.credentialsFile;
    for (const path of [envFile, profilesPath(envFile)]) {
      const existing = inspectEnvFile(path);
      if (existing.kind === 'foreign') {
        throw new LaunchUsageError([{ flag: settings.envFileFlag, message: `${JSON.stringify(path)} ${existing.why}` }]);
      }
      if (existing.kind === 'stale') {
        // A restarted simulator with the same state file keeps its credentials, so clients that
        // loaded the old file (e.g. a `pair` still running) carry on.
        if (path === envFile && settings.stateFile !== undefined) reclaimed = existing.values;
        rmSync(path, { force: true });
      }
    }
  } else {
    ownDir = mkdtempSync(join(tmpdir(), 'hcdr-simulator-'));
    envFile = join(ownDir, 'credentials.env');
  }

  const env = io.env;
  const fromEnv = (name: string) => (env[name] ? env[name] : undefined);
  const accessKeyId = fromEnv('HCDR_SIMULATOR_AK') ?? reclaimed.HCDR_SIMULATOR_AK ?? DEFAULT_ACCESS_KEY_ID;
  const secretAccessKey = fromEnv('HCDR_SIMULATOR_SK') ?? reclaimed.HCDR_SIMULATOR_SK ?? secret();
  const authToken = fromEnv('HCDR_SIMULATOR_TOKEN') ?? reclaimed.HCDR_SIMULATOR_TOKEN ?? secret();
  const exposed = !isLoopbackBind(settings.host);
  const wantsControlToken = settings.controlToken || exposed;
  const controlToken = wantsControlToken ? (fromEnv('HCDR_SIMULATOR_CONTROL_TOKEN') ?? reclaimed.HCDR_SIMULATOR_CONTROL_TOKEN ?? secret()) : undefined;

  const warnings: string[] = [];
  let simulator: Simulator;
  try {
    simulator = createSimulator({
      credentials: { accessKeyId, secretAccessKey, authToken },
      ...(settings.jobDurationMs !== undefined && { jobDurationMs: settings.jobDurationMs }),
      ...(settings.timeScale !== undefined && { timeScale: settings.timeScale }),
      ...(settings.fleet !== undefined && { fleet: { geminiDbRelationships: settings.fleet, dwsTasks: settings.fleet } }),
      ...(settings.seed !== undefined && { seed: settings.seed }),
      ...(settings.stateFile !== undefined && { stateFile: settings.stateFile }),
      ...(controlToken !== undefined && { controlToken }),
      requirePrecheck: settings.precheck,
      requireAuth: settings.auth,
      legacyRegionless: false,
      log: settings.log ? (line) => io.stderr(`${line}\n`) : false,
    });
  } catch (error) {
    if (ownDir) rmSync(ownDir, { recursive: true, force: true });
    throw error;
  }

  let url: string;
  try {
    ({ url } = await simulator.listen(settings.port, settings.host));
  } catch (error) {
    if (ownDir) rmSync(ownDir, { recursive: true, force: true });
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    const portProblem = code === 'EADDRINUSE' || code === 'EACCES';
    throw new LaunchUsageError([
      portProblem
        ? { flag: '--port', message: `cannot listen on port ${settings.port} of ${settings.host} (${code})` }
        : { flag: '--host', message: `cannot listen on "${settings.host}" (${code})` },
    ]);
  }
  if (exposed) {
    warnings.push(
      `WARNING: listening on ${settings.host}, reachable from other machines. The simulated API is served over plain http ` +
        'and accepts the generated credentials; the control API (/__sim/) now requires the control token from the env file. ' +
        'Use --host 127.0.0.1 unless other machines must reach it.',
    );
  }

  const regions = simulator.regions;
  const profiles = profilesPath(envFile);
  const sdkEndpoints = regions.flatMap(({ region }) =>
    SDK_SERVICE_KEYS.map((service) => `${regionEndpointVariable(service, region)}=${url}/${region}`),
  );
  const envText = [
    markerLine(),
    '# Load with: set -a; . <this file>; set +a   (every hcdr command then talks to the simulator)',
    `HCDR_ENDPOINT=${url}/{region}`,
    `HUAWEICLOUD_SDK_REGION_ID=${settings.region}`,
    `HCDR_CONFIG_FILE=${profiles}`,
    `HCDR_PROFILE=${SIMULATOR_PROFILE}`,
    `HUAWEICLOUD_SDK_AK=${accessKeyId}`,
    `HUAWEICLOUD_SDK_SK=${secretAccessKey}`,
    '# Each region has its own project (in the profiles file); an inherited single project id would hide them.',
    'HUAWEICLOUD_SDK_PROJECT_ID=',
    'HUAWEICLOUD_SDK_SECURITY_TOKEN=',
    'HUAWEICLOUD_SDK_AUTH_TOKEN=',
    '# The same endpoints for the official SDKs (Go, Python, Java read these):',
    ...sdkEndpoints,
    `HCDR_SIMULATOR_URL=${url}`,
    `HCDR_SIMULATOR_AK=${accessKeyId}`,
    `HCDR_SIMULATOR_SK=${secretAccessKey}`,
    `HCDR_SIMULATOR_TOKEN=${authToken}`,
    ...(controlToken !== undefined ? [`HCDR_SIMULATOR_CONTROL_TOKEN=${controlToken}`] : []),
    '',
  ].join('\n');
  const profilesText = `${JSON.stringify({
    _written_by: markerLine(),
    profiles: {
      [SIMULATOR_PROFILE]: {
        region: settings.region,
        projects: Object.fromEntries(regions.map(({ region, projectIds }) => [region, projectIds[0]])),
      },
    },
  })}\n`;
  try {
    createPrivateFile(envFile, envText);
    createPrivateFile(profiles, profilesText);
  } catch (error) {
    // Do not leave a server running that nobody has the credentials for.
    await simulator.close();
    removeOwnFile(envFile);
    if (ownDir) rmSync(ownDir, { recursive: true, force: true });
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    const why = code === 'EEXIST' ? 'was created by someone else meanwhile' : `cannot be written (${code})`;
    throw new LaunchUsageError([{ flag: settings.envFileFlag, message: `${JSON.stringify(envFile)} ${why}` }]);
  }

  const dwsRegion = regions.find((r) => r.region === 'cn-north-4') ? 'cn-north-4' : settings.region;
  io.stdout(
    [
      `hcdr simulator listening on ${url}`,
      `  regions:     ${regions.map((r) => r.region).join(', ')}   (each under ${url}/<region>, with its own project id)`,
      `  credentials: access key ${accessKeyId}; secret key, token and endpoint in ${envFile} (not shown)`,
      `  use it:      set -a; . ${envFile}; set +a`,
      `               hcdr geminidb instances list                       # region ${settings.region}`,
      `               hcdr --region ap-southeast-3 geminidb instances list`,
      `               hcdr --region ${dwsRegion} dws dr list`,
      `  control:     ${url}/__sim/state, /__sim/requests, /__sim/faults, /__sim/lag, /__sim/reset` +
        (controlToken !== undefined ? ' (Authorization: Bearer $HCDR_SIMULATOR_CONTROL_TOKEN)' : ''),
      ...(settings.stateFile !== undefined ? [`  state file:  ${settings.stateFile}`] : []),
      '',
    ].join('\n'),
  );
  for (const w of warnings) io.stderr(`${w}\n`);

  let stopped = false;
  return {
    simulator,
    url,
    envFile,
    profilesFile: profiles,
    warnings,
    async stop() {
      if (stopped) return;
      stopped = true;
      await simulator.close();
      removeOwnFile(envFile);
      removeOwnFile(profiles);
      if (ownDir) rmSync(ownDir, { recursive: true, force: true });
    },
  };
}
