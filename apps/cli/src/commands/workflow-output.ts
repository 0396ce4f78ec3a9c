// How every journaled workflow command talks to the user: step lines and live job progress from
// the library's events, the summary on stdout, and on a stop what was done and that running the
// same command again finishes it. Also the journal the CLI uses (files under the state directory)
// and the mapping of the library's errors to exit codes and flags.
import type { DrEvent, DrOperationError, JournalStore, StepRecord } from '@hcdr/dr-ops';
import type { AppContext } from '../context.js';
import { CliError, describeError, exitCodeFor, UsageError, type InputProblem } from '../io/errors.js';
import { EXIT } from '../io/exit-codes.js';
import type { Progress } from '../io/progress.js';
import { terminalSafe } from '../io/sanitize.js';
import { renderCommand } from '../io/shell.js';
import { short } from './shared.js';

/** The file journal under $HCDR_STATE_DIR, $XDG_STATE_HOME/hcdr or ~/.local/state/hcdr (the runtime's env). */
export async function cliJournal(ctx: AppContext): Promise<JournalStore> {
  const { FileJournalStore, defaultStateDir } = await import('@hcdr/dr-ops');
  const env = ctx.term.env;
  return new FileJournalStore({ dir: defaultStateDir(env, env.HOME ?? (await import('node:os')).homedir()) });
}

/** Prints workflow events: → start, ✔ done, - skipped, ✖ failed, ↻ reconcile decisions, live job/task progress. */
export function eventPrinter(ctx: AppContext, progress: Progress): (event: DrEvent) => void {
  const p = ctx.paint;
  return (event) => {
    switch (event.type) {
      case 'wait':
        progress.update(event.id, {
          label: event.side ? `${event.side} job ${short(event.id)}` : `${event.step.replace(/^wait-/, '')} ${short(event.id)}`,
          status: event.status,
          progress: event.progress,
          done: event.phase !== 'pending',
          ok: event.phase === 'success',
        });
        return;
      case 'reconcile':
        progress.line(`${p.cyan('↻')} ${event.message}`);
        return;
      case 'warning':
        progress.line(`${p.yellow('!')} ${event.message}`);
        return;
      case 'step': {
        if (ctx.globals.quiet && event.status !== 'failed') return;
        const detail = event.detail ? Object.entries(event.detail).map(([k, v]) => `${k}=${v}`).join(' ') : '';
        const text =
          event.status === 'start'
            ? `${p.cyan('→')} ${event.description}`
            : event.status === 'done'
              ? `  ${p.green('✔')} ${event.description}${detail ? p.dim(`  ${detail}`) : ''}`
              : event.status === 'skipped'
                ? `  ${p.dim(`- skipped ${event.step}: ${event.detail?.reason ?? ''}`)}`
                : `  ${p.red('✖')} ${event.description}`;
        progress.line(text);
      }
    }
  };
}

/** The command line that repeats this run (argv without secrets: they never are flag values). */
export function rerunCommand(ctx: AppContext): string {
  // argv may hold control characters the flag checks trimmed away: never print them raw.
  return terminalSafe(renderCommand(ctx.runtime.argv ? ['hcdr', ...ctx.runtime.argv] : ctx.commandPath.split(' ')));
}

/** Maps the library's `DrInputError` fields (e.g. `primary.subnetCidrs[0]`) to flags. */
export function inputErrorToUsage(error: { problems: readonly { field: string; message: string }[] }, flagOf: (field: string) => string): UsageError {
  const problems: InputProblem[] = error.problems.map((p) => ({ flag: flagOf(p.field.replace(/\[\d+\]$/, '')), message: p.message }));
  return new UsageError(problems);
}

/**
 * Reports a stopped workflow: message, cause hint, steps done, advice, and that the same command
 * finishes it. JSON mode adds a summary on stdout. Always throws (the exit code is decided here).
 */
export function reportStop(ctx: AppContext, error: DrOperationError, extra: Record<string, unknown> = {}): never {
  const cause = error.cause;
  const code =
    error.kind === 'timeout'
      ? EXIT.waitTimeout
      : error.kind === 'aborted'
        ? EXIT.interrupted
        : cause !== undefined
            ? exitCodeFor(cause)
            : EXIT.failure;
  const causeText = cause !== undefined ? describeError(cause) : undefined;
  ctx.out.error(error.message);
  if (causeText?.hint) ctx.term.stderr.write(`hint: ${causeText.hint}\n`);
  printSteps(ctx, error.steps, error.step);
  for (const line of error.advice) ctx.term.stderr.write(`${line}\n`);
  const again = error.kind === 'refused' || error.kind === 'locked' ? undefined : rerunCommand(ctx);
  if (again) ctx.term.stderr.write(`${ctx.paint.bold('Run the same command again to finish it:')}\n  ${again}\n  (it reads the live state and the journal, and repeats nothing that took effect; \`hcdr ops list\` shows it)\n`);
  if (ctx.out.machine) {
    ctx.out.data({
      status: error.kind === 'timeout' ? 'timeout' : error.kind === 'aborted' ? 'interrupted' : error.kind,
      failed_step: error.step ?? null,
      message: error.message,
      ...extra,
      steps: error.steps,
      rerun_command: again ?? null,
    });
  }
  throw new CliError('', code === EXIT.ok ? EXIT.failure : code);
}

function printSteps(ctx: AppContext, steps: readonly StepRecord[], failed: string | undefined): void {
  if (steps.length === 0 && failed === undefined) return;
  const p = ctx.paint;
  ctx.term.stderr.write(`${p.bold('Done so far:')}\n`);
  if (steps.length === 0) ctx.term.stderr.write('  (nothing)\n');
  for (const s of steps) {
    const detail = s.detail ? Object.entries(s.detail).map(([k, v]) => `${k}=${v}`).join(' ') : '';
    ctx.term.stderr.write(`  ${s.status === 'done' ? p.green('✔') : p.dim('-')} ${s.step}${s.status === 'skipped' ? ' (skipped)' : ''}${detail ? `  ${detail}` : ''}\n`);
  }
  if (failed) ctx.term.stderr.write(`  ${p.red('✖')} ${failed}\n`);
}

/**
 * Runs a library workflow for a command: input errors become usage errors (exit 2) naming flags,
 * a stop is reported with what was done and exits with its code.
 */
export async function runWorkflow<T>(ctx: AppContext, flagOf: (field: string) => string, body: () => Promise<T>, onStop: Record<string, unknown> = {}): Promise<T> {
  const { isDrInputError, isDrOperationError } = await import('@hcdr/dr-ops');
  try {
    return await body();
  } catch (error) {
    if (isDrInputError(error)) throw inputErrorToUsage(error, flagOf);
    if (isDrOperationError(error)) reportStop(ctx, error, onStop);
    throw error;
  }
}
