// `hcdr exporter` and `hcdr status` end to end: the built binary against the simulator with a DR
// pair and a DWS task (built through the API), credentials from a mode-600 file named in the config.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDwsClient } from '@hcdr/dws';
import { createGeminiDbClient } from '@hcdr/geminidb';
import { createSimulator, DEFAULT_GEMINIDB_INSTANCES, defaultProjectId as P, type Simulator } from '@hcdr/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closedPort, DWS_PRIMARY, DWS_STANDBY, hcdr, parseJson, PRIMARY, registerSecret, secretFile, STANDBY } from './helpers/cli.js';

const SK = 'monitoring-cli-test-sk-3c9f1e77';
registerSecret(SK);

let sim: Simulator;
/** Every region's endpoint: the simulator serves each region under `/{region}`, each with its own project (`P(region)`). */
let url: string;
let credentials: string;
let dwsTaskId: string;
const requests: string[] = [];

function configFile(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'hcdr-exporter-config-'));
  const path = join(dir, 'exporter.yaml');
  writeFileSync(path, text);
  return path;
}
const scopes = () => `scopes:
  - { service: geminidb, region: ap-southeast-1, project_id: ${P('ap-southeast-1')}, endpoint: "${url}", credentials_file: ${credentials} }
  - { service: dws, region: cn-north-4, project_id: ${P('cn-north-4')}, endpoint: "${url}", credentials_file: ${credentials} }
`;

beforeAll(async () => {
  sim = createSimulator({ credentials: { secretAccessKey: SK }, jobDurationMs: 50, log: (l) => requests.push(l) });
  url = `${(await sim.listen()).url}/{region}`;
  credentials = secretFile('credentials.env', `HUAWEICLOUD_SDK_AK=${sim.credentials.accessKeyId}\nHUAWEICLOUD_SDK_SK=${SK}\n`);
  const common = { endpoint: url, credentials: { accessKeyId: sim.credentials.accessKeyId, secretAccessKey: SK }, env: {} };
  // A GeminiDB pair (the simulator's two seeds in two regions) and a running DWS task.
  const [a, b] = [DEFAULT_GEMINIDB_INSTANCES[0]!, DEFAULT_GEMINIDB_INSTANCES[1]!];
  const gA = createGeminiDbClient({ ...common, region: a.region, projectId: P(a.region) });
  const gB = createGeminiDbClient({ ...common, region: b.region, projectId: P(b.region) });
  const pre = (p: typeof a) => ({ operation: 'construction' as const, disaster_recovery_instance: { vpc_cidr: p.vpcCidr, spec_code: 'geminidb.redis.xlarge.4', node_ips: [...p.nodeIps] } });
  await gA.checkDisasterRecoveryOperation({ instance_id: a.id, body: pre(b) });
  await gB.checkDisasterRecoveryOperation({ instance_id: b.id, body: pre(a) });
  const peer = (p: typeof a) => ({ id: p.id, region_code: p.region, subnet_cidrs: [p.subnetCidr], node_ips: [...p.nodeIps] });
  const made = await gA.createDisasterRecovery({ instance_id: a.id, body: { alias: 'mon', password: 'Pw-for-monitoring-1', instance_role: 'master', disaster_recovery_instance: peer(b) } });
  await gB.createDisasterRecovery({ instance_id: b.id, body: { id: made.disaster_recovery_id, alias: 'mon', password: 'Pw-for-monitoring-1', instance_role: 'slave', disaster_recovery_instance: peer(a) } });
  const dws = createDwsClient({ ...common, region: 'cn-north-4', projectId: P('cn-north-4') });
  const task = await dws.createDisasterRecovery({
    body: { disaster_recovery: { name: 'mon_task', dr_type: 'az', primary_cluster_id: DWS_PRIMARY, standby_cluster_id: DWS_STANDBY, dr_sync_period: '10m' } },
  });
  dwsTaskId = task.disaster_recovery.id;
  await new Promise((r) => setTimeout(r, 150));
  await dws.startDisasterRecovery({ disaster_recovery_id: dwsTaskId });
  await new Promise((r) => setTimeout(r, 150));
});
afterAll(async () => {
  await sim?.close();
});

