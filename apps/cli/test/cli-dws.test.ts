// Every DWS command, run as the built binary against a Prism mock of specs/dws-dr.yaml.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPrism } from '@hcdr/mock-servers';
import { createSimulator, type Simulator } from '@hcdr/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closedPort, DWS_DR, DWS_PRIMARY, DWS_STANDBY, hcdr, parseJson, PROJECT, regional, simulatorEnv } from './helpers/cli.js';

let prism: Awaited<ReturnType<typeof startPrism>>;
let closed: string;
const TOKEN = 'prism-test-token-0002';

beforeAll(async () => {
  [prism, closed] = await Promise.all([startPrism({ spec: 'dws-dr' }), closedPort()]);
}, 60_000);
afterAll(async () => {
  await prism?.stop();
});

const env = () => ({ HUAWEICLOUD_SDK_AUTH_TOKEN: TOKEN, HUAWEICLOUD_SDK_PROJECT_ID: PROJECT });
// Each run its own journal: the concurrent runs below act on the same task ID and would (rightly) lock each other out.
const run = (args: string[]) => hcdr(['--endpoint', prism.url, '-o', 'json', ...args], { env: { ...env(), HCDR_STATE_DIR: mkdtempSync(join(tmpdir(), 'hcdr-dws-state-')) } });
const create = ['dws', 'dr', 'create', '--name', 'video_dr', '--primary-cluster', DWS_PRIMARY, '--standby-cluster', DWS_STANDBY, '--sync-period', '20m'];

type Check = (json: any) => void;
const idOnly: Check = (j) => expect(j.disaster_recovery.id).toEqual(expect.any(String));
const commands: [string, string[], Check][] = [
  // create, and delete of a running task, read the live state first; a stateless mock cannot answer
  // consistently (its list shows the example task on these clusters): they run against the simulator below.
  ['dr list', ['dws', 'dr', 'list', '--primary-cluster', DWS_PRIMARY], (j) => expect(j.disaster_recovery).toEqual(expect.any(Array))],
  ['dr show', ['dws', 'dr', 'show', DWS_DR], (j) => expect(j.disaster_recovery).toMatchObject({ id: expect.any(String), status: expect.any(String) })],
  ['dr update', ['dws', 'dr', 'update', DWS_DR, '--sync-period', '2H'], idOnly],
  ['dr start', ['dws', 'dr', 'start', DWS_DR], idOnly],
  ['dr pause', ['dws', 'dr', 'pause', DWS_DR], idOnly],
  ['dr switchover', ['dws', 'dr', 'switchover', DWS_DR, '--yes'], idOnly],
  ['dr failover', ['dws', 'dr', 'failover', DWS_DR, '--yes'], idOnly],
  ['dr recover', ['dws', 'dr', 'recover', DWS_DR, '--yes'], idOnly],
  ['dr progress', ['dws', 'dr', 'progress', DWS_DR], (j) => expect(j.disaster_recovery_progress).toEqual(expect.any(Object))],
  ['dr check-name', ['dws', 'dr', 'check-name', 'test_dr4', '--type', 'az'], (j) => expect(j).toEqual(expect.any(Object))],
  ['dr candidates', ['dws', 'dr', 'candidates', '--primary-cluster', DWS_PRIMARY, '--standby-az', 'cn-north-4b', '--datastore-type', 'dws', '--primary-dn-num', '3'], (j) => expect(j.disaster_recovery_clusters).toEqual(expect.any(Array))],
  ['dr wait', ['dws', 'dr', 'wait', DWS_DR, '--until', 'running', '--poll-interval', '100ms', '--header', 'Prefer: example=running'], (j) => expect(j).toMatchObject({ id: DWS_DR, wait: 'succeeded', task: { status: 'running' } })],
  ['jobs show', ['dws', 'jobs', 'show', 'ff80808287d8d4a30187e15ce9b00c1f'], (j) => expect(j.status).toEqual(expect.any(String))],
];

