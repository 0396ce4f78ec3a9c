// Issue 16, items 3-5, through the BUILT binary: messages that say where the endpoint came from and
// speak flag names, all missing required options at once, `hcdr help <path>`, -o yaml|text,
// --query, `hcdr configure`, `hcdr completion`, --version and the exit codes of signals.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSimulator, defaultProjectId, type Simulator } from '@hcdr/simulator';
import { parse as parseYaml } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closedPort, hcdr, parseJson, PRIMARY, registerSecret } from './helpers/cli.js';

/** The seeded instances live in ap-southeast-1, whose project this is; `url` is that region's endpoint. */
const PROJECT = defaultProjectId('ap-southeast-1');

const AK = 'CONVENTIONSAK0001';
const SK = 'Conventions-SK-7b1e4c90d2-do-not-print';
const packageVersion = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

let sim: Simulator;
let url: string;
let closed: string;
const simEnv = () => ({ HCDR_ENDPOINT: url, HUAWEICLOUD_SDK_AK: AK, HUAWEICLOUD_SDK_SK: SK, HUAWEICLOUD_SDK_PROJECT_ID: PROJECT });

beforeAll(async () => {
  registerSecret(SK);
  sim = createSimulator({ credentials: { accessKeyId: AK, secretAccessKey: SK }, jobDurationMs: 100 });
  url = `${(await sim.listen(0)).url}/ap-southeast-1`;
  closed = await closedPort();
});
afterAll(async () => {
  await sim?.close();
});

/** A fresh HOME (its own ~/.hcdr/config.json). */
function freshHome(): string {
  return mkdtempSync(join(tmpdir(), 'hcdr-conventions-home-'));
}

describe('messages: the endpoint, and where it came from', () => {
  const creds = { HUAWEICLOUD_SDK_AK: AK, HUAWEICLOUD_SDK_SK: SK, HUAWEICLOUD_SDK_PROJECT_ID: PROJECT };

  it('a stale HCDR_ENDPOINT: the URL, the variable, and how to get rid of it', async () => {
    const r = await hcdr(['geminidb', 'dr', 'role', PRIMARY], { env: { ...creds, HCDR_ENDPOINT: closed } });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`endpoint: ${closed} (from HCDR_ENDPOINT)`);
    expect(r.stderr).toContain(`hint: Nothing is listening at ${closed}. HCDR_ENDPOINT is set in the environment`);
    expect(r.stderr.split('\n').filter((l) => l.startsWith('error:'))).toHaveLength(1);
  });

  it('the per-region override variable of the official SDKs is named', async () => {
    const variable = 'HUAWEICLOUD_SDK_REGION_DWS_AP_SOUTHEAST_1';
    const r = await hcdr(['--region', 'ap-southeast-1', 'dws', 'dr', 'list'], { env: { ...creds, [variable]: closed } });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`endpoint: ${closed} (from ${variable})`);
    expect(r.stderr).toContain(`Check ${variable}`);
  });

  it('an authentication refusal names the endpoint that refused', async () => {
    // A 401 from the simulator: the answer depends on where the request went, so the endpoint is shown.
    const r = await hcdr(['--endpoint', url, 'geminidb', 'dr', 'role', PRIMARY], { env: { ...creds, HUAWEICLOUD_SDK_SK: 'Wrong-secret-key-000000000' } });
    expect(r.code).toBe(4);
    expect(r.stderr).toContain(`endpoint: ${url} (from --endpoint)`);
  });

  it('no configuration at all: one error naming --region, --project-id and the credentials, in CLI terms', async () => {
    const r = await hcdr(['geminidb', 'dr', 'role', PRIMARY], { env: { HOME: freshHome() } });
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/- --region: no region given\n\s+give --region <id>.*HUAWEICLOUD_SDK_REGION_ID.*hcdr configure set region <id>/);
    expect(r.stderr).toMatch(/- --project-id: no project ID/);
    expect(r.stderr).toMatch(/- credentials: none found\n.*HUAWEICLOUD_SDK_AK.*--credentials-file.*hcdr configure/);
    // Library option names never reach the user.
    expect(r.stderr).not.toMatch(/projectId|option {2}region|credentials: \{/);
  });

  it('pair names the flags of the side that is missing something', async () => {
    const r = await hcdr(
      ['geminidb', 'dr', 'pair', '--primary', PRIMARY, '--standby', 'f0e1d2c3b4a54968a7b6c5d4e3f2a1b0in12', '--primary-region', 'ap-southeast-1', '--standby-region', 'ap-southeast-3', '--primary-subnet-cidr', '10.0.1.0/24', '--primary-vpc-cidr', '10.0.0.0/16', '--standby-subnet-cidr', '10.1.1.0/24', '--standby-vpc-cidr', '10.1.0.0/16', '--alias', 'a'],
      { env: { HOME: freshHome(), HUAWEICLOUD_SDK_AK: AK, HUAWEICLOUD_SDK_SK: SK, HCDR_DR_PASSWORD: 'Conventions#Pass-01' } },
    );
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/- --(primary|standby)-project-id: no project ID for region ap-southeast-[13]/);
  });

  it('a broken profile file: its problems once, and one line for what it would have supplied', async () => {
    const home = freshHome();
    mkdirSync(join(home, '.hcdr'));
    const file = join(home, '.hcdr', 'config.json');
    writeFileSync(file, JSON.stringify({ profiles: { default: { region: 'ap-southeast-1', project_id: 42, access_key_id: AK, secret_access_key: SK } } }));
    chmodSync(file, 0o644);
    const r = await hcdr(['geminidb', 'dr', 'role', PRIMARY], { env: { HOME: home } });
    expect(r.code).toBe(4);
    expect(r.stderr).toContain('key "project_id"');
    expect(r.stderr).toContain('chmod 600');
    const consequence = r.stderr.split('\n').filter((l) => l.includes('not set because the profile could not be used'));
    expect(consequence).toHaveLength(1);
    expect(consequence[0]).toContain('--region, --project-id, credentials');
    // No repeated "no project" / "no credentials" entries.
    expect(r.stderr).not.toMatch(/no project ID|none found|No credentials|No project/);
  });
});

