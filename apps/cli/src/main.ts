// The CLI as a function: parse argv, run the command, print the error (once, on stderr, without
// secrets) and return the documented exit code. Everything process-wide (streams, env, signals,
// process.exit) is passed in, so tests run the real command tree in-process with a fake terminal;
// bin/hcdr.ts wires it to the real process.
import { CommanderError } from 'commander';
import type { Runtime } from './context.js';
import { colorEnabled, createPaint } from './io/color.js';
import { describeError, exitCodeFor, UsageError } from './io/errors.js';
import { EXIT, exitCodeForSignal } from './io/exit-codes.js';
import { terminalSafe } from './io/sanitize.js';
import type { Terminal } from './io/terminal.js';
import { createProgram, rewriteHelpCommand } from './program.js';

export interface RunCliOptions {
  /** The arguments after the program name (process.argv.slice(2)). */
  argv: readonly string[];
  term: Terminal;
  /**
   * Aborted on Ctrl-C / SIGTERM: waits stop and the command explains how to resume. Abort it with a
   * SignalInterruption (bin/hcdr.ts does) and the run ends with 128 + the signal's number (130, 143),
   * however the command itself ended.
   */
  signal: AbortSignal;
  now?: () => number;
  /** Sees the error that ended the command (before it is printed); for tests that inspect error objects. */
  onError?: (error: unknown) => void;
}

/** Runs one hcdr invocation; resolves to its exit code and never rejects. */
export async function runCli(options: RunCliOptions): Promise<number> {
  const { argv, term } = options;
  let signalIsNormalEnd = false;
  const runtime: Runtime = {
    term,
    signal: options.signal,
    now: options.now ?? Date.now,
    argv,
    servesUntilSignal: () => {
      signalIsNormalEnd = true;
    },
  };
  const paint = createPaint(colorEnabled({ env: term.env, isTTY: term.stderr.isTTY === true, flag: !argv.includes('--no-color') }));
  let code: number;
  try {
    // `hcdr help geminidb dr role`: commander's help command looks only one word deep.
    const args = rewriteHelpCommand(argv);
    const program = await createProgram(runtime, args);
    await program.parseAsync([...rewriteHelpCommand(args, program)], { from: 'user' });
    code = EXIT.ok;
  } catch (error) {
    options.onError?.(error);
    code = report(error);
  }
  // A watch stopped by Ctrl-C ends "normally", a wait ends with its resume hint: either way the
  // shell must see that the run was interrupted (130 for SIGINT, 143 for SIGTERM), as if killed.
  // A server stopped by a signal after serving ended normally (its own errors still count).
  if (signalIsNormalEnd && code === EXIT.ok) return code;
  return exitCodeForSignal(options.signal) ?? code;

  function report(error: unknown): number {
    if (error instanceof CommanderError) {
      // Commander already printed its message (or the help / version).
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return EXIT.ok;
      return EXIT.usage;
    }
    const exit = exitCodeFor(error);
    const { message, details, hint } = describeError(error);
    // Messages quote what the user typed or the server answered: control characters (ESC, CR) in
    // either could rewrite the terminal, so they are shown escaped.
    if (message !== '') {
      term.stderr.write(`${paint.red('error:')} ${terminalSafe(message)}\n`);
      for (const line of details ?? []) term.stderr.write(`  ${terminalSafe(line)}\n`);
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
