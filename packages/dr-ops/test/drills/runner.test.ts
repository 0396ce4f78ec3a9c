// The runner's phase, abort, rollback and resume logic over an in-memory pair on a manual clock.
import { createManualClock } from '@hcdr/simulator';
import { describe, expect, it } from 'vitest';
import {
  buildDrillReport,
  DrillInterruptedError,
  DrillResumeMismatchError,
  manualDrillClock,
  MemoryDrillJournal,
  parseDrillPlan,
  runDrill,
  validateDrillReport,
  type DrillRunResult,
  type RunDrillOptions,
} from '../../src/drills/index.ts';
import { FakePair } from './helpers/fake-target.ts';

const PLAN = `version: 1
name: fake-drill
service: geminidb
target:
  primary: { instance: inst-a, region: ap-southeast-1 }
  standby: { instance: inst-b, region: ap-southeast-3 }
scenario: switchover-and-back
objectives: { rto: 10m, rpo: 1m }
hold: 30s
poll_interval: 5s
sample_interval: 10s
`;

function setup(planText = PLAN, pairOptions: ConstructorParameters<typeof FakePair>[1] = {}) {
  const manual = createManualClock(Date.parse('2026-03-02T09:00:00.000Z'));
  const pair = new FakePair(manual, pairOptions);
  const plan = parseDrillPlan(planText);
  const options = (extra: Partial<RunDrillOptions> = {}): RunDrillOptions => ({
    plan,
    target: pair,
    clock: manualDrillClock(manual),
    tool: { name: 'hcdr', version: '0.0.0-test' },
    operator: 'tester',
    host: 'test-host',
    ...extra,
  });
  const report = (result: DrillRunResult) =>
    buildDrillReport({ plan, result, targets: { service: 'geminidb', regions: [], task: null, sides: [] }, target: pair, tool: { name: 'hcdr', version: '0' }, operator: 'tester', host: 'test-host', now: manual.now() });
  return { manual, pair, plan, options, report };
}

const names = (r: DrillRunResult) => r.progress.phases.map((p) => `${p.name}:${p.status}`);

