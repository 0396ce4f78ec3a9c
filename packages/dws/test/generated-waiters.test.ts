// The generated per-operation waiters, run against a recording fetch: the statuses and the gone-when
// rule come from the spec, the task id from the operation's input (or, for create, its response).
import { isHuaweiCloudValidationError, isHuaweiCloudWaiterError, createFetchHandler } from '@hcdr/core';
import { fakeTime, recordingFetch, sequence } from '@hcdr/core/testing';
import { describe, expect, it } from 'vitest';
import * as api from '../src/index.js';
import {
  createDwsClient,
  operations,
  waitUntilCreateDisasterRecoveryDone,
  waitUntilDeleteDisasterRecoveryDone,
  waitUntilPauseDisasterRecoveryDone,
  waitUntilRestoreDisasterDone,
  waitUntilStartDisasterRecoveryDone,
  waitUntilSwitchFailoverDisasterDone,
  waitUntilSwitchoverDisasterRecoveryDone,
} from '../src/index.js';

const PROJECT = '0123456789abcdef0123456789abcdef';
const TASK = 'e59d6b86-9072-46eb-a996-13f8b44994c1';
const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const task = (status: string, primary = 'cluster-p') => json(200, { disaster_recovery: { id: TASK, name: 'dr_1', status, primary_cluster: { id: primary }, standby_cluster: { id: primary === 'cluster-p' ? 'cluster-s' : 'cluster-p' } } });

function client(handler: Parameters<typeof recordingFetch>[0]) {
  const recorder = recordingFetch(handler);
  const time = fakeTime();
  const dws = createDwsClient({ region: 'cn-north-4', projectId: PROJECT, credentials: { authToken: 'token-1' }, env: {}, httpHandler: createFetchHandler(recorder.fetch), sleep: time.sleep, now: time.now });
  return { dws, calls: recorder.calls, timing: { sleep: time.sleep, now: time.now } };
}

