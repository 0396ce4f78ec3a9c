// Crash harness for the library API: every workflow is aborted (AbortSignal) at each step
// boundary and at seeded random points inside steps, against a simulator whose mutating calls are
// held (and still processed when the caller has gone) and whose jobs last a while; then a fresh
// library instance (new clients, new journal store on the same directory) runs the same operation
// again. It must finish, leave the right state on both sides, take exactly the state changes the
// operation needs, and leave no secret in any file it wrote.
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createDwsTask, FileJournalStore, pairGeminiDb, switchoverGeminiDb, unpairGeminiDb, type DrEvent, type OperationResult } from '../../src/index.js';
import { PASSWORD, pairSides, SK, startWorld, type World } from '../helpers/world.js';
import { baseline, checkFinalState, DWS_PRIMARY, DWS_STANDBY, encodings, pool, PRIMARY, seeded, slowMutations, STANDBY, TASK_NAME, WORKFLOWS, type WorkflowName } from './scenarios.js';

const JOB_MS = 120;
const HOLD_MS = 25;
const POINTS_PER_WORKFLOW = 52;
const WAIT = { initialDelayMs: 10, minIntervalMs: 15, maxIntervalMs: 30, maxWaitMs: 30_000 };
const tally: Record<string, Record<string, number>> = {};

function count(workflow: string, key: string): void {
  tally[workflow] ??= {};
  tally[workflow][key] = (tally[workflow][key] ?? 0) + 1;
}

async function prepare(name: WorkflowName, world: World): Promise<void> {
  if (name === 'unpair' || name === 'switchover') await pairGeminiDb({ ...pairSides(world), alias: 'crash-dr', password: PASSWORD, wait: WAIT });
}

function start(name: WorkflowName, world: World, options: { journal: FileJournalStore; signal?: AbortSignal; onEvent?: (e: DrEvent) => void }): Promise<OperationResult> {
  const common = { ...options, wait: WAIT };
  const { primary, standby } = pairSides(world);
  switch (name) {
    case 'pair':
      return pairGeminiDb({ primary, standby, alias: 'crash-dr', password: PASSWORD, ...common });
    case 'unpair':
      return unpairGeminiDb({ primary: { client: primary.client, instanceId: PRIMARY }, standby: { client: standby.client, instanceId: STANDBY }, ...common });
    case 'switchover':
      return switchoverGeminiDb({ primary: { client: primary.client, instanceId: PRIMARY }, standby: { client: standby.client, instanceId: STANDBY }, ...common });
    case 'dws-create-start':
      return createDwsTask({ client: world.dws(), name: TASK_NAME, primaryClusterId: DWS_PRIMARY, standbyClusterId: DWS_STANDBY, syncPeriod: '20m', start: true, ...common });
  }
}

const isBoundary = (e: DrEvent) => e.type === 'step' && (e.status === 'start' || e.status === 'done');

type KillPoint = { kind: 'boundary'; n: number } | { kind: 'random'; ms: number };

/** One uninterrupted run: how many step boundaries it passes and how long it takes. */
async function calibrate(name: WorkflowName): Promise<{ boundaries: number; ms: number }> {
  const world = await startWorld({ jobDurationMs: JOB_MS });
  try {
    await prepare(name, world);
    slowMutations(world.sim, HOLD_MS);
    let boundaries = 0;
    const t0 = performance.now();
    const r = await start(name, world, { journal: new FileJournalStore({ dir: mkdtempSync(join(tmpdir(), 'hcdr-crash-cal-')) }), onEvent: (e) => void (isBoundary(e) && boundaries++) });
    expect(r.outcome).toBe('completed');
    return { boundaries, ms: performance.now() - t0 };
  } finally {
    await world.close();
  }
}

async function killPoint(name: WorkflowName, point: KillPoint): Promise<void> {
  const world = await startWorld({ jobDurationMs: JOB_MS });
  const dir = mkdtempSync(join(tmpdir(), 'hcdr-crash-lib-'));
  try {
    await prepare(name, world);
    const before = baseline(world.sim);
    slowMutations(world.sim, HOLD_MS);
    const controller = new AbortController();
    let seen = 0;
    const timer = point.kind === 'random' ? setTimeout(() => controller.abort(), point.ms) : undefined;
    let first: 'aborted' | 'finished' = 'finished';
    try {
      await start(name, world, {
        journal: new FileJournalStore({ dir }),
        signal: controller.signal,
        onEvent: (e) => {
          if (point.kind === 'boundary' && isBoundary(e) && ++seen === point.n) controller.abort();
        },
      });
    } catch (error) {
      expect((error as { name?: string }).name, String(error)).toBe('DrOperationError');
      expect((error as { kind?: string }).kind, String(error)).toBe('aborted');
      first = 'aborted';
    } finally {
      clearTimeout(timer);
    }
    // A fresh library instance: new clients, a new store on the same directory, no memory of the first run.
    const fresh: World = { ...world, gemini: world.gemini, dws: world.dws };
    const again = await start(name, fresh, { journal: new FileJournalStore({ dir }) });
    count(name, `${first} → ${again.outcome}`);
    expect(['completed', 'already-done']).toContain(again.outcome);
    // Late requests of the aborted run (held by the slow fault) have landed by now; nothing may change after.
    await new Promise((r) => setTimeout(r, HOLD_MS * 2));
    checkFinalState(name, world.sim, before);
    for (const file of walk(dir)) {
      const text = readFileSync(file, 'utf8');
      for (const secret of [PASSWORD, SK]) for (const form of encodings(secret)) expect(text.includes(form), `${form} in ${file}`).toBe(false);
      expect(statSync(file).mode & 0o077, `${file} is private`).toBe(0);
    }
  } finally {
    await world.close();
  }
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? walk(join(dir, d.name)) : [join(dir, d.name)]));
}

afterAll(() => {
  console.info(`library crash harness (abort, then a fresh instance): ${JSON.stringify(tally)}`);
});

describe.each(WORKFLOWS.map((w) => [w]))('library: %s aborted anywhere, then run again', (name) => {
  it(`finishes from ≥ ${POINTS_PER_WORKFLOW} abort points with the exact state changes and no secret on disk`, { timeout: 600_000 }, async () => {
    const { boundaries, ms } = await calibrate(name);
    const random = seeded(0x5eed + name.length);
    const points: KillPoint[] = [
      ...Array.from({ length: boundaries }, (_, i): KillPoint => ({ kind: 'boundary', n: i + 1 })),
      ...Array.from({ length: Math.max(0, POINTS_PER_WORKFLOW - boundaries) }, (): KillPoint => ({ kind: 'random', ms: Math.round(random() * ms * 0.9) })),
    ];
    await pool(4, points.map((p) => () => killPoint(name, p)));
    const total = Object.values(tally[name] ?? {}).reduce((a, b) => a + b, 0);
    expect(total).toBe(points.length);
    expect(total).toBeGreaterThanOrEqual(50);
  });
});
