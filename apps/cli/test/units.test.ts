// Pure modules: validation rules, durations, credentials-file parsing, table rendering, progress
// lines, colour decisions, argv scanning.
import { describe, expect, it } from 'vitest';
import { parseCredentialsText } from '../src/config/credentials-file.js';
import { colorEnabled, createPaint } from '../src/io/color.js';
import { formatDuration, parseDuration } from '../src/io/duration.js';
import { renderTable } from '../src/io/output.js';
import { createProgress } from '../src/io/progress.js';
import { renderCommand } from '../src/io/shell.js';
import { renderText } from '../src/io/text-format.js';
import { firstCommandWord, rewriteHelpCommand } from '../src/program.js';
import { InputChecks } from '../src/validation/checks.js';
import * as rules from '../src/validation/rules.js';

describe('validation rules', () => {
  it.each([
    ['10.0.0.0/16', undefined],
    ['0.0.0.0/0', undefined],
    ['10.1.1.0/24', undefined],
    ['10.1.1.0/33', 'must be an IPv4 CIDR'],
    ['10.1.1.0', 'must be an IPv4 CIDR'],
    ['256.1.1.0/24', 'must be an IPv4 CIDR'],
    ['10.1.1.7/24', 'has host bits set; the network address for /24 is 10.1.1.0/24'],
  ])('cidr %s', (value, message) => {
    if (message === undefined) expect(rules.cidr(value)).toBeUndefined();
    else expect(rules.cidr(value)).toContain(message);
  });

  it('DR CIDRs may not start with 192 or 172 (but 10.192.* is fine)', () => {
    expect(rules.drCidr('192.168.0.0/24')).toContain('must not start with 192 or 172');
    expect(rules.drCidr('172.16.0.0/12')).toContain('must not start with 192 or 172');
    expect(rules.drCidr('10.192.0.0/16')).toBeUndefined();
    expect(rules.drCidr('19.2.0.0/16')).toBeUndefined();
  });

  it('dr_sync_period: 1..3000 then m, H or d', () => {
    for (const ok of ['1m', '20m', '2H', '3000d', '999H']) expect(rules.drSyncPeriod(ok)).toBeUndefined();
    for (const bad of ['0m', '3001m', '01m', '5h', '5', 'm', '1.5H', ' 5m']) expect(rules.drSyncPeriod(bad), bad).toBeDefined();
  });

  it('DWS names: 4-64, letters/digits/-/_, starting with a letter', () => {
    expect(rules.dwsName('test_dr4')).toBeUndefined();
    expect(rules.dwsName('a-b_')).toBeUndefined();
    expect(rules.dwsName(`a${'x'.repeat(63)}`)).toBeUndefined();
    expect(rules.dwsName('abc')).toContain('4-64');
    expect(rules.dwsName(`a${'x'.repeat(64)}`)).toContain('4-64');
    expect(rules.dwsName('_abc')).toContain('start with a letter');
    expect(rules.dwsName('ab cd')).toContain('only letters');
  });

  it('IPs, regions, ids, job times, integers', () => {
    expect(rules.ipv4('10.0.1.2')).toBeUndefined();
    expect(rules.ipv4('10.0.1')).toBeDefined();
    expect(rules.ipv4('010.0.1.2')).toBeDefined();
    expect(rules.regionCode('eu-west-101')).toBeUndefined();
    expect(rules.regionCode('EU-west-1')).toBeDefined();
    expect(rules.id('a1b2-c3_d4')).toBeUndefined();
    expect(rules.id('a/b')).toBeDefined();
    expect(rules.jobTime('2024-05-20T10:02:11+0800')).toBeUndefined();
    expect(rules.jobTime('2024-05-20 10:02:11')).toBeDefined();
    expect(rules.integer({ allowed: [10, 20, 50] })('20')).toBeUndefined();
    expect(rules.integer({ min: 10 })('9')).toBe('must be at least 10');
    expect(rules.integer()('1.5')).toBe('must be a whole number');
  });

  it('InputChecks collects every problem and names the flag', () => {
    const c = new InputChecks();
    c.required('--alias', undefined);
    c.list('--peer-node-ips', ['10.0.0.1', '10.0.0.1', 'x'], {}, rules.ipv4);
    c.duration('--wait-timeout', '2d', { min: 1000, max: 86_400_000 });
    expect(() => c.done()).toThrow(/--alias: is required[\s\S]*--peer-node-ips: lists "10\.0\.0\.1" twice[\s\S]*--peer-node-ips: "x"[\s\S]*--wait-timeout/);
  });
});

