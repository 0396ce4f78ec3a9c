// What every command action receives: validated global options, the output and progress helpers,
// the terminal and the cancellation signal (Ctrl-C). Built from commander's merged options.
import type { Command } from 'commander';
import { colorEnabled, createPaint, type Paint } from './io/color.js';
import { UsageError, type InputProblem } from './io/errors.js';
import { createOutput, OUTPUT_FORMATS, type Output, type OutputFormat } from './io/output.js';
import { loadOutputTools } from './io/output-tools.js';
import { createProgress, type Progress } from './io/progress.js';
import type { Terminal } from './io/terminal.js';
import { ENV_DEFAULTS } from './program.js';
import { hasControlCharacters, quote } from './io/sanitize.js';
import { InputChecks } from './validation/checks.js';
import { id, regionCode } from './validation/rules.js';

/** Process-wide things the binary sets up once. */
export interface Runtime {
  readonly term: Terminal;
  /** Aborted on Ctrl-C (SIGINT) / SIGTERM. */
  readonly signal: AbortSignal;
  readonly now: () => number;
  /**
   * Long-running servers (the exporter) call this once they serve: for them a stop by SIGINT/SIGTERM
   * is the normal end (exit 0, as systemd expects), not an interruption (130/143).
   */
  readonly servesUntilSignal?: (() => void) | undefined;
  /** The arguments of this invocation (for "run the same command again"); secrets are never among them. */
  readonly argv?: readonly string[] | undefined;
}

/** Global options as commander parses them. */
export interface RawGlobals {
  region?: string;
  projectId?: string;
  profile?: string;
  configFile?: string;
  credentialsFile?: string;
  endpoint?: string;
  output?: string;
  query?: string;
  dryRun?: boolean;
  debug?: boolean;
  yes?: boolean;
  color?: boolean;
  quiet?: boolean;
  timeout?: string;
  header?: string[];
}

export interface GlobalOptions {
  region?: string | undefined;
  projectId?: string | undefined;
  profile?: string | undefined;
  configFile?: string | undefined;
  credentialsFile?: string | undefined;
  endpoint?: string | undefined;
  /** Where --endpoint's value came from: the flag, or HCDR_ENDPOINT (for messages). */
  endpointFrom?: '--endpoint' | 'HCDR_ENDPOINT' | undefined;
  output: OutputFormat;
  /** --query: a JMESPath expression applied to every result before it is printed. */
  query?: string | undefined;
  dryRun: boolean;
  debug: boolean;
  yes: boolean;
  quiet: boolean;
  /** Per-request timeout (ms), --timeout. */
  timeoutMs?: number | undefined;
  /** Extra request headers (hidden --header, for mocks). */
  headers: Record<string, string>;
}

export interface AppContext {
  readonly runtime: Runtime;
  readonly term: Terminal;
  readonly signal: AbortSignal;
  readonly globals: GlobalOptions;
  readonly out: Output;
  readonly paint: Paint;
  /** A progress display on stderr (live line on a TTY, timestamped lines otherwise). */
  progress(): Progress;
  /** The full command path, e.g. `hcdr geminidb dr pair`. */
  readonly commandPath: string;
}

/** Headers the hidden --header option must never set: credentials stay out of argv. */
const FORBIDDEN_HEADERS = new Set(['authorization', 'x-auth-token', 'x-security-token', 'x-subject-token', 'x-sdk-date', 'host', 'cookie']);

/** The flag or variable each global value came from (HCDR_ENDPOINT / HCDR_OUTPUT when the flag was not given). */
export interface GlobalOrigins {
  endpoint?: string | undefined;
  output?: string | undefined;
}

export function validateGlobals(raw: RawGlobals, checks: InputChecks = new InputChecks(), origins: GlobalOrigins = {}): GlobalOptions {
  const output = raw.output ?? 'table';
  const format = (OUTPUT_FORMATS as readonly string[]).includes(output) ? (output as OutputFormat) : undefined;
  if (!format) checks.fail(origins.output ?? '--output', `${quote(output)} must be one of: ${OUTPUT_FORMATS.join(', ')}`);
  const region = checks.optional('--region', raw.region, regionCode);
  const projectId = checks.optional('--project-id', raw.projectId, id);
  const profile = checks.optional('--profile', raw.profile);
  // `--endpoint "$SIM_URL"` with the variable unset must not fall back to the real cloud endpoint.
  if (raw.endpoint === '') checks.fail('--endpoint', 'must not be empty (omit the flag to use the region endpoint)');
  const endpoint = raw.endpoint === undefined || raw.endpoint === '' ? undefined : checkEndpoint(checks, origins.endpoint ?? '--endpoint', raw.endpoint);
  const timeoutMs = checks.duration('--timeout', raw.timeout, { min: 1000, max: 600_000 });
  const headers: Record<string, string> = {};
  for (const h of raw.header ?? []) {
    const m = /^([A-Za-z0-9-]+)\s*:\s*(.*)$/.exec(h);
    if (!m) {
      checks.fail('--header', `${quote(h)} must be "Name: value"`);
      continue;
    }
    if (hasControlCharacters(m[2] ?? '')) {
      checks.fail('--header', `${quote(h)} must not contain control characters in its value`);
      continue;
    }
    const name = m[1] ?? '';
    if (FORBIDDEN_HEADERS.has(name.toLowerCase())) {
      checks.fail('--header', `may not set ${name}: credentials are read from the environment, a profile or --credentials-file`);
      continue;
    }
    headers[name] = m[2] ?? '';
  }
  return {
    region,
    projectId,
    profile,
    configFile: checks.optional('--config-file', raw.configFile),
    credentialsFile: checks.optional('--credentials-file', raw.credentialsFile),
    endpoint,
    endpointFrom: endpoint === undefined ? undefined : ((origins.endpoint ?? '--endpoint') as GlobalOptions['endpointFrom']),
    output: format ?? 'table',
    query: raw.query,
    dryRun: raw.dryRun ?? false,
    debug: raw.debug ?? false,
    yes: raw.yes ?? false,
    quiet: raw.quiet ?? false,
    timeoutMs,
    headers,
  };
}

