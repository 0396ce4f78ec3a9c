import { describe, expectTypeOf, it } from 'vitest';
import { createGeminiDbClient, type ConstructDisasterRecoveryBody, type GeminiDbClient, type JobDetail, type ShowInstanceRoleResponse } from '../src/index.js';

declare const gdb: GeminiDbClient;

const peer = { id: 'b', region_code: 'ap-southeast-1', subnet_cidrs: ['10.0.0.0/24'], node_ips: ['10.0.0.2'] };

describe('generated request types', () => {
  it('accept a complete construction body', () => {
    const ok: ConstructDisasterRecoveryBody = { alias: 'a', password: 'p', instance_role: 'master', disaster_recovery_instance: peer };
    expectTypeOf(ok.instance_role).toEqualTypeOf<'master' | 'slave'>();
  });

  it('reject a construction body without alias', () => {
    // @ts-expect-error alias is required
    const missing: ConstructDisasterRecoveryBody = { password: 'p', instance_role: 'master', disaster_recovery_instance: peer };
    expectTypeOf(missing).toMatchTypeOf<object>();
  });

  it('reject an instance_role outside the enum', () => {
    // @ts-expect-error 'primary' is not master | slave
    const wrong: ConstructDisasterRecoveryBody = { alias: 'a', password: 'p', instance_role: 'primary', disaster_recovery_instance: peer };
    expectTypeOf(wrong).toMatchTypeOf<object>();
  });

  it('reject a sync action outside pause | resume', () => {
    // @ts-expect-error 'stop' is not an action
    void gdb.pauseResumeDataSynchronization({ instance_id: 'a', body: { action: 'stop' } });
    expectTypeOf(gdb.pauseResumeDataSynchronization).parameter(0).toHaveProperty('body');
  });
});

describe('operation methods', () => {
  it('need the path ids, not the project (filled from config)', () => {
    // @ts-expect-error instance_id is required
    void gdb.showInstanceRole({});
    void gdb.showInstanceRole({ instance_id: 'a' });
    void gdb.showInstanceRole({ instance_id: 'a', project_id: 'override' });
    void gdb.listJobs();
    void gdb.listJobs({ query: { limit: 20, status: 'Running' } });
    // @ts-expect-error limit must be 10 | 20 | 50
    void gdb.listJobs({ query: { limit: 30 } });
    expectTypeOf(gdb.showInstanceRole).parameter(0).toEqualTypeOf<{ instance_id: string; project_id?: string }>();
  });

  it('resolve to the data directly; withResponse adds the response', () => {
    expectTypeOf(gdb.showInstanceRole).returns.resolves.toEqualTypeOf<ShowInstanceRoleResponse>();
    expectTypeOf<NonNullable<Awaited<ReturnType<typeof gdb.listJobs>>['jobs']>[number]>().toEqualTypeOf<JobDetail>();
    expectTypeOf(gdb.withResponse.showInstanceRole).returns.resolves.toEqualTypeOf<{ data: ShowInstanceRoleResponse; response: Response }>();
    expectTypeOf(gdb.withResponse.showInstanceRole).parameters.toEqualTypeOf<Parameters<typeof gdb.showInstanceRole>>();
  });

  it('has no throwOnError option (no boolean to widen into a union of result shapes)', () => {
    const shared = { region: 'ap-southeast-1', throwOnError: true };
    // @ts-expect-error throwOnError is not an option any more
    createGeminiDbClient({ region: 'ap-southeast-1', throwOnError: true });
    expectTypeOf(createGeminiDbClient({ ...shared }).showInstanceRole).returns.resolves.toEqualTypeOf<ShowInstanceRoleResponse>();
  });

  it('precheck answers 204: no data', () => {
    expectTypeOf(gdb.checkDisasterRecoveryOperation).returns.resolves.toEqualTypeOf<undefined>();
  });
});
