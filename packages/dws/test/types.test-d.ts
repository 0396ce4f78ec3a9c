import { describe, expectTypeOf, it } from 'vitest';
import type { CreateDisasterRecovery, DisasterRecoveryQueryResp, DwsClient } from '../src/index.js';

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
