import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_JOB_DURATION_MS } from './clock.js';
import { DEMO_PROJECT_ID } from './regions/scope.js';
import { createSimulator, DEFAULT_ACCESS_KEY_ID } from './simulator.js';

const HELP = `Usage: hcdr-simulator [options]

Runs a local, stateful simulator of the Huawei Cloud GeminiDB DR (v3) and DWS DR-task (v2) APIs.

Options:
  --port <n>               port to listen on (default 0: any free port; the URL is printed)
  --host <addr>            address to bind (default 127.0.0.1)
  --job-duration-ms <n>    how long each job / DR-task transition takes (default ${DEFAULT_JOB_DURATION_MS})
  --time-scale <x>         speed-up factor; durations are divided by it (default 1)
  --credentials-file <p>   where to write generated credentials (default: a new private temp dir)
  --fleet <n>              also seed n GeminiDB DR relationships and n DWS DR tasks across regions and projects
  --seed <s>               make ids, lag waves and the fleet reproducible
  --no-precheck            allow GeminiDB construction/deconstruction without a precheck
  --no-auth                accept requests without AK/SK or token (not for drills that test auth)
  --quiet                  no per-request log lines on stderr
  -h, --help               this text

Environment:
  HCDR_SIMULATOR_AK        access key id to accept (default ${DEFAULT_ACCESS_KEY_ID})
  HCDR_SIMULATOR_SK        secret key to accept; generated when unset (never printed)
  HCDR_SIMULATOR_TOKEN     X-Auth-Token value to accept; generated when unset (never printed)

Generated secrets are written to a mode-600 env file whose path is printed; load it with
  set -a; . <file>; set +a
The file is removed when the simulator stops (SIGINT / SIGTERM).
`;

function numberOption(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} must be a non-negative number`);
  return n;
}

export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
}

export interface RunningCli {
  readonly url: string;
  stop(): Promise<void>;
}

/** Starts the simulator from command-line arguments. Resolves once it listens. */
export async function run(argv: readonly string[], io: CliIo): Promise<RunningCli | undefined> {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'job-duration-ms': { type: 'string' },
      'time-scale': { type: 'string' },
      'credentials-file': { type: 'string' },
      fleet: { type: 'string' },
      seed: { type: 'string' },
      'no-precheck': { type: 'boolean' },
      'no-auth': { type: 'boolean' },
      quiet: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    io.stdout(HELP);
    return undefined;
  }

  const accessKeyId = io.env.HCDR_SIMULATOR_AK || DEFAULT_ACCESS_KEY_ID;
  const skFromEnv = io.env.HCDR_SIMULATOR_SK || undefined;
  const tokenFromEnv = io.env.HCDR_SIMULATOR_TOKEN || undefined;
  const secretAccessKey = skFromEnv ?? randomBytes(30).toString('base64url');
  const authToken = tokenFromEnv ?? randomBytes(30).toString('base64url');
  const jobDurationMs = numberOption(values['job-duration-ms'], 'job-duration-ms');
  const timeScale = numberOption(values['time-scale'], 'time-scale');
  const fleet = values.fleet === undefined ? undefined : /^\d{1,5}$/.test(values.fleet) ? Number(values.fleet) : Number.NaN;
  if (Number.isNaN(fleet)) throw new Error('--fleet must be a whole number of relationships/tasks, e.g. 300');

  const sim = createSimulator({
    credentials: { accessKeyId, secretAccessKey, authToken },
    ...(jobDurationMs !== undefined && { jobDurationMs }),
    ...(timeScale !== undefined && { timeScale }),
    ...(fleet !== undefined && { fleet: { geminiDbRelationships: fleet, dwsTasks: fleet } }),
    ...(values.seed !== undefined && { seed: values.seed }),
    requirePrecheck: !values['no-precheck'],
    requireAuth: !values['no-auth'],
    log: values.quiet ? false : (line) => io.stderr(`${line}\n`),
  });
  const { url } = await sim.listen(numberOption(values.port, 'port') ?? 0, values.host ?? '127.0.0.1');

  // Secrets go to a private file, never to the terminal or the log.
  let credentialsFile: string | undefined;
  let ownDir: string | undefined;
  if (!skFromEnv || !tokenFromEnv) {
    if (values['credentials-file']) credentialsFile = values['credentials-file'];
    else {
      ownDir = mkdtempSync(join(tmpdir(), 'hcdr-simulator-'));
      credentialsFile = join(ownDir, 'credentials.env');
    }
    writeFileSync(
      credentialsFile,
      [
        '# hcdr simulator demo credentials. Load with: set -a; . <this file>; set +a',
        `HCDR_SIMULATOR_URL=${url}`,
        `HCDR_SIMULATOR_AK=${accessKeyId}`,
        `HCDR_SIMULATOR_SK=${secretAccessKey}`,
        `HCDR_SIMULATOR_TOKEN=${authToken}`,
        `HUAWEICLOUD_SDK_AK=${accessKeyId}`,
        `HUAWEICLOUD_SDK_SK=${secretAccessKey}`,
        `HUAWEICLOUD_SDK_PROJECT_ID=${DEMO_PROJECT_ID}`,
        '',
      ].join('\n'),
      { mode: 0o600 },
    );
    chmodSync(credentialsFile, 0o600); // also when --credentials-file named an existing file
  }

  const where = (fromEnv: boolean, variable: string) => (fromEnv ? `from $${variable}` : `generated, in ${credentialsFile ?? ''}`);
  io.stdout(
    [
      `hcdr-simulator listening on ${url}`,
      `  access key id: ${accessKeyId}`,
      `  secret key:    ${where(skFromEnv !== undefined, 'HCDR_SIMULATOR_SK')}`,
      `  auth token:    ${where(tokenFromEnv !== undefined, 'HCDR_SIMULATOR_TOKEN')}`,
      `  project id:    any (e.g. ${DEMO_PROJECT_ID})`,
      ...(credentialsFile ? [`  load them:     set -a; . ${credentialsFile}; set +a`] : []),
      `  control:       ${url}/__sim/state, ${url}/__sim/faults, ${url}/__sim/reset`,
      '',
    ].join('\n'),
  );

  let stopped = false;
  return {
    url,
    async stop() {
      if (stopped) return;
      stopped = true;
      await sim.close();
      if (ownDir) rmSync(ownDir, { recursive: true, force: true });
      else if (credentialsFile) rmSync(credentialsFile, { force: true });
    },
  };
}

/** Entry point of bin/hcdr-simulator.js: runs until SIGINT or SIGTERM. */
export async function main(argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  const io: CliIo = {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    env: process.env,
  };
  let running: RunningCli | undefined;
  try {
    running = await run(argv, io);
  } catch (error) {
    io.stderr(`hcdr-simulator: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
    return;
  }
  if (!running) return;
  const cli = running;
  const shutdown = (signal: string) => {
    io.stderr(`hcdr-simulator: ${signal} received, stopping\n`);
    cli.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        io.stderr(`hcdr-simulator: stop failed: ${error instanceof Error ? error.message : String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

