// The four workflows the crash harnesses interrupt (pair, unpair, planned switchover, DWS
// create+start): how to set up their precondition, what the final state must be, and how many
// state-changing calls each instance or cluster may have taken in total. Counting uses the
// simulator's job table (exact: every accepted GeminiDB mutation starts one job, even one whose
// answer was lost) cross-checked with its request log (202s are a lower bound: a `slow` request
// whose client was killed is logged as `reset` but still processed).
import type { Simulator } from '@hcdr/simulator';
import { expect } from 'vitest';

export type WorkflowName = 'pair' | 'unpair' | 'switchover' | 'dws-create-start';
export const WORKFLOWS: readonly WorkflowName[] = ['pair', 'unpair', 'switchover', 'dws-create-start'];

export const PRIMARY = 'a1b2c3d4e5f64a7b8c9d0e1f2a3b4c5din12';
export const STANDBY = 'f0e1d2c3b4a54968a7b6c5d4e3f2a1b0in12';
export const DWS_PRIMARY = '3ef5daaa-d017-4354-80b3-8a69caf2e09c';
export const DWS_STANDBY = 'e7fed7fe-f4a7-499a-afed-1fdb5c1978cb';
export const TASK_NAME = 'dr_crash_test';

/** Jobs of one name per instance. */
export function jobCounts(sim: Simulator, name: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const j of sim.state.geminidb.jobs) if (j.name === name) out[j.instanceId] = (out[j.instanceId] ?? 0) + 1;
  return out;
}

export interface Baseline {
  construct: Record<string, number>;
  deconstruct: Record<string, number>;
  switchover: Record<string, number>;
  requestSeq: number;
}

export function baseline(sim: Simulator): Baseline {
  const last = sim.requests.list().at(-1)?.seq ?? 0;
  return {
    construct: jobCounts(sim, 'ConstructDisasterRecovery'),
    deconstruct: jobCounts(sim, 'DeConstructDisasterRecovery'),
    switchover: jobCounts(sim, 'SwitchOverDisasterRecovery'),
    requestSeq: last,
  };
}

const delta = (now: Record<string, number>, before: Record<string, number>, id: string) => (now[id] ?? 0) - (before[id] ?? 0);

/** Mutations the request log shows as answered 2xx since the baseline (a lower bound of what took effect). */
function acknowledged(sim: Simulator, since: number, operationId: string, instanceId?: string): number {
  return sim.requests.list({ since, operationId }).filter((e) => (instanceId === undefined || e.instanceId === instanceId) && typeof e.status === 'number' && e.status < 300).length;
}

/** Asserts the goal state and the exact number of state changes the operation needed. */
export function checkFinalState(name: WorkflowName, sim: Simulator, before: Baseline): void {
  const s = sim.state;
  const inst = (id: string) => s.geminidb.instances.find((i) => i.id === id)!;
  const construct = jobCounts(sim, 'ConstructDisasterRecovery');
  const deconstruct = jobCounts(sim, 'DeConstructDisasterRecovery');
  const switchover = jobCounts(sim, 'SwitchOverDisasterRecovery');
  const running = s.geminidb.jobs.filter((j) => j.status === 'Running');
  const others = s.geminidb.instances.map((i) => i.id).filter((id) => id !== PRIMARY && id !== STANDBY);
  switch (name) {
    case 'pair':
    case 'unpair': {
      const want = name === 'pair' ? 1 : -1;
      for (const id of [PRIMARY, STANDBY]) {
        // Constructions minus deconstructions is exactly what the operation needs on each instance.
        expect(delta(construct, before.construct, id) - delta(deconstruct, before.deconstruct, id), `${name}: constructions − deconstructions on ${id}`).toBe(want);
        const op = name === 'pair' ? 'createDisasterRecovery' : 'deleteDisasterRecovery';
        const jobsOfKind = name === 'pair' ? delta(construct, before.construct, id) : delta(deconstruct, before.deconstruct, id);
        expect(acknowledged(sim, before.requestSeq, op, id), `${name}: acknowledged ${op} on ${id} ≤ jobs`).toBeLessThanOrEqual(jobsOfKind);
      }
      if (name === 'pair') {
        expect(inst(PRIMARY)).toMatchObject({ drRole: 'master', drConstructed: true, drPeerId: STANDBY });
        expect(inst(STANDBY)).toMatchObject({ drRole: 'slave', drConstructed: true, drPeerId: PRIMARY });
        expect(s.geminidb.relationships.filter((r) => r.active)).toHaveLength(1);
      } else {
        for (const id of [PRIMARY, STANDBY]) expect(inst(id)).toMatchObject({ drRelationshipId: null, drRole: null });
        expect(s.geminidb.relationships).toHaveLength(0);
      }
      break;
    }
    case 'switchover':
      expect(inst(STANDBY)).toMatchObject({ drRole: 'master', drPeerId: PRIMARY });
      expect(inst(PRIMARY)).toMatchObject({ drRole: 'slave', drPeerId: STANDBY, status: 'normal' });
      // One demotion on the old primary, one promotion on the old standby; nothing constructed or removed.
      expect(delta(switchover, before.switchover, PRIMARY), 'demotions of the old primary').toBe(1);
      expect(delta(switchover, before.switchover, STANDBY), 'promotions of the old standby').toBe(1);
      for (const id of [PRIMARY, STANDBY]) {
        expect(delta(construct, before.construct, id) + delta(deconstruct, before.deconstruct, id)).toBe(0);
      }
      break;
    case 'dws-create-start': {
      const tasks = s.dws.tasks;
      expect(tasks, 'exactly one task was created').toHaveLength(1);
      expect(tasks[0]).toMatchObject({ name: TASK_NAME, status: 'running', primaryClusterId: DWS_PRIMARY, standbyClusterId: DWS_STANDBY });
      expect(acknowledged(sim, before.requestSeq, 'createDisasterRecovery')).toBeLessThanOrEqual(1);
      expect(acknowledged(sim, before.requestSeq, 'startDisasterRecovery')).toBeLessThanOrEqual(1);
      break;
    }
  }
  expect(running, 'no job left running').toEqual([]);
  for (const id of others) expect(delta(construct, before.construct, id) + delta(deconstruct, before.deconstruct, id), `untouched instance ${id}`).toBe(0);
}

/** Slowed calls: every mutating request is held before it is processed (and processed even if the caller died). */
export function slowMutations(sim: Simulator, delayMs: number): void {
  for (const method of ['POST', 'PUT', 'DELETE']) sim.faults.add({ match: { method }, times: 'unlimited', fault: { kind: 'slow', delayMs } });
}

/** Deterministic PRNG for the seeded random kill points. */
export { seededRandom as seeded } from '@hcdr/core/testing';

/** Every encoding of a secret that could end up in a file. */
export function encodings(secret: string): string[] {
  return [secret, Buffer.from(secret).toString('base64'), encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)];
}

/** Runs `tasks` with at most `limit` at a time. */
export async function pool<T>(limit: number, tasks: readonly (() => Promise<T>)[]): Promise<T[]> {
  const out: T[] = new Array(tasks.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, tasks.length) }, async () => {
      while (next < tasks.length) {
        const i = next++;
        out[i] = await tasks[i]!();
      }
    }),
  );
  return out;
}
