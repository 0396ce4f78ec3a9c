// A drill journaled in the @hcdr/dr-ops operation journal (the same store and locks as every
// workflow, no second journal): the drill is an operation (`geminidb.drill` / `dws.drill` on its
// targets), each drill event a note record. Re-running the same drill after an interruption finds
// the open attempt and continues it; a finished drill ends its attempt, so the next run is new.
import type { JournalRecord, JournalStore, OperationKey, OperationSummary } from '../../journal/types.js';
import { OperationRun } from '../../workflows/run.js';
import type { ResolvedDrillPlan } from '../plan/types.js';
import type { DrillVerdict } from '../report/model.js';
import type { DrillEvent, DrillJournal } from './progress.js';

const FACT = 'drill_event';

export function drillOperationKey(plan: ResolvedDrillPlan): OperationKey {
  const p = plan.plan;
  return p.service === 'geminidb' ? { kind: 'geminidb.drill', targets: [p.target.primary.instance, p.target.standby.instance] } : { kind: 'dws.drill', targets: [p.target.task] };
}

/** Events journaled by the latest attempt of a drill operation. */
export function drillEventsOf(records: readonly JournalRecord[]): DrillEvent[] {
  const begin = records.findLastIndex((r) => r.type === 'begin');
  const events: DrillEvent[] = [];
  for (const r of records.slice(Math.max(0, begin))) {
    if (r.type !== 'note') continue;
    const text = r.facts?.[FACT];
    if (text === undefined) continue;
    try {
      events.push(JSON.parse(text) as DrillEvent);
    } catch {
      // a note that is not a drill event (written by another tool) is not ours to interpret
    }
  }
  return events;
}

function describe(e: DrillEvent): string {
  switch (e.type) {
    case 'start':
      return `drill ${e.drillId} started`;
    case 'run':
      return `run ${e.run} by ${e.operator} on ${e.host}`;
    case 'phase-start':
      return `phase ${e.phase} started`;
    case 'phase':
      return `phase ${e.record.name} ${e.record.status} in ${e.record.duration_seconds}s`;
    case 'sample':
      return `lag ${e.sample.lag_seconds ?? 'n/a'} s`;
    case 'job':
      return `job ${e.job.id} ${e.job.status}`;
    case 'deviation':
      return `${e.deviation.kind}: ${e.deviation.message}`;
    case 'readiness':
      return `${e.which} readiness ${e.report.verdict}`;
    case 'fact':
      return `${e.name} = ${e.value}`;
    case 'end':
      return `drill ${e.verdict}`;
  }
}

export interface OpenDrillJournalOptions {
  store: JournalStore;
  plan: ResolvedDrillPlan;
  /** How to run it again (the command line without secrets), for `hcdr drill history` / `ops list`. */
  rerun?: string | undefined;
  reportDir?: string | undefined;
}

/** Opens (or continues) the drill's operation in the journal and locks its targets for this process. */
export async function openDrillJournal(options: OpenDrillJournalOptions): Promise<DrillJournal> {
  const key = drillOperationKey(options.plan);
  const run = await OperationRun.start(
    {
      key,
      resources: key.targets.map((t) => `drill:${t}`),
      params: {
        plan: options.plan.plan.name,
        plan_sha256: options.plan.sha256,
        scenario: options.plan.plan.scenario,
        ...(options.reportDir ? { report_dir: options.reportDir } : {}),
      },
    },
    { journal: options.store, rerun: options.rerun },
  );
  const previous = run.resumed ? drillEventsOf(run.history) : [];
  return {
    previous,
    record: (event) => run.note(describe(event), { [FACT]: JSON.stringify(event) }),
    finish: async (verdict: DrillVerdict, message: string) => {
      // The drill operation ran to its end whatever the verdict; the verdict is in the message.
      await run.finish('completed', `${verdict}: ${message}`);
    },
    release: () => run.close(),
  };
}

export interface DrillHistoryEntry {
  kind: string;
  targets: readonly string[];
  plan: string | undefined;
  scenario: string | undefined;
  state: 'in-progress' | 'finished';
  verdict: DrillVerdict | undefined;
  startedAt: string | undefined;
  updatedAt: string | undefined;
  reportDir: string | undefined;
  message: string | undefined;
  rerun: string | undefined;
}

/** Past and interrupted drills in the journal, newest first. */
export async function listDrillHistory(store: JournalStore): Promise<DrillHistoryEntry[]> {
  const all: OperationSummary[] = await store.list();
  const drills = all.filter((s) => s.key.kind.endsWith('.drill'));
  const out: DrillHistoryEntry[] = [];
  for (const s of drills) {
    const { records } = await store.read(s.key);
    // Every attempt is one drill: list them all, newest first.
    const begins = records.flatMap((r, i) => (r.type === 'begin' ? [i] : []));
    for (let b = begins.length - 1; b >= 0; b--) {
      const from = begins[b] ?? 0;
      const to = begins[b + 1] ?? records.length;
      const slice = records.slice(from, to);
      const begin = slice[0]?.type === 'begin' ? slice[0] : undefined;
      const end = slice.findLast((r) => r.type === 'end');
      const events = drillEventsOf(slice);
      const verdict = events.findLast((e) => e.type === 'end');
      out.push({
        kind: s.key.kind,
        targets: s.key.targets,
        plan: typeof begin?.params.plan === 'string' ? begin.params.plan : undefined,
        scenario: typeof begin?.params.scenario === 'string' ? begin.params.scenario : undefined,
        state: end ? 'finished' : 'in-progress',
        verdict: verdict?.type === 'end' ? verdict.verdict : undefined,
        startedAt: begin?.at,
        updatedAt: slice.at(-1)?.at,
        reportDir: typeof begin?.params.report_dir === 'string' ? begin.params.report_dir : undefined,
        message: end?.type === 'end' ? end.message : undefined,
        rerun: begin?.rerun,
      });
    }
  }
  return out.sort((a, b) => (b.startedAt ?? '').localeCompare(a.startedAt ?? ''));
}
