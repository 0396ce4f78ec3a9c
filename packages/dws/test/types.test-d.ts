import { describe, expectTypeOf, it } from 'vitest';
import * as api from '../src/index.js';
import {
  type CreateDisasterRecovery,
  type DisasterRecoveryQueryResp,
  type DwsClient,
  type DwsMethods,
  type WaitStatuses,
  waitStatusesFor,
  waitUntilCreateDisasterRecoveryDone,
  waitUntilDeleteDisasterRecoveryDone,
  waitUntilStartDisasterRecoveryDone,
} from '../src/index.js';

declare const dws: DwsClient;

describe('generated request types', () => {
  it('accept a complete create body and reject a missing name or an unknown dr_type', () => {
    const ok: CreateDisasterRecovery = { name: 'dr1a', dr_type: 'az', primary_cluster_id: 'a', standby_cluster_id: 'b', dr_sync_period: '2H' };
    expectTypeOf(ok.dr_type).toEqualTypeOf<'az' | 'region'>();
    // @ts-expect-error name is required
    const noName: CreateDisasterRecovery = { dr_type: 'az', primary_cluster_id: 'a', standby_cluster_id: 'b', dr_sync_period: '2H' };
    // @ts-expect-error dr_type is az | region
    const badType: CreateDisasterRecovery = { name: 'dr1a', dr_type: 'zone', primary_cluster_id: 'a', standby_cluster_id: 'b', dr_sync_period: '2H' };
    expectTypeOf([noName, badType]).toBeArray();
  });

  it('operation methods take the task id and return typed data', () => {
    // @ts-expect-error disaster_recovery_id is required
    void dws.startDisasterRecovery({});
    expectTypeOf(dws.showDisasterDetail).returns.resolves.toHaveProperty('disaster_recovery');
    expectTypeOf<NonNullable<Awaited<ReturnType<typeof dws.showDisasterDetail>>['disaster_recovery']>>().toEqualTypeOf<DisasterRecoveryQueryResp>();
  });
});

describe('generated waiters', () => {
  it('create takes its response, the others take the task id; no `!` anywhere', async () => {
    const created = await dws.createDisasterRecovery({ body: { disaster_recovery: { name: 'dr1a', dr_type: 'az', primary_cluster_id: 'a', standby_cluster_id: 'b', dr_sync_period: '2H' } } });
    const task = await waitUntilCreateDisasterRecoveryDone(dws, created);
    expectTypeOf(task).toEqualTypeOf<DisasterRecoveryQueryResp>();
    expectTypeOf(waitUntilStartDisasterRecoveryDone(dws, { disaster_recovery_id: task.id })).resolves.toEqualTypeOf<DisasterRecoveryQueryResp>();
    // @ts-expect-error start needs the task id, not the create response
    void waitUntilStartDisasterRecoveryDone(dws, created);
    // @ts-expect-error create is waited for from its response
    void waitUntilCreateDisasterRecoveryDone(dws, { disaster_recovery_id: 'x' });
  });

  it('delete may end with the task gone', () => {
    expectTypeOf(waitUntilDeleteDisasterRecoveryDone(dws, { disaster_recovery_id: 'x' })).resolves.toEqualTypeOf<DisasterRecoveryQueryResp | undefined>();
  });

  it('exist only for task-changing operations', () => {
    expectTypeOf<typeof api>().toHaveProperty('waitUntilSwitchFailoverDisasterDone');
    expectTypeOf<typeof api>().not.toHaveProperty('waitUntilShowDisasterDetailDone');
  });

  it('waitStatusesFor is defined for task-changing operations (no `!`), possibly undefined for the rest', () => {
    expectTypeOf(waitStatusesFor('startDisasterRecovery')).toEqualTypeOf<WaitStatuses>();
    expectTypeOf(waitStatusesFor('startDisasterRecovery').targets).toEqualTypeOf<readonly string[]>();
    expectTypeOf(waitStatusesFor('showDisasterDetail')).toEqualTypeOf<WaitStatuses | undefined>();
  });

  it('client methods are the generated, documented DwsMethods', () => {
    expectTypeOf(dws.startDisasterRecovery).toEqualTypeOf<DwsMethods['startDisasterRecovery']>();
  });
});
