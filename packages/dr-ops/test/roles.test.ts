import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  failoverGeminiDb,
  inspectGeminiDbRelationship,
  MemoryJournalStore,
  pairGeminiDb,
  pauseGeminiDb,
  recoverGeminiDb,
  resumeGeminiDb,
  switchoverGeminiDb,
} from '../src/index.js';
import { FAST_WAIT, PASSWORD, pairSides, PRIMARY, STANDBY, startWorld, type World } from './helpers/world.js';

let world: World;
beforeAll(async () => {
  world = await startWorld();
});
afterAll(() => world.close());
beforeEach(async () => {
  world.sim.reset();
  await pairGeminiDb({ ...pairSides(world), alias: 'video-dr', password: PASSWORD, wait: FAST_WAIT });
});

const sides = () => {
  const { primary, standby } = pairSides(world);
  return { primary: { client: primary.client, instanceId: PRIMARY }, standby: { client: standby.client, instanceId: STANDBY } };
};
const roles = async () => {
  const s = sides();
  const snap = await inspectGeminiDbRelationship(s.primary, s.standby);
  return { [PRIMARY]: snap.primary.role, [STANDBY]: snap.standby.role, sync: snap.sync?.status };
};

describe('switchoverGeminiDb', () => {
  it('demotes the primary, promotes the standby, and a re-run says it is done', async () => {
    const journal = new MemoryJournalStore();
    const r = await switchoverGeminiDb({ ...sides(), wait: FAST_WAIT, journal });
    expect(r.outcome).toBe('completed');
    expect(r.steps.filter((s) => s.status === 'done').map((s) => s.step)).toEqual(['demote-primary', 'wait-demote', 'promote-standby', 'wait-promote']);
    expect(await roles()).toMatchObject({ [PRIMARY]: 'slave', [STANDBY]: 'master', sync: 'SYNCING' });
    const again = await switchoverGeminiDb({ ...sides(), wait: FAST_WAIT, journal });
    expect(again.outcome).toBe('already-done');
    expect(await roles()).toMatchObject({ [PRIMARY]: 'slave', [STANDBY]: 'master' });
  });

  it('finishes a switchover stopped between demotion and promotion (no journal)', async () => {
    world.sim.faults.add({ match: { service: 'geminidb', operationId: 'switchToMaster' }, fault: 'busy' });
    await expect(switchoverGeminiDb({ ...sides(), wait: FAST_WAIT })).rejects.toMatchObject({ kind: 'failed' });
    expect(await roles()).toMatchObject({ [PRIMARY]: 'slave', [STANDBY]: 'slave' });
    const r = await switchoverGeminiDb({ ...sides(), wait: FAST_WAIT });
    expect(r.steps.map((s) => s.step)).not.toContain('demote-primary');
    expect(await roles()).toMatchObject({ [PRIMARY]: 'slave', [STANDBY]: 'master' });
  });

  it('the one-call method swaps the roles too', async () => {
    const r = await switchoverGeminiDb({ ...sides(), method: 'one-call', wait: FAST_WAIT });
    expect(r.steps.map((s) => s.step)).toContain('switchover');
    expect(await roles()).toMatchObject({ [PRIMARY]: 'slave', [STANDBY]: 'master' });
  });

  it('refuses while synchronisation is paused', async () => {
    await pauseGeminiDb({ ...sides(), wait: FAST_WAIT });
    await expect(switchoverGeminiDb({ ...sides(), wait: FAST_WAIT })).rejects.toMatchObject({ kind: 'refused', message: expect.stringContaining('SUSPENDED') });
  });
});

describe('failover and recovery of the old primary', () => {
  it('forces the standby to primary, then rebuilds the pair with the old primary as standby', async () => {
    const f = await failoverGeminiDb({ ...sides(), wait: FAST_WAIT });
    expect(f.primaryInstanceId).toBe(STANDBY);
    expect((await failoverGeminiDb({ ...sides(), wait: FAST_WAIT })).outcome).toBe('already-done');
    const { primary, standby } = pairSides(world);
    const r = await recoverGeminiDb({ newPrimary: standby, oldPrimary: primary, alias: 'video-dr', password: PASSWORD, wait: FAST_WAIT });
    expect(r.outcome).toBe('completed');
    expect(await roles()).toMatchObject({ [PRIMARY]: 'slave', [STANDBY]: 'master', sync: 'SYNCING' });
    const again = await recoverGeminiDb({ newPrimary: standby, oldPrimary: primary, alias: 'video-dr', password: PASSWORD, wait: FAST_WAIT });
    expect(again.outcome).toBe('already-done');
  });
});

describe('pause and resume', () => {
  it('pauses both sides, resumes both; re-runs are no-ops; a half-paused pair is finished one side only', async () => {
    expect((await pauseGeminiDb({ ...sides(), wait: FAST_WAIT })).syncStatus).toBe('SUSPENDED');
    expect((await pauseGeminiDb({ ...sides(), wait: FAST_WAIT })).outcome).toBe('already-done');
    world.sim.faults.add({ match: { service: 'geminidb', operationId: 'pauseResumeDataSynchronization', pathIncludes: STANDBY }, fault: 'busy' });
    await expect(resumeGeminiDb({ ...sides(), wait: FAST_WAIT })).rejects.toThrow();
    // The primary's resume was accepted before the standby's call failed: once its job ends, half resumed.
    await expect.poll(async () => (await roles()).sync, { timeout: 10_000, interval: 20 }).toBe('RECOVERYING');
    const r = await resumeGeminiDb({ ...sides(), wait: FAST_WAIT });
    expect(r.steps.map((s) => s.step)).toEqual(['resume-standby', 'wait-standby']);
    expect(r.syncStatus).toBe('SYNCING');
  });
});
