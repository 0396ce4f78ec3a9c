// The command tree. Only commander and small local modules are loaded here; client packages are
// imported inside actions, so `hcdr --help`, `--version` and usage errors stay fast.
import { Command, Option } from 'commander';
import type { Runtime } from './context.js';
import { UsageError } from './io/errors.js';
import { EXIT_CODE_HELP } from './io/exit-codes.js';
import { terminalSafe } from './io/sanitize.js';
import { VERSION } from './version.js';

const ROOT_HELP = `
Credentials (never as flag values):
  environment    HUAWEICLOUD_SDK_AK + HUAWEICLOUD_SDK_SK (+ HUAWEICLOUD_SDK_SECURITY_TOKEN), or HUAWEICLOUD_SDK_AUTH_TOKEN;
                 HUAWEICLOUD_SDK_PROJECT_ID, HUAWEICLOUD_SDK_REGION_ID
  profile file   ~/.hcdr/config.json (chmod 600), --profile / HCDR_PROFILE, --config-file / HCDR_CONFIG_FILE
  file or stdin  --credentials-file <path|->  (JSON or HUAWEICLOUD_SDK_*=... lines)
  DR password    --password-file <path>, --password-stdin, or HCDR_DR_PASSWORD

Examples:
  $ hcdr geminidb instances list --region ap-southeast-1
  $ hcdr geminidb dr pair --help
  $ hcdr geminidb dr status <instance-id> --watch
  $ hcdr dws dr create --name video_dr --primary-cluster <id> --standby-cluster <id> --sync-period 20m --wait
  $ hcdr dws dr switchover <dr-id> --yes --wait -o json
  $ hcdr simulator          # a local stand-in for both APIs, to rehearse drills

${EXIT_CODE_HELP}
`;

/** Flags people try for secrets: refused with the safe alternative instead of "unknown option". */
const SECRET_FLAGS: Readonly<Record<string, string>> = {
  password: 'use --password-file <path>, --password-stdin or HCDR_DR_PASSWORD',
  sk: 'use HUAWEICLOUD_SDK_SK, a profile (--profile) or --credentials-file',
  'secret-key': 'use HUAWEICLOUD_SDK_SK, a profile (--profile) or --credentials-file',
  'secret-access-key': 'use HUAWEICLOUD_SDK_SK, a profile (--profile) or --credentials-file',
  token: 'use HUAWEICLOUD_SDK_AUTH_TOKEN, a profile (--profile) or --credentials-file',
  'auth-token': 'use HUAWEICLOUD_SDK_AUTH_TOKEN, a profile (--profile) or --credentials-file',
  'security-token': 'use HUAWEICLOUD_SDK_SECURITY_TOKEN, a profile (--profile) or --credentials-file',
};

/**
 * Global options whose default comes from an environment variable. Read from the runtime's terminal
 * (createContext), not by commander's Option.env(), which reads process.env directly.
 */
export const ENV_DEFAULTS = { endpoint: 'HCDR_ENDPOINT', output: 'HCDR_OUTPUT' } as const;

/** Global options that take a value: skipped when looking for the first command word. */
const VALUE_OPTIONS = new Set(['--region', '--project-id', '--profile', '--config-file', '--credentials-file', '--endpoint', '-o', '--output', '--timeout', '--header', ...Object.keys(SECRET_FLAGS).map((f) => `--${f}`)]);

/** The first command word of argv (`geminidb`, `dws`, `simulator`, `help`), if any. */
export function firstCommandWord(args: readonly string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '--') return args[i + 1];
    if (arg.startsWith('-')) {
      if (VALUE_OPTIONS.has(arg)) i++;
      continue;
    }
    return arg;
  }
  return undefined;
}

/**
 * Builds the command tree. The three top-level groups always exist (for `hcdr --help`), but a
 * group's subcommands are loaded only when argv names that group (or `help`): `hcdr dws ...` never
 * parses the GeminiDB command modules, which keeps start-up fast.
 */
