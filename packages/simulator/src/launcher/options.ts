import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { REGION_PATTERN } from '../regions/scope.js';
import { MAX_FLEET_SIZE } from '../fleet/seed-fleet.js';

/**
 * The options of both launchers, `hcdr simulator` (apps/cli) and `hcdr-simulator` (this package):
 * one table, one set of checks, so they accept exactly the same flags. Secrets never come from
 * flags: they are read from the environment (HCDR_SIMULATOR_SK, _TOKEN, _CONTROL_TOKEN).
 */
export interface LaunchOptionSpec {
  /** Long flag without `--`. */
  readonly name: string;
  /** Placeholder of the value (`<n>`); absent for a boolean flag. */
  readonly value?: string;
  readonly description: string;
  /** Old spelling kept for scripts and docs, not shown in help. */
  readonly hidden?: boolean;
}

export const LAUNCH_OPTIONS: readonly LaunchOptionSpec[] = [
  { name: 'port', value: '<n>', description: 'port to listen on (default 0: any free port; the URL is printed)' },
  { name: 'host', value: '<address>', description: 'address to bind (default 127.0.0.1; any other address prints a warning and requires a control token)' },
  { name: 'job-duration', value: '<duration>', description: 'how long each job / DR-task transition takes, e.g. 1.5s, 300ms, 2m (default 1.5s)' },
  { name: 'time-scale', value: '<factor>', description: 'speed-up factor; durations and lag waves are divided by it (default 1)' },
  { name: 'write-env', value: '<path>', description: 'where to write the env file (endpoint, region, projects, credentials; default: a new private temp dir); never overwrites a file, except one left by a killed simulator' },
  { name: 'state-file', value: '<path>', description: 'keep the simulated world in this file (atomic writes): restarting with it loses nothing' },
  { name: 'fleet', value: '<n>', description: `also seed n GeminiDB DR relationships and n DWS DR tasks across regions and projects (0-${MAX_FLEET_SIZE})` },
  { name: 'seed', value: '<text>', description: 'make ids, lag waves and the fleet reproducible' },
  { name: 'region', value: '<region>', description: 'default region written to the env file (default ap-southeast-1)' },
  { name: 'control-token', description: 'require a bearer token on /__sim/ ($HCDR_SIMULATOR_CONTROL_TOKEN, or generated into the env file)' },
  { name: 'no-precheck', description: 'allow GeminiDB construction/deconstruction without a precheck' },
  { name: 'no-auth', description: 'accept requests without AK/SK or token (not for drills that test auth)' },
  { name: 'log', description: 'one line per request on stderr (method, path, status, time; never headers or bodies)' },
  { name: 'job-duration-ms', value: '<n>', description: 'old spelling of --job-duration in milliseconds', hidden: true },
  { name: 'write-credentials', value: '<path>', description: 'old spelling of --write-env (hcdr simulator)', hidden: true },
  { name: 'credentials-file', value: '<path>', description: 'old spelling of --write-env (hcdr-simulator)', hidden: true },
  { name: 'quiet', description: 'no per-request log (the default)', hidden: true },
];

/** A flag and what is wrong with its value. */
export interface LaunchProblem {
  readonly flag: string;
  readonly message: string;
}

export class LaunchUsageError extends Error {
  readonly problems: readonly LaunchProblem[];
  constructor(problems: readonly LaunchProblem[]) {
    super(problems.map((p) => `${p.flag}: ${p.message}`).join('; '));
    this.name = 'LaunchUsageError';
    this.problems = problems;
  }
}

/** What the launchers run with, after checking. */
export interface LaunchSettings {
  readonly port: number;
  readonly host: string;
  readonly jobDurationMs: number | undefined;
  readonly timeScale: number | undefined;
  /** Where the env file goes (--write-env); undefined = a new private temp dir. */
  readonly credentialsFile: string | undefined;
  /** The flag that named it, for messages. */
  readonly envFileFlag: string;
  readonly stateFile: string | undefined;
  readonly fleet: number | undefined;
  readonly seed: string | undefined;
  readonly region: string;
  readonly controlToken: boolean;
  readonly precheck: boolean;
  readonly auth: boolean;
  readonly log: boolean;
}

/** Raw flag values by flag name (`job-duration` → '1.5s', `no-auth` → true). */
export type LaunchValues = Readonly<Record<string, string | boolean | undefined>>;

const UNITS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** `1.5s`, `300ms`, `2m`, `1h` → milliseconds. A bare number is refused (which unit would it be?). */
export function parseLaunchDuration(text: string): number | undefined {
  const m = /^(\d{1,9}(?:\.\d{1,6})?)(ms|s|m|h)$/.exec(text.trim());
  if (!m) return undefined;
  const ms = Math.round(Number(m[1]) * (UNITS[m[2] as string] ?? Number.NaN));
  return Number.isFinite(ms) ? ms : undefined;
}

const MAX_JOB_DURATION_MS = 24 * 3_600_000;

