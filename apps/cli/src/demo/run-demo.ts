#!/usr/bin/env node
// `npm run demo`: a guided session with the hcdr CLI against the local simulator (@hcdr/simulator).
// It starts the simulator on a free loopback port, runs the BUILT `hcdr` as a child process for each
// step (so what you see is exactly what a user sees: the real command line, output and exit code),
// explains each step, and always stops the simulator. No cloud account, credentials or network
// beyond 127.0.0.1. The simulator verifies AK/SK signatures, so every request is really signed.
//
// HCDR_DEMO_FAST=1 shortens the simulated job durations (used by the test suite).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { colorEnabled, createPaint } from '../io/color.js';
import { renderCommand } from '../io/shell.js';

const BIN = fileURLToPath(new URL('../bin/hcdr.js', import.meta.url));
const FAST = process.env.HCDR_DEMO_FAST === '1';
const JOB_DURATION = FAST ? '300ms' : '3s';
const POLL = FAST ? '200ms' : '1s';
const paint = createPaint(colorEnabled({ env: process.env, isTTY: process.stdout.isTTY === true, flag: !process.argv.includes('--no-color') }));

const PRIMARY = 'a1b2c3d4e5f64a7b8c9d0e1f2a3b4c5din12';
const STANDBY = 'f0e1d2c3b4a54968a7b6c5d4e3f2a1b0in12';
const DWS_PRIMARY = '3ef5daaa-d017-4354-80b3-8a69caf2e09c';
const DWS_STANDBY = 'e7fed7fe-f4a7-499a-afed-1fdb5c1978cb';

const say = (text = '') => process.stdout.write(`${text}\n`);
const wrap = (text: string) => say(text.replace(/(.{1,88})(\s+|$)/g, '$1\n').trimEnd());

let step = 0;
function heading(title: string): void {
  step++;
  say();
  say(paint.bold(paint.cyan(`── Step ${step}. ${title} ${'─'.repeat(Math.max(4, 70 - title.length))}`)));
}

interface Run {
  code: number | null;
  stdout: string;
}

/** Runs `hcdr <args>` with the demo's environment, echoing its output as it comes. */
function hcdr(env: NodeJS.ProcessEnv, args: string[], expected: number): Promise<Run> {
  say();
  say(`${paint.green('$')} ${paint.bold(renderCommand(['hcdr', ...args]))}`);
  return new Promise((resolve, reject) => {
    // stdin is not a terminal here, exactly like in CI: that is what makes confirmations refuse without --yes.
    const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      process.stdout.write(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => process.stdout.write(chunk));
    child.once('error', reject);
    child.once('close', (code) => {
      const ok = code === expected;
      say(paint.dim(`(exit code ${code}${ok ? '' : `, expected ${expected}`})`));
      if (!ok) reject(new Error(`step ${step}: \`hcdr ${args.join(' ')}\` exited ${code}, expected ${expected}`));
      else resolve({ code, stdout });
    });
  });
}

