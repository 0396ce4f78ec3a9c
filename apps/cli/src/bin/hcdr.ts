#!/usr/bin/env node
// Entry point: wires the process (streams, env, Ctrl-C) to the command tree and turns every
// outcome into the documented exit code. Errors are printed once, on stderr, without secrets.
import type { Runtime } from '../context.js';
import type { Terminal } from '../io/terminal.js';

// `hcdr ... | head` closes the pipe early: that is not an error worth a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

// `hcdr --version` is what scripts and installers run most: answer it before loading anything else.
const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  const { VERSION } = await import('../version.js');
  process.stdout.write(`${VERSION}\n`);
  process.exit(0);
}

const [{ CommanderError }, { colorEnabled, createPaint }, { describeError, exitCodeFor, UsageError }, { EXIT }, { createProgram }] = await Promise.all([
  import('commander'),
  import('../io/color.js'),
  import('../io/errors.js'),
  import('../io/exit-codes.js'),
  import('../program.js'),
]);

const term: Terminal = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env };
const controller = new AbortController();

// First Ctrl-C: cancel what is running (waits stop, the command explains how to resume).
// Second Ctrl-C: quit immediately.
const onSignal = (signal: NodeJS.Signals) => {
  if (controller.signal.aborted) process.exit(EXIT.interrupted);
  controller.abort(new Error(signal));
};
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

const runtime: Runtime = { term, signal: controller.signal, now: Date.now };
const program = await createProgram(runtime, argv);
const noColor = process.argv.includes('--no-color');
const paint = createPaint(colorEnabled({ env: process.env, isTTY: process.stderr.isTTY === true, flag: !noColor }));

let code: number = EXIT.ok;
try {
  await program.parseAsync(process.argv);
} catch (error) {
  code = report(error);
}
process.exitCode = code;
// Idle keep-alive sockets or timers must not hold the process open once the command is done.
setTimeout(() => process.exit(code), 500).unref();

function report(error: unknown): number {
  if (error instanceof CommanderError) {
    // Commander already printed its message (or the help / version).
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return EXIT.ok;
    return EXIT.usage;
  }
  const exit = exitCodeFor(error);
  const { message, hint } = describeError(error);
  if (message !== '') {
    process.stderr.write(`${paint.red('error:')} ${message}\n`);
    if (error instanceof UsageError) process.stderr.write(`(${error.note})\n`);
  }
  if (hint) process.stderr.write(`hint: ${hint}\n`);
  // Anything that is not an expected CLI or API error is a bug: --debug shows where it came from.
  const expected = error instanceof UsageError || (error instanceof Error && 'exitCode' in error) || hasBrand(error);
  if (!expected && argv.includes('--debug') && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  return exit;
}

function hasBrand(error: unknown): boolean {
  return typeof error === 'object' && error !== null && Symbol.for('@hcdr/core/error-brand') in error;
}
