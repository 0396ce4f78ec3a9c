// Confirmation for operations that change which site serves traffic or destroy a DR setup
// (switchover, failover, recover, delete, unpair). On a terminal the user is asked; anywhere else
// (CI, pipes, cron) the command refuses unless --yes was given: a script must state its intent,
// and a prompt nobody can answer must not hang or silently default to "yes".
import { createInterface } from 'node:readline';
import { CliError, UsageError } from './errors.js';
import { EXIT } from './exit-codes.js';
import type { Paint } from './color.js';
import { isInteractive, type Terminal } from './terminal.js';

export interface ConfirmRequest {
  /** Imperative phrase: `fail over to GeminiDB instance f0e1…` */
  action: string;
  /** Extra lines explaining the consequences. */
  details?: readonly string[];
}

export async function confirm(term: Terminal, paint: Paint, options: { yes: boolean; dryRun: boolean }, request: ConfirmRequest): Promise<void> {
  if (options.yes || options.dryRun) return;
  if (!isInteractive(term)) {
    throw new UsageError([
      {
        flag: '--yes',
        message: `is required to ${request.action} when not running in a terminal (nobody can answer the confirmation prompt)`,
      },
    ]);
  }
  const lines = [`${paint.yellow('!')} This will ${paint.bold(request.action)}.`, ...(request.details ?? []).map((d) => `  ${d}`)];
  term.stderr.write(`${lines.join('\n')}\n`);
  const answer = await ask(term, `Continue? [y/N] `);
  if (!/^(y|yes)$/i.test(answer.trim())) throw new CliError('Cancelled at the prompt; nothing was sent.', EXIT.failure);
}

/** Reads one visible line at a prompt on stderr (Ctrl-C: exit 130, nothing done). */
export function ask(term: Terminal, question: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const rl = createInterface({
      input: term.stdin as unknown as NodeJS.ReadableStream,
      output: term.stderr as unknown as NodeJS.WritableStream,
      terminal: true,
    });
    let answered = false;
    rl.on('SIGINT', () => {
      rl.close();
      term.stderr.write('\n');
      reject(new CliError('Interrupted at the prompt; nothing was sent.', EXIT.interrupted));
    });
    rl.on('close', () => {
      if (!answered) resolve('');
    });
    rl.question(question, (answer) => {
      answered = true;
      rl.close();
      resolve(answer);
    });
  });
}