async function main(): Promise<void> {
  let sim: typeof import('@hcdr/simulator');
  try {
    sim = await import('@hcdr/simulator');
  } catch {
    throw new Error('@hcdr/simulator is not built. Run: npx turbo run build --filter=@hcdr/cli...');
  }

  say(paint.bold('hcdr demo — disaster recovery for Huawei Cloud GeminiDB and GaussDB(DWS), on a local simulator'));
  wrap(
    'This session starts a local simulator of both DR APIs (stateful: it remembers what you did, runs jobs that take a few seconds, ' +
      'keeps every region apart with its own project, and checks AK/SK signatures like the real API gateway), then runs the hcdr CLI ' +
      'against it. Every command below is exactly what you would type after loading the env file that `hcdr simulator` writes.',
  );

  const dir = mkdtempSync(join(tmpdir(), 'hcdr-demo-'));
  const envFile = join(dir, 'simulator.env');
  // The same launcher as `hcdr simulator` (its banner is not shown: the demo explains as it goes).
  const launched = await sim.launchSimulator(sim.resolveLaunchValues({ 'job-duration': JOB_DURATION, 'credentials-file': envFile }), {
    stdout: () => undefined,
    stderr: (text) => process.stderr.write(text),
    env: {},
  });
  const passwordFile = join(dir, 'dr-password');
  // Reports outlive the session (everything else in `dir` is removed at the end): open them afterwards.
  const reportDir = join(tmpdir(), 'hcdr-demo-reports');
  let drillReport = '';
  writeFileSync(passwordFile, `${randomBytes(12).toString('base64url')}Aa1#\n`, { mode: 0o600 });

  // Only what the demo sets (the env file, as `set -a; . <file>; set +a` would load it): no
  // credentials from the caller's environment can leak in.
  const fromFile = sim.loadEnvFile(envFile);
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: dir,
    TERM: process.env.TERM,
    ...(process.env.NO_COLOR !== undefined ? { NO_COLOR: process.env.NO_COLOR } : {}),
    ...fromFile,
  };
  const at: string[] = [];

  try {
    say();
    say(`Simulator listening on ${paint.bold(launched.url)}, one base path per region (${launched.url}/<region>). Its env file sets:`);
    say(`  HCDR_ENDPOINT=${env.HCDR_ENDPOINT}      (hcdr fills in the region)`);
    say(`  HUAWEICLOUD_SDK_REGION_ID=${env.HUAWEICLOUD_SDK_REGION_ID}             (the default region; --region picks another)`);
    say(`  HCDR_CONFIG_FILE=…profiles.json, HCDR_PROFILE=simulator   (the project of each region, as in Huawei Cloud)`);
    say(`  HUAWEICLOUD_SDK_AK=${env.HUAWEICLOUD_SDK_AK}`);
    say('  HUAWEICLOUD_SDK_SK=<generated for this run; never printed, never passed as a flag>');
    say(`The DR password is in ${passwordFile} (mode 600); hcdr reads it with --password-file.`);

    heading('Look at the instances, region by region');
    wrap(
      'GeminiDB has no "list DR relationships" call: an instance in a pair shows its peer in DR_INSTANCE_ID. Nothing is paired yet. ' +
        'Each region is its own endpoint with its own project, so a listing shows only that region: the primary is in ap-southeast-1, the standby in ap-southeast-3. ' +
        'SUBNET_CIDRS and VPC_CIDR are read from the VPC API: a DR pairing needs them, and hcdr looks them up instead of asking.',
    );
    await hcdr(env, ['geminidb', 'instances', 'list', ...at], 0);
    await hcdr(env, ['--region', 'ap-southeast-3', 'geminidb', 'instances', 'list', ...at], 0);

    heading('Bad input is refused before anything is sent');
    wrap('GeminiDB DR does not allow CIDR blocks starting with 192 or 172. hcdr checks this (and IPs, enums, IDs, ...) before any request and exits 2, naming the flag and the rule.');
    await hcdr(env, ['geminidb', 'dr', 'precheck', PRIMARY, '--operation', 'construction', '--peer-vpc-cidr', '192.168.0.0/16', '--peer-spec-code', 'geminidb.redis.xlarge.4', '--peer-node-ips', '10.1.1.2', ...at], 2);

    heading('Pair the two instances across regions, from their IDs alone');
    wrap(
      'Setting up GeminiDB DR takes a precheck on both instances, a construction on the primary (which returns the DR ID), a construction on the standby ' +
        'with that DR ID and the same password, and then both jobs; each side must describe its subnets, VPC and nodes to the other. `dr pair` does all of it, ' +
        'each side in its own region (--primary-region, --standby-region): it looks both networks up (listing, then the VPC API), checks the 192/172 rule on what it found and port 8635, ' +
        'and says where every value came from (--primary-subnet-cidr and the like override). Progress goes to stderr; if a step fails it prints what was done and the exact command that resumes.',
    );
    await hcdr(
      env,
      [
        'geminidb', 'dr', 'pair',
        '--primary', PRIMARY, '--primary-region', 'ap-southeast-1',
        '--standby', STANDBY, '--standby-region', 'ap-southeast-3',
        '--alias', 'video-dr', '--password-file', passwordFile, '--poll-interval', POLL, ...at,
      ],
      0,
    );

    heading('Check replication: status, lag, RPO and RTO');
    wrap('Asked on the primary, the status includes RPO/RTO for a switchover and a failover. Add --watch to refresh it (Ctrl-C or --count stops).');
    await hcdr(env, ['geminidb', 'dr', 'status', PRIMARY, ...at], 0);

    heading('Dangerous operations ask first');
    wrap('Switchover, failover, recover, delete and unpair ask for confirmation in a terminal. Without one (CI, pipes, this demo) they refuse unless --yes is given: exit 2, nothing sent.');
    await hcdr(env, ['geminidb', 'dr', 'switchover', PRIMARY, ...at], 2);

    heading('DWS: find the clusters, check the task name, then create a DR task');
    wrap('DWS DR tasks pair a production cluster with a DR cluster. The cluster list gives their IDs and availability zones with nothing but a region (cn-north-4 here). With -o json, stdout carries only JSON (messages stay on stderr), so it can be piped into jq.');
    const dws = ['--region', 'cn-north-4'];
    await hcdr(env, [...dws, 'dws', 'clusters', 'list', ...at], 0);
    await hcdr(env, [...dws, 'dws', 'dr', 'check-name', 'video_dr', ...at], 0);
    const created = await hcdr(
      env,
      [...dws, 'dws', 'dr', 'create', '--name', 'video_dr', '--primary-cluster', DWS_PRIMARY, '--standby-cluster', DWS_STANDBY, '--sync-period', '20m', '-o', 'json', ...at],
      0,
    );
    const taskId = (JSON.parse(created.stdout) as { disaster_recovery: { id: string } }).disaster_recovery.id;

    heading('Wait for the task, then start it');
    wrap('DWS calls return only the task ID; completion is read from the task status. `dr wait` waits for a status (it is also how an interrupted --wait resumes); `--wait` does the same inline.');
    await hcdr(env, [...dws, 'dws', 'dr', 'wait', taskId, '--until', 'unstart', '--poll-interval', POLL, ...at], 0);
    await hcdr(env, [...dws, 'dws', 'dr', 'start', taskId, '--wait', '--poll-interval', POLL, ...at], 0);

    heading('Show the running task');
    await hcdr(env, [...dws, 'dws', 'dr', 'list', ...at], 0);

    heading('Is the GeminiDB pair ready for a drill?');
    wrap(
      'Readiness reads both sides, each with its own connection, and checks them against a policy: reachable, roles, sync running, lag ' +
        'within the RPO, no running job, port 8635, no 192/172 block, the API\'s RTO estimate. Each check shows the values it read; exit 1 if one fails.',
    );
    await hcdr(env, ['geminidb', 'dr', 'readiness', PRIMARY, '--standby', STANDBY, '--primary-region', 'ap-southeast-1', '--standby-region', 'ap-southeast-3', '--rpo', '1m', '--rto', '10m', ...at], 0);

    heading('Rehearse a DR drill: switch over, hold, switch back — timed, with evidence');
    const planFile = join(dir, 'drill.yaml');
    const plan = [
      'version: 1',
      'name: redis-video-demo',
      'service: geminidb',
      'target:                          # the two instances as they are now',
      `  primary: { instance: ${PRIMARY}, region: ap-southeast-1 }`,
      `  standby: { instance: ${STANDBY}, region: ap-southeast-3 }`,
      'scenario: switchover-and-back',
      'objectives: { rto: 10m, rpo: 1m }',
      `hold: ${FAST ? '2s' : '10s'}`,
      `sample_interval: ${FAST ? '500ms' : '2s'}`,
      `poll_interval: ${POLL}`,
      'labels: { ticket: DEMO-1 }',
      '',
    ].join('\n');
    writeFileSync(planFile, plan);
    wrap(
      'A drill plan names the pair as it is now, the objectives to prove and how long to stay switched over. `drill run` checks readiness, switches over, ' +
        'verifies the roles flipped, holds while sampling the lag, switches back, verifies, and checks readiness again. Lag above the RPO, a failed job or a ' +
        'phase over its budget abort it and roll back to the original roles. Every phase is timed and keeps its API evidence (values read, request and job IDs).',
    );
    say();
    for (const line of plan.trimEnd().split('\n')) say(paint.dim(`  ${line}`));
    await hcdr(env, ['drill', 'run', planFile, '--report-dir', reportDir, '--yes', ...at], 0);
    const html = readdirSync(reportDir)
      .filter((f) => f.startsWith('redis-video-demo-') && f.endsWith('.html'))
      .sort()
      .at(-1);
    if (!html) throw new Error(`no HTML report in ${reportDir}`);
    drillReport = join(reportDir, html);

    say();
    say(paint.bold('That was the tour.'));
    say(`The drill's report (self-contained HTML, opens offline): ${paint.bold(pathToFileURL(drillReport).href)}`);
    say(paint.dim(`  next to it the same record as JSON and Markdown, in ${reportDir}`));
    wrap(
      'Next: `hcdr --help` (every command has examples; exit codes are listed there), `hcdr geminidb dr pair --help`, and `hcdr simulator` to rehearse a ' +
        'switchover or failover drill on your own machine, with faults injected on demand.',
    );
  } finally {
    await launched.stop();
    rmSync(dir, { recursive: true, force: true });
    say(paint.dim('(simulator stopped)'));
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`demo failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