describe('messages: required options and help', () => {
  it('every missing required option is reported in the same run', async () => {
    const r = await hcdr(['dws', 'dr', 'create', '--name', 'video_dr']);
    expect(r.code).toBe(2);
    for (const flag of ['--primary-cluster', '--standby-cluster', '--sync-period']) expect(r.stderr).toContain(`${flag}: is required`);
    expect(r.stderr).not.toContain('--name:');
    expect(r.stderr.split('\n').filter((l) => l.startsWith('error:'))).toHaveLength(1);
  });

  it('--help lists required options first, under their own heading', async () => {
    const r = await hcdr(['dws', 'dr', 'create', '--help']);
    expect(r.code).toBe(0);
    const required = r.stdout.split('Required options:')[1]?.split('\nOptions:')[0] ?? '';
    for (const flag of ['--name', '--primary-cluster', '--standby-cluster', '--sync-period']) expect(required).toContain(flag);
    expect(required).not.toContain('--type');
    expect(r.stdout).toMatch(/--type <type>.*\(choices: "az", "region"/);
  });

  it.each([
    [['help', 'geminidb', 'dr', 'role'], 'Usage: hcdr geminidb dr role'],
    [['geminidb', 'help', 'dr', 'role'], 'Usage: hcdr geminidb dr role'],
    [['help', 'dws', 'dr', 'create'], 'Usage: hcdr dws dr create'],
    [['help', 'configure', 'set'], 'Usage: hcdr configure set'],
    [['help'], 'Usage: hcdr [options] [command]'],
  ])('hcdr %j prints the help of that command', async (args, usage) => {
    const r = await hcdr(args);
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith(usage), r.stdout.split('\n')[0]).toBe(true);
  });

  it.each([[['help', 'geminidb', 'nope']], [['geminidb', 'nope', '--help']]])('hcdr %j (an unknown command) is a usage error, not the parent help', async (args) => {
    const r = await hcdr(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('unknown command "nope" of hcdr geminidb; one of: instances, dr, dual-active, jobs');
  });
});

describe('output: -o json|yaml|table|text and --query', () => {
  it('yaml and json carry the same data; text is tab-separated, one line per row', async () => {
    const json = await hcdr(['-o', 'json', 'geminidb', 'instances', 'list'], { env: simEnv() });
    expect(json.code, json.stderr).toBe(0);
    const data = parseJson(json.stdout) as { instances: { id: string; name: string }[] };
    const yaml = await hcdr(['-o', 'yaml', 'geminidb', 'instances', 'list'], { env: simEnv() });
    expect(yaml.code, yaml.stderr).toBe(0);
    expect(parseYaml(yaml.stdout)).toEqual(data);
    // HCDR_OUTPUT still chooses the format.
    const fromEnv = await hcdr(['geminidb', 'instances', 'list'], { env: { ...simEnv(), HCDR_OUTPUT: 'yaml' } });
    expect(fromEnv.stdout).toBe(yaml.stdout);
    const text = await hcdr(['-o', 'text', '--query', 'instances[].[id, name]', 'geminidb', 'instances', 'list'], { env: simEnv() });
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toBe(data.instances.map((i) => `${i.id}\t${i.name}\n`).join(''));
  });

  it('--query reshapes JSON (aws-style legacy literals accepted) and a scalar prints bare in text', async () => {
    const r = await hcdr(['-o', 'json', '--query', 'instances[?status==`normal`].name | sort(@)', 'geminidb', 'instances', 'list'], { env: simEnv() });
    expect(r.code, r.stderr).toBe(0);
    const names = parseJson(r.stdout) as string[];
    const all = parseJson((await hcdr(['-o', 'json', 'geminidb', 'instances', 'list'], { env: simEnv() })).stdout) as { instances: { name: string; status: string }[] };
    const expected = all.instances.filter((i) => i.status === 'normal').map((i) => i.name).sort();
    expect(expected.length).toBeGreaterThan(0);
    expect(names).toEqual(expected);
    const one = await hcdr(['-o', 'text', '--query', 'instances[0].id', 'geminidb', 'instances', 'list'], { env: simEnv() });
    expect(one.stdout).toMatch(/^[0-9a-f]{32}in\d\d\n$/);
  });

  it('an invalid --query is a usage error before anything is sent', async () => {
    const r = await hcdr(['--endpoint', closed, '--query', 'instances[?', 'geminidb', 'instances', 'list'], { env: simEnv() });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: --query: "instances\[\?" is not a valid JMESPath expression/m);
    expect(r.stderr).not.toContain('ECONNREFUSED');
  });
});