export async function createProgram(runtime: Runtime, args: readonly string[] = process.argv.slice(2)): Promise<Command> {
  const program = new Command('hcdr');
  program
    .description('Set up, monitor, drill and tear down disaster recovery for Huawei Cloud GeminiDB (Redis) and GaussDB(DWS)')
    .version(VERSION, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help for a command')
    .option('--region <region>', 'region ID, e.g. ap-southeast-1 (default: HUAWEICLOUD_SDK_REGION_ID, then the profile)')
    .option('--project-id <id>', "the region's project ID (default: HUAWEICLOUD_SDK_PROJECT_ID, then the profile)")
    .option('--profile <name>', 'profile in the profile file (default: HCDR_PROFILE, then "default")')
    .option('--config-file <path>', 'profile file (default: HCDR_CONFIG_FILE, then ~/.hcdr/config.json)')
    .option('--credentials-file <path>', 'read AK/SK or a token from this file ("-" = stdin)')
    .option('--endpoint <url>', `send requests here instead of the region endpoint, e.g. a local simulator (env: ${ENV_DEFAULTS.endpoint})`)
    .option('-o, --output <format>', `json | table: data on stdout (messages and progress always go to stderr) (env: ${ENV_DEFAULTS.output})`)
    .option('--dry-run', 'print the requests that would be sent (secrets redacted) and send nothing; needs no credentials')
    .option('--debug', 'log every HTTP attempt on stderr (headers redacted, no bodies)')
    .option('-y, --yes', 'do not ask before switchover, failover, recover, delete and unpair (required without a terminal)')
    .option('-q, --quiet', 'no progress or informational messages on stderr')
    .option('--timeout <duration>', 'per-request timeout (default 30s)')
    .option('--no-color', 'no colours (also NO_COLOR=1 or TERM=dumb)')
    .addOption(
      new Option('--header <header>', 'extra request header "Name: value" (for mocks, e.g. Prism\'s Prefer)')
        .argParser((value: string, previous: string[] | undefined) => [...(previous ?? []), value])
        .hideHelp(),
    );
  for (const [flag, advice] of Object.entries(SECRET_FLAGS)) {
    program.addOption(
      new Option(`--${flag} <value>`)
        .hideHelp()
        .argParser(() => {
          throw new UsageError([{ flag: `--${flag}`, message: `is not accepted: secrets on the command line leak into shell history and process lists; ${advice}` }]);
        }),
    );
  }
  program
    .configureHelp({ showGlobalOptions: true, helpWidth: Math.min(120, runtime.term.stdout.columns ?? 100) })
    .showHelpAfterError('(add --help for usage)')
    .addHelpText('after', ROOT_HELP)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => runtime.term.stdout.write(text),
      // Commander's messages quote the arguments (unknown option '...'): escape what could rewrite the terminal.
      writeErr: (text) => runtime.term.stderr.write(terminalSafe(text)),
    });

  const groups = {
    geminidb: program.command('geminidb').description('GeminiDB (Redis) DR relationships: pair, switch over, fail over, monitor, unpair'),
    dws: program.command('dws').description('GaussDB(DWS) DR tasks: create, start, pause, switch over, fail over, recover, delete'),
    simulator: program
      .command('simulator')
      .description('Run the local DR simulator (GeminiDB + DWS APIs, stateful, with fault injection) for drills without a cloud account'),
    ops: program.command('ops').description('Journaled DR operations: list them, show one, forget one (what re-running a command would do)'),
    doctor: program.command('doctor').description('Find half-built GeminiDB relationships and stuck DWS tasks left by interrupted operations; --fix repairs them after confirmation'),
  };
  const first = firstCommandWord(args);
  const all = first === 'help';
  if (all || first === 'geminidb') (await import('./commands/geminidb/index.js')).registerGeminiDb(groups.geminidb, runtime);
  if (all || first === 'dws') (await import('./commands/dws/index.js')).registerDws(groups.dws, runtime);
  if (all || first === 'simulator') (await import('./commands/simulator/index.js')).registerSimulator(groups.simulator, runtime);
  if (all || first === 'ops') (await import('./commands/ops/index.js')).registerOps(groups.ops, runtime);
  if (all || first === 'doctor') (await import('./commands/ops/index.js')).registerDoctor(groups.doctor, runtime);
  return program;
}
