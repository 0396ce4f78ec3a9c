// The alert rules and the Grafana dashboard shipped in packages/dr-ops/monitoring, checked against
// real scrapes of a running exporter over a simulated 45-minute incident (helpers/scenario.ts):
// - every PromQL expression parses with Prometheus' grammar and selects series that exist;
// - promtool (Prometheus' own tool, when installed: CI installs it) validates the rule file and
//   evaluates every rule over the scraped series, with the exact set of firing alerts asserted.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectOf } from './helpers/fleet.js';
import { checkAgainstScrapes } from './helpers/promql.js';
import { recordScenario, SCENARIO_REGIONS, UNREACHABLE_REGION, type Scenario } from './helpers/scenario.js';
import type { Sample } from './helpers/scrape.js';

const MONITORING_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../monitoring');
const RULES_FILE = join(MONITORING_DIR, 'hcdr-dr-alerts.yml');
const DASHBOARD_FILE = join(MONITORING_DIR, 'hcdr-dr-dashboard.json');
/** Grafana's reference to the dashboard's data-source variable. */
const DATASOURCE_VARIABLE = ['$', '{datasource}'].join('');

interface Rule {
  alert: string;
  expr: string;
  for?: string;
  labels: { severity: string };
  annotations: { summary: string; description: string };
}
const rules: Rule[] = (parse(readFileSync(RULES_FILE, 'utf8')) as { groups: { rules: Rule[] }[] }).groups.flatMap((g) => g.rules);

function promtool(): string | undefined {
  try {
    execFileSync('promtool', ['--version'], { stdio: 'ignore' });
    return 'promtool';
  } catch {
    return undefined;
  }
}
const PROMTOOL = promtool();

let scenario: Scenario;
beforeAll(async () => {
  scenario = await recordScenario();
}, 240_000);
afterAll(async () => {
  await scenario?.close();
});

