// The command tree. Only commander and small local modules are loaded here; client packages are
// imported inside actions, so `hcdr --help`, `--version` and usage errors stay fast.
import { Command, Option } from 'commander';
import type { Runtime } from './context.js';
import { markRequiredOptions, withChoices } from './commands/option-metadata.js';
import { UsageError } from './io/errors.js';
import { EXIT_CODE_HELP } from './io/exit-codes.js';
import { OUTPUT_FORMATS } from './io/output.js';
import { quote, terminalSafe } from './io/sanitize.js';
import { VERSION } from './version.js';

const ROOT_HELP = `
Credentials (never as flag values):
  environment    HUAWEICLOUD_SDK_AK + HUAWEICLOUD_SDK_SK (+ HUAWEICLOUD_SDK_SECURITY_TOKEN), or HUAWEICLOUD_SDK_AUTH_TOKEN;
                 HUAWEICLOUD_SDK_PROJECT_ID, HUAWEICLOUD_SDK_REGION_ID
  profile file   ~/.hcdr/config.json (chmod 600), written by \`hcdr configure\`; --profile / HCDR_PROFILE, --config-file / HCDR_CONFIG_FILE
  file or stdin  --credentials-file <path|->  (JSON or HUAWEICLOUD_SDK_*=... lines)
  DR password    --password-file <path>, --password-stdin, or HCDR_DR_PASSWORD

Examples:
  $ hcdr geminidb instances list --region ap-southeast-1
  $ hcdr geminidb dr pair --help
  $ hcdr geminidb dr status <instance-id> --watch
  $ hcdr dws dr create --name video_dr --primary-cluster <id> --standby-cluster <id> --sync-period 20m --wait
  $ hcdr dws dr switchover <dr-id> --yes --wait -o json
  $ hcdr status --all --config exporter.yaml     # the fleet, problems first
  $ hcdr exporter --config exporter.yaml         # Prometheus metrics on 127.0.0.1:9464
  $ hcdr simulator          # a local stand-in for both APIs, to rehearse drills
  $ hcdr configure          # save credentials, region and project ID in a profile
  $ hcdr geminidb jobs list --query 'jobs[?status==\`Running\`].id' -o text
  $ hcdr help geminidb dr role

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
const VALUE_OPTIONS = new Set(['--region', '--project-id', '--profile', '--config-file', '--credentials-file', '--endpoint', '-o', '--output', '--query', '--timeout', '--header', ...Object.keys(SECRET_FLAGS).map((f) => `--${f}`)]);

/** Index of the first command word of argv, if any. */
function firstCommandIndex(args: readonly string[]): number | undefined {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '--') return i + 1 < args.length ? i + 1 : undefined;
    if (arg.startsWith('-')) {
      if (VALUE_OPTIONS.has(arg)) i++;
      continue;
    }
    return i;
  }
  return undefined;
}

/** The first command word of argv (`geminidb`, `dws`, `simulator`, `help`), if any. */
export function firstCommandWord(args: readonly string[]): string | undefined {
  const i = firstCommandIndex(args);
  return i === undefined ? undefined : args[i];
}

/**
 * `hcdr help <command path...>` → `hcdr <command path...> --help`, at any depth (commander's own
 * help command looks only one word deep: `hcdr help geminidb dr role` printed the geminidb help).
 * Without `program`, only a leading `help` is rewritten (so that createProgram loads just the named
 * group); with it, a `help` in the middle of a group path too (`hcdr geminidb help dr role`).
 */
export function rewriteHelpCommand(args: readonly string[], program?: Command): readonly string[] {
  const rewrite = (at: number) => [...args.slice(0, at), ...args.slice(at + 1), '--help'];
  if (!program) {
    const i = firstCommandIndex(args);
    return i !== undefined && args[i] === 'help' && args[i - 1] !== '--' ? rewrite(i) : args;
  }
  const wantsHelp = args.includes('--help') || args.includes('-h');
  let command = program;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '--') return args;
    if (arg.startsWith('-')) {
      const option = [command, ...ancestors(command)].flatMap((c) => c.options).find((o) => o.long === arg || o.short === arg);
      if (option && (option.required || option.optional) && !arg.includes('=')) i++;
      continue;
    }
    if (command.commands.length === 0) return args;
    if (arg === 'help') return rewriteHelpCommand(rewrite(i), program);
    const sub = command.commands.find((c) => c.name() === arg || c.aliases().includes(arg));
    if (!sub) {
      // Commander would show the parent's help for `hcdr geminidb nope --help`, as if the command existed.
      if (wantsHelp) {
        const names = command.commands.map((c) => c.name()).join(', ');
        throw new UsageError([{ flag: '<command>', message: `unknown command ${quote(arg)} of ${commandPath(command)}; one of: ${names}` }]);
      }
      return args;
    }
    command = sub;
  }
  return args;
}

function commandPath(command: Command): string {
  return [...ancestors(command).reverse(), command].map((c) => c.name()).join(' ');
}

function ancestors(command: Command): Command[] {
  const out: Command[] = [];
  for (let c = command.parent; c; c = c.parent) out.push(c);
  return out;
}

/**
 * Builds the command tree. The top-level groups always exist (for `hcdr --help`), but a
 * group's subcommands are loaded only when argv names that group (or `help`): `hcdr dws ...` never
 * parses the GeminiDB command modules, which keeps start-up fast.
 */
export async function createProgram(runtime: Runtime, args: readonly string[] = process.argv.slice(2)): Promise<Command> {
  const program = new Command('hcdr');
  program
    .description('Set up, monitor, drill and tear down disaster recovery for Huawei Cloud GeminiDB (Redis) and GaussDB(DWS)')
    .version(VERSION, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help for a command')
    .helpCommand('help [command...]', 'show help for a command, e.g. hcdr help geminidb dr role')
    .option('--region <region>', 'region ID, e.g. ap-southeast-1 (default: HUAWEICLOUD_SDK_REGION_ID, then the profile)')
    .option('--project-id <id>', "the region's project ID (default: HUAWEICLOUD_SDK_PROJECT_ID, then the profile)")
    .option('--profile <name>', 'profile in the profile file (default: HCDR_PROFILE, then "default")')
    .option('--config-file <path>', 'profile file (default: HCDR_CONFIG_FILE, then ~/.hcdr/config.json)')
    .option('--credentials-file <path>', 'read AK/SK or a token from this file ("-" = stdin)')
    .option('--endpoint <url>', `send requests here instead of the region endpoint, e.g. a local simulator (env: ${ENV_DEFAULTS.endpoint})`)
    .addOption(
      withChoices(
        new Option('-o, --output <format>', `format of the data on stdout (default: table; text = tab-separated, like aws); messages and progress always go to stderr (env: ${ENV_DEFAULTS.output})`),
        OUTPUT_FORMATS,
      ),
    )
    .option('--query <jmespath>', 'JMESPath expression applied to the result before it is printed (every format), e.g. "jobs[].id"')
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
    exporter: program
      .command('exporter')
      .description('Prometheus exporter of every DR relationship and task in the scopes of a config (/metrics, /healthz)'),
    status: program.command('status').description('Every DR relationship and task of a config, the profiles or the current region, problems first'),
    drill: program.command('drill').description('DR drills from a plan: readiness, timed switchover and back, RTO/RPO measured, an auditor-ready report'),
    simulator: program
      .command('simulator')
      .description('Run the local DR simulator (GeminiDB + DWS APIs, stateful, with fault injection) for drills without a cloud account'),
    configure: program
      .command('configure')
      .description('Save credentials, region and project ID in a profile (interactive), or set, get and list single settings'),
    completion: program.command('completion').description('Print a shell completion script for bash, zsh or fish'),
    ops: program.command('ops').description('Journaled DR operations: list them, show one, forget one (what re-running a command would do)'),
    doctor: program.command('doctor').description('Find half-built GeminiDB relationships and stuck DWS tasks left by interrupted operations; --fix repairs them after confirmation'),
  };
  const first = firstCommandWord(args);
  // `help` (and the completion generator, which walks the whole tree) load every group.
  const all = first === 'help';
  if (all || first === 'geminidb') (await import('./commands/geminidb/index.js')).registerGeminiDb(groups.geminidb, runtime);
  if (all || first === 'dws') (await import('./commands/dws/index.js')).registerDws(groups.dws, runtime);
  if (all || first === 'exporter') (await import('./commands/monitoring/exporter.js')).registerExporter(groups.exporter, runtime);
  if (all || first === 'status') (await import('./commands/monitoring/status.js')).registerStatus(groups.status, runtime);
  if (all || first === 'drill') (await import('./commands/drill/index.js')).registerDrill(groups.drill, runtime);
  if (all || first === 'simulator') (await import('./commands/simulator/index.js')).registerSimulator(groups.simulator, runtime);
  if (all || first === 'configure') (await import('./commands/configure/index.js')).registerConfigure(groups.configure, runtime);
  if (all || first === 'completion') (await import('./commands/completion/index.js')).registerCompletion(groups.completion, runtime);
  if (all || first === 'ops') (await import('./commands/ops/index.js')).registerOps(groups.ops, runtime);
  if (all || first === 'doctor') (await import('./commands/ops/index.js')).registerDoctor(groups.doctor, runtime);
  markRequiredOptions(program);
  return program;
}
