// Building blocks shared by command definitions: the action wrapper (context + validation), help
// examples, and the option sets that recur (waiting, secrets). Kept free of client imports.
import type { Command } from 'commander';
import { createContext, type AppContext, type Runtime } from '../context.js';
import type { InputChecks } from '../validation/checks.js';
import { missingRequiredOptions } from './option-metadata.js';

export type Args = readonly (string | string[] | undefined)[];

/** Wraps an action: builds the context (validating global flags) and passes positionals and options. */
export function action<O>(runtime: Runtime, handler: (ctx: AppContext, opts: O, args: Args) => Promise<void>) {
  return async (...all: unknown[]): Promise<void> => {
    const command = all[all.length - 1] as Command;
    const opts = all[all.length - 2] as O;
    const args = all.slice(0, -2) as Args;
    // Every missing required option in one report, together with any problem in the global flags.
    const ctx = await createContext(runtime, command, missingRequiredOptions(command));
    await handler(ctx, opts, args);
  };
}

/** Appends an "Examples:" section to a command's help. Every command has at least one. */
export function examples(command: Command, ...lines: string[]): Command {
  return command.addHelpText('after', `\nExamples:\n${lines.map((l) => (l.startsWith('#') ? `  ${l}` : `  $ ${l}`)).join('\n')}\n`);
}

export interface WaitSettings {
  enabled: boolean;
  timeoutMs: number;
  /** Fixed polling interval; undefined = core's default back-off (5 s, growing to 30 s). */
  intervalMs?: number | undefined;
}

export interface WaitFlags {
  wait?: boolean;
  waitTimeout?: string;
  pollInterval?: string;
}

/** --wait, --wait-timeout, --poll-interval on every asynchronous command. */
export function addWaitOptions(command: Command, defaultTimeout: string, options: { defaultWait?: boolean } = {}): Command {
  if (options.defaultWait) command.option('--no-wait', 'return as soon as the requests are accepted, without waiting for the jobs');
  else command.option('--wait', 'wait until the operation has finished, showing progress on stderr');
  return command
    .option('--wait-timeout <duration>', `give up waiting after this long (exit code 3; the operation keeps running)`, defaultTimeout)
    .option('--poll-interval <duration>', 'fixed polling interval (default: 5s, growing to 30s)');
}

export function readWaitSettings(checks: InputChecks, flags: WaitFlags, defaultTimeout: string): WaitSettings {
  const timeoutMs = checks.duration('--wait-timeout', flags.waitTimeout ?? defaultTimeout, { min: 1000, max: 24 * 3_600_000 }) ?? 0;
  const intervalMs = checks.duration('--poll-interval', flags.pollInterval, { min: 100, max: 600_000 });
  return { enabled: flags.wait === true, timeoutMs, intervalMs };
}

export const PASSWORD_ENV = 'HCDR_DR_PASSWORD';

/** The DR password options (never a value flag). */
export function addPasswordOptions(command: Command, what: string): Command {
  return command
    .option('--password-file <path>', `read the ${what} from a file ("-" = stdin); or set ${PASSWORD_ENV}`)
    .option('--password-stdin', `read the ${what} from stdin`);
}

export interface PasswordFlags {
  passwordFile?: string;
  passwordStdin?: boolean;
}

/** Short id for labels: full ids are printed elsewhere; labels must fit on one progress line. */
export function short(id: string): string {
  return id.length > 14 ? `${id.slice(0, 8)}…${id.slice(-4)}` : id;
}
