// Things every command shares: help and examples, --version, --dry-run (no secrets, nothing sent,
// no credentials needed), colour rules, stdout/stderr separation.
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { beforeAll, describe, expect, it } from 'vitest';
import { CANARY, closedPort, DWS_PRIMARY, DWS_STANDBY, hcdr, parseJson, PRIMARY, PROJECT, STANDBY } from './helpers/cli.js';

const version = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
const SK = 'Basics-Secret-Key-0042-do-not-print';
const TOKEN = 'Basics-Token-0043-do-not-print';
const PASSWORD = 'Basics#DR-Passw0rd-0044';

let closed: string;
beforeAll(async () => {
  closed = await closedPort();
});

/** Every command of the built tree (loading all groups, as `hcdr help` does). */
async function allCommands(): Promise<{ path: string; command: Command; help: string }[]> {
  const { createProgram } = (await import('../dist/program.js')) as typeof import('../src/program.js');
  let captured = '';
  const sink = {
    write: (t: string) => {
      captured += t;
      return true;
    },
    isTTY: false,
    columns: 200,
  };
  const program = await createProgram(
    { term: { stdin: process.stdin, stdout: sink, stderr: sink, env: {} }, signal: new AbortController().signal, now: Date.now },
    ['help'],
  );
  const out: { path: string; command: Command; help: string }[] = [];
  const walk = (command: Command, prefix: string) => {
    for (const sub of command.commands) {
      const path = `${prefix} ${sub.name()}`;
      captured = '';
      sub.outputHelp();
      out.push({ path, command: sub, help: captured });
      walk(sub, path);
    }
  };
  walk(program, 'hcdr');
  return out;
}

