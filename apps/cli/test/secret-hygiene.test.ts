// Secret hygiene, end to end and in-process (so the error objects themselves can be inspected):
// every command of the real tree runs with known secrets — SK and security token, an IAM token, a
// DR password — given through the environment, a credentials file and stdin, with --debug (every
// HTTP attempt logged) and -o json, against
//   1. a hostile gateway that echoes Authorization, X-Auth-Token, X-Security-Token and the request
//      body back in its error messages (and answers 500 first, so idempotent calls retry and log),
//   2. the simulator (real signatures checked), for the success paths.
// No secret may appear in stdout, stderr, or the thrown error (util.inspect deep, JSON.stringify,
// the cause chain with messages and stacks), raw or base64/URL/JSON-encoded.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { createSimulator, type Simulator } from '@hcdr/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hcdr, PRIMARY, PROJECT } from './helpers/cli.js';
import { commandTree, runInProcess, startCountingServer, type CountingServer, type InProcessResult, type LeafCommand } from './helpers/in-process.js';
import { findSecretLeak, registerSecret } from './helpers/secrets.js';

const AK = 'HCDRSIMULATORAK';
const SECRETS = {
  sk: 'HYGIENE-sk-4e1b7d22c9-do-not-print',
  securityToken: 'HYGIENE-st-0a93ff51e8-do-not-print',
  authToken: 'HYGIENE-token-7c2d9e04b6-do-not-print',
  password: 'HYGIENE#DR-pass-58f1a6c3',
  fileSk: 'HYGIENE-file-sk-2b6e90d7a4-do-not-print',
  stdinSk: 'HYGIENE-stdin-sk-d83c17f5e2-do-not-print',
  filePassword: 'HYGIENE#file-pass-91e4b07c',
  stdinPassword: 'HYGIENE#stdin-pass-6d20c8e5',
} as const;
const ALL_SECRETS = Object.values(SECRETS);

interface Mode {
  name: string;
  env: Record<string, string>;
  /** Global flags (credentials). */
  args: string[];
  /** Flags for commands that take the DR password. */
  passwordArgs?: string[];
  input?: string;
  /** The secret key the simulator must know for this mode. */
  simulatorSk: string;
}

let dir: string;
let echo: CountingServer;
/** One simulator per secret key (it verifies signatures with the one key it knows). */
const sims = new Map<string, { sim: Simulator; url: string }>();
let leaves: LeafCommand[] = [];
const tally = { runs: 0, commands: new Set<string>(), modes: new Set<string>(), checks: 0, exits: new Map<string, number>() };

