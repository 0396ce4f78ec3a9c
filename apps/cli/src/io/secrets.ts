// The DR password (GeminiDB construction) is a secret: it is read from a file, stdin or an
// environment variable, or typed at a hidden prompt, and never from argv, where it would leak
// into `ps`, shell history and CI logs. It is never printed: output shows where it came from,
// not what it is, and the resume hint names the source so the same password is used again.
import { readFileSync, statSync } from 'node:fs';
import { CliError, UsageError } from './errors.js';
import { EXIT } from './exit-codes.js';
import { quote } from './sanitize.js';
import { isInteractive, readAllStdin, type Terminal } from './terminal.js';

export type SecretSource =
  | { kind: 'file'; path: string }
  | { kind: 'stdin' }
  | { kind: 'env'; name: string }
  | { kind: 'prompt' }
  | { kind: 'placeholder' };

export interface SecretRequest {
  /** What it is, for messages: `DR password`. */
  what: string;
  fileFlag: string;
  stdinFlag: string;
  envVar: string;
  file?: string | undefined;
  fromStdin?: boolean | undefined;
  /** --dry-run: a placeholder is fine when nothing was given (the value is redacted anyway). */
  dryRun: boolean;
  /** Ask twice at an interactive prompt (a new password that must match on both sides). */
  confirmAtPrompt?: boolean;
}

export interface Secret {
  readonly value: string;
  readonly source: SecretSource;
}

export const PLACEHOLDER_SECRET = 'dry-run-placeholder';

export async function readSecret(term: Terminal, request: SecretRequest, stdinInUse = false): Promise<Secret> {
  if (request.file !== undefined && request.fromStdin) {
    throw new UsageError([{ flag: request.stdinFlag, message: `cannot be combined with ${request.fileFlag}; give the ${request.what} one way` }]);
  }
  if (request.file !== undefined) {
    if (request.file === '-' && stdinInUse) throw new UsageError([{ flag: request.fileFlag, message: 'stdin is already used by --credentials-file -; use a file for one of them' }]);
    if (request.file === '-') return { value: nonEmpty(await readAllStdin(term.stdin), request, request.fileFlag), source: { kind: 'stdin' } };
    let text: string;
    try {
      text = readFileSync(request.file, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'error';
      throw new UsageError([{ flag: request.fileFlag, message: `cannot read ${quote(request.file)} (${code})` }]);
    }
    warnIfShared(term, request.file, request.what);
    return { value: nonEmpty(text, request, request.fileFlag), source: { kind: 'file', path: request.file } };
  }
  if (request.fromStdin) {
    if (stdinInUse) throw new UsageError([{ flag: request.stdinFlag, message: 'stdin is already used by --credentials-file -; use a file for one of them' }]);
    return { value: nonEmpty(await readAllStdin(term.stdin), request, request.stdinFlag), source: { kind: 'stdin' } };
  }
  const fromEnv = term.env[request.envVar];
  if (fromEnv !== undefined && fromEnv !== '') return { value: fromEnv, source: { kind: 'env', name: request.envVar } };
  if (request.dryRun) return { value: PLACEHOLDER_SECRET, source: { kind: 'placeholder' } };
  if (isInteractive(term) && term.stdin.setRawMode) {
    const first = await promptHidden(term, `${capitalise(request.what)}: `);
    if (first === '') throw new UsageError([{ flag: request.fileFlag, message: `no ${request.what} was typed` }]);
    if (request.confirmAtPrompt) {
      const second = await promptHidden(term, `Repeat the ${request.what}: `);
      if (second !== first) throw new UsageError([{ flag: request.fileFlag, message: `the two ${request.what} entries differ` }]);
    }
    return { value: first, source: { kind: 'prompt' } };
  }
  throw new UsageError([
    {
      flag: request.fileFlag,
      message: `is required: give the ${request.what} with ${request.fileFlag} <path>, ${request.stdinFlag}, or the ${request.envVar} environment variable (never as a command-line argument)`,
    },
  ]);
}

/** How to pass the same secret again, for a resume command (never the value). */
export function secretFlagsFor(source: SecretSource, request: Pick<SecretRequest, 'fileFlag' | 'stdinFlag' | 'envVar'>): { args: string[]; note?: string } {
  switch (source.kind) {
    case 'file':
      return { args: [request.fileFlag, source.path] };
    case 'stdin':
      return { args: [request.stdinFlag], note: `pipe the same password on stdin` };
    case 'env':
      return { args: [], note: `keep ${source.name} set to the same password` };
    case 'prompt':
      return { args: [], note: 'you will be asked for the same password' };
    case 'placeholder':
      return { args: [] };
  }
}

function nonEmpty(text: string, request: SecretRequest, flag: string): string {
  // Only the line ending a file or `echo` adds is removed: other whitespace may be part of the password.
  const value = text.replace(/\r?\n$/, '');
  if (value === '') throw new UsageError([{ flag, message: `the ${request.what} is empty` }]);
  if (value.includes('\n')) throw new UsageError([{ flag, message: `the ${request.what} must be a single line` }]);
  return value;
}

function warnIfShared(term: Terminal, path: string, what: string): void {
  if (process.platform === 'win32') return;
  try {
    const mode = statSync(path).mode & 0o777;
    if ((mode & 0o077) !== 0) {
      term.stderr.write(`warning: ${path} holds the ${what} but is readable by others (mode ${mode.toString(8)}); run: chmod 600 ${path}\n`);
    }
  } catch {
    // Unreadable metadata is not worth failing for; the read above succeeded.
  }
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Reads a line without echoing it (raw mode), handling backspace, Ctrl-C and Ctrl-D. */
export function promptHidden(term: Terminal, question: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = term.stdin;
    // Echo off before the prompt shows: someone (or a script) typing right at the prompt must not be echoed.
    stdin.setRawMode?.(true);
    term.stderr.write(question);
    stdin.resume();
    let value = '';
    const finish = (error?: Error) => {
      stdin.off('data', onData);
      stdin.setRawMode?.(false);
      stdin.pause();
      term.stderr.write('\n');
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (chunk: Buffer | string) => {
      for (const ch of typeof chunk === 'string' ? chunk : chunk.toString('utf8')) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') return finish();
        if (ch === '\u0003') return finish(new CliError('Interrupted at the prompt; nothing was sent.', EXIT.interrupted));
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else value += ch;
      }
    };
    stdin.on('data', onData);
  });
}