describe('help', () => {
  it('every command has a description, its options and at least one example', async () => {
    const commands = await allCommands();
    expect(commands.length).toBeGreaterThan(45);
    for (const { path, command, help } of commands) {
      expect(command.description(), path).not.toBe('');
      expect(help, path).toContain('Examples:');
      expect(help, path).toMatch(/\$ hcdr /);
      if (command.commands.length === 0) {
        expect(help, path).toContain('Options:');
        // Hidden options are old spellings kept for scripts (e.g. hcdr simulator --job-duration-ms).
        for (const option of command.options.filter((o) => !o.hidden)) expect(help, `${path} ${option.flags}`).toContain(option.long ?? option.flags);
      }
    }
  });

  it('covers every operation of both specs', async () => {
    const paths = (await allCommands()).map((c) => c.path);
    for (const expected of [
      'hcdr geminidb instances list',
      'hcdr geminidb dr precheck', 'hcdr geminidb dr create', 'hcdr geminidb dr delete', 'hcdr geminidb dr pair', 'hcdr geminidb dr unpair',
      'hcdr geminidb dr switchover', 'hcdr geminidb dr promote', 'hcdr geminidb dr demote', 'hcdr geminidb dr failover',
      'hcdr geminidb dr pause', 'hcdr geminidb dr resume', 'hcdr geminidb dr status', 'hcdr geminidb dr role',
      'hcdr geminidb dr settings get', 'hcdr geminidb dr settings set',
      'hcdr geminidb dual-active create', 'hcdr geminidb dual-active delete', 'hcdr geminidb dual-active regions',
      'hcdr geminidb jobs list', 'hcdr geminidb jobs show', 'hcdr geminidb jobs wait',
      'hcdr dws dr create', 'hcdr dws dr list', 'hcdr dws dr show', 'hcdr dws dr update', 'hcdr dws dr start', 'hcdr dws dr pause',
      'hcdr dws dr switchover', 'hcdr dws dr failover', 'hcdr dws dr recover', 'hcdr dws dr delete', 'hcdr dws dr progress',
      'hcdr dws dr check-name', 'hcdr dws dr candidates', 'hcdr dws dr wait', 'hcdr dws jobs show', 'hcdr simulator',
    ]) {
      expect(paths).toContain(expected);
    }
  });

  it('hcdr --help documents the exit codes and credentials, on stdout, exit 0', async () => {
    const r = await hcdr(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Exit codes:');
    for (const line of ['0    success', '1    API error', '2    usage or validation error', '3    a wait timed out', '4    configuration or authentication', '130  interrupted']) {
      expect(r.stdout).toContain(line);
    }
    expect(r.stdout).toContain('HUAWEICLOUD_SDK_AK');
    expect(r.stdout).toContain('--dry-run');
    expect(r.stdout).not.toContain('--header');
  });

  it('a group without a subcommand shows its help and exits 2', async () => {
    const r = await hcdr(['geminidb', 'dr']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('pair');
  });

  it('hcdr --version prints the package version', async () => {
    const r = await hcdr(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(version);
  });
});

describe('--dry-run', () => {
  const secrets = { HUAWEICLOUD_SDK_AK: 'AKBASICS', HUAWEICLOUD_SDK_SK: SK, HUAWEICLOUD_SDK_SECURITY_TOKEN: TOKEN, HUAWEICLOUD_SDK_PROJECT_ID: PROJECT, HCDR_DR_PASSWORD: PASSWORD };
  const peer = ['--peer-id', STANDBY, '--peer-region', 'ap-southeast-3', '--peer-subnet-cidr', '10.1.1.0/24', '--peer-node-ips', '10.1.1.2'];
  const cases: [string, string[]][] = [
    ['geminidb dr create', ['geminidb', 'dr', 'create', PRIMARY, '--role', 'master', '--alias', 'video-dr', ...peer]],
    [
      'geminidb dr pair',
      ['geminidb', 'dr', 'pair', '--primary', PRIMARY, '--primary-region', 'ap-southeast-1', '--primary-subnet-cidr', '10.0.1.0/24', '--primary-vpc-cidr', '10.0.0.0/16', '--standby', STANDBY, '--standby-region', 'ap-southeast-3', '--standby-subnet-cidr', '10.1.1.0/24', '--standby-vpc-cidr', '10.1.0.0/16', '--alias', 'video-dr'],
    ],
    ['geminidb dr failover (no --yes needed: nothing is sent)', ['geminidb', 'dr', 'failover', STANDBY]],
    ['geminidb dr unpair', ['geminidb', 'dr', 'unpair', '--primary', PRIMARY, '--standby', STANDBY]],
    ['dws dr create', ['dws', 'dr', 'create', '--name', 'video_dr', '--primary-cluster', DWS_PRIMARY, '--standby-cluster', DWS_STANDBY, '--sync-period', '20m']],
    ['dws dr delete', ['dws', 'dr', 'delete', 'e59d6b86-9072-46eb-a996-13f8b44994c1', '--need-send-request', '1']],
  ];

  it.each(cases)('%s: prints the requests, sends nothing, shows no secret', async (_name, args) => {
    for (const output of ['table', 'json']) {
      // The endpoint is a closed port: any real request would fail.
      const r = await hcdr(['--endpoint', closed, '--dry-run', '-o', output, ...args], { env: secrets });
      expect(r.code, r.stderr).toBe(0);
      const all = r.stdout + r.stderr;
      for (const secret of [SK, TOKEN, PASSWORD]) expect(all).not.toContain(secret);
      if (output === 'json') {
        const out = parseJson(r.stdout) as { dry_run: boolean; requests: { method: string; url: string; headers: Record<string, string>; body?: unknown }[] };
        expect(out.dry_run).toBe(true);
        expect(out.requests.length).toBeGreaterThan(0);
        for (const req of out.requests) expect(req.url.startsWith(closed)).toBe(true);
        if (JSON.stringify(out).includes('password')) expect(JSON.stringify(out)).toContain('"password":"[REDACTED]"');
      } else {
        expect(r.stdout).toContain('Dry run: nothing was sent.');
      }
    }
  });

  it('works without any credentials, region or project (placeholders are shown)', async () => {
    const r = await hcdr(['--dry-run', '-o', 'json', 'geminidb', 'dr', 'role', PRIMARY]);
    expect(r.code, r.stderr).toBe(0);
    const out = parseJson(r.stdout) as { requests: { url: string }[] };
    expect(out.requests[0]?.url).toBe(`https://gaussdb-nosql.region-not-set.myhuaweicloud.com/v3/PROJECT_ID/instances/${PRIMARY}/instance-role`);
  });

  it('uses the real region endpoint when a region is known', async () => {
    const r = await hcdr(['--dry-run', '-o', 'json', '--region', 'cn-east-4', '--project-id', PROJECT, 'dws', 'dr', 'list']);
    expect(r.code, r.stderr).toBe(0);
    expect((parseJson(r.stdout) as { requests: { url: string }[] }).requests[0]?.url).toBe(`https://dws.cn-east-4.myhuaweicloud.cn/v2/${PROJECT}/disaster-recoveries`);
  });

  it('the password from --password-stdin is redacted too', async () => {
    const r = await hcdr(['--dry-run', '-o', 'json', 'geminidb', 'dr', 'create', PRIMARY, '--role', 'master', '--alias', 'a', ...peer, '--password-stdin'], { input: `${PASSWORD}\n` });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).not.toContain(PASSWORD);
    expect(r.stdout).toContain('[REDACTED]');
  });
});

describe('output and colour', () => {
  it('errors go to stderr, stdout stays empty', async () => {
    const r = await hcdr(['--endpoint', closed, 'geminidb', 'dr', 'role', PRIMARY], { env: { HUAWEICLOUD_SDK_AUTH_TOKEN: CANARY.authToken, HUAWEICLOUD_SDK_PROJECT_ID: PROJECT } });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('ECONNREFUSED');
    // The URL and where it came from (here: the --endpoint flag).
    expect(r.stderr).toContain(`endpoint: ${closed} (from --endpoint)`);
    expect(r.stderr).toContain(`hint: Nothing is listening at ${closed}. Check --endpoint`);
  });

  it('FORCE_COLOR colours messages; NO_COLOR and --no-color win', async () => {
    const args = ['--region', 'Mars', 'geminidb', 'instances', 'list'];
    const coloured = await hcdr(args, { env: { NO_COLOR: undefined, FORCE_COLOR: '1' } });
    expect(coloured.stderr).toContain('\u001b[31merror:');
    const noColor = await hcdr(args, { env: { NO_COLOR: '1', FORCE_COLOR: '1' } });
    expect(noColor.stderr).not.toContain('\u001b[');
    const flag = await hcdr([...args, '--no-color'], { env: { NO_COLOR: undefined, FORCE_COLOR: '1' } });
    expect(flag.stderr).not.toContain('\u001b[');
  });
});