describe('hcdr configure', () => {
  it('set, get and list; the file is mode 600 and every command uses it', async () => {
    const home = freshHome();
    const env = { HOME: home, HCDR_ENDPOINT: url };
    for (const [key, value] of [
      ['region', 'ap-southeast-1'],
      ['project-id', PROJECT],
      ['access_key_id', AK],
    ] as const) {
      const r = await hcdr(['configure', 'set', key, value], { env });
      expect(r.code, r.stderr).toBe(0);
    }
    const secret = await hcdr(['configure', 'set', 'secret_access_key'], { env, input: `${SK}\n` });
    expect(secret.code, secret.stderr).toBe(0);
    expect(secret.stderr).toContain('secret_access_key (hidden)');
    const file = join(home, '.hcdr', 'config.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(join(home, '.hcdr')).mode & 0o777).toBe(0o700);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ profiles: { default: { region: 'ap-southeast-1', project_id: PROJECT, access_key_id: AK, secret_access_key: SK } } });

    const region = await hcdr(['configure', 'get', 'region'], { env });
    expect(region.stdout).toBe('ap-southeast-1\n');
    const sk = await hcdr(['configure', 'get', 'secret_access_key'], { env });
    expect(sk.code).toBe(0);
    expect(sk.stdout).toBe('');
    expect((await hcdr(['configure', 'get', 'auth_token'], { env })).code).toBe(1);

    const list = await hcdr(['configure', 'list', '-o', 'json'], { env });
    const rows = parseJson(list.stdout) as { setting: string; value: string; source: string }[];
    expect(rows.find((r) => r.setting === 'secret_access_key')).toEqual({ setting: 'secret_access_key', value: '(set, hidden)', source: 'profile "default"' });
    expect(rows.find((r) => r.setting === 'endpoint (geminidb)')).toEqual({ setting: 'endpoint (geminidb)', value: url, source: 'HCDR_ENDPOINT' });

    // The saved profile signs real requests (the simulator checks the AK/SK signature).
    const used = await hcdr(['-o', 'json', 'geminidb', 'instances', 'list'], { env });
    expect(used.code, used.stderr).toBe(0);
    expect(parseJson(used.stdout)).toHaveProperty('instances');
  });

  it('a secret on the command line is refused, not saved and not repeated', async () => {
    const home = freshHome();
    const r = await hcdr(['configure', 'set', 'secret_access_key', 'Argv-secret-0123456789'], { env: { HOME: home } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('is a secret and is not accepted on the command line');
    expect(r.stderr).not.toContain('Argv-secret-0123456789');
    expect(() => statSync(join(home, '.hcdr', 'config.json'))).toThrow();
  });

  it('other profiles and keys survive; a bad value or an unreadable file is refused without writing', async () => {
    const home = freshHome();
    mkdirSync(join(home, '.hcdr'), { mode: 0o700 });
    const file = join(home, '.hcdr', 'config.json');
    writeFileSync(file, JSON.stringify({ comment: 'mine', profiles: { prod: { region: 'cn-north-4', projects: { 'cn-north-4': PROJECT } } } }), { mode: 0o600 });
    const set = await hcdr(['configure', 'set', 'projects.ap-southeast-3', PROJECT, '--profile', 'dr'], { env: { HOME: home } });
    expect(set.code, set.stderr).toBe(0);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ comment: 'mine', profiles: { prod: { region: 'cn-north-4', projects: { 'cn-north-4': PROJECT } }, dr: { projects: { 'ap-southeast-3': PROJECT } } } });
    const bad = await hcdr(['configure', 'set', 'region', 'Mars'], { env: { HOME: home } });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('<value>: "Mars" must be a region code');
    writeFileSync(file, '{ not json');
    const broken = await hcdr(['configure', 'set', 'region', 'ap-southeast-1'], { env: { HOME: home } });
    expect(broken.code).toBe(4);
    expect(broken.stderr).toContain('is not valid JSON; it is left untouched');
    expect(readFileSync(file, 'utf8')).toBe('{ not json');
  });

  it('--dry-run writes nothing; interactive configure off a terminal explains the alternative', async () => {
    const home = freshHome();
    const dry = await hcdr(['--dry-run', 'configure', 'set', 'region', 'ap-southeast-1'], { env: { HOME: home } });
    expect(dry.code).toBe(0);
    expect(dry.stderr).toContain('nothing was written');
    expect(() => statSync(join(home, '.hcdr'))).toThrow();
    const interactive = await hcdr(['configure'], { env: { HOME: home } });
    expect(interactive.code).toBe(2);
    expect(interactive.stderr).toContain('hcdr configure set <key> <value>');
  });
});

describe('hcdr completion', () => {
  const hasZsh = spawnSync('zsh', ['--version'], { stdio: 'ignore' }).status === 0;
  const hasFish = spawnSync('fish', ['--version'], { stdio: 'ignore' }).status === 0;

  it('bash: the script parses (bash -n) and completes commands, flags and enum values of the real tree', async () => {
    const r = await hcdr(['completion', 'bash']);
    expect(r.code).toBe(0);
    const dir = mkdtempSync(join(tmpdir(), 'hcdr-completion-'));
    const script = join(dir, 'hcdr.bash');
    writeFileSync(script, r.stdout);
    expect(spawnSync('bash', ['-n', script]).status).toBe(0);
    const complete = (line: string) => {
      const probe = `source ${JSON.stringify(script)}; read -ra COMP_WORDS <<< ${JSON.stringify(line)}; [[ ${JSON.stringify(line)} == *" " ]] && COMP_WORDS+=(""); COMP_CWORD=$((\${#COMP_WORDS[@]} - 1)); _hcdr; printf '%s\\n' "\${COMPREPLY[@]}"`;
      const out = spawnSync('bash', ['-c', probe], { encoding: 'utf8' });
      expect(out.status, out.stderr).toBe(0);
      return out.stdout.trim().split('\n').filter((l) => l !== '');
    };
    expect(complete('hcdr ')).toEqual(expect.arrayContaining(['geminidb', 'dws', 'simulator', 'configure', 'completion']));
    expect(complete('hcdr geminidb dr s')).toEqual(['switchover', 'status', 'settings']);
    expect(complete('hcdr -o ')).toEqual(['json', 'yaml', 'table', 'text']);
    expect(complete('hcdr --region ap-southeast-1 dws dr create --type ')).toEqual(['az', 'region']);
    expect(complete('hcdr dws dr wait x --until sto')).toEqual(['stopping', 'stop_failed', 'stopped']);
    expect(complete('hcdr geminidb dr pair --standby-reg')).toEqual(['--standby-region']);
    // Region values come from the built-in endpoint table.
    expect(complete('hcdr --region ap-southeast-')).toEqual(expect.arrayContaining(['ap-southeast-1', 'ap-southeast-3']));
    expect(complete('hcdr completion ')).toEqual(['bash', 'zsh', 'fish']);
    // Hidden flags (refused secret flags, --header) are never offered.
    expect(complete('hcdr --')).not.toEqual(expect.arrayContaining(['--sk', '--password', '--header']));
    // Ten bash processes, each sourcing the whole script: slow on a loaded machine, not a measurement.
  }, 120_000);

  it.skipIf(!hasZsh)('zsh: the script parses (zsh -n) and its tables answer (skipped where zsh is not installed)', async () => {
    const r = await hcdr(['completion', 'zsh']);
    expect(r.code).toBe(0);
    const script = join(mkdtempSync(join(tmpdir(), 'hcdr-completion-')), '_hcdr');
    writeFileSync(script, r.stdout);
    expect(spawnSync('zsh', ['-n', script]).status).toBe(0);
    const out = spawnSync('zsh', ['-c', `compdef() { :; }; source ${script}; _hcdr_subcommands 'hcdr dws'; _hcdr_choices 'hcdr geminidb jobs list' --status`], { encoding: 'utf8' });
    expect(out.stdout).toBe('dr clusters jobs\nRunning Completed Failed\n');
  });

  it.skipIf(!hasFish)('fish: the script parses and completes (skipped where fish is not installed)', async () => {
    const r = await hcdr(['completion', 'fish']);
    expect(r.code).toBe(0);
    const script = join(mkdtempSync(join(tmpdir(), 'hcdr-completion-')), 'hcdr.fish');
    writeFileSync(script, r.stdout);
    expect(spawnSync('fish', ['--no-execute', script]).status).toBe(0);
    const out = spawnSync('fish', ['-c', `source ${script}; complete -C 'hcdr geminidb dr pa'; complete -C 'hcdr -o '`], { encoding: 'utf8' });
    const words = out.stdout.split('\n').map((l) => l.split('\t')[0]);
    expect(words).toEqual(expect.arrayContaining(['pair', 'pause', 'json', 'yaml', 'table', 'text']));
  });
});

describe('version', () => {
  it('--version prints the package version, the one in the User-Agent', async () => {
    const r = await hcdr(['--version']);
    expect(r.stdout).toBe(`${packageVersion}\n`);
    expect(packageVersion).not.toBe('0.0.0');
    const dry = await hcdr(['--debug', '--endpoint', url, 'geminidb', 'dr', 'role', PRIMARY], { env: { HUAWEICLOUD_SDK_AK: AK, HUAWEICLOUD_SDK_SK: SK, HUAWEICLOUD_SDK_PROJECT_ID: PROJECT } });
    expect(dry.stderr).toContain(`hcdr/${packageVersion}`);
  });
});