describe('generated DWS waiters', () => {
  it('exist for exactly the operations the spec marks x-hcdr-async: task-status', () => {
    const asyncIds = Object.entries(operations).filter(([, row]) => row.async === 'task-status').map(([id]) => id);
    expect(asyncIds).toHaveLength(7);
    const waiters = Object.keys(api).filter((name) => /^waitUntil.+Done$/.test(name));
    expect(waiters.sort()).toEqual(asyncIds.map((id) => `waitUntil${id[0]!.toUpperCase()}${id.slice(1)}Done`).sort());
  });

  it('create: the task id comes from the response; done at unstart', async () => {
    const { dws, calls, timing } = client(sequence(() => json(200, { disaster_recovery: { id: TASK } }), () => task('creating'), () => task('unstart')));
    const created = await dws.createDisasterRecovery({ body: { disaster_recovery: { name: 'dr_1', dr_type: 'az', primary_cluster_id: 'p', standby_cluster_id: 's', dr_sync_period: '20m' } } });
    const done = await waitUntilCreateDisasterRecoveryDone(dws, created, timing);
    expect(done.status).toBe('unstart');
    expect(calls.slice(1).every((c) => c.url.endsWith(`/v2/${PROJECT}/disaster-recovery/${TASK}`))).toBe(true);
  });

  it('start: the task id comes from the input; a failure status from the spec fails the wait', async () => {
    const ok = client(sequence(() => task('starting'), () => task('running')));
    expect((await waitUntilStartDisasterRecoveryDone(ok.dws, { disaster_recovery_id: TASK }, ok.timing)).status).toBe('running');

    const failed = client(sequence(() => task('starting'), () => task('start_failed')));
    const error = await waitUntilStartDisasterRecoveryDone(failed.dws, { disaster_recovery_id: TASK }, failed.timing).catch((e: unknown) => e);
    expect(isHuaweiCloudWaiterError(error)).toBe(true);
    expect(error).toMatchObject({ kind: 'failed' });
    expect(String(error)).toContain('start_failed');
  });

  it('pause waits for stopped, the status the docs omit from the enum', async () => {
    const { dws, timing } = client(sequence(() => task('stopping'), () => task('stopped')));
    expect((await waitUntilPauseDisasterRecoveryDone(dws, { disaster_recovery_id: TASK }, timing)).status).toBe('stopped');
  });

  it.each([
    ['HTTP 404', () => new Response('{}', { status: 404, headers: { 'content-type': 'application/json' } })],
    ['DWS.10101', () => json(400, { error_code: 'DWS.10101', error_msg: 'DR task not found' })],
  ])('delete is done once the task is gone (%s, the spec’s gone-when)', async (_label, gone) => {
    const { dws, calls, timing } = client(sequence(() => task('deleting'), gone));
    await expect(waitUntilDeleteDisasterRecoveryDone(dws, { disaster_recovery_id: TASK }, timing)).resolves.toBeUndefined();
    expect(calls).toHaveLength(2);
  });

  it('a task that disappears while waiting for start is a failure, not a success', async () => {
    const { dws, timing } = client(() => json(400, { error_code: 'DWS.10101', error_msg: 'DR task not found' }));
    const error = await waitUntilStartDisasterRecoveryDone(dws, { disaster_recovery_id: TASK }, timing).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'failed', reason: 'DR task not found' });
  });

  it('switchover: the running it started from is not its end; running with the clusters swapped is (first check at once)', async () => {
    const { dws, calls, timing } = client(sequence(() => task('running'), () => task('switchovering'), () => task('running', 'cluster-s')));
    const start = timing.now();
    const done = await waitUntilSwitchoverDisasterRecoveryDone(dws, { disaster_recovery_id: TASK }, timing);
    expect(done.primary_cluster?.id).toBe('cluster-s');
    expect(calls).toHaveLength(3);
    // No sleep before the first check: 5 s + 7.5 s between the three.
    expect(timing.now() - start).toBe(12_500);
  });

  it('switchover with the before-state given: done only when another cluster is primary; the same primary back in running fails', async () => {
    const ok = client(sequence(() => task('running'), () => task('running', 'cluster-s')));
    expect((await waitUntilSwitchoverDisasterRecoveryDone(ok.dws, { disaster_recovery_id: TASK }, { ...ok.timing, before: { status: 'running', primaryClusterId: 'cluster-p' } })).primary_cluster?.id).toBe('cluster-s');
    const undone = client(sequence(() => task('switchovering'), () => task('running')));
    const error = await waitUntilSwitchoverDisasterRecoveryDone(undone.dws, { disaster_recovery_id: TASK }, { ...undone.timing, before: { status: 'running', primaryClusterId: 'cluster-p' } }).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'failed', reason: expect.stringContaining('not swapped') });
  });

  it('failover: a settled status it started from (a target too) is waited out', async () => {
    const { dws, calls, timing } = client(sequence(() => task('running'), () => task('switchovering'), () => task('abnormal', 'cluster-s')));
    expect((await waitUntilSwitchFailoverDisasterDone(dws, { disaster_recovery_id: TASK }, timing)).status).toBe('abnormal');
    expect(calls).toHaveLength(3);
  });

  it('recovery from abnormal (a failure status of the recovery) is waited out until the task left it', async () => {
    const { dws, timing } = client(sequence(() => task('abnormal'), () => task('starting'), () => task('running')));
    expect((await waitUntilRestoreDisasterDone(dws, { disaster_recovery_id: TASK }, timing)).status).toBe('running');
  });

  it('start after start_failed: the old start_failed is not a new failure', async () => {
    const { dws, timing } = client(sequence(() => task('start_failed'), () => task('starting'), () => task('running')));
    expect((await waitUntilStartDisasterRecoveryDone(dws, { disaster_recovery_id: TASK }, timing)).status).toBe('running');
  });

  it('start already finished at the first check (a fast stand-in): done at once', async () => {
    const { dws, calls, timing } = client(() => task('running'));
    expect((await waitUntilStartDisasterRecoveryDone(dws, { disaster_recovery_id: TASK }, timing)).status).toBe('running');
    expect(calls).toHaveLength(1);
  });

  it('refuses a missing task id before polling', async () => {
    const { dws, calls } = client(() => task('running'));
    const error = await waitUntilStartDisasterRecoveryDone(dws, { disaster_recovery_id: '' }).catch((e: unknown) => e);
    expect(isHuaweiCloudValidationError(error)).toBe(true);
    expect(error).toMatchObject({ operation: 'waitUntilStartDisasterRecoveryDone', field: 'disaster_recovery_id' });
    expect(calls).toHaveLength(0);
  });
});