describe('alert rules (monitoring/hcdr-dr-alerts.yml)', () => {
  it('covers lag above RPO, sync paused, task not running, scope stale and role flips, each with severity and text', () => {
    expect(rules.map((r) => r.alert)).toEqual(
      expect.arrayContaining([
        'HcdrGeminiDbLagAboveRpoObjective',
        'HcdrGeminiDbSyncPaused',
        'HcdrGeminiDbNotSyncing',
        'HcdrGeminiDbInstanceAbnormal',
        'HcdrGeminiDbRoleFlip',
        'HcdrDwsTaskNotRunning',
        'HcdrDwsRpoAboveObjective',
        'HcdrDwsRoleFlip',
        'HcdrScopeStale',
      ]),
    );
    for (const r of rules) {
      expect(['critical', 'warning'], r.alert).toContain(r.labels.severity);
      expect(r.annotations.summary.length, r.alert).toBeGreaterThan(10);
      expect(r.annotations.description.length, r.alert).toBeGreaterThan(20);
    }
  });

  it('selects only metrics and label values the exporter really exports', () => {
    for (const r of rules) expect(checkAgainstScrapes(r.expr, scenario.scrapes), r.alert).toEqual([]);
  });

  it('would catch a typo in a metric or a label value', () => {
    expect(checkAgainstScrapes('hcdr_geminidb_dr_lag_second > 1', scenario.scrapes)).toEqual(['hcdr_geminidb_dr_lag_second: no such metric in the scrapes']);
    expect(checkAgainstScrapes('hcdr_dws_dr_task_status{status="Running"} == 0', scenario.scrapes)).toEqual([
      'hcdr_dws_dr_task_status{status="Running"} matches no scraped series',
    ]);
    expect(checkAgainstScrapes('sum by (zone) (hcdr_scope_up)', scenario.scrapes)).toEqual(['grouping label zone is on none of the selected metrics']);
    expect(checkAgainstScrapes('hcdr_scope_up{', scenario.scrapes)[0]).toMatch(/^parse error/);
  });

  // Skipped only where promtool is not installed (CI installs the Debian prometheus package).
  describe.skipIf(!PROMTOOL)('evaluated by promtool over the scraped series', () => {
    it('promtool check metrics accepts a full scrape (exposition format and naming conventions)', () => {
      const text = scenario.scrapes.at(-1)!.text;
      expect(text).toContain('hcdr_dws_dr_task_status{');
      const r = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
      const findings = `${r.stdout}${r.stderr}`.split('\n').filter(Boolean);
      // It parses; the only lint findings are prom-client's own Node.js gauges named *_total.
      expect(findings.filter((l) => !/^nodejs_active_\w+_total non-counter metrics should not have "_total" suffix$/.test(l))).toEqual([]);
      expect(findings.length).toBeLessThanOrEqual(3);
    });

    it('promtool check rules accepts the file', () => {
      const out = execFileSync('promtool', ['check', 'rules', RULES_FILE], { encoding: 'utf8' });
      expect(out).toContain(`SUCCESS: ${rules.length} rules found`);
    });

    it('fires exactly for the resources in trouble, at the expected times', () => {
      const { fleet, scrapes } = scenario;
      const [paused, switched, failedOver] = fleet.pairs;
      const [stopped, dwsSwitched] = fleet.tasks;
      const gdb = (instanceId: string, extra: Record<string, string> = {}) => {
        const s = scrapes[0]!.find('hcdr_geminidb_dr_info', { instance_id: instanceId })[0]!.labels;
        return { dr_id: s.dr_id!, instance_id: instanceId, region: s.region!, ...extra };
      };
      const dws = (id: string, region: string, extra: Record<string, string> = {}) => ({ dr_id: id, region, ...extra });
      const scope = (service: string, region: string) => ({ service, region, project_id: projectOf(region) });
      const at = (minute: number, expected: Record<string, Record<string, string>[]>) => ({ minute, expected });

      const checks = [
        // Before anything goes wrong only the unreachable scope is (not yet long enough) stale: nothing fires.
        at(4, {}),
        // Minute 10: the switchover (both sides), the failover (both sides) and the DWS switchover (both clusters) flipped roles.
        at(10, {
          HcdrGeminiDbRoleFlip: [
            gdb(switched!.primary, { role: 'master' }),
            gdb(switched!.standby, { role: 'master' }),
            gdb(failedOver!.primary, { role: 'master' }),
            gdb(failedOver!.standby, { role: 'master' }),
          ],
          HcdrDwsRoleFlip: [
            dws(dwsSwitched!.id, dwsSwitched!.region, { cluster_id: dwsSwitched!.primaryClusterId, role: 'primary' }),
            dws(dwsSwitched!.id, dwsSwitched!.region, { cluster_id: dwsSwitched!.standbyClusterId, role: 'primary' }),
          ],
          HcdrScopeStale: [scope('geminidb', UNREACHABLE_REGION)],
        }),
        at(44, {
          HcdrGeminiDbLagAboveRpoObjective: [gdb(paused!.primary)],
          HcdrGeminiDbSyncPaused: [gdb(paused!.primary), gdb(paused!.standby)],
          HcdrGeminiDbNotSyncing: [gdb(failedOver!.primary, { status: 'SYNCING' }), gdb(failedOver!.standby, { status: 'SYNCING' })],
          HcdrGeminiDbInstanceAbnormal: [gdb(failedOver!.primary)],
          HcdrDwsTaskNotRunning: [dws(stopped!.id, stopped!.region, { status: 'running' })],
          HcdrDwsRpoAboveObjective: [dws(stopped!.id, stopped!.region)],
          HcdrScopeStale: [scope('geminidb', UNREACHABLE_REGION), ...SCENARIO_REGIONS.map((r) => scope('dws', r))],
        }),
      ];
      const out = runPromtoolTest(scenario, rules, checks);
      expect(out).toContain('SUCCESS');
    });
  });
});

