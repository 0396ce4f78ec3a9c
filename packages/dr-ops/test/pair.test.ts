import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { inspectGeminiDbRelationship, MemoryJournalStore, pairGeminiDb, unpairGeminiDb, type DrEvent } from '../src/index.js';
import { FAST_WAIT, PASSWORD, pairSides, PRIMARY, STANDBY, startWorld, type World } from './helpers/world.js';

let world: World;
beforeAll(async () => {
  world = await startWorld();
});
afterAll(() => world.close());
beforeEach(() => world.sim.reset());

describe('pairGeminiDb', () => {
  it('pairs two instances across regions and reads the relationship back', async () => {
    const events: DrEvent[] = [];
    const r = await pairGeminiDb({ ...pairSides(world), alias: 'video-dr', password: PASSWORD, wait: FAST_WAIT, onEvent: (e) => events.push(e) });
    expect(r.outcome).toBe('completed');
    expect(r.disasterRecoveryId).toMatch(/.+/);
    expect(r.steps.filter((s) => s.status === 'done').map((s) => s.step)).toEqual([
      'precheck-primary', 'precheck-standby', 'construct-primary', 'construct-standby', 'wait-primary', 'wait-standby',
    ]);
    expect(r.primary.role).toBe('master');
    expect(r.standby.role).toBe('slave');
    expect(r.sync?.status).toBe('SYNCING');
    const snap = await inspectGeminiDbRelationship({ client: world.gemini('ap-southeast-1'), instanceId: PRIMARY }, { client: world.gemini('ap-southeast-3'), instanceId: STANDBY });
    expect(snap.state).toBe('paired');
    expect(JSON.stringify(events)).not.toContain(PASSWORD);
  });

  it('says there is nothing to do when the relationship is already active', async () => {
    const journal = new MemoryJournalStore();
    await pairGeminiDb({ ...pairSides(world), alias: 'video-dr', password: PASSWORD, wait: FAST_WAIT, journal });
    const again = await pairGeminiDb({ ...pairSides(world), alias: 'video-dr', password: PASSWORD, wait: FAST_WAIT, journal });
    expect(again.outcome).toBe('already-done');
    expect(again.notes.join(' ')).toMatch(/Nothing to do: this pairing finished at/);
  });

  it('refuses 192/172 CIDRs, bad IDs and an empty password before anything is sent', async () => {
    const sides = pairSides(world);
    const { now: _before, ...before } = world.sim.state;
    await expect(
      pairGeminiDb({ ...sides, primary: { ...sides.primary, subnetCidrs: ['192.168.0.0/24'] }, standby: { ...sides.standby, instanceId: 'bad id' }, alias: 'x', password: '' }),
    ).rejects.toMatchObject({
      name: 'DrInputError',
      problems: [
        { field: 'standby.instanceId', message: expect.stringContaining('must be 1-64') },
        { field: 'primary.subnetCidrs[0]', message: expect.stringContaining('must not start with 192 or 172') },
        { field: 'password', message: 'must not be empty' },
      ],
    });
    const { now: _after, ...after } = world.sim.state;
    expect(after).toEqual(before);
  });

  it('finishes a pairing whose standby construction never happened (journal knows the DR ID)', async () => {
    const journal = new MemoryJournalStore();
    world.sim.faults.add({ match: { service: 'geminidb', operationId: 'createDisasterRecovery', pathIncludes: STANDBY }, fault: 'busy' });
    await expect(pairGeminiDb({ ...pairSides(world), alias: 'video-dr', password: PASSWORD, wait: FAST_WAIT, journal })).rejects.toMatchObject({ name: 'DrOperationError', kind: 'failed' });
    const r = await pairGeminiDb({ ...pairSides(world), alias: 'video-dr', password: PASSWORD, wait: FAST_WAIT, journal });
    expect(r.outcome).toBe('completed');
    expect(r.resumed).toBe(true);
    expect(r.steps.map((s) => s.step)).not.toContain('construct-primary');
    expect(r.steps.map((s) => s.step)).toContain('construct-standby');
  });

  it('with the DR ID given by the caller (journal elsewhere), completes the standby side instead of rolling back', async () => {
    world.sim.faults.add({ match: { service: 'geminidb', operationId: 'createDisasterRecovery', pathIncludes: STANDBY }, fault: 'busy' });
    const stop = await pairGeminiDb({ ...pairSides(world), alias: 'video-dr', password: PASSWORD, wait: FAST_WAIT }).catch((e: unknown) => e);
    const drId = (stop as { steps: { step: string; detail?: Record<string, string> }[] }).steps.find((s) => s.step === 'construct-primary')?.detail?.['disaster_recovery_id'];
    expect(drId).toMatch(/.+/);
    const r = await pairGeminiDb({ ...pairSides(world), alias: 'video-dr', password: PASSWORD, wait: FAST_WAIT, resumeDisasterRecoveryId: drId });
    expect(r.outcome).toBe('completed');
    expect(r.steps.map((s) => s.step)).not.toContain('rollback-deconstruct-primary');
    expect(r.disasterRecoveryId).toBe(drId);
  });

  it('without a journal, rolls back a primary side whose DR ID is unknown and pairs again', async () => {
    world.sim.faults.add({ match: { service: 'geminidb', operationId: 'createDisasterRecovery', pathIncludes: STANDBY }, fault: 'busy' });
    await expect(pairGeminiDb({ ...pairSides(world), alias: 'video-dr', password: PASSWORD, wait: FAST_WAIT })).rejects.toThrow();
    const r = await pairGeminiDb({ ...pairSides(world), alias: 'video-dr', password: PASSWORD, wait: FAST_WAIT });
    expect(r.outcome).toBe('completed');
    expect(r.notes.join('\n')).toMatch(/DR ID was never recorded.*Rolling back/s);
    expect(r.steps.map((s) => s.step)).toEqual(expect.arrayContaining(['rollback-deconstruct-primary', 'construct-primary', 'construct-standby']));
  });
});

describe('unpairGeminiDb', () => {
  it('removes an active relationship, then says there is nothing left', async () => {
    await pairGeminiDb({ ...pairSides(world), alias: 'video-dr', password: PASSWORD, wait: FAST_WAIT });
    const { primary, standby } = pairSides(world);
    const r = await unpairGeminiDb({ primary, standby, wait: FAST_WAIT });
    expect(r.outcome).toBe('completed');
    expect(r.steps.filter((s) => s.step.startsWith('deconstruct')).length).toBe(2);
    const again = await unpairGeminiDb({ primary, standby, wait: FAST_WAIT });
    expect(again.outcome).toBe('already-done');
  });
});