describe.concurrent('dws commands against the Prism mock', () => {
  it.each(commands)('%s exits 0 with JSON on stdout', async (_name, args, check) => {
    const r = await run(args);
    expect(r.code, r.stderr).toBe(0);
    check(parseJson(r.stdout));
  });

  it('dr list renders a table for humans', async () => {
    const r = await hcdr(['--endpoint', prism.url, 'dws', 'dr', 'list'], { env: env() });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^ID\s+NAME\s+STATUS\s+DR_TYPE/);
  });

  it('a wait whose transition does not end in time times out with exit 3 and a resume command', async () => {
    const r = await run(['dws', 'dr', 'wait', DWS_DR, '--until', 'stopped', '--wait-timeout', '1s', '--poll-interval', '200ms', '--header', 'Prefer: example=switchovering']);
    expect(r.code, r.stderr).toBe(3);
    expect(r.stderr).toContain(`Resume waiting with: hcdr dws dr wait ${DWS_DR} --until stopped --endpoint ${prism.url}`);
  });

  it('a wait for a status that only another call reaches ends at once with exit 1 and that call', async () => {
    const r = await run(['dws', 'dr', 'wait', DWS_DR, '--until', 'stopped', '--wait-timeout', '1m', '--poll-interval', '30s', '--header', 'Prefer: example=running']);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toContain(`Run: hcdr dws dr pause ${DWS_DR} --endpoint ${prism.url}`);
  });

  it('a task that turns abnormal while waiting exits 1', async () => {
    const r = await run(['dws', 'dr', 'wait', DWS_DR, '--until', 'running', '--poll-interval', '100ms', '--header', 'Prefer: example=abnormal']);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toContain('abnormal');
  });

  it('DWS.10101 (task not found) is reported with its code, exit 1', async () => {
    const r = await run(['dws', 'dr', 'show', DWS_DR, '--header', 'Prefer: code=400, example=not_found']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/DWS\.10101.*HTTP 400, showDisasterDetail/);
  });
});

describe.concurrent('validation happens before any request (exit 2, flag named)', () => {
  const invalid: [string, string[], RegExp][] = [
    ['name too short', ['dws', 'dr', 'create', ...create.slice(3, 3), '--name', 'abc', '--primary-cluster', 'p', '--standby-cluster', 's', '--sync-period', '5m'], /--name: "abc" must be 4-64 characters long/],
    ['name starts with a digit', ['dws', 'dr', 'check-name', '4dr_name'], /<name>: "4dr_name" must start with a letter/],
    ['name characters', ['dws', 'dr', 'create', '--name', 'video.dr', '--primary-cluster', 'p', '--standby-cluster', 's', '--sync-period', '5m'], /--name: "video\.dr" may contain only letters, digits/],
    ['name too long', ['dws', 'dr', 'check-name', `a${'b'.repeat(64)}`], /<name>: .* must be 4-64 characters long \(got 65\)/],
    ['sync period 0', ['dws', 'dr', 'update', DWS_DR, '--sync-period', '0m'], /--sync-period: "0m" must be a number from 1 to 3000 followed by m/],
    ['sync period 3001', ['dws', 'dr', 'update', DWS_DR, '--sync-period', '3001H'], /--sync-period: "3001H"/],
    ['sync period unit', ['dws', 'dr', 'update', DWS_DR, '--sync-period', '5h'], /--sync-period: "5h"/],
    ['dr type', [...create, '--type', 'zone'], /--type: "zone" must be one of: az, region/],
    ['same cluster twice', ['dws', 'dr', 'create', '--name', 'video_dr', '--primary-cluster', DWS_PRIMARY, '--standby-cluster', DWS_PRIMARY, '--sync-period', '5m'], /--standby-cluster: must be a different cluster/],
    ['missing --standby-az', ['dws', 'dr', 'candidates', '--primary-cluster', DWS_PRIMARY], /--standby-az: is required/],
    ['datastore type', ['dws', 'dr', 'candidates', '--primary-cluster', DWS_PRIMARY, '--standby-az', 'az1', '--datastore-type', 'oracle'], /--datastore-type: "oracle" must be one of: dws, dws3\.0, hybrid/],
    ['need-send-request', ['dws', 'dr', 'delete', DWS_DR, '--yes', '--need-send-request', 'yes'], /--need-send-request: "yes" must be a whole number/],
    ['dr id', ['dws', 'dr', 'show', 'a b'], /<dr-id>: "a b" must be 1-64 letters/],
    ['wait status', ['dws', 'dr', 'wait', DWS_DR, '--until', 'done'], /--until: "done" must be one of: creating/],
    ['poll interval', ['dws', 'dr', 'start', DWS_DR, '--wait', '--poll-interval', '10ms'], /--poll-interval: "10ms" must be between 0\.1s and 600s/],
  ];
  it.each(invalid)('%s', async (_name, args, message) => {
    const r = await hcdr(['--endpoint', closed, ...args], { env: env() });
    expect(r.stderr).toMatch(message);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stdout).toBe('');
  });

  it.each([
    ['switchover', ['dws', 'dr', 'switchover', DWS_DR]],
    ['failover', ['dws', 'dr', 'failover', DWS_DR]],
    ['recover', ['dws', 'dr', 'recover', DWS_DR]],
    ['delete', ['dws', 'dr', 'delete', DWS_DR]],
  ])('dr %s refuses without --yes when stdin is not a terminal', async (_name, args) => {
    const r = await hcdr(['--endpoint', closed, ...args], { env: env() });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--yes: is required to .* when not running in a terminal/);
  });
});

