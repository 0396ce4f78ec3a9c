// `npm run demo` runs dist/demo/run-demo.js: it must exit 0 and read like a tutorial. Run here with
// short simulated jobs (HCDR_DEMO_FAST=1) so the suite stays quick.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { baseEnv } from './helpers/cli.js';

const DEMO = fileURLToPath(new URL('../dist/demo/run-demo.js', import.meta.url));

it('the demo runs a full session against the simulator and exits 0', async () => {
  const { code, stdout, stderr } = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, [DEMO], { env: baseEnv({ HCDR_DEMO_FAST: '1' }), stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.once('error', reject);
    child.once('close', (c) => resolve({ code: c, stdout: out, stderr: err }));
  });
  expect(code, `${stdout}\n${stderr}`).toBe(0);
  expect(stderr).toBe('');
  // Each step explains itself and shows the exact command and its exit code.
  for (const text of ['Step 1. Look at the instances', 'Step 3. Pair the two instances', '$ hcdr geminidb dr pair --primary', '$ hcdr --region cn-north-4 dws dr start', 'That was the tour.', '(simulator stopped)']) {
    expect(stdout).toContain(text);
  }
  expect(stdout).toMatch(/DR relationship \S+ is active/);
  // Discovery: the pair was given only IDs and regions, the networks were looked up; the clusters were listed.
  expect(stdout).toMatch(/\$ hcdr geminidb dr pair --primary a1b2\S+ --primary-region ap-southeast-1 --standby f0e1\S+ --standby-region ap-southeast-3 --alias/);
  expect(stdout).toContain('Network of the primary: subnets 10.0.1.0/24 (read with showSubnet');
  expect(stdout).toMatch(/SUBNET_CIDRS\s+VPC_CIDR/);
  expect(stdout).toMatch(/3ef5daaa-d017-4354-80b3-8a69caf2e09c\s+dws-prod\s+ACTIVE/);
  expect(stdout).toContain('status              SYNCING');
  expect(stdout).toContain('(exit code 2)');
  expect(stdout).toMatch(/ID\s+NAME\s+STATUS[\s\S]*video_dr\s+running/);
  expect(stdout).toContain('HUAWEICLOUD_SDK_SK=<generated for this run; never printed');
  // Regions are kept apart: the ap-southeast-3 listing has the standby, not the ap-southeast-1 primary.
  const other = stdout.split('$ hcdr --region ap-southeast-3 geminidb instances list')[1]?.split('(exit code')[0] ?? '';
  expect(other).toContain('f0e1d2c3b4a54968a7b6c5d4e3f2a1b0in12');
  expect(other).not.toContain('a1b2c3d4e5f64a7b8c9d0e1f2a3b4c5din12');
  // It ends with a drill and points at its HTML report, which exists and says PASSED.
  expect(stdout).toMatch(/\$ hcdr geminidb dr readiness a1b2\S+ --standby/);
  expect(stdout).toMatch(/\$ hcdr drill run \S+drill\.yaml --report-dir/);
  expect(stdout).toContain('Drill PASSED: Every objective was met and the roles are back where they started.');
  const report = /The drill's report \(self-contained HTML, opens offline\): (file:\S+\.html)/.exec(stdout)?.[1];
  expect(report).toBeDefined();
  const html = readFileSync(fileURLToPath(report ?? ''), 'utf8');
  expect(html).toContain('<div id="verdict" class="verdict passed" role="status">PASSED</div>');
  expect(stdout.trimEnd().split('\n').slice(-6).join('\n')).toContain("The drill's report");
}, 60_000);