describe('Grafana dashboard (monitoring/hcdr-dr-dashboard.json)', () => {
  interface Panel {
    id: number;
    type: string;
    title: string;
    gridPos: { h: number; w: number; x: number; y: number };
    datasource: { type: string; uid: string };
    targets: { refId: string; expr: string }[];
  }
  const dashboard = JSON.parse(readFileSync(DASHBOARD_FILE, 'utf8')) as {
    uid: string;
    title: string;
    schemaVersion: number;
    panels: Panel[];
    templating: { list: { name: string; type: string; query: unknown; definition?: string }[] };
  };

  it('is a well-formed dashboard: unique ids, panels on the 24-column grid, every target on the chosen Prometheus', () => {
    expect(dashboard.uid).toBe('hcdr-dr');
    expect(dashboard.schemaVersion).toBeGreaterThanOrEqual(36);
    const vars = dashboard.templating.list.map((v) => v.name);
    expect(vars).toEqual(['datasource', 'region']);
    const ids = dashboard.panels.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const p of dashboard.panels) {
      expect(['stat', 'timeseries', 'table'], p.title).toContain(p.type);
      expect(p.gridPos.x + p.gridPos.w, p.title).toBeLessThanOrEqual(24);
      expect(p.datasource, p.title).toEqual({ type: 'prometheus', uid: DATASOURCE_VARIABLE });
      expect(p.targets.length, p.title).toBeGreaterThan(0);
      expect(new Set(p.targets.map((t) => t.refId)).size, p.title).toBe(p.targets.length);
    }
  });

  it('queries only metrics and label values the exporter exports', () => {
    const withVars = (expr: string) => expr.replaceAll('$region', '.*');
    for (const p of dashboard.panels) {
      for (const t of p.targets) expect(checkAgainstScrapes(withVars(t.expr), scenario.scrapes), `${p.title}: ${t.expr}`).toEqual([]);
    }
    const regionQuery = dashboard.templating.list.find((v) => v.name === 'region')!.definition!;
    expect(regionQuery).toBe('label_values(hcdr_scope_up, region)');
    expect(checkAgainstScrapes('hcdr_scope_up', scenario.scrapes)).toEqual([]);
  });

  it('shows every exported hcdr metric family somewhere (nothing exported goes unseen)', () => {
    const exprs = dashboard.panels.flatMap((p) => p.targets.map((t) => t.expr)).join('\n') + rules.map((r) => r.expr).join('\n');
    const families = [...scenario.scrapes.at(-1)!.families.keys()].filter((n) => n.startsWith('hcdr_'));
    const unseen = families.filter((f) => !exprs.includes(f));
    // Facts for tables and ad-hoc queries, not for a panel of their own.
    expect(unseen.sort()).toEqual(['hcdr_dws_dr_info', 'hcdr_geminidb_dr_info', 'hcdr_scope_last_poll_timestamp_seconds']);
  });
});

/** Writes the scraped series as promtool input (timestamps rebased so that time() = minutes since start) and runs `promtool test rules`. */
function runPromtoolTest(s: Scenario, allRules: Rule[], checks: { minute: number; expected: Record<string, Record<string, string>[]> }[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'hcdr-promtool-'));
  // Annotations are templates of values; the test asserts which alerts fire with which labels.
  const stripped = { groups: [{ name: 'hcdr-dr', rules: allRules.map(({ annotations: _a, ...r }) => r) }] };
  writeFileSync(join(dir, 'rules.yml'), stringify(stripped));
  const series = new Map<string, (number | undefined)[]>();
  const minutes = s.scrapes.length;
  s.scrapes.forEach((scrape, minute) => {
    // The rules use hcdr_* series only; Node.js process metrics would only make the file large.
    for (const sample of scrape.samples.filter((x) => x.name.startsWith('hcdr_'))) {
      const key = seriesText(sample);
      const values = series.get(key) ?? new Array<number | undefined>(minutes).fill(undefined);
      values[minute] = sample.name.endsWith('_timestamp_seconds') ? sample.value - s.startMs / 1000 : sample.value;
      series.set(key, values);
    }
  });
  const input_series = [...series].map(([key, values]) => ({ series: key, values: values.map((v) => (v === undefined ? '_' : String(v))).join(' ') }));
  const tests = {
    rule_files: ['rules.yml'],
    evaluation_interval: '1m',
    tests: [
      {
        interval: '1m',
        input_series,
        alert_rule_test: checks.flatMap(({ minute, expected }) =>
          allRules.map((r) => ({
            eval_time: `${minute}m`,
            alertname: r.alert,
            exp_alerts: (expected[r.alert] ?? []).map((labels) => ({ exp_labels: { ...labels, severity: r.labels.severity } })),
          })),
        ),
      },
    ],
  };
  writeFileSync(join(dir, 'test.yml'), stringify(tests));
  try {
    return execFileSync('promtool', ['test', 'rules', 'test.yml'], { cwd: dir, encoding: 'utf8' });
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string };
    throw new Error(`promtool test rules failed:\n${e.stdout ?? ''}${e.stderr ?? ''}`);
  }
}

function seriesText(s: Sample): string {
  const labels = Object.entries(s.labels).map(([k, v]) => `${k}="${v.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`);
  return `${s.name}{${labels.join(',')}}`;
}
