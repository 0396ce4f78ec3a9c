// Progress while waiting, always on stderr (stdout stays parseable).
// - On a TTY: one live line, redrawn in place: spinner, elapsed time, each tracked item's status and %.
// - Off a TTY (CI logs, pipes): plain timestamped lines, one per change of status or progress, so logs
//   stay readable and grep-able and nothing is printed on polls where nothing changed.
import type { Paint } from './color.js';
import { formatDuration } from './duration.js';
import type { Writable } from './output.js';

export interface ProgressRow {
  /** What is tracked, e.g. `primary construction job 3f2a…`. */
  label: string;
  /** Status word from the API (`Running`, `starting`, ...). */
  status: string;
  /** e.g. `60%`. */
  progress?: string | undefined;
  /** Final state reached: true = success, false = failure. */
  done?: boolean | undefined;
  ok?: boolean | undefined;
}

export interface Progress {
  /** Creates or updates a tracked item. */
  update(key: string, row: ProgressRow): void;
  /** Prints a normal line without garbling the live line. */
  line(text: string): void;
  /** Clears the live line and stops the timer. */
  stop(): void;
}

export interface ProgressOptions {
  stream: Writable & { columns?: number | undefined };
  tty: boolean;
  paint: Paint;
  quiet?: boolean;
  now?: () => number;
  /** Redraw period on a TTY (spinner, elapsed). */
  tickMs?: number;
}

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

export function createProgress(options: ProgressOptions): Progress {
  const { stream, tty, paint } = options;
  const now = options.now ?? Date.now;
  const start = now();
  const rows = new Map<string, ProgressRow>();
  const lastPrinted = new Map<string, string>();
  let frame = 0;
  let drawn = false;
  let timer: ReturnType<typeof setInterval> | undefined;

  if (options.quiet) return { update() {}, line() {}, stop() {} };

  const describe = (row: ProgressRow) => {
    const status = row.done ? (row.ok ? paint.green(row.status) : paint.red(row.status)) : row.status;
    return `${row.label}: ${status}${row.progress ? ` ${row.progress}` : ''}`;
  };

  const clear = () => {
    if (drawn) stream.write('\r\u001b[2K');
    drawn = false;
  };

  const draw = () => {
    if (rows.size === 0) return;
    const spinner = paint.cyan(FRAMES[frame++ % FRAMES.length] ?? '');
    const elapsed = paint.dim(formatDuration(now() - start));
    let text = `${spinner} ${elapsed}  ${[...rows.values()].map(describe).join(paint.dim('  ·  '))}`;
    // A wrapped line cannot be redrawn with \r: cut to the terminal width (ANSI codes do not count).
    // A pseudo-terminal without a size reports 0 columns: fall back to a common width.
    const width = stream.columns !== undefined && stream.columns >= 20 ? stream.columns : 100;
    if (visibleLength(text) > width - 1) text = truncateVisible(text, width - 2, paint.enabled);
    stream.write(`\r\u001b[2K${text}`);
    drawn = true;
  };

  return {
    update(key, row) {
      rows.set(key, row);
      if (tty) {
        if (!timer) {
          timer = setInterval(draw, options.tickMs ?? 120);
          timer.unref?.();
        }
        draw();
        return;
      }
      const text = describe(row);
      if (lastPrinted.get(key) === text) return;
      lastPrinted.set(key, text);
      stream.write(`${timestamp(now())}  ${text} (${formatDuration(now() - start)})\n`);
    },
    line(text) {
      if (tty) {
        clear();
        stream.write(`${text}\n`);
        draw();
      } else {
        stream.write(`${text}\n`);
      }
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      if (tty) clear();
    },
  };
}

/** `2026-11-23T12:00:03Z` (UTC, seconds). */
export function timestamp(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

const ESC = '\u001b';

/** Splits text into ANSI colour codes and visible characters (no regex: control characters in regexes are lint errors). */
function tokens(text: string): { code: boolean; text: string }[] {
  const out: { code: boolean; text: string }[] = [];
  for (let i = 0; i < text.length; ) {
    if (text[i] === ESC && text[i + 1] === '[') {
      const end = text.indexOf('m', i);
      if (end !== -1) {
        out.push({ code: true, text: text.slice(i, end + 1) });
        i = end + 1;
        continue;
      }
    }
    const ch = String.fromCodePoint(text.codePointAt(i) ?? 32);
    out.push({ code: false, text: ch });
    i += ch.length;
  }
  return out;
}

function visibleLength(text: string): number {
  return tokens(text).filter((t) => !t.code).length;
}

function truncateVisible(text: string, max: number, ansi: boolean): string {
  let out = '';
  let visible = 0;
  for (const t of tokens(text)) {
    if (!t.code && visible >= max) break;
    out += t.text;
    if (!t.code) visible++;
  }
  return ansi ? `${out}…${ESC}[0m` : `${out}…`;
}