/** How the secrets reach the CLI: each mode is one way a user gives credentials and the DR password. */
function modes(): Mode[] {
  const credentialsFile = join(dir, 'credentials.json');
  const passwordFile = join(dir, 'dr-password');
  return [
    {
      name: 'env AK/SK + security token, password in env',
      env: { HUAWEICLOUD_SDK_AK: AK, HUAWEICLOUD_SDK_SK: SECRETS.sk, HUAWEICLOUD_SDK_SECURITY_TOKEN: SECRETS.securityToken, HCDR_DR_PASSWORD: SECRETS.password },
      args: [],
      simulatorSk: SECRETS.sk,
    },
    { name: 'env IAM token', env: { HUAWEICLOUD_SDK_AUTH_TOKEN: SECRETS.authToken, HCDR_DR_PASSWORD: SECRETS.password }, args: [], simulatorSk: SECRETS.sk },
    {
      name: 'env AK/SK, password on stdin',
      env: { HUAWEICLOUD_SDK_AK: AK, HUAWEICLOUD_SDK_SK: SECRETS.sk },
      args: [],
      passwordArgs: ['--password-stdin'],
      input: `${SECRETS.stdinPassword}\n`,
      simulatorSk: SECRETS.sk,
    },
    {
      name: 'credentials file + password file',
      env: {},
      args: ['--credentials-file', credentialsFile],
      passwordArgs: ['--password-file', passwordFile],
      simulatorSk: SECRETS.fileSk,
    },
    {
      name: 'credentials on stdin, password in env',
      env: { HCDR_DR_PASSWORD: SECRETS.password },
      args: ['--credentials-file', '-'],
      input: JSON.stringify({ access_key_id: AK, secret_access_key: SECRETS.stdinSk }),
      simulatorSk: SECRETS.stdinSk,
    },
  ];
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hcdr-hygiene-'));
  writeFileSync(join(dir, 'credentials.json'), JSON.stringify({ access_key_id: AK, secret_access_key: SECRETS.fileSk, project_id: PROJECT }), { mode: 0o600 });
  writeFileSync(join(dir, 'dr-password'), `${SECRETS.filePassword}\n`, { mode: 0o600 });
  ({ leaves } = await commandTree());
  // A buggy or hostile gateway: every credential header and the body come back in the error text.
  // The first attempt of each request gets a 500 (retried when idempotent, and logged by --debug).
  const seen = new Set<string>();
  echo = await startCountingServer((req, res) => {
    const key = `${req.method} ${req.url}`;
    const status = seen.has(key) ? 400 : 500;
    seen.add(key);
    const echoed = `authorization=${req.headers.authorization ?? ''} x-auth-token=${req.headers['x-auth-token'] ?? ''} x-security-token=${req.headers['x-security-token'] ?? ''} body=${req.body}`;
    res.writeHead(status, { 'content-type': 'application/json', 'x-request-id': 'echo-request' });
    res.end(JSON.stringify({ error_code: 'DBS.ECHO', error_msg: `rejected: ${echoed}`, errorMsg: echoed, details: { request: req.body, headers: req.headers } }));
  });
  for (const sk of [SECRETS.sk, SECRETS.fileSk, SECRETS.stdinSk]) {
    // Region-blind on purpose: this suite is about what hcdr prints, and one project id for every
    // region lets each example (the cross-region `pair` included) run to its end in every mode.
    const sim = createSimulator({ credentials: { accessKeyId: AK, secretAccessKey: sk, authToken: SECRETS.authToken }, jobDurationMs: 50, legacyRegionless: true });
    const { url } = await sim.listen(0);
    sims.set(sk, { sim, url });
  }
});

afterAll(async () => {
  await echo?.close();
  for (const { sim } of sims.values()) await sim.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  const exits = [...tally.exits.entries()].map(([k, v]) => `exit ${k}: ${v}`).join(', ');
  console.log(
    `secret-hygiene: ${tally.runs} runs = ${tally.commands.size} commands × ${tally.modes.size} credential modes × 2 servers; ` +
      `${ALL_SECRETS.length} secrets × ${tally.checks} outputs/error views checked (${exits})`,
  );
});

/** Everything a run exposes: its output and every view of the error that ended it. */
function views(r: InProcessResult): { name: string; text: string }[] {
  const out = [
    { name: 'stdout', text: r.stdout },
    { name: 'stderr', text: r.stderr },
  ];
  if (r.error === undefined) return out;
  out.push({ name: 'util.inspect(error)', text: inspect(r.error, { depth: 12, showHidden: true, getters: true }) });
  try {
    out.push({ name: 'JSON.stringify(error)', text: JSON.stringify(r.error, Object.getOwnPropertyNames(r.error as object)) + JSON.stringify(r.error) });
  } catch {
    // A cycle: util.inspect above has shown the structure.
  }
  let cause: unknown = r.error;
  for (let depth = 0; cause !== undefined && cause !== null && depth < 10; depth++) {
    const e = cause as { message?: unknown; stack?: unknown; cause?: unknown };
    out.push({ name: `cause[${depth}] message+stack`, text: `${String(e.message)}\n${String(e.stack)}\n${String(cause)}` });
    cause = e.cause;
  }
  return out;
}

