// Runs the CLI in this process through runCli (src/main.ts) with an in-memory terminal: thousands
// of invocations per second instead of ~3 per second for the spawned binary, and the error that
// ended a run can be inspected as an object. Also: the real command tree (walked, not listed), a
// valid invocation of every command taken from its own help examples, and a counting HTTP server.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import type { Command } from 'commander';
import { createProgram } from '../../src/program.js';
import { runCli } from '../../src/main.js';
import type { Terminal } from '../../src/io/terminal.js';

export interface InProcessResult {
  code: number;
  stdout: string;
  stderr: string;
  /** The error that ended the run (undefined on success). */
  error: unknown;
}

export interface InProcessOptions {
  env?: Record<string, string | undefined>;
  /** stdin contents (not a TTY). */
  input?: string;
  signal?: AbortSignal;
}

/** A fake stream that keeps what was written. */
function sink(): { write(text: string): boolean; isTTY: false; columns: number; text(): string } {
  const chunks: string[] = [];
  return {
    write(text: string) {
      chunks.push(String(text));
      return true;
    },
    isTTY: false,
    columns: 120,
    text: () => chunks.join(''),
  };
}

/**
 * A private HOME for in-process runs: without one, the profile file would be looked up (and, by
 * `hcdr configure set`, written) in the real home directory of whoever runs the tests.
 */
export const IN_PROCESS_HOME = mkdtempSync(join(tmpdir(), 'hcdr-in-process-home-'));

/** Runs `hcdr <argv>` in this process. The environment is exactly `env` (plus NO_COLOR and a private HOME): nothing is inherited. */
export async function runInProcess(argv: readonly string[], options: InProcessOptions = {}): Promise<InProcessResult> {
  const stdout = sink();
  const stderr = sink();
  const stdin = Readable.from(options.input === undefined || options.input === '' ? [] : [Buffer.from(options.input)]);
  // HCDR_METADATA_ENDPOINT=off: without credentials a run fails at once instead of asking 169.254.169.254.
  const env: Record<string, string | undefined> = { NO_COLOR: '1', HOME: IN_PROCESS_HOME, HCDR_METADATA_ENDPOINT: 'off', ...options.env };
  const term: Terminal = { stdin: stdin as unknown as Terminal['stdin'], stdout, stderr, env };
  let error: unknown;
  const code = await runCli({
    argv,
    term,
    signal: options.signal ?? new AbortController().signal,
    now: Date.now,
    onError: (e) => {
      error = e;
    },
  });
  return { code, stdout: stdout.text(), stderr: stderr.text(), error };
}

export interface LeafCommand {
  /** `geminidb dr pair` (without `hcdr`). */
  path: string[];
  command: Command;
  /** The first runnable example of its help, as argv after `hcdr`. */
  example: string[];
}

/** The full tree (every group loaded, as for `hcdr help`), walked recursively; the root is returned too. */
export async function commandTree(): Promise<{ program: Command; leaves: LeafCommand[] }> {
  const out = sink();
  const term: Terminal = { stdin: Readable.from([]) as unknown as Terminal['stdin'], stdout: out, stderr: out, env: { NO_COLOR: '1' } };
  const program = await createProgram({ term, signal: new AbortController().signal, now: Date.now }, ['help']);
  const leaves: LeafCommand[] = [];
  const walk = (command: Command, prefix: string[]) => {
    for (const sub of command.commands) {
      const path = [...prefix, sub.name()];
      if (sub.commands.length > 0) walk(sub, path);
      else leaves.push({ path, command: sub, example: firstExample(sub, path) });
    }
  };
  walk(program, []);
  return { program, leaves };
}

/** Help "Examples:" lines → argv of the first one without placeholders (`<id>`, `...`), pipes or chains cut off. */
function firstExample(command: Command, path: readonly string[]): string[] {
  let help = '';
  command.configureOutput({ writeOut: (t) => (help += t), writeErr: (t) => (help += t) });
  command.outputHelp();
  const section = help.split('Examples:')[1] ?? '';
  const logical = section.replace(/\\\n\s*/g, ' ').split('\n');
  for (const raw of logical) {
    const line = raw.trim();
    if (!line.startsWith('$ ')) continue;
    const text = line.slice(2).split(/ \| | && |\s{2,}#/)[0] ?? '';
    // `HCDR_DR_PASSWORD=... hcdr ...`: the environment prefix is not part of argv.
    const words = shellWords(text);
    while (words[0] !== undefined && /^[A-Z_]+=/.test(words[0])) words.shift();
    if (words[0] !== 'hcdr' || words.some((w) => w.includes('<') || w.includes('...'))) continue;
    const argv = words.slice(1);
    if (path.every((p, i) => argv[i] === p)) return argv;
  }
  throw new Error(`hcdr ${path.join(' ')} has no runnable example in its help`);
}

/** Minimal POSIX word splitting (single and double quotes), enough for help examples. */
function shellWords(text: string): string[] {
  const words: string[] = [];
  const re = /'([^']*)'|"([^"]*)"|(\S+)/g;
  for (const m of text.matchAll(re)) words.push(m[1] ?? m[2] ?? m[3] ?? '');
  return words;
}

export interface CountingServer {
  url: string;
  /** Requests received so far. */
  readonly count: number;
  requests: { method: string; url: string; headers: IncomingMessage['headers']; body: string }[];
  reset(): void;
  close(): Promise<void>;
}

/** A local HTTP server that records every request and answers with `respond` (default: a 400 API error). */
export async function startCountingServer(
  respond: (request: { method: string; url: string; headers: IncomingMessage['headers']; body: string }, res: ServerResponse) => void = (_req, res) => {
    res.writeHead(400, { 'content-type': 'application/json', 'x-request-id': 'fuzz-request-id' });
    res.end(JSON.stringify({ error_code: 'DBS.200001', error_msg: 'refused by the counting test server' }));
  },
): Promise<CountingServer> {
  const requests: CountingServer['requests'] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => {
      const entry = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body };
      requests.push(entry);
      respond(entry, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get count() {
      return requests.length;
    },
    requests,
    reset: () => {
      requests.length = 0;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((e) => (e ? reject(e) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/** The drill plans command examples name (`drill.yaml`, `dws-drill.yaml`), written into `dir`. */
export function writeExamplePlans(dir: string): void {
  const objectives = 'objectives: { rto: 10m, rpo: 1m }\nhold: 1s\npoll_interval: 100ms\nsample_interval: 100ms\n';
  writeFileSync(
    join(dir, 'drill.yaml'),
    'version: 1\nname: example\nservice: geminidb\ntarget:\n  primary: { instance: a1b2c3d4e5f64a7b8c9d0e1f2a3b4c5din12, region: ap-southeast-1 }\n' +
      `  standby: { instance: f0e1d2c3b4a54968a7b6c5d4e3f2a1b0in12, region: ap-southeast-3 }\nscenario: switchover-and-back\n${objectives}`,
  );
  writeFileSync(join(dir, 'dws-drill.yaml'), `version: 1\nname: example-dws\nservice: dws\ntarget: { task: 9f1c2d3e-4b5a-4c6d-8e7f-0a1b2c3d4e5f, region: cn-north-4 }\nscenario: switchover-and-back\n${objectives}`);
}