describe('drill runner', () => {
  it('switchover-and-back: every phase passes, RTO is the job time to within one poll, roles are back', async () => {
    const { pair, options, report } = setup();
    const result = await runDrill(options());
    expect(names(result)).toEqual(['preflight:passed', 'switchover:passed', 'verify-switched:passed', 'hold:passed', 'failback:passed', 'verify-restored:passed', 'postflight:passed']);
    expect(result.verdict).toBe('passed');
    expect(pair.calls.filter((c) => c.startsWith('switch'))).toEqual(['switch→inst-b', 'switch→inst-a']);
    const doc = report(result);
    expect(validateDrillReport(doc)).toEqual([]);
    const job = pair.jobs[0];
    expect(job).toBeDefined();
    const jobSeconds = ((job?.endsAt ?? 0) - (job?.startedAt ?? 0)) / 1000;
    expect(doc.measured.rto_seconds).toBeGreaterThanOrEqual(jobSeconds);
    expect(doc.measured.rto_seconds).toBeLessThanOrEqual(jobSeconds + 5);
    expect(doc.measured.rpo_seconds).toBe(2);
    expect(doc.final_state).toMatchObject({ roles_restored: true, primary: 'inst-a' });
    // hold 30 s sampled every 10 s: at 0, 10, 20, 30 s
    expect(result.progress.samples.filter((s) => s.phase === 'hold')).toHaveLength(4);
    expect(doc.phases.find((p) => p.name === 'hold')?.duration_seconds).toBe(30);
  });

  it('lag spike mid-hold: aborts, rolls back to the original roles and says why', async () => {
    const { pair, options, manual, report } = setup(PLAN, { lag: (now) => (now - start > 40_000 ? 95 : 3) });
    const start = manual.now();
    const result = await runDrill(options());
    expect(result.verdict).toBe('aborted');
    expect(names(result)).toEqual(['preflight:passed', 'switchover:passed', 'verify-switched:passed', 'hold:aborted', 'rollback:passed']);
    expect(result.verdictReason).toMatch(/^Aborted in hold: Lag 1m35s during the hold is above the abort threshold 1m00s .*the roles are back where they started/);
    expect(pair.primary).toBe('inst-a');
    const doc = report(result);
    expect(doc.deviations.map((d) => d.kind)).toEqual(['abort']);
    expect(doc.final_state.roles_restored).toBe(true);
    expect(doc.phases.find((p) => p.name === 'rollback')?.summary).toMatch(/switched back: inst-a is the primary again/);
  });

  it('a failed switchover job: aborts, the rollback finds nothing to undo, roles are original', async () => {
    const { pair, options } = setup();
    pair.failNextJob = 'network partition';
    const result = await runDrill(options());
    expect(result.verdict).toBe('aborted');
    expect(names(result)).toEqual(['preflight:passed', 'switchover:aborted', 'rollback:passed']);
    expect(result.verdictReason).toMatch(/The switchover failed: job job-1 failed: network partition/);
    expect(result.progress.phases.find((p) => p.name === 'rollback')?.summary).toMatch(/^nothing to undo/);
    expect(pair.primary).toBe('inst-a');
    expect(result.progress.phases.find((p) => p.name === 'switchover')?.evidence.jobs).toEqual([expect.objectContaining({ id: 'job-1', status: 'Failed', fail_reason: 'network partition' })]);
  });

  it('pre-flight readiness fails: aborts before any change', async () => {
    const { pair, options } = setup();
    pair.readinessFails = 'standby unreachable';
    const result = await runDrill(options());
    expect(result.verdict).toBe('aborted');
    expect(names(result)).toEqual(['preflight:aborted', 'rollback:passed']);
    expect(result.verdictReason).toMatch(/Pre-flight readiness failed: reachable\.standby \(standby unreachable\)/);
    expect(pair.calls.some((c) => c.startsWith('switch'))).toBe(false);
  });

  it('lag above the threshold right before the cutover: aborts with nothing switched', async () => {
    const { pair, options } = setup(PLAN, { lag: () => 120 });
    const result = await runDrill(options());
    expect(names(result)).toEqual(['preflight:passed', 'switchover:aborted', 'rollback:passed']);
    expect(result.verdictReason).toMatch(/Lag 2m00s is above the abort threshold 1m00s just before the switchover; nothing was switched/);
    expect(pair.calls.some((c) => c.startsWith('switch'))).toBe(false);
  });

  it('a switchover over its budget aborts and rolls back', async () => {
    const { pair, options } = setup(`${PLAN}budgets: { switchover: 15s }\n`, { jobMs: 40_000 });
    const result = await runDrill(options());
    expect(result.verdict).toBe('aborted');
    expect(names(result)).toEqual(['preflight:passed', 'switchover:aborted', 'rollback:passed']);
    expect(result.verdictReason).toMatch(/still running after 15000 ms/);
    expect(pair.primary).toBe('inst-a');
    expect(pair.calls.filter((c) => c.startsWith('switch'))).toEqual(['switch→inst-b', 'switch→inst-a']);
  });

  it('an RTO above the objective: the drill completes, roles are back, the verdict is failed', async () => {
    const { options, report } = setup(PLAN.replace('rto: 10m', 'rto: 10s'));
    const result = await runDrill(options());
    expect(result.verdict).toBe('failed');
    expect(result.verdictReason).toMatch(/^RTO 2\d+s is above the objective 10s/);
    expect(report(result).objective_results.find((o) => o.objective === 'rto')?.met).toBe(false);
  });

  it('interrupted during the hold, the same drill run again continues it: one switchover, one failback, two runs', async () => {
    const { pair, options, manual, report } = setup();
    const journal = new MemoryDrillJournal();
    const controller = new AbortController();
    let samples = 0;
    await expect(
      runDrill(
        options({
          journal,
          signal: controller.signal,
          onEvent: (e) => {
            if (e.type === 'sample' && e.sample.phase === 'hold' && ++samples === 2) controller.abort(new Error('SIGINT'));
          },
        }),
      ),
    ).rejects.toBeInstanceOf(DrillInterruptedError);
    expect(pair.primary).toBe('inst-b');
    manual.advance(5_000);

    const again = await runDrill(options({ journal: new MemoryDrillJournal(journal.events) }));
    expect(again.resumed).toBe(true);
    expect(again.runs).toBe(2);
    expect(again.verdict).toBe('passed');
    expect(names(again)).toEqual(['preflight:passed', 'switchover:passed', 'verify-switched:passed', 'hold:passed', 'failback:passed', 'verify-restored:passed', 'postflight:passed']);
    expect(pair.calls.filter((c) => c.startsWith('switch'))).toEqual(['switch→inst-b', 'switch→inst-a']);
    // the original roles come from the journal: when resuming, inst-b was the primary
    expect(pair.calls.filter((c) => c === 'identify')).toHaveLength(1);
    const doc = report(again);
    expect(doc.environment.runs).toBe(2);
    expect(doc.deviations).toEqual([expect.objectContaining({ kind: 'resume', phase: 'hold' })]);
    expect(doc.phases.find((p) => p.name === 'hold')?.run).toBe(2);
    // the hold counts the time held before the interruption: 30 s in all, not 30 s more
    const holdSamples = again.progress.samples.filter((s) => s.phase === 'hold');
    expect(Date.parse(holdSamples.at(-1)?.at ?? '') - Date.parse(holdSamples[0]?.at ?? '')).toBeLessThanOrEqual(35_000);
  });

  it('a finished drill is not resumed: the next run is a new drill', async () => {
    const { options } = setup();
    const journal = new MemoryDrillJournal();
    const first = await runDrill(options({ journal }));
    journal.events.push({ type: 'end', verdict: first.verdict, at: new Date().toISOString() });
    const second = await runDrill(options({ journal: new MemoryDrillJournal(journal.events) }));
    expect(second.resumed).toBe(false);
    expect(second.progress.drillId).not.toBe(first.progress.drillId);
  });

  it('refuses to resume an interrupted drill with a changed plan', async () => {
    const { options, plan } = setup();
    const journal = new MemoryDrillJournal();
    const controller = new AbortController();
    await expect(runDrill(options({ journal, signal: controller.signal, onEvent: (e) => e.type === 'phase-start' && e.phase === 'hold' && controller.abort() }))).rejects.toBeInstanceOf(DrillInterruptedError);
    const changed = parseDrillPlan(PLAN.replace('hold: 30s', 'hold: 45s'));
    expect(changed.sha256).not.toBe(plan.sha256);
    await expect(runDrill(options({ plan: changed, journal: new MemoryDrillJournal(journal.events) }))).rejects.toBeInstanceOf(DrillResumeMismatchError);
  });
});

describe('drill runner: post-flight', () => {
  it('a post-flight readiness failure fails the drill without a rollback', async () => {
    const { pair, options } = setup();
    const result = await runDrill(
      options({
        onEvent: (e) => {
          if (e.type === 'phase-start' && e.phase === 'postflight') pair.readinessFails = 'lag check failed';
        },
      }),
    );
    expect(result.verdict).toBe('failed');
    expect(names(result).at(-1)).toBe('postflight:failed');
    expect(result.progress.phases.some((p) => p.name === 'rollback')).toBe(false);
    expect(result.verdictReason).toMatch(/postflight failed: post-flight readiness failed: reachable\.standby \(lag check failed\)/);
  });
});
