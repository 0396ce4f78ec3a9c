import { describe, expectTypeOf, it } from 'vitest';
import * as api from '../src/index.js';
import {
  type AsyncOperationId,
  createGeminiDbClient,
  type ConstructDisasterRecoveryBody,
  type GeminiDbClient,
  type GeminiDbMethods,
  type JobDetail,
  paginateListJobs,
  type ShowInstanceRoleResponse,
  waitUntilCreateDisasterRecoveryDone,
  waitUntilSwitchToSlaveDone,
} from '../src/index.js';

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

describe('generated waiters and paginators', () => {
  it('take the operation’s response as it is (no `!` on job_id) and resolve to the job', async () => {
    const created = await gdb.createDisasterRecovery({ instance_id: 'a', body: { alias: 'a', password: 'p', instance_role: 'master', disaster_recovery_instance: peer } });
    expectTypeOf(waitUntilCreateDisasterRecoveryDone(gdb, created)).resolves.toEqualTypeOf<JobDetail>();
    expectTypeOf(waitUntilSwitchToSlaveDone).parameter(1).toEqualTypeOf<{ readonly job_id?: string | undefined }>();
    // @ts-expect-error a bare job id is not a response
    void waitUntilSwitchToSlaveDone(gdb, 'job-1');
  });

  it('exist only for asynchronous operations', () => {
    expectTypeOf<typeof api>().toHaveProperty('waitUntilDeleteDisasterRecoveryDone');
    expectTypeOf<typeof api>().not.toHaveProperty('waitUntilShowInstanceRoleDone');
    expectTypeOf<typeof api>().not.toHaveProperty('paginateShowInstanceRole');
    expectTypeOf<AsyncOperationId>().toEqualTypeOf<
      | 'createDisasterRecovery'
      | 'deleteDisasterRecovery'
      | 'switchToMaster'
      | 'switchToSlave'
      | 'switchOverDisasterRecovery'
      | 'pauseResumeDataSynchronization'
      | 'createGeminiDbDualActive'
      | 'deleteGeminiDbDualActive'
    >();
  });

  it('paginators yield typed items, with the page size limited to what the API accepts', () => {
    expectTypeOf(paginateListJobs(gdb)).toEqualTypeOf<AsyncGenerator<JobDetail, void, undefined>>();
    void paginateListJobs(gdb, { query: { status: 'Running' } }, { pageSize: 20 });
    // @ts-expect-error the jobs API pages by 10, 20 or 50
    void paginateListJobs(gdb, undefined, { pageSize: 30 });
    // @ts-expect-error unknown filter
    void paginateListJobs(gdb, { query: { colour: 'red' } });
  });

  it('client methods are the generated, documented ClientMethods', () => {
    expectTypeOf(gdb.showInstanceRole).toEqualTypeOf<GeminiDbMethods['showInstanceRole']>();
    expectTypeOf<GeminiDbMethods['listJobs']>().returns.resolves.toHaveProperty('jobs');
  });
});

describe('open response enums', () => {
  it('keep their known values (editor completions) and still accept a value added later', () => {
    // Exclude, not NonNullable: `T & {}` would reduce the union to `string & {}`.
    type Role = Exclude<ShowInstanceRoleResponse['role'], undefined>;
    expectTypeOf<'master'>().toMatchTypeOf<Role>();
    expectTypeOf<'a-role-added-later'>().toMatchTypeOf<Role>();
    // `'master' | 'slave' | string` would collapse to a bare string and lose the hints.
    expectTypeOf<Role>().not.toEqualTypeOf<string>();
    expectTypeOf<Extract<Role, 'master' | 'slave'>>().toEqualTypeOf<'master' | 'slave'>();
  });
});
