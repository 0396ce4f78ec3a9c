// stdout carries data only (JSON, YAML, tab-separated text or a table) so `hcdr ... -o json | jq`
// always parses; every message, progress line, hint and warning goes to stderr (clig.dev). Nothing
// here ever receives a secret: callers pass API data, which holds none, or redacted request copies.
import type { Paint } from './color.js';
import { renderText } from './text-format.js';

export const OUTPUT_FORMATS = ['json', 'yaml', 'table', 'text'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/**
 * What -o yaml and --query need, loaded (lazily, by loadOutputTools) only when a run asks for them:
 * most runs never pay for a YAML emitter or a JMESPath interpreter (start-up time).
 */
export interface OutputTools {
  /** YAML text of one document (-o yaml). */
  yaml?: ((value: unknown) => string) | undefined;
  /** The --query expression applied to a result. */
  query?: ((value: unknown) => unknown) | undefined;
}

export interface Writable {
  write(text: string): unknown;
  readonly isTTY?: boolean | undefined;
}

export interface TableSpec {
  /** Render this list (dot path into the value, e.g. `jobs`) as rows; default: the value itself if it is an array. */
  list?: string;
  /** Columns (dot paths) of list rows; default: every scalar member of the first rows. */
  columns?: readonly string[];
  /** Headings for columns; default: the path. */
  headings?: Readonly<Record<string, string>>;
  /** Printed (to stderr) instead of an empty table. */
  empty?: string;
}

export interface Output {
  readonly format: OutputFormat;
  /**
   * True for json, yaml and text: the full API data is printed (for scripts); false for table, which
   * may show a human summary instead.
   */
  readonly machine: boolean;
  /** Colours for stdout (tables). Messages on stderr use their own decision (stderr may be a TTY when stdout is not). */
  readonly paint: Paint;
  readonly stdout: Writable;
  readonly stderr: Writable;
  /** Prints a command's result on stdout: pretty JSON, YAML, text lines, or a table / key-value list (after --query). */
  data(value: unknown, spec?: TableSpec): void;
  /** One compact JSON line (NDJSON), a YAML document, text lines or a table block, for repeated samples (--watch). */
  sample(value: unknown, spec?: TableSpec): void;
  /** An informational line on stderr (suppressed by --quiet). */
  info(text: string): void;
  /** A success line on stderr (suppressed by --quiet). */
  success(text: string): void;
  /** A warning on stderr (never suppressed). */
  warn(text: string): void;
  /** An error on stderr (never suppressed). */
  error(text: string): void;
  /**
   * A failed item on stderr, `✖ text` (never suppressed): for per-job lines when the command then
   * ends with an error of its own, so the one `error:` line is not printed twice.
   */
  failure(text: string): void;
}

export function createOutput(options: {
  format: OutputFormat;
  stdout: Writable;
  stderr: Writable;
  paint: Paint;
  paintErr?: Paint;
  quiet: boolean;
  tools?: OutputTools;
}): Output {
  const { format, stdout, stderr, paint, quiet } = options;
  const paintErr = options.paintErr ?? paint;
  const tools = options.tools ?? {};
  /** --query reshapes the data, so a command's table layout no longer applies to what it returns. */
  const shaped = (value: unknown, spec: TableSpec | undefined): [unknown, TableSpec | undefined] =>
    tools.query ? [tools.query(toJson(value)), undefined] : [value, spec];
  const render = (value: unknown, spec: TableSpec | undefined, compact: boolean): string => {
    switch (format) {
      case 'json':
        return `${compact ? JSON.stringify(value ?? null) : JSON.stringify(value ?? null, null, 2)}\n`;
      case 'yaml': {
        if (!tools.yaml) throw new Error('-o yaml without the YAML emitter loaded (loadOutputTools)');
        const text = tools.yaml(toJson(value) ?? null);
        return compact ? `---\n${text}` : text;
      }
      case 'text':
        return renderText(toJson(value) ?? null);
      case 'table':
        return renderTable(value, spec, paint);
    }
  };
  return {
    format,
    machine: format !== 'table',
    paint,
    stdout,
    stderr,
    data(raw, rawSpec) {
      const [value, spec] = shaped(raw, rawSpec);
      const text = render(value, spec, false);
      if (format === 'table' && text === '') {
        if (!quiet) stderr.write(`${spec?.empty ?? '(nothing to show)'}\n`);
        return;
      }
      stdout.write(text);
    },
    sample(raw, rawSpec) {
      const [value, spec] = shaped(raw, rawSpec);
      stdout.write(render(value, spec, true));
    },
    info(text) {
      if (!quiet) stderr.write(`${text}\n`);
    },
    success(text) {
      if (!quiet) stderr.write(`${paintErr.green('✔')} ${text}\n`);
    },
    warn(text) {
      stderr.write(`${paintErr.yellow('warning:')} ${text}\n`);
    },
    error(text) {
      stderr.write(`${paintErr.red('error:')} ${text}\n`);
    },
    failure(text) {
      stderr.write(`${paintErr.red('✖')} ${text}\n`);
    },
  };
}

/** The value as JSON would carry it (undefined members dropped, dates as strings): what --query, YAML and text see. */
function toJson(value: unknown): unknown {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}

/** Reads `a.b.c` from nested objects. */
export function getPath(value: unknown, path: string): unknown {
  let current: unknown = value;
  for (const key of path.split('.')) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

function cell(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value) && value.every((v) => typeof v !== 'object' || v === null)) return value.join(',');
  return JSON.stringify(value);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Flattens nested objects to `a.b` keys (arrays of objects stay JSON). */
function flatten(value: Record<string, unknown>, prefix = '', out: [string, unknown][] = []): [string, unknown][] {
  for (const [key, child] of Object.entries(value)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (isPlainObject(child) && Object.keys(child).length > 0) flatten(child, path, out);
    else out.push([path, child]);
  }
  return out;
}

/** Renders rows as aligned columns; returns '' for no rows. */
export function renderRows(rows: readonly unknown[], columns: readonly string[], headings: Readonly<Record<string, string>> = {}, paint?: Paint): string {
  if (rows.length === 0) return '';
  const head = columns.map((c) => (headings[c] ?? c).toUpperCase());
  const body = rows.map((row) => columns.map((c) => cell(getPath(row, c))));
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  const header = line(head);
  return `${paint ? paint.bold(header) : header}\n${body.map(line).join('\n')}\n`;
}

export function renderTable(value: unknown, spec: TableSpec = {}, paint?: Paint): string {
  const target = spec.list ? getPath(value, spec.list) : value;
  if (Array.isArray(target)) {
    if (target.length === 0) return '';
    const columns =
      spec.columns ??
      [...new Set(target.slice(0, 20).flatMap((row) => (isPlainObject(row) ? flatten(row).map(([k]) => k) : [])))].filter(
        (k) => !k.includes('.') || k.split('.').length <= 2,
      );
    if (columns.length === 0) return `${target.map(cell).join('\n')}\n`;
    return renderRows(target, columns, spec.headings, paint);
  }
  if (isPlainObject(target)) {
    const pairs = flatten(target);
    if (pairs.length === 0) return '';
    const width = Math.max(...pairs.map(([k]) => k.length));
    return `${pairs.map(([k, v]) => `${(paint ? paint.bold(k.padEnd(width)) : k.padEnd(width))}  ${cell(v)}`.trimEnd()).join('\n')}\n`;
  }
  if (target === undefined || target === null) return '';
  return `${cell(target)}\n`;
}
