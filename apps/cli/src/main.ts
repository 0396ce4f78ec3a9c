// The CLI as a function: parse argv, run the command, print the error (once, on stderr, without
// secrets) and return the documented exit code. Everything process-wide (streams, env, signals,
// process.exit) is passed in, so tests run the real command tree in-process with a fake terminal;
// bin/hcdr.ts wires it to the real process.
import { CommanderError } from 'commander';
import type { Runtime } from './context.js';
import { colorEnabled, createPaint } from './io/color.js';
import { describeError, exitCodeFor, UsageError } from './io/errors.js';
import { EXIT } from './io/exit-codes.js';
import { terminalSafe } from './io/sanitize.js';
import type { Terminal } from './io/terminal.js';
import { createProgram } from './program.js';

export interface RunCliOptions {
  /** The arguments after the program name (process.argv.slice(2)). */
  argv: readonly string[];
  term: Terminal;
  /** Aborted on Ctrl-C / SIGTERM: waits stop and the command explains how to resume. */
  signal: AbortSignal;
  now?: () => number;
  /** Sees the error that ended the command (before it is printed); for tests that inspect error objects. */
  onError?: (error: unknown) => void;
}

/** Runs one hcdr invocation; resolves to its exit code and never rejects. */
export async function runCli(options: RunCliOptions): Promise<number> {
  const { argv, term } = options;
  const runtime: Runtime = { term, signal: options.signal, now: options.now ?? Date.now, argv };
  const paint = createPaint(colorEnabled({ env: term.env, isTTY: term.stderr.isTTY === true, flag: !argv.includes('--no-color') }));
  try {
    const program = await createProgram(runtime, argv);
    await program.parseAsync([...argv], { from: 'user' });
    return EXIT.ok;
  } catch (error) {
    options.onError?.(error);
    return report(error);
  }

  function report(error: unknown): number {
    if (error instanceof CommanderError) {
      // Commander already printed its message (or the help / version).
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return EXIT.ok;
      return EXIT.usage;
    }
    const exit = exitCodeFor(error);
    const { message, hint } = describeError(error);
    // Messages quote what the user typed or the server answered: control characters (ESC, CR) in
    // either could rewrite the terminal, so they are shown escaped.
    if (message !== '') {
      term.stderr.write(`${paint.red('error:')} ${terminalSafe(message)}\n`);
      if (error instanceof UsageError) term.stderr.write(`(${terminalSafe(error.note)})\n`);
    }
    if (hint) term.stderr.write(`hint: ${terminalSafe(hint)}\n`);
    // Anything that is not an expected CLI or API error is a bug: --debug shows where it came from.
    const expected = error instanceof UsageError || (error instanceof Error && 'exitCode' in error) || hasBrand(error);
    if (!expected && argv.includes('--debug') && error instanceof Error && error.stack) term.stderr.write(`${terminalSafe(error.stack)}\n`);
    return exit;
  }
}

function hasBrand(error: unknown): boolean {
  return typeof error === 'object' && error !== null && Symbol.for('@hcdr/core/error-brand') in error;
}
