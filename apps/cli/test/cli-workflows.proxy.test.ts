// The two DR drills end to end through the BUILT hcdr, with `prism proxy --errors` between the CLI and
// the stateful simulator: Prism validates every request and every simulator response against the specs
// (a violation becomes a 422/500, so the command fails), and the simulator checks every AK/SK signature
// against the bytes it received. Exit 0 on every step therefore means: right workflow, zero violations,
// signed bytes = sent bytes.
import { startPrism } from '@hcdr/mock-servers';
import { createSimulator, type Simulator } from '@hcdr/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DWS_PRIMARY, DWS_STANDBY, hcdr, parseJson, PRIMARY, secretFile, simulatorEnv, STANDBY } from './helpers/cli.js';

const SK = 'proxy-drill-secret-DO-NOT-PRINT';
const PASSWORD = 'Drill#Passw0rd-proxy';

let sim: Simulator;
let proxies: Record<'ap-southeast-1' | 'ap-southeast-3' | 'cn-north-4', Awaited<ReturnType<typeof startPrism>>>;
/** One proxy per region, reached as the cloud's regional endpoints are: HUAWEICLOUD_SDK_REGION_{SERVICE}_{REGION}. */
let env: Record<string, string>;

beforeAll(async () => {
  sim = createSimulator({ credentials: { secretAccessKey: SK }, jobDurationMs: 300 });
  await sim.listen();
  const [a, b, c] = await Promise.all([
    startPrism({ spec: 'geminidb-dr', upstream: sim.endpoint('ap-southeast-1') }),
    startPrism({ spec: 'geminidb-dr', upstream: sim.endpoint('ap-southeast-3') }),
    startPrism({ spec: 'dws-dr', upstream: sim.endpoint('cn-north-4') }),
  ]);
  proxies = { 'ap-southeast-1': a, 'ap-southeast-3': b, 'cn-north-4': c };
  // Prism forwards with the simulator's Host (and the region base path); hcdr signed the proxy's host and the spec path.
  for (const proxy of [a, b, c]) sim.trustSignedHost(new URL(proxy.url).host);
  env = {
    ...simulatorEnv(SK),
    HUAWEICLOUD_SDK_REGION_GAUSSDBFORNOSQL_AP_SOUTHEAST_1: a.url,
    HUAWEICLOUD_SDK_REGION_GAUSSDBFORNOSQL_AP_SOUTHEAST_3: b.url,
    HUAWEICLOUD_SDK_REGION_DWS_CN_NORTH_4: c.url,
  };
});
afterAll(async () => {
  await Promise.all(Object.values(proxies ?? {}).map((p) => p.stop()));
  await sim?.close();
});

/** Runs one step through the proxy and insists on exit 0 (the step's stderr is the failure message). */
async function step(region: keyof typeof proxies, args: string[]): Promise<unknown> {
  const r = await hcdr(['--region', region, '-o', 'json', ...args], { env, timeoutMs: 60_000 });
  expect(r.code, `hcdr ${args.join(' ')}\n${r.stderr}\n${proxies[region].logs().slice(-2000)}`).toBe(0);
  expect(r.stdout + r.stderr).not.toContain(SK);
  expect(r.stdout + r.stderr).not.toContain(PASSWORD);
  return r.stdout.trim() === '' ? undefined : parseJson(r.stdout);
}

const wait = ['--wait', '--poll-interval', '100ms'];

describe('drills through prism proxy --errors in front of the simulator', () => {
  it('GeminiDB: pair → status → planned switchover → failover → unpair', async () => {
    const passwordFile = secretFile('proxy-dr-password', `${PASSWORD}\n`);
    const pair = (await step('ap-southeast-1', [
      'geminidb', 'dr', 'pair',
      '--primary', PRIMARY, '--primary-region', 'ap-southeast-1', '--primary-subnet-cidr', '10.0.1.0/24', '--primary-vpc-cidr', '10.0.0.0/16',
      '--standby', STANDBY, '--standby-region', 'ap-southeast-3', '--standby-subnet-cidr', '10.1.1.0/24', '--standby-vpc-cidr', '10.1.0.0/16',
      '--alias', 'proxy-drill', '--password-file', passwordFile, '--poll-interval', '100ms',
    ])) as { status: string };
    expect(pair.status).toBe('active');
    expect(await step('ap-southeast-1', ['geminidb', 'dr', 'status', PRIMARY])).toMatchObject({ status: 'SYNCING', master_instance_id: PRIMARY });

    // Planned switchover: demote the primary, then promote the standby.
    await step('ap-southeast-1', ['geminidb', 'dr', 'demote', PRIMARY, '--yes', ...wait]);
    await step('ap-southeast-3', ['geminidb', 'dr', 'promote', STANDBY, '--yes', ...wait]);
    expect(await step('ap-southeast-3', ['geminidb', 'dr', 'role', STANDBY])).toMatchObject({ role: 'master' });

    // Failover back to the original primary (now the standby), as when the active site is lost.
    await step('ap-southeast-1', ['geminidb', 'dr', 'failover', PRIMARY, '--yes', ...wait]);
    expect(await step('ap-southeast-1', ['geminidb', 'dr', 'role', PRIMARY])).toMatchObject({ role: 'master' });

    // The lost site comes back (repaired), then the relationship is torn down on both sides.
    sim.recoverGeminiDbInstance(STANDBY);
    await step('ap-southeast-1', [
      'geminidb', 'dr', 'unpair', '--primary', PRIMARY, '--primary-region', 'ap-southeast-1',
      '--standby', STANDBY, '--standby-region', 'ap-southeast-3', '--poll-interval', '100ms', '--yes',
    ]);
    const instances = (await step('ap-southeast-1', ['geminidb', 'instances', 'list'])) as { instances: { id: string; dr_instance_id?: string }[] };
    expect(instances.instances.find((i) => i.id === PRIMARY)?.dr_instance_id).toBeFalsy();
    // Ten hcdr runs through two regional proxies: generous on a shared, loaded machine.
  }, 120_000);

  it('DWS: create → start → switchover → pause → delete', async () => {
    type Done = { disaster_recovery: { id: string }; status: string; outcome: string; primary_cluster_id?: string };
    const created = (await step('cn-north-4', [
      'dws', 'dr', 'create', '--name', 'proxy_drill', '--primary-cluster', DWS_PRIMARY, '--standby-cluster', DWS_STANDBY, '--sync-period', '20m', ...wait,
    ])) as Done;
    const id = created.disaster_recovery.id;
    expect(created).toMatchObject({ outcome: 'completed', status: 'unstart' });
    expect(await step('cn-north-4', ['dws', 'dr', 'start', id, ...wait])).toMatchObject({ wait: 'succeeded', task: { status: 'running' } });
    const switched = (await step('cn-north-4', ['dws', 'dr', 'switchover', id, '--yes', ...wait])) as Done;
    expect(switched).toMatchObject({ outcome: 'completed', status: 'running' });
    // A switchover swaps the roles: the former standby cluster is now the primary.
    expect(switched.primary_cluster_id).toBe(DWS_STANDBY);
    expect(await step('cn-north-4', ['dws', 'dr', 'pause', id, ...wait])).toMatchObject({ outcome: 'completed', status: 'stopped' });
    expect(await step('cn-north-4', ['dws', 'dr', 'delete', id, '--yes', ...wait])).toMatchObject({ outcome: 'completed', status: 'deleted' });
    const list = (await step('cn-north-4', ['dws', 'dr', 'list'])) as { disaster_recovery: { id: string }[] };
    expect(list.disaster_recovery.map((t) => t.id)).not.toContain(id);
  });
});