/** The example of each command, with waits bounded (they only matter against the simulator). */
function argvFor(leaf: LeafCommand): string[] {
  const argv = [...leaf.example];
  // The DR password comes from the mode, not from the example's file.
  const file = argv.indexOf('--password-file');
  if (file >= 0) argv.splice(file, 2);
  const has = (flag: string) => leaf.command.options.some((o) => o.long === flag);
  if (has('--poll-interval') && !argv.includes('--poll-interval')) argv.push('--poll-interval', '100ms');
  if (has('--wait-timeout') && !argv.includes('--wait-timeout')) argv.push('--wait-timeout', '3s');
  return argv;
}

async function runAndCheck(leaf: LeafCommand, mode: Mode, server: 'echo' | 'simulator'): Promise<void> {
  const endpoint = server === 'echo' ? echo.url : (sims.get(mode.simulatorSk)?.url as string);
  const takesPassword = leaf.command.options.some((o) => o.long === '--password-file');
  const argv = ['--debug', '-o', 'json', '--yes', '--endpoint', endpoint, '--project-id', PROJECT, ...mode.args, ...argvFor(leaf), ...(takesPassword ? (mode.passwordArgs ?? []) : [])];
  // stdin holds a secret only when something reads it (credentials, or the password of a command that takes one).
  const stdinUsed = mode.args.includes('-') || (takesPassword && mode.passwordArgs?.includes('--password-stdin'));
  const r = await runInProcess(argv, { env: mode.env, input: stdinUsed ? mode.input : undefined });
  tally.runs++;
  tally.commands.add(leaf.path.join(' '));
  tally.modes.add(mode.name);
  tally.exits.set(String(r.code), (tally.exits.get(String(r.code)) ?? 0) + 1);
  if (process.env.HYGIENE_DEBUG) console.log(server, r.code, mode.name, leaf.path.join(' '), r.stderr.split('\n').filter((l) => l.startsWith('error')).join(' | ').slice(0, 200));
  for (const view of views(r)) {
    tally.checks++;
    const leak = findSecretLeak(view.text, ALL_SECRETS);
    expect(leak, `hcdr ${argv.join(' ')} [${mode.name}] leaked ${leak} in ${view.name}:\n${view.text.slice(0, 3000)}`).toBeUndefined();
  }
}

describe('the leak detector (used here and by every spawned run in helpers/cli.ts)', () => {
  it('finds a secret raw, base64 at any byte offset (standard and URL alphabet), URL- and JSON-encoded', () => {
    const secret = SECRETS.password;
    const hits = [
      `x ${secret} y`,
      Buffer.from(`Basic ${secret}`).toString('base64'),
      Buffer.from(`ab:${secret}:cd`).toString('base64url'),
      Buffer.from(`a${secret}`).toString('base64'),
      `password=${encodeURIComponent(secret)}`,
      JSON.stringify({ password: `"${secret}"` }),
    ];
    for (const text of hits) expect(findSecretLeak(text, [secret]), text).toBeDefined();
    expect(findSecretLeak('password=[REDACTED]', [secret])).toBeUndefined();
    // Too-short secrets are refused: they would match by chance.
    expect(() => registerSecret('short')).toThrow(/too short/);
  });

  it('fails a spawned run whose output contains a secret it was given (here: an env "password" that is also the instance ID)', async () => {
    await expect(hcdr(['--dry-run', 'geminidb', 'dr', 'role', PRIMARY], { env: { HCDR_DR_PASSWORD: PRIMARY } })).rejects.toThrow(/leaked a secret .* raw/);
  });
});

