import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DrillPlanError, loadDrillPlan, loadSchema, parseDrillPlan, type PlanProblem } from '../../src/drills/index.ts';

const GEMINIDB = `version: 1
name: redis-video-quarterly
service: geminidb                 # or dws
target:                           # geminidb: the two instances as they are now
  primary: { instance: a1b2c3d4e5f64a7b8c9d0e1f2a3b4c5din12, region: ap-southeast-1 }
  standby: { instance: f0e1d2c3b4a54968a7b6c5d4e3f2a1b0in12, region: ap-southeast-3 }
scenario: switchover-and-back
objectives: { rto: 10m, rpo: 1m }
hold: 30s
`;

const DWS = `version: 1
name: dws-prod-drill
service: dws
target: { task: 9f1c2d3e-4b5a-4c6d-8e7f-0a1b2c3d4e5f, region: cn-north-4, profile: dr-account }
scenario: switchover-and-back
objectives: { rto: 15m, rpo: 30m }
`;

function problemsOf(text: string): PlanProblem[] {
  try {
    parseDrillPlan(text, 'plan.yaml');
  } catch (error) {
    expect(error).toBeInstanceOf(DrillPlanError);
    return [...(error as DrillPlanError).problems];
  }
  throw new Error('the plan was accepted');
}

describe('drill plans', () => {
  it('accepts the issue example exactly as written and resolves durations and defaults', () => {
    const resolved = parseDrillPlan(GEMINIDB);
    expect(resolved.plan.service).toBe('geminidb');
    expect(resolved.objectives).toEqual({ rtoMs: 600_000, rpoMs: 60_000 });
    expect(resolved.holdMs).toBe(30_000);
    expect(resolved.pollIntervalMs).toBe(5_000);
    expect(resolved.abort).toEqual({ maxLagMs: 60_000, onReadinessWarning: 'continue' });
    expect(resolved.budgetsMs.switchover).toBe(1_800_000);
    expect(resolved.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('accepts a DWS task target with a profile, and the extensions (abort, budgets, labels)', () => {
    const resolved = parseDrillPlan(`${DWS}hold: 1h30m\nabort: { max_lag: 45m, on_readiness_warning: abort }\nbudgets: { switchover: 20m }\nlabels: { ticket: CHG-1 }\npoll_interval: 500ms\n`);
    expect(resolved.plan.service === 'dws' && resolved.plan.target.task).toBe('9f1c2d3e-4b5a-4c6d-8e7f-0a1b2c3d4e5f');
    expect(resolved.holdMs).toBe(5_400_000);
    expect(resolved.abort).toEqual({ maxLagMs: 2_700_000, onReadinessWarning: 'abort' });
    expect(resolved.budgetsMs.switchover).toBe(1_200_000);
    expect(resolved.pollIntervalMs).toBe(500);
  });

  it('accepts failover-and-recovery for DWS only with confirm_failover: true', () => {
    const failover = DWS.replace('switchover-and-back', 'failover-and-recovery');
    expect(problemsOf(failover)).toEqual([{ field: 'confirm_failover', message: 'is required', line: undefined }]);
    expect(problemsOf(`${failover}confirm_failover: false\n`)).toEqual([{ field: 'confirm_failover', message: 'must be true', line: 7 }]);
    expect(parseDrillPlan(`${failover}confirm_failover: true\n`).plan.scenario).toBe('failover-and-recovery');
    expect(problemsOf(`${GEMINIDB.replace('switchover-and-back', 'failover-and-recovery')}confirm_failover: true\n`)).toContainEqual({ field: 'service', message: 'must be "dws"', line: 3 });
  });

  it.each([
    ['a bare number as a duration', GEMINIDB.replace('rto: 10m', 'rto: 10'), 'objectives.rto', /duration with units/, 8],
    ['a duration without a unit it knows', GEMINIDB.replace('hold: 30s', 'hold: 30 sec'), 'hold', /duration with units/, 9],
    ['a misspelt key', GEMINIDB.replace('primary: {', 'primry: {'), 'target.primry', /not a known field/, 5],
    ['an unknown scenario', GEMINIDB.replace('switchover-and-back', 'chaos'), 'scenario', /one of: switchover-and-back, failover-and-recovery/, 7],
    ['an unknown service', GEMINIDB.replace('service: geminidb', 'service: redis'), 'service', /one of: geminidb, dws/, 3],
    ['a bad region', GEMINIDB.replace('region: ap-southeast-3', 'region: Mars'), 'target.standby.region', /must match/, 6],
    ['an instance id with a slash', GEMINIDB.replace('instance: f0e1', 'instance: ../f0e1'), 'target.standby.instance', /must match/, 6],
    ['the same instance twice', GEMINIDB.replace('f0e1d2c3b4a54968a7b6c5d4e3f2a1b0in12', 'a1b2c3d4e5f64a7b8c9d0e1f2a3b4c5din12'), 'target.standby.instance', /must differ/, 6],
    ['a DWS target on a GeminiDB plan', GEMINIDB.replace(/target:[\s\S]*?scenario/, 'target: { task: abc, region: cn-north-4 }\nscenario'), 'target.primary', /is required/, 4],
    ['a wrong version', GEMINIDB.replace('version: 1', 'version: 2'), 'version', /must be 1/, 1],
    ['an objective of zero', GEMINIDB.replace('rpo: 1m', 'rpo: 0s'), 'objectives.rpo', /at least/, 8],
    ['a poll interval too short', `${GEMINIDB}poll_interval: 10ms\n`, 'poll_interval', /at least 100 ms/, 10],
  ])('refuses %s, naming the field and its line', (_what, text, field, message, line) => {
    const problems = problemsOf(text);
    const problem = problems.find((p) => p.field === field);
    expect(problem, JSON.stringify(problems)).toBeDefined();
    expect(problem?.message).toMatch(message);
    expect(problem?.line).toBe(line);
  });

  it('reports every problem at once, and a missing required key at the document level', () => {
    const problems = problemsOf('version: 1\nname: x\n');
    expect(problems.map((p) => p.field).sort()).toEqual(['objectives', 'scenario', 'service', 'target']);
  });

  it('refuses YAML syntax errors and duplicate keys with their line', () => {
    expect(problemsOf(`${GEMINIDB}hold: 1m\n`)).toEqual([expect.objectContaining({ field: '(yaml)', message: expect.stringMatching(/unique/), line: 10 })]);
    expect(problemsOf('version: 1\nname: [unclosed\n')[0]?.field).toBe('(yaml)');
    expect(problemsOf('- just\n- a list\n')).toEqual([expect.objectContaining({ field: '(document)', message: 'must be a mapping (key: value)' })]);
  });

  it('loads a plan file and names a missing file', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'hcdr-plan-'));
    const file = path.join(dir, 'drill.yaml');
    await writeFile(file, GEMINIDB);
    expect((await loadDrillPlan(file)).plan.name).toBe('redis-video-quarterly');
    await expect(loadDrillPlan(path.join(dir, 'nope.yaml'))).rejects.toThrow(/nope\.yaml:\n {2}\(file\): does not exist/);
  });

  it('ships the JSON Schema, loadable by name', () => {
    const schema = loadSchema('drill-plan.v1.schema.json');
    expect(schema.$id).toBe('urn:hcdr:schema:drill-plan:v1');
    expect(schema.required).toEqual(['version', 'name', 'service', 'target', 'scenario', 'objectives']);
  });
});
