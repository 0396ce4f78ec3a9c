// Exit codes of every hcdr command. They are part of the CLI's contract: scripts branch on them
// (`hcdr ... --wait || handle`), so a timed-out wait must never exit 0 (it would fail open in
// `cmd && next`), and a usage mistake must be distinguishable from a cloud-side failure.
export const EXIT = Object.freeze({
  /** The command did what it was asked (and, with --wait, the job/task finished successfully). */
  ok: 0,
  /** The API answered with an error, a job/task ended in failure, the network failed, the live state forbids the operation (read, nothing changed), or the prompt was declined. */
  failure: 1,
  /** Usage or validation error: bad flag, missing argument, rule violated. Nothing was sent. */
  usage: 2,
  /** A --wait (or `jobs wait`, `dr wait`) ran out of time; the operation keeps running server-side. */
  waitTimeout: 3,
  /** Configuration or authentication problem: no credentials/region/project, unreadable profile, HTTP 401/403. */
  config: 4,
  /** Interrupted with Ctrl-C (SIGINT) — 128 + 2, as shells report it. */
  interrupted: 130,
  /** Stopped with SIGTERM (kill, a CI job cancelled, a container stopped) — 128 + 15. */
  terminated: 143,
});

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** The table printed at the end of `hcdr --help` and in the README. */
export const EXIT_CODE_HELP = `Exit codes:
  0    success (with --wait: the job or task finished successfully)
  1    API error, failed job/task, network error, the live state forbids the operation, or confirmation declined
  2    usage or validation error (nothing was sent)
  3    a wait timed out (the operation is still running; the message shows how to resume)
  4    configuration or authentication problem (credentials, region, project, HTTP 401/403)
  130  interrupted (Ctrl-C)
  143  terminated (SIGTERM)`;

/** The reason bin/hcdr.ts aborts the run's signal with: which signal arrived. */
export class SignalInterruption extends Error {
  readonly signal: 'SIGINT' | 'SIGTERM';

  constructor(signal: 'SIGINT' | 'SIGTERM') {
    super(signal === 'SIGINT' ? 'Interrupted (Ctrl-C).' : 'Terminated (SIGTERM).');
    this.name = 'SignalInterruption';
    this.signal = signal;
  }
}

/** 130 / 143 when the run was interrupted by a signal, else undefined. */
export function exitCodeForSignal(signal: AbortSignal): ExitCode | undefined {
  if (!signal.aborted || !(signal.reason instanceof SignalInterruption)) return undefined;
  return signal.reason.signal === 'SIGTERM' ? EXIT.terminated : EXIT.interrupted;
}
