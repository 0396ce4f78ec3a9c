import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDwsTask, deleteDwsTask, failoverDwsTask, inspectDwsTask, MemoryJournalStore, pauseDwsTask, recoverDwsTask, switchoverDwsTask } from '../src/index.js';
import { DWS_PRIMARY, DWS_STANDBY, FAST_WAIT, startWorld, type World } from './helpers/world.js';

let world: World;
beforeAll(async () => {
  world = await startWorld();
});
afterAll(() => world.close());
beforeEach(() => world.sim.reset());

const create = (extra: Record<string, unknown> = {}) =>
  createDwsTask({ client: world.dws(), name: 'dr_sales', primaryClusterId: DWS_PRIMARY, standbyClusterId: DWS_STANDBY, syncPeriod: '20m', wait: FAST_WAIT, ...extra });

describe('DWS workflows', () => {
  it('creates and starts a task; the same call again says it is running', async () => {
    const r = await create();
    expect(r).toMatchObject({ outcome: 'completed', status: 'running' });
    expect(r.steps.filter((s) => s.status === 'done').map((s) => s.step)).toEqual(['create', 'wait-create', 'start', 'wait-start']);
    expect((await create()).outcome).toBe('already-done');
  });

  it('refuses bad input before sending, naming the field', async () => {
    await expect(create({ name: '1bad', syncPeriod: '5s' })).rejects.toMatchObject({
      problems: [
        { field: 'name', message: expect.stringContaining('must start with a letter') },
        { field: 'syncPeriod', message: expect.stringContaining('1 to 3000') },
      ],
    });
    expect(world.sim.state.dws.tasks).toEqual([]);
  });

  it('a create whose start failed is finished by running it again (start only)', async () => {
    world.sim.faults.add({ match: { service: 'dws', operationId: 'startDisasterRecovery' }, fault: 'busy' });
    await expect(create()).rejects.toThrow();
    const r = await create();
    expect(r.steps.map((s) => s.step)).toEqual(['start', 'wait-start']);
    expect(r.resumed).toBe(true);
  });

  it('switchover, failover, recovery, pause and delete reach their end statuses and are idempotent', async () => {
    const { taskId } = await create();
    const journal = new MemoryJournalStore();
    const client = world.dws();
    const sw = await switchoverDwsTask({ client, taskId: taskId!, wait: FAST_WAIT, journal });
    expect(sw).toMatchObject({ outcome: 'completed', status: 'running', primaryClusterId: DWS_STANDBY });
    expect((await switchoverDwsTask({ client, taskId: taskId!, wait: FAST_WAIT, journal })).outcome).toBe('already-done');
    const fo = await failoverDwsTask({ client, taskId: taskId!, wait: FAST_WAIT });
    expect(fo.primaryClusterId).toBe(DWS_PRIMARY);
    expect((await recoverDwsTask({ client, taskId: taskId!, wait: FAST_WAIT })).status).toBe('running');
    await expect(deleteDwsTask({ client, taskId: taskId!, wait: FAST_WAIT })).rejects.toMatchObject({ kind: 'refused', message: expect.stringContaining('running') });
    expect((await pauseDwsTask({ client, taskId: taskId!, wait: FAST_WAIT })).status).toBe('stopped');
    expect((await deleteDwsTask({ client, taskId: taskId!, wait: FAST_WAIT })).status).toBe('deleted');
    expect((await inspectDwsTask(client, taskId!)).found).toBe(false);
    expect((await deleteDwsTask({ client, taskId: taskId!, wait: FAST_WAIT })).outcome).toBe('already-done');
  });
});