/** Checks every value and reports all problems at once, each naming its flag. */
export function resolveLaunchValues(values: LaunchValues): LaunchSettings {
  const problems: LaunchProblem[] = [];
  const text = (name: string): string | undefined => {
    const v = values[name];
    return typeof v === 'string' ? v : undefined;
  };
  const flag = (name: string) => values[name] === true;

  let port = 0;
  const portText = text('port');
  if (portText !== undefined) {
    if (/^\d{1,5}$/.test(portText) && Number(portText) <= 65535) port = Number(portText);
    else problems.push({ flag: '--port', message: `"${portText}" must be a port number from 0 to 65535` });
  }

  const host = text('host') ?? '127.0.0.1';
  if (!/^[A-Za-z0-9._:-]{1,253}$/.test(host)) problems.push({ flag: '--host', message: 'must be an IP address or host name to listen on, e.g. 127.0.0.1' });

  let jobDurationMs: number | undefined;
  const duration = text('job-duration');
  const durationMs = text('job-duration-ms');
  if (duration !== undefined && durationMs !== undefined) problems.push({ flag: '--job-duration', message: 'give --job-duration or --job-duration-ms, not both' });
  if (duration !== undefined) {
    jobDurationMs = parseLaunchDuration(duration);
    if (jobDurationMs === undefined || jobDurationMs < 1 || jobDurationMs > MAX_JOB_DURATION_MS) {
      problems.push({ flag: '--job-duration', message: `"${duration}" must be a duration from 1ms to 24h with a unit, e.g. 1.5s, 300ms or 2m` });
      jobDurationMs = undefined;
    }
  } else if (durationMs !== undefined) {
    if (/^\d{1,8}$/.test(durationMs) && Number(durationMs) <= MAX_JOB_DURATION_MS) jobDurationMs = Number(durationMs);
    else problems.push({ flag: '--job-duration-ms', message: `"${durationMs}" must be a whole number of milliseconds up to ${MAX_JOB_DURATION_MS}` });
  }

  let timeScale: number | undefined;
  const scale = text('time-scale');
  if (scale !== undefined) {
    timeScale = /^\d{1,9}(\.\d{1,9})?$/.test(scale) ? Number(scale) : Number.NaN;
    if (!(timeScale > 0)) {
      problems.push({ flag: '--time-scale', message: `"${scale}" must be a positive number such as 10 or 0.5` });
      timeScale = undefined;
    }
  }

  const envFileFlags = ['write-env', 'credentials-file', 'write-credentials'].filter((name) => text(name) !== undefined);
  if (envFileFlags.length > 1) problems.push({ flag: `--${envFileFlags[0]}`, message: `give one of --${envFileFlags.join(', --')} (they are the same option)` });
  const envFileFlag = envFileFlags[0];
  const credentialsFile = envFileFlag === undefined ? undefined : text(envFileFlag);
  for (const [name, value] of [
    [`--${envFileFlag ?? 'write-env'}`, credentialsFile],
    ['--state-file', text('state-file')],
  ] as const) {
    if (value !== undefined && (value === '' || value === '-' || /[\0\r\n]/.test(value))) problems.push({ flag: name, message: 'must be a file path' });
    // Refused before anything starts, not as a raw ENOENT from the first write.
    else if (value !== undefined && !existsSync(dirname(resolve(value)))) problems.push({ flag: name, message: `must be in an existing directory (${dirname(resolve(value))} does not exist)` });
  }

  let fleet: number | undefined;
  const fleetText = text('fleet');
  if (fleetText !== undefined) {
    if (/^\d{1,5}$/.test(fleetText) && Number(fleetText) <= MAX_FLEET_SIZE) fleet = Number(fleetText);
    else problems.push({ flag: '--fleet', message: `"${fleetText}" must be a whole number of relationships/tasks from 0 to ${MAX_FLEET_SIZE}, e.g. 300` });
  }

  const seed = text('seed');
  if (seed !== undefined && !/^[\x21-\x7e]{1,128}$/.test(seed)) problems.push({ flag: '--seed', message: 'must be 1-128 printable characters without spaces' });

  const region = text('region') ?? 'ap-southeast-1';
  if (!REGION_PATTERN.test(region)) problems.push({ flag: '--region', message: `"${region}" must be a region id such as ap-southeast-1` });

  if (problems.length) throw new LaunchUsageError(problems);
  return {
    port,
    host,
    jobDurationMs,
    timeScale,
    credentialsFile,
    envFileFlag: `--${envFileFlag ?? 'write-env'}`,
    stateFile: text('state-file'),
    fleet,
    seed,
    region,
    controlToken: flag('control-token'),
    precheck: !flag('no-precheck'),
    auth: !flag('no-auth'),
    log: flag('log') && !flag('quiet'),
  };
}

/** `--help` text of `hcdr-simulator` (the `hcdr simulator` help is built by its CLI from the same table). */
export function launchHelp(command: string): string {
  const rows = LAUNCH_OPTIONS.filter((o) => !o.hidden).map((o) => [`--${o.name}${o.value ? ` ${o.value}` : ''}`, o.description] as const);
  const width = Math.max(...rows.map(([f]) => f.length)) + 2;
  return [
    `Usage: ${command} [options]`,
    '',
    'Runs a local, stateful simulator of the Huawei Cloud GeminiDB DR (v3) and DWS DR-task (v2) APIs,',
    'every region under its own base path (http://127.0.0.1:PORT/{region}) with its own project.',
    '',
    'Options:',
    ...rows.map(([f, d]) => `  ${f.padEnd(width)}${d}`),
    `  ${'-h, --help'.padEnd(width)}this text`,
    '',
    'Environment:',
    '  HCDR_SIMULATOR_AK              access key id to accept (default HCDRSIMULATORAK)',
    '  HCDR_SIMULATOR_SK              secret key to accept; generated when unset (never printed)',
    '  HCDR_SIMULATOR_TOKEN           X-Auth-Token value to accept; generated when unset (never printed)',
    '  HCDR_SIMULATOR_CONTROL_TOKEN   bearer token for /__sim/ (with --control-token or a non-loopback --host)',
    '',
    'Everything a client needs is written to a mode-600 env file whose path is printed; load it with',
    '  set -a; . <file>; set +a',
    'It is removed when the simulator stops (SIGINT / SIGTERM).',
    '',
  ].join('\n');
}
