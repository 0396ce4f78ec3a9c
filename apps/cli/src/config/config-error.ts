// @hcdr/core reports configuration problems in library terms (`projectId`, `option region: ...`),
// one entry per missing value. At the command line they are re-told in the user's terms: flag names
// (`--project-id`, or `--primary-project-id` for one side of `pair`), the environment variables and
// `hcdr configure`; and when the profile file itself is broken, its problems are listed once and
// the values it would have supplied are summed up in one line instead of one "missing" entry each.
import type { ConfigProblem } from '@hcdr/core';
import { CliError } from '../io/errors.js';
import { EXIT } from '../io/exit-codes.js';
import { shellQuote } from '../io/shell.js';

export interface ConfigErrorContext {
  /** `geminidb` or `dws`. */
  service: string;
  /** `primary` / `standby` for one side of `pair`: flags are then `--primary-region`... */
  side?: string | undefined;
  /** --profile (or the side's), when given: `hcdr configure set` advice repeats it. */
  profile?: string | undefined;
  /** Where the endpoint override came from (`--endpoint`, `HCDR_ENDPOINT`), when there is one. */
  endpointFrom?: string | undefined;
}

const MISSING_SETTINGS = new Set(['region', 'projectId', 'credentials']);
const FILE_SETTINGS = new Set(['configFile', 'profile']);

/** Core marks a missing value by listing ways to supply it; a malformed value comes without. */
function isMissing(problem: ConfigProblem): boolean {
  return MISSING_SETTINGS.has(problem.setting) && problem.fixes !== undefined && problem.fixes.length > 0;
}

/** Library wording that leaks into a few messages, in the CLI's words. */
function inCliTerms(text: string, ctx: ConfigErrorContext): string {
  const parts: Record<string, string> = {
    accessKeyId: 'access key ID',
    secretAccessKey: 'secret key',
    securityToken: 'security token',
    authToken: 'IAM token',
  };
  return text
    .replace(/\boption credentials\.(accessKeyId|secretAccessKey|securityToken|authToken)\b/g, (_m, part: string) => `the ${parts[part] ?? part} from ${flag(ctx, 'credentials-file')}`)
    .replace(/\bfrom option\b/g, 'from the command line')
    .replace(/\bEndpoint from option\b/g, `Endpoint from ${ctx.endpointFrom ?? flag(ctx, 'endpoint')}`);
}

function flag(ctx: ConfigErrorContext, name: string): string {
  return ctx.side && name !== 'config-file' ? `--${ctx.side}-${name}` : `--${name}`;
}

/** `hcdr configure set region <id> --profile p` (placeholders stay unquoted: they are for the reader). */
function configureCommand(ctx: ConfigErrorContext, ...args: string[]): string {
  return ['hcdr configure', ...args, ...(ctx.profile ? [`--profile ${shellQuote(ctx.profile)}`] : [])].join(' ');
}

/** What to say for a missing value: the flag it is about, and every way to supply it. */
function missingEntry(problem: ConfigProblem, ctx: ConfigErrorContext): { label: string; message: string; fix: string } {
  const region = /for region (\S+?)[ .(]/.exec(problem.message)?.[1];
  switch (problem.setting) {
    case 'region':
      return {
        label: flag(ctx, 'region'),
        message: 'no region given',
        fix: `give ${flag(ctx, 'region')} <id> (e.g. ap-southeast-1), set HUAWEICLOUD_SDK_REGION_ID, or save one: ${configureCommand(ctx, 'set', 'region', '<id>')}`,
      };
    case 'projectId':
      return {
        label: flag(ctx, 'project-id'),
        message: `no project ID${region ? ` for region ${region}` : ''} (it is never looked up or created)`,
        fix: `give ${flag(ctx, 'project-id')} <id>, set HUAWEICLOUD_SDK_PROJECT_ID, or save one: ${configureCommand(ctx, 'set', 'project_id', '<id>')} (console: My Credentials > API Credentials > Projects)`,
      };
    default:
      return {
        label: 'credentials',
        message: 'none found',
        fix: `set HUAWEICLOUD_SDK_AK + HUAWEICLOUD_SDK_SK (or HUAWEICLOUD_SDK_AUTH_TOKEN), give ${flag(ctx, 'credentials-file')} <path|->, or save them: ${configureCommand(ctx)}`,
      };
  }
}

const LABELS: Readonly<Record<string, (ctx: ConfigErrorContext) => string>> = {
  region: (ctx) => flag(ctx, 'region'),
  projectId: (ctx) => flag(ctx, 'project-id'),
  credentials: () => 'credentials',
  endpoint: (ctx) => ctx.endpointFrom ?? flag(ctx, 'endpoint'),
  profile: () => 'profile',
  configFile: () => 'profile file',
};

/** Turns core's configuration problems into one CLI error (exit 4) in the CLI's terms. */
export function cliConfigError(problems: readonly ConfigProblem[], ctx: ConfigErrorContext): CliError {
  const fileProblems = problems.filter((p) => FILE_SETTINGS.has(p.setting));
  const missing = problems.filter(isMissing);
  const other = problems.filter((p) => !FILE_SETTINGS.has(p.setting) && !isMissing(p));
  // "Note: ... has keys this version ignores (typo?)" is repeated by core under every missing value: say it once.
  const notes = [...new Set(problems.flatMap((p) => (p.fixes ?? []).filter((f) => f.startsWith('Note:'))))].map((n) => n.replace(/^Note:\s*/, ''));

  const lines = [`the ${ctx.service} configuration${ctx.side ? ` of the ${ctx.side} side` : ''} is incomplete or invalid:`];
  for (const p of fileProblems) lines.push(`  - ${LABELS[p.setting]?.(ctx) ?? p.setting}: ${inCliTerms(p.message, ctx)}`);
  const fileBroken = fileProblems.length > 0;
  if (fileBroken && missing.length) {
    // One line for everything the broken file would have supplied, instead of one "missing" entry each.
    const what = missing.map((p) => missingEntry(p, ctx).label).join(', ');
    lines.push(`  - not set because the profile could not be used: ${what}; fix the file (or rewrite it: ${configureCommand(ctx)}), or give them as flags or environment variables`);
  } else {
    for (const p of missing) {
      const entry = missingEntry(p, ctx);
      lines.push(`  - ${entry.label}: ${entry.message}`, `      ${entry.fix}`);
    }
  }
  for (const p of other) lines.push(`  - ${LABELS[p.setting]?.(ctx) ?? p.setting}: ${inCliTerms(p.message, ctx)}`);
  for (const note of notes) lines.push(`  note: ${note}`);
  return new CliError(lines.join('\n'), EXIT.config, '`hcdr configure list` shows each setting and where it comes from.');
}
