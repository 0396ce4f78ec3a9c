// CLI-level errors. API/transport errors come from @hcdr/core; they are recognised by their brand
// (a registry symbol) rather than `instanceof`, so this module does not have to load @hcdr/core:
// a usage error must be reported without paying for the client packages (start-up time).
import { endpointNoteOf } from '../config/endpoint-note.js';
import { EXIT, type ExitCode } from './exit-codes.js';

/** One problem with one flag or argument. */
export interface InputProblem {
  /** The flag or argument as the user typed it, e.g. `--peer-subnet-cidr` or `<instance-id>`. */
  flag: string;
  /** The rule that was violated, in plain words. */
  message: string;
}

/** Bad input, detected before anything was sent. Exit code 2. */
export class UsageError extends Error {
  readonly exitCode: ExitCode = EXIT.usage;
  readonly problems: readonly InputProblem[];
  /** Printed after the message; by default "nothing was sent" (checks that ran after reads say so). */
  readonly note: string;

  constructor(problems: readonly InputProblem[] | string, options: { note?: string } = {}) {
    const list = typeof problems === 'string' ? [] : problems;
    super(typeof problems === 'string' ? problems : formatProblems(list));
    this.name = 'UsageError';
    this.problems = list;
    this.note = options.note ?? 'run the command with --help for usage; nothing was sent';
  }
}

function formatProblems(problems: readonly InputProblem[]): string {
  if (problems.length === 1) {
    const [p] = problems;
    return `${p?.flag}: ${p?.message}`;
  }
  return ['invalid input:', ...problems.map((p) => `  ${p.flag}: ${p.message}`)].join('\n');
}

/** A failure with a chosen exit code and optional advice printed after the message. */
export class CliError extends Error {
  readonly exitCode: ExitCode;
  readonly hint: string | undefined;

  constructor(message: string, exitCode: ExitCode = EXIT.failure, hint?: string) {
    super(message);
    this.name = 'CliError';
    this.exitCode = exitCode;
    this.hint = hint;
  }
}

const BRAND = Symbol.for('@hcdr/core/error-brand');

/** True when `error` carries @hcdr/core's brand `name` (same check as core's `is*` guards). */
export function hasCoreBrand(error: unknown, name: string): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const brands: unknown = (error as Record<symbol, unknown>)[BRAND];
  return Array.isArray(brands) && brands.includes(name);
}

/** Maps any error to the documented exit code. */
export function exitCodeFor(error: unknown): ExitCode {
  if (error instanceof UsageError || error instanceof CliError) return error.exitCode;
  if (hasCoreBrand(error, 'HuaweiCloudValidationError')) return EXIT.usage;
  if (hasCoreBrand(error, 'HuaweiCloudConfigError')) return EXIT.config;
  if (hasCoreBrand(error, 'HuaweiCloudAbortError')) return EXIT.interrupted;
  if (hasCoreBrand(error, 'HuaweiCloudWaiterError')) {
    return (error as { kind?: string }).kind === 'timeout' ? EXIT.waitTimeout : EXIT.failure;
  }
  if (hasCoreBrand(error, 'HuaweiCloudApiError')) {
    const status = (error as { status?: number }).status;
    return status === 401 || status === 403 ? EXIT.config : EXIT.failure;
  }
  return EXIT.failure;
}

/** What is printed for an error: the message, lines of detail below it, and a hint. */
export interface ErrorDescription {
  message: string;
  /** Printed indented under the message, e.g. `endpoint: https://... (from HCDR_ENDPOINT)`. */
  details?: readonly string[] | undefined;
  hint?: string | undefined;
}

/** One-paragraph message for stderr; never includes secrets (core errors are already scrubbed). */
export function describeError(error: unknown): ErrorDescription {
  const description = describe(error);
  // Transport failures and authentication refusals depend on where the request went: say where, and why there.
  const note = endpointNoteOf(error);
  const aboutEndpoint =
    hasCoreBrand(error, 'HuaweiCloudNetworkError') ||
    hasCoreBrand(error, 'HuaweiCloudTimeoutError') ||
    hasCoreBrand(error, 'HuaweiCloudInvalidResponseError') ||
    (hasCoreBrand(error, 'HuaweiCloudApiError') && [401, 403].includes((error as { status?: number }).status ?? 0));
  if (!note || !aboutEndpoint) return description;
  const details = [`endpoint: ${note.url} (from ${note.source})`];
  if (hasCoreBrand(error, 'HuaweiCloudNetworkError')) {
    const refused = (error as { errorCode?: string }).errorCode === 'ECONNREFUSED';
    return { ...description, details, hint: `${refused ? `Nothing is listening at ${note.url}. ` : ''}${note.advice}` };
  }
  return { ...description, details };
}

function describe(error: unknown): ErrorDescription {
  if (error instanceof CliError) return { message: error.message, hint: error.hint };
  if (hasCoreBrand(error, 'HuaweiCloudApiError')) {
    const e = error as { message: string; status?: number };
    const hint =
      e.status === 401 || e.status === 403
        ? 'Check the credentials (HUAWEICLOUD_SDK_AK/SK, --profile, --credentials-file), the project ID and the IAM permissions.'
        : undefined;
    // Core's message already carries code, HTTP status, operation, request id and its own hint.
    return { message: e.message, hint };
  }
  if (hasCoreBrand(error, 'HuaweiCloudNetworkError')) {
    const e = error as { message: string; errorCode?: string };
    const hint =
      e.errorCode === 'ECONNREFUSED'
        ? 'Nothing is listening at the endpoint. Check --endpoint / --region.'
        : 'Check the network, proxy and --endpoint / --region.';
    return { message: e.message, hint };
  }
  if (hasCoreBrand(error, 'HuaweiCloudInvalidResponseError')) {
    const e = error as { message: string; kind?: string; limitBytes?: number; excerpt?: string; contentType?: string };
    let hint: string;
    if (e.kind === 'too-large') {
      hint = `The response was larger than ${e.limitBytes ?? 'the limit of'} bytes, far beyond any DR API answer. Check that --endpoint / --region point at the Huawei Cloud API.`;
    } else if (e.excerpt !== undefined || !e.contentType?.includes('json')) {
      hint = 'The endpoint answered with a web page or text, not the API (a proxy or captive portal?). Check --endpoint / --region and the proxy settings.';
    } else {
      // The request reached the server: a change may have been applied even though its answer was lost.
      hint = 'The response body was cut off or malformed. For a change (create, switchover, failover, delete), check the current state before repeating it.';
    }
    return { message: e.message, hint };
  }
  if (hasCoreBrand(error, 'HuaweiCloudTimeoutError')) {
    return {
      message: (error as { message: string }).message,
      hint: 'For a change (create, switchover, failover, delete), the server may still have applied it: check the current state before repeating it. --timeout raises the per-request limit.',
    };
  }
  if (error instanceof Error) return { message: error.message };
  return { message: String(error) };
}
