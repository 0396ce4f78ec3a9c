#!/usr/bin/env node
// Entry point: wires the process (streams, env, Ctrl-C, exit) to runCli (src/main.ts), which runs
// the command tree and turns every outcome into the documented exit code.
import { setMaxListeners } from 'node:events';
import type { Terminal } from '../io/terminal.js';

// `hcdr ... | head` closes the pipe early: that is not an error worth a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

// `hcdr --version` is what scripts and installers run most: answer it before loading anything else
// (main.js pulls in commander and the command tree).
const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  const { VERSION } = await import('../version.js');
  process.stdout.write(`${VERSION}\n`);
  process.exit(0);
}

const [{ runCli }, { EXIT, SignalInterruption }] = await Promise.all([import('../main.js'), import('../io/exit-codes.js')]);

const term: Terminal = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env };
const controller = new AbortController();
// Every call in flight listens to this signal (and stops listening when it ends): `status --all` or
// `doctor` over a large estate has dozens at once, which is not the leak Node's warning suspects.
setMaxListeners(0, controller.signal);

// First Ctrl-C (or SIGTERM): cancel what is running (waits stop, the command explains how to
// resume); the run then exits 130 (143 for SIGTERM). A second signal quits immediately.
const onSignal = (signal: 'SIGINT' | 'SIGTERM') => {
  if (controller.signal.aborted) process.exit(signal === 'SIGTERM' ? EXIT.terminated : EXIT.interrupted);
  controller.abort(new SignalInterruption(signal));
};
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

const code = await runCli({ argv, term, signal: controller.signal, now: Date.now });
process.exitCode = code;
// Idle keep-alive sockets or timers must not hold the process open once the command is done.
setTimeout(() => process.exit(code), 500).unref();