/** http(s) URL without credentials, query or fragment; plain http only to loopback (mocks, simulator). */
export function checkEndpoint(checks: InputChecks, flag: string, value: string): string | undefined {
  // The URL parser drops leading/trailing controls and tabs/newlines inside: check the text itself.
  if (hasControlCharacters(value) || value.trim() !== value) {
    checks.fail(flag, `${quote(value)} must not contain control characters or surrounding spaces`);
    return undefined;
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    checks.fail(flag, `${quote(value)} must be an absolute URL such as https://gaussdb-nosql.ap-southeast-1.myhuaweicloud.com or http://127.0.0.1:4010`);
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') checks.fail(flag, `${quote(value)} must use https:// (or http:// to localhost)`);
  else if (url.username || url.password) checks.fail(flag, 'must not contain a user name or password');
  else if (url.search || url.hash) checks.fail(flag, 'must not contain a query string or fragment');
  else if (url.protocol === 'http:' && !/^(localhost|127(\.\d{1,3}){3}|\[::1\])$/.test(url.hostname)) {
    checks.fail(flag, `${quote(value)} uses plain http to a host that is not this machine, which would expose credentials; use https`);
  } else return value.replace(/\/+$/, '');
  return undefined;
}

/**
 * HCDR_ENDPOINT / HCDR_OUTPUT when the flag was not given (as commander's Option.env() would, but
 * from the runtime's env). A variable set to "" counts as unset (`HCDR_ENDPOINT= hcdr ...`).
 */
function withEnvDefaults(raw: RawGlobals, env: Terminal['env']): RawGlobals {
  const out = { ...raw };
  for (const [key, name] of Object.entries(ENV_DEFAULTS) as [keyof typeof ENV_DEFAULTS, string][]) {
    const value = env[name];
    if (out[key] === undefined && value !== undefined && value !== '') out[key] = value;
  }
  return out;
}

export async function createContext(runtime: Runtime, command: Command, extraProblems: readonly InputProblem[] = []): Promise<AppContext> {
  const given = command.optsWithGlobals<RawGlobals>();
  const raw = withEnvDefaults(given, runtime.term.env);
  const checks = new InputChecks();
  for (const p of extraProblems) checks.fail(p.flag, p.message);
  const origins: GlobalOrigins = {
    endpoint: given.endpoint === undefined && raw.endpoint !== undefined ? ENV_DEFAULTS.endpoint : undefined,
    output: given.output === undefined && raw.output !== undefined ? ENV_DEFAULTS.output : undefined,
  };
  const globals = validateGlobals(raw, checks, origins);
  const tools = await loadOutputTools(checks, { format: globals.output, query: globals.query });
  const paintErr = createPaint(colorEnabled({ env: runtime.term.env, isTTY: runtime.term.stderr.isTTY === true, flag: raw.color !== false }));
  const paintOut = createPaint(colorEnabled({ env: runtime.term.env, isTTY: runtime.term.stdout.isTTY === true, flag: raw.color !== false }));
  if (checks.problems.length) throw new UsageError(checks.problems);
  const out = createOutput({ format: globals.output, stdout: runtime.term.stdout, stderr: runtime.term.stderr, paint: paintOut, paintErr, quiet: globals.quiet, tools });
  const names: string[] = [];
  for (let c: Command | null = command; c; c = c.parent) names.unshift(c.name());
  return {
    runtime,
    term: runtime.term,
    signal: runtime.signal,
    globals,
    out,
    paint: paintErr,
    progress: () =>
      createProgress({ stream: runtime.term.stderr, tty: runtime.term.stderr.isTTY === true && runtime.term.env.TERM !== 'dumb', paint: paintErr, quiet: globals.quiet, now: runtime.now }),
    commandPath: names.join(' '),
  };
}