describe('dws dr create / delete against the simulator (they read the live state)', () => {
  let sim: Simulator;
  let url: string;
  const SK = 'dws-create-test-secret-key-0042';
  beforeAll(async () => {
    sim = createSimulator({ credentials: { secretAccessKey: SK }, jobDurationMs: 150 });
    ({ url } = await sim.listen());
  });
  afterAll(() => sim?.close());
  const simRun = (args: string[]) =>
    hcdr(['--endpoint', regional(url), '--region', 'cn-north-4', '-o', 'json', ...args], { env: simulatorEnv(SK), timeoutMs: 30_000 });

  it('create (all options) returns the task id; create --start then starts that same task; again: nothing to do', async () => {
    const first = await simRun([...create, '--type', 'az', '--primary-obs-bucket', 'b1', '--standby-obs-bucket', 'b2']);
    expect(first.code, first.stderr).toBe(0);
    const id = (parseJson(first.stdout) as any).disaster_recovery.id;
    expect(id).toEqual(expect.any(String));
    const started = await simRun([...create, '--start', '--poll-interval', '100ms']);
    expect(started.code, started.stderr).toBe(0);
    expect(parseJson(started.stdout)).toMatchObject({ disaster_recovery: { id }, status: 'running', outcome: 'completed', resumed: true });
    const again = await simRun([...create, '--start']);
    expect(parseJson(again.stdout)).toMatchObject({ disaster_recovery: { id }, outcome: 'already-done' });
    expect(sim.state.dws.tasks).toHaveLength(1);

    const refused = await simRun(['dws', 'dr', 'delete', id, '--yes', '--need-send-request', '1']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('is running; a running task cannot be deleted');
    const deleted = await simRun(['dws', 'dr', 'delete', id, '--yes', '--pause-first', '--wait', '--poll-interval', '100ms']);
    expect(deleted.code, deleted.stderr).toBe(0);
    expect(parseJson(deleted.stdout)).toMatchObject({ status: 'deleted', outcome: 'completed' });
    expect(sim.state.dws.tasks).toHaveLength(0);
  });
});