describe('hcdr exporter', () => {
  it('serves /metrics and /healthz on the given address until SIGTERM, then exits 0', async () => {
    const config = configFile(`interval: 5s\n${scopes()}`);
    const listen = (await closedPort()).replace('http://', '');
    let metrics = '';
    let health: { scopes: { up: boolean | null }[] } | undefined;
    const run = hcdr(['exporter', '--config', config, '--listen', listen], {
      timeoutMs: 30_000,
      onSpawn: (child) => {
        void (async () => {
          for (let i = 0; i < 200; i++) {
            await new Promise((r) => setTimeout(r, 100));
            try {
              health = (await (await fetch(`http://${listen}/healthz`)).json()) as typeof health;
              metrics = await (await fetch(`http://${listen}/metrics`)).text();
              if (health?.scopes.every((s) => s.up === true)) break;
            } catch {
              // not listening yet
            }
          }
          child.kill('SIGTERM');
        })();
      },
    });
    const result = await run;
    expect(result.code).toBe(0);
    expect(health?.scopes.map((s) => s.up)).toEqual([true, true]);
    expect(metrics).toMatch(new RegExp(`hcdr_geminidb_instance_role\\{dr_id="[^"]+",instance_id="${PRIMARY}",region="ap-southeast-1",role="master"\\} 1`));
    expect(metrics).toMatch(new RegExp(`hcdr_geminidb_dr_lag_seconds\\{dr_id="[^"]+",instance_id="${PRIMARY}",region="ap-southeast-1"\\} \\d+\\n`));
    expect(metrics).toContain(`hcdr_dws_dr_task_status{dr_id="${dwsTaskId}",region="cn-north-4",status="running"} 1`);
    expect(metrics).toContain(`hcdr_scope_up{service="dws",region="cn-north-4",project_id="${P('cn-north-4')}"} 1`);
    expect(result.stderr).toContain(`hcdr exporter: listening on http://${listen} (/metrics, /healthz)`);
    expect(result.stderr).toMatch(/geminidb ap-southeast-1 \(project [0-9a-f]+\): 1 DR resource\(s\), first poll took/);
    expect(result.stderr).toContain('hcdr exporter: stopped');
  });

  it('--check resolves every scope and exits without sending anything', async () => {
    const before = requests.length;
    const result = await hcdr(['exporter', '--config', configFile(scopes()), '--check', '-o', 'json']);
    expect(result.code).toBe(0);
    expect(parseJson(result.stdout)).toEqual([
      { service: 'geminidb', region: 'ap-southeast-1', project_id: P('ap-southeast-1'), interval: '30s', rpo_objective: 'default' },
      { service: 'dws', region: 'cn-north-4', project_id: P('cn-north-4'), interval: '30s', rpo_objective: 'default' },
    ]);
    expect(requests.length).toBe(before);
  });

  it('names every bad field of the config (exit 2) and never echoes a secret put in it', async () => {
    const result = await hcdr(['exporter', '--config', configFile(`interval: often\nscopes:\n  - { service: geminidb, region: ap-southeast-1 }\n  - { service: dws, region: Beijing, sk: ${SK}-in-config }\n`)]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('interval: must be a duration such as 30s or 1m');
    expect(result.stderr).toContain('scopes[1].region: must be a region ID such as ap-southeast-1');
    expect(result.stderr).toMatch(/scopes\[1\]\.sk: secrets are never read from this file/);
    expect(result.stderr).not.toContain(`${SK}-in-config`);
  });

  it('refuses a listen address without a host (exit 2) and a scope without credentials (exit 4)', async () => {
    const bad = await hcdr(['exporter', '--config', configFile(scopes()), '--listen', ':9464']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--listen: ":9464" must be host:port');
    const noCreds = await hcdr(['exporter', '--config', configFile(`scopes:\n  - { service: dws, region: cn-north-4, project_id: ${P('cn-north-4')}, endpoint: "${url}" }\n`), '--check']);
    expect(noCreds.code).toBe(4);
    expect(noCreds.stderr).toMatch(/scopes\[0\]: dws cn-north-4 [0-9a-f]+: .*credentials/i);
  });
});

describe('hcdr status', () => {
  it('--all --config lists every relationship and task, problems first', async () => {
    const dws = createDwsClient({ endpoint: url, projectId: P('cn-north-4'), region: 'cn-north-4', credentials: { accessKeyId: sim.credentials.accessKeyId, secretAccessKey: SK }, env: {} });
    await dws.pauseDisasterRecovery({ disaster_recovery_id: dwsTaskId });
    await new Promise((r) => setTimeout(r, 150));
    try {
      const json = await hcdr(['status', '--all', '--config', configFile(scopes()), '-o', 'json']);
      expect(json.code).toBe(0);
      const report = parseJson(json.stdout) as { resources: { service: string; id: string; state: string; problems: { code: string }[] }[]; problems: { critical: number } };
      expect(report.resources.map((r) => [r.service, r.id, r.state])).toEqual([
        ['dws', dwsTaskId, 'stopped'],
        ['geminidb', PRIMARY, 'SYNCING'],
      ]);
      expect(report.resources[0]!.problems.map((p) => p.code)).toEqual(['task-not-running']);
      expect(report.problems.critical).toBe(1);

      const table = await hcdr(['status', '--all', '--config', configFile(scopes())]);
      expect(table.code).toBe(0);
      const lines = table.stdout.trim().split('\n');
      expect(lines[1]).toMatch(new RegExp(`^✖\\s+dws\\s+cn-north-4\\s+${dwsTaskId}.*task is stopped, not running`));
      expect(lines[2]).toMatch(new RegExp(`^✔\\s+geminidb\\s+ap-southeast-1\\s+${PRIMARY}\\s+\\S+\\s+master\\s+SYNCING`));
      expect(table.stderr).toContain('2 resource(s) in 2 scope(s): 1 critical, 0 warning(s)');
    } finally {
      await dws.startDisasterRecovery({ disaster_recovery_id: dwsTaskId });
      await new Promise((r) => setTimeout(r, 150));
    }
  });

  it('--all without a config takes every profile of the profile file', async () => {
    const profiles = secretFile(
      'config.json',
      JSON.stringify({
        profiles: {
          sg: { region: 'ap-southeast-3', project_id: P('ap-southeast-3'), access_key_id: sim.credentials.accessKeyId, secret_access_key: SK },
          bj: { region: 'cn-north-4', project_id: P('cn-north-4'), access_key_id: sim.credentials.accessKeyId, secret_access_key: SK },
        },
      }),
    );
    const result = await hcdr(['status', '--all', '--config-file', profiles, '--endpoint', url, '-o', 'json']);
    expect(result.code).toBe(0);
    const report = parseJson(result.stdout) as { scopes: { service: string; region: string; ok: boolean }[]; resources: { id: string }[] };
    expect(report.scopes.map((s) => `${s.service}/${s.region}/${s.ok}`).sort()).toEqual(['dws/ap-southeast-3/true', 'dws/cn-north-4/true', 'geminidb/ap-southeast-3/true', 'geminidb/cn-north-4/true']);
    expect(report.resources.map((r) => r.id).sort()).toEqual([STANDBY, dwsTaskId].sort());

    const unknown = await hcdr(['status', '--all', '--config-file', profiles, '--profiles', 'sg,nope', '--endpoint', url]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('profiles.nope: no such profile (known: bj, sg)');
  });
});
