// Behaviour that only exists on a terminal: the confirmation prompt, the hidden password prompt and
// the live progress line. A pseudo-terminal comes from util-linux `script`; skipped where it is missing.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSimulator, type Simulator } from '@hcdr/simulator';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { defaultProjectId } from '@hcdr/simulator';
import { BIN, baseEnv, findSecretLeak, hcdr, PRIMARY, regional, simulatorEnv, STANDBY } from './helpers/cli.js';

const hasScript = spawnSync('script', ['--version'], { stdio: 'ignore' }).status === 0;
const SK = 'tty-secret-key-0123456789';
const PASSWORD = 'Tty#Typed-Passw0rd';

let sim: Simulator;
let url: string;
/** One line per request the simulator received (`METHOD /path STATUS ms`). */
const requests: string[] = [];
beforeAll(async () => {
  sim = createSimulator({ credentials: { secretAccessKey: SK }, jobDurationMs: 1500, log: (line) => requests.push(line) });
  ({ url } = await sim.listen());
});
afterAll(async () => {
  await sim?.close();
});
beforeEach(() => {
  sim.reset();
  requests.length = 0;
});

const quote = (a: string) => `'${a.replace(/'/g, `'\\''`)}'`;

/** Runs hcdr on a pseudo-terminal; each answer is typed once its prompt has appeared. */
function onTty(
  args: string[],
  answers: { when: string; send: string }[] = [],
  extraEnv: Record<string, string | undefined> = simulatorEnv(SK),
): Promise<{ code: number | null; output: string; plain: string }> {
  return new Promise((resolve, reject) => {
    const command = [process.execPath, BIN, '--endpoint', regional(url), ...args].map(quote).join(' ');
    const env = baseEnv({ ...extraEnv, NO_COLOR: undefined, TERM: 'xterm', COLUMNS: '200' });
    const child = spawn('script', ['-qefc', command, '/dev/null'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    const pending = [...answers];
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      while (pending[0] && output.includes(pending[0].when)) child.stdin.write((pending.shift() as { send: string }).send);
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`timed out on a TTY:\n${output}`));
    }, 15_000);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      // Its own spawn, so the helper's check is repeated here: the typed password and the SK never show.
      const leak = findSecretLeak(output, [SK, PASSWORD]);
      if (leak) return reject(new Error(`hcdr ${args.join(' ')} on a TTY leaked ${leak}:\n${output}`));
      resolve({ code, output, plain: output.split('\u001b[').map((part, i) => (i === 0 ? part : part.replace(/^[0-9;]*[A-Za-z]/, ''))).join('') });
    });
  });
}

const pairArgs = [
  'geminidb', 'dr', 'pair', '--primary', PRIMARY, '--primary-region', 'ap-southeast-1', '--primary-subnet-cidr', '10.0.1.0/24', '--primary-vpc-cidr', '10.0.0.0/16',
  '--standby', STANDBY, '--standby-region', 'ap-southeast-3', '--standby-subnet-cidr', '10.1.1.0/24', '--standby-vpc-cidr', '10.1.0.0/16', '--alias', 'tty-dr', '--poll-interval', '200ms',
];

describe.skipIf(!hasScript)('on a terminal', () => {
  it('asks for the DR password without echoing it (twice), shows a live progress line, then pairs', async () => {
    const r = await onTty(pairArgs, [
      { when: 'DR password: ', send: `${PASSWORD}\r` },
      { when: 'Repeat the DR password: ', send: `${PASSWORD}\r` },
    ]);
    expect(r.code, r.output).toBe(0);
    expect(r.output).not.toContain(PASSWORD);
    expect(r.output).toContain('\r\u001b[2K');
    expect(r.plain).toMatch(/primary job \S+: Running \d+%/);
    expect(r.plain).toMatch(/DR relationship \S+ is active/);
    // Colour is on for a terminal (NO_COLOR unset).
    expect(r.output).toContain('\u001b[32m✔');
  });

  it('hcdr configure asks for AK, SK (hidden), region and project, saves a mode-600 profile that commands then use', async () => {
    const home = mkdtempSync(join(tmpdir(), 'hcdr-tty-configure-'));
    const PROJECT = defaultProjectId('ap-southeast-1');
    const r = await onTty(
      ['configure'],
      [
        { when: 'Access key ID [not set]: ', send: 'HCDRSIMULATORAK\r' },
        { when: 'Secret access key [not set]: ', send: `${SK}\r` },
        { when: 'Region [not set]: ', send: 'Mars\r' },
        // A bad value is explained and asked again.
        { when: 'try again', send: 'ap-southeast-1\r' },
        { when: 'Project ID for ap-southeast-1 [not set]: ', send: `${PROJECT}\r` },
      ],
      { HOME: home },
    );
    expect(r.code, r.plain).toBe(0);
    expect(r.plain).toContain('must be a region code');
    expect(r.plain).toContain('secret_access_key (hidden)');
    const file = join(home, '.hcdr', 'config.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ profiles: { default: { access_key_id: 'HCDRSIMULATORAK', secret_access_key: SK, region: 'ap-southeast-1', project_id: PROJECT } } });
    // The profile signs the next command's requests (the simulator verifies the signature).
    const used = await hcdr(['--endpoint', regional(url), '-o', 'json', 'geminidb', 'instances', 'list'], { env: { HOME: home } });
    expect(used.code, used.stderr).toBe(0);
    // Run again: Enter keeps every value, and the current ones are shown masked.
    const again = await onTty(['configure'], [
      { when: 'Access key ID [***********ORAK]: ', send: '\r' },
      { when: 'Secret access key [(set, hidden)]: ', send: '\r' },
      { when: 'Region [ap-southeast-1]: ', send: '\r' },
      { when: `Project ID for ap-southeast-1 [${PROJECT}]: `, send: '\r' },
    ], { HOME: home });
    expect(again.code, again.plain).toBe(0);
    expect(again.plain).toContain('Nothing changed.');
  });

  it('a confirmation answered "n" cancels: exit 1, nothing sent', async () => {
    const r = await onTty(['--region', 'ap-southeast-3', 'geminidb', 'dr', 'failover', STANDBY], [{ when: 'Continue? [y/N]', send: 'n\r' }]);
    expect(r.code).toBe(1);
    expect(r.plain).toContain('This will FAIL OVER to GeminiDB instance');
    expect(r.plain).toContain('Cancelled at the prompt; nothing was sent.');
    expect(requests).toEqual([]);
  });

  it('a confirmation answered "y" proceeds', async () => {
    const r = await onTty(['--region', 'ap-southeast-3', 'geminidb', 'dr', 'failover', STANDBY], [{ when: 'Continue? [y/N]', send: 'y\r' }]);
    // The instances are not paired after a reset, so the simulator refuses; what matters is that it was asked.
    expect(requests.some((line) => line.startsWith(`POST /ap-southeast-3/v3/${defaultProjectId('ap-southeast-3')}/instances/${STANDBY}/switchover-master`))).toBe(true);
    expect(r.plain).toContain('switchToMaster');
  });
});
