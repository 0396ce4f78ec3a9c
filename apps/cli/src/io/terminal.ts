// The process's standard streams and environment, injectable so commands are testable and so
// one place decides what "interactive" means: a prompt needs both a TTY to read from (stdin)
// and a TTY to ask on (stderr).
import type { Writable } from './output.js';

export interface Readable extends AsyncIterable<Buffer | string> {
  readonly isTTY?: boolean | undefined;
  setRawMode?(mode: boolean): unknown;
  on(event: 'data', listener: (chunk: Buffer | string) => void): unknown;
  off(event: 'data', listener: (chunk: Buffer | string) => void): unknown;
  resume(): unknown;
  pause(): unknown;
}

export interface Terminal {
  readonly stdin: Readable;
  readonly stdout: Writable & { columns?: number | undefined; rows?: number | undefined };
  readonly stderr: Writable & { columns?: number | undefined };
  readonly env: Readonly<Record<string, string | undefined>>;
}

export function isInteractive(term: Terminal): boolean {
  return term.stdin.isTTY === true && term.stderr.isTTY === true;
}

/** Reads all of stdin as UTF-8 (for --password-stdin, --credentials-file -). */
export async function readAllStdin(stdin: Readable): Promise<string> {
  let text = '';
  for await (const chunk of stdin) text += typeof chunk === 'string' ? chunk : chunk.toString('utf8');
  return text;
}