describe('secret hygiene: hcdr configure', () => {
  it('secrets given on stdin are saved, then never printed by set, get, list (every format) or the commands that use them', async () => {
    const home = mkdtempSync(join(tmpdir(), 'hcdr-hygiene-configure-'));
    const env = { HOME: home };
    const check = (r: InProcessResult, what: string) => {
      tally.checks++;
      for (const view of views(r)) {
        const leak = findSecretLeak(view.text, ALL_SECRETS);
        expect(leak, `${what} leaked ${leak} in ${view.name}:\n${view.text.slice(0, 2000)}`).toBeUndefined();
      }
    };
    for (const [key, secret] of [['secret_access_key', SECRETS.sk], ['security_token', SECRETS.securityToken], ['auth_token', SECRETS.authToken]] as const) {
      const r = await runInProcess(['--debug', '-o', 'json', 'configure', 'set', key], { env, input: `${secret}\n` });
      expect(r.code, r.stderr).toBe(0);
      check(r, `configure set ${key}`);
    }
    for (const args of [['configure', 'set', 'access_key_id', AK], ['configure', 'set', 'region', 'ap-southeast-1'], ['configure', 'set', 'project_id', PROJECT]]) {
      expect((await runInProcess(args, { env })).code).toBe(0);
    }
    // Saved for real: the checks below are not vacuous.
    const saved = readFileSync(join(home, '.hcdr', 'config.json'), 'utf8');
    for (const secret of [SECRETS.sk, SECRETS.securityToken, SECRETS.authToken]) expect(saved).toContain(secret);
    for (const format of ['json', 'yaml', 'text', 'table']) {
      for (const args of [['configure', 'list'], ['configure', 'get', 'secret_access_key'], ['configure', 'get', 'auth_token'], ['--query', '[].value', 'configure', 'list']]) {
        const r = await runInProcess(['--debug', '-o', format, ...args], { env });
        expect(r.code, r.stderr).toBe(0);
        check(r, args.join(' '));
      }
    }
    // The saved credentials in use: against the echoing gateway and the simulator (signature verified).
    for (const endpoint of [echo.url, sims.get(SECRETS.sk)?.url as string]) {
      const r = await runInProcess(['--debug', '-o', 'yaml', '--endpoint', endpoint, 'geminidb', 'instances', 'list'], { env });
      check(r, `geminidb instances list via ${endpoint}`);
    }
    // A secret put on the command line is refused, and not repeated.
    const argv = await runInProcess(['configure', 'set', 'secret_access_key', SECRETS.fileSk], { env });
    expect(argv.code).toBe(2);
    check(argv, 'configure set secret_access_key <argv>');
    expect(readFileSync(join(home, '.hcdr', 'config.json'), 'utf8')).not.toContain(SECRETS.fileSk);
  });
});

describe('secret hygiene: every command, every way to give secrets, --debug -o json', () => {
  it('the commands come from the real tree (at least 38), without `simulator` (it has no credentials to leak)', () => {
    leaves = leaves.filter((l) => l.path[0] !== 'simulator');
    expect(leaves.length).toBeGreaterThanOrEqual(37);
  });

  it('against a gateway that echoes credentials and bodies in its errors (500 first, then 400)', async () => {
    for (const leaf of leaves) for (const mode of modes()) await runAndCheck(leaf, mode, 'echo');
    // The gateway really did see (and echo) the credentials: the check above was not vacuous.
    const seen = JSON.stringify(echo.requests);
    expect(seen).toContain(SECRETS.securityToken);
    expect(seen).toContain(SECRETS.authToken);
    expect(seen).toContain(SECRETS.password);
    expect(seen).toContain(SECRETS.filePassword);
    expect(seen).toContain(SECRETS.stdinPassword);
  }, 120_000);

  it('against the simulator (signatures verified): success paths and API errors', async () => {
    for (const leaf of leaves) for (const mode of modes()) await runAndCheck(leaf, mode, 'simulator');
    // Success paths really ran (every mode authenticates against its simulator).
    expect(tally.exits.get('0') ?? 0).toBeGreaterThan(leaves.length);
    // Discovery ran too, in every simulator (one per secret key): `dr pair` with only the IDs looked
    // the networks up and `instances list` read the CIDR blocks (VPC calls, logged by --debug).
    for (const { sim } of sims.values()) {
      expect(sim.requests.list({ operationId: 'showSubnet' }).length).toBeGreaterThan(0);
      expect(sim.requests.list({ operationId: 'showVpc' }).length).toBeGreaterThan(0);
      expect(sim.requests.list({ operationId: 'listClusters', status: 200 }).length).toBeGreaterThan(0);
    }
    expect([...tally.commands]).toEqual(expect.arrayContaining(['dws clusters list', 'geminidb instances list', 'geminidb dr pair']));
  }, 120_000);
});