describe('durations', () => {
  it('parses ms, s, m, h and bare seconds', () => {
    expect(parseDuration('500ms')).toBe(500);
    expect(parseDuration('30')).toBe(30_000);
    expect(parseDuration('1.5m')).toBe(90_000);
    expect(parseDuration('2h')).toBe(7_200_000);
    expect(parseDuration('2d')).toBeUndefined();
  });
  it('formats elapsed time compactly', () => {
    expect(formatDuration(350)).toBe('0.3s');
    expect(formatDuration(4000)).toBe('4s');
    expect(formatDuration(75_000)).toBe('1m15s');
    expect(formatDuration(3_725_000)).toBe('1h02m05s');
  });
});

describe('credentials files', () => {
  it('reads env-style files (as hcdr simulator writes them) and JSON', () => {
    expect(parseCredentialsText('# c\nexport HUAWEICLOUD_SDK_AK="AK1"\nHUAWEICLOUD_SDK_SK=sk=with=equals\nHUAWEICLOUD_SDK_PROJECT_ID=p1\nOTHER=x\n', 'f')).toEqual({
      credentials: { accessKeyId: 'AK1', secretAccessKey: 'sk=with=equals', securityToken: undefined },
      projectId: 'p1',
    });
    expect(parseCredentialsText('{"auth_token":"tok"}', 'f')).toEqual({ credentials: { authToken: 'tok' }, projectId: undefined });
  });
  it('errors name lines and keys, never values', () => {
    expect(() => parseCredentialsText('{"secret_access_key": "S3cret-value"', 'f')).toThrow(/is not valid JSON/);
    try {
      parseCredentialsText('HUAWEICLOUD_SDK_SK=S3cret-value\n', 'f');
    } catch (error) {
      expect((error as Error).message).toContain('a secret key but no access key ID');
      expect((error as Error).message).not.toContain('S3cret-value');
    }
    expect(() => parseCredentialsText('just text', 'f')).toThrow(/line 1 is not KEY=VALUE/);
  });
});

describe('tables', () => {
  it('renders lists as aligned columns and objects as key/value lines', () => {
    expect(renderTable({ jobs: [{ id: 'j1', status: 'Running', instance: { name: 'a' } }, { id: 'job-22', status: 'Completed' }] }, { list: 'jobs', columns: ['id', 'status', 'instance.name'] })).toBe(
      'ID      STATUS     INSTANCE.NAME\nj1      Running    a\njob-22  Completed\n',
    );
    expect(renderTable({ role: 'master', nested: { a: 1 }, list: ['x', 'y'] })).toBe('role      master\nnested.a  1\nlist      x,y\n');
    expect(renderTable({ jobs: [] }, { list: 'jobs' })).toBe('');
  });
});

describe('progress', () => {
  it('off a TTY: one timestamped line per change, nothing for unchanged polls', () => {
    let text = '';
    let now = Date.UTC(2026, 0, 1, 12, 0, 0);
    const p = createProgress({ stream: { write: (t: string) => (text += t) }, tty: false, paint: createPaint(false), now: () => now });
    p.update('j', { label: 'primary job', status: 'Running', progress: '10%' });
    now += 5000;
    p.update('j', { label: 'primary job', status: 'Running', progress: '10%' });
    p.update('j', { label: 'primary job', status: 'Running', progress: '60%' });
    p.update('j', { label: 'primary job', status: 'Completed', done: true, ok: true });
    p.stop();
    expect(text).toBe(
      '2026-01-01T12:00:00Z  primary job: Running 10% (0.0s)\n2026-01-01T12:00:05Z  primary job: Running 60% (5s)\n2026-01-01T12:00:05Z  primary job: Completed (5s)\n',
    );
  });
  it('on a TTY: one line redrawn in place, cleared at the end', () => {
    let text = '';
    const p = createProgress({ stream: { write: (t: string) => (text += t), columns: 200 }, tty: true, paint: createPaint(false), tickMs: 10_000 });
    p.update('a', { label: 'primary job', status: 'Running', progress: '50%' });
    p.update('b', { label: 'standby job', status: 'Running', progress: '40%' });
    p.stop();
    expect(text).not.toContain('\n');
    expect(text).toContain('\r\u001b[2K');
    expect(text).toContain('primary job: Running 50%  ·  standby job: Running 40%');
    expect(text.endsWith('\r\u001b[2K')).toBe(true);
  });
  it('on a narrow TTY the live line is cut to the width (a wrapped line cannot be redrawn)', () => {
    let text = '';
    const p = createProgress({ stream: { write: (t: string) => (text += t), columns: 30 }, tty: true, paint: createPaint(false), tickMs: 10_000 });
    p.update('a', { label: 'a very long label for a job', status: 'Running', progress: '50%' });
    p.stop();
    const line = text.split('\r\u001b[2K')[1] ?? '';
    expect([...line].length).toBeLessThanOrEqual(29);
    expect(line.endsWith('…')).toBe(true);
  });
});

