import { parseArgs } from 'node:util';
import { launchSimulator, type Launched, type LaunchIo } from './launcher/launch.js';
import { LAUNCH_OPTIONS, launchHelp, LaunchUsageError, resolveLaunchValues, type LaunchValues } from './launcher/options.js';

export type CliIo = LaunchIo;

export interface RunningCli {
  readonly url: string;
  readonly envFile: string;
  stop(): Promise<void>;
}

/** Parses `hcdr-simulator` arguments with the launchers' shared option table. */
export function parseCliArgs(argv: readonly string[]): { help: true } | { help: false; values: LaunchValues } {
  const options: Record<string, { type: 'string' | 'boolean'; short?: string }> = { help: { type: 'boolean', short: 'h' } };
  for (const o of LAUNCH_OPTIONS) options[o.name] = { type: o.value ? 'string' : 'boolean' };
  const { values } = parseArgs({ args: [...argv], options, strict: true, allowPositionals: false });
  return values.help ? { help: true } : { help: false, values: values as LaunchValues };
}

/** Starts the simulator from command-line arguments. Resolves once it listens (undefined after --help). */
export async function run(argv: readonly string[], io: CliIo): Promise<RunningCli | undefined> {
  const parsed = parseCliArgs(argv);
  if (parsed.help) {
    io.stdout(launchHelp('hcdr-simulator'));
    return undefined;
  }
  const launched: Launched = await launchSimulator(resolveLaunchValues(parsed.values), io);
  return { url: launched.url, envFile: launched.envFile, stop: () => launched.stop() };
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
    const message =
      error instanceof LaunchUsageError ? error.problems.map((p) => `${p.flag}: ${p.message}`).join('\n  ') : error instanceof Error ? error.message : String(error);
    io.stderr(`hcdr-simulator: ${message}\n`);
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