describe('colour decision', () => {
  it('NO_COLOR, TERM=dumb and --no-color switch colour off; FORCE_COLOR on', () => {
    expect(colorEnabled({ env: {}, isTTY: true, flag: true })).toBe(true);
    expect(colorEnabled({ env: { NO_COLOR: '1' }, isTTY: true, flag: true })).toBe(false);
    expect(colorEnabled({ env: { TERM: 'dumb' }, isTTY: true, flag: true })).toBe(false);
    expect(colorEnabled({ env: {}, isTTY: true, flag: false })).toBe(false);
    expect(colorEnabled({ env: {}, isTTY: false, flag: true })).toBe(false);
    expect(colorEnabled({ env: { FORCE_COLOR: '1' }, isTTY: false, flag: true })).toBe(true);
  });
});

describe('argv helpers', () => {
  it('finds the command word after global options with values', () => {
    expect(firstCommandWord(['--region', 'dws', 'geminidb', 'dr'])).toBe('geminidb');
    expect(firstCommandWord(['-o', 'json', '--dry-run', 'dws'])).toBe('dws');
    expect(firstCommandWord(['--endpoint=http://x', 'simulator'])).toBe('simulator');
    expect(firstCommandWord(['--help'])).toBeUndefined();
  });
  it('quotes only what the shell needs', () => {
    expect(renderCommand(['hcdr', '--alias', 'video dr', '--password-file', '/tmp/p w', "it's"])).toBe("hcdr --alias 'video dr' --password-file '/tmp/p w' 'it'\\''s'");
  });
});

describe('-o text (aws layout)', () => {
  it('a list of objects: one line each, the sorted union of scalar keys as columns; nested lists follow under their key', () => {
    const text = renderText({
      jobs: [
        { id: 'j1', status: 'Running', progress: '40%' },
        { id: 'j2', status: 'Completed', tags: ['a', 'b'] },
      ],
    });
    expect(text).toBe(['JOBS\tj1\t40%\tRunning', 'JOBS\tj2\t\tCompleted', 'TAGS\ta', 'TAGS\tb', ''].join('\n'));
  });

  it('scalars, lists of scalars and lists of lists; null is None; tabs and newlines inside a value are escaped', () => {
    expect(renderText('master')).toBe('master\n');
    expect(renderText(['a', 'b', 3])).toBe('a\tb\t3\n');
    expect(renderText([['i1', 'n1'], ['i2', null]])).toBe('i1\tn1\ni2\tNone\n');
    expect(renderText({ b: 2, a: 'x\ty\nz' })).toBe('x\\ty\\nz\t2\n');
    expect(renderText([])).toBe('');
  });
});

describe('hcdr help <path>', () => {
  it('rewrites a leading help into --help at the end, keeping global options', () => {
    expect(rewriteHelpCommand(['help', 'geminidb', 'dr', 'role'])).toEqual(['geminidb', 'dr', 'role', '--help']);
    expect(rewriteHelpCommand(['--region', 'help', 'help', 'dws'])).toEqual(['--region', 'help', 'dws', '--help']);
    expect(rewriteHelpCommand(['geminidb', 'dr', 'role', 'help'])).toEqual(['geminidb', 'dr', 'role', 'help']);
    expect(rewriteHelpCommand(['help'])).toEqual(['--help']);
  });
});
