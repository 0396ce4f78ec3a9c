import { isHuaweiCloudApiError, isHuaweiCloudValidationError, isHuaweiCloudWaiterError, createFetchHandler } from '@hcdr/core';
import { fakeTime, recordingFetch, sequence } from '@hcdr/core/testing';
import { describe, expect, it } from 'vitest';
import { createDwsClient, operations, waitForTask, waitStatusesFor, waitUntilTaskStatus, type DwsClientOptions } from '../src/index.js';

const PROJECT = '0123456789abcdef0123456789abcdef';
const TASK = 'e59d6b86-9072-46eb-a996-13f8b44994c1';

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
const task = (status: string) => json(200, { disaster_recovery: { id: TASK, name: 'dr-task-1', status } });

function client(handler: Parameters<typeof recordingFetch>[0], extra: DwsClientOptions = {}) {
  const recorder = recordingFetch(handler);
  const dws = createDwsClient({
    region: 'cn-north-4',
    projectId: PROJECT,
    credentials: { authToken: 'dws-test-token-DO-NOT-LEAK' },
    env: {},
    httpHandler: createFetchHandler(recorder.fetch),
    ...extra,
  });
  return { dws, calls: recorder.calls };
}

describe('createDwsClient', () => {
  it('creates a DR task on the regional endpoint with token auth', async () => {
    const { dws, calls } = client(() => json(200, { disaster_recovery: { id: TASK } }));
    const body = {
      disaster_recovery: { name: 'dr-task-1', dr_type: 'az' as const, primary_cluster_id: 'c-1', standby_cluster_id: 'c-2', dr_sync_period: '20m' },
    };
    const data = await dws.createDisasterRecovery({ body });
    expect(data.disaster_recovery.id).toBe(TASK);
    expect(calls[0]?.url).toBe(`https://dws.cn-north-4.myhuaweicloud.com/v2/${PROJECT}/disaster-recoveries`);
    expect(calls[0]?.headers['x-auth-token']).toBe('dws-test-token-DO-NOT-LEAK');
    expect(JSON.parse(calls[0]!.body)).toEqual(body);
  });

  it('routes the /v1 progress and /v1.0 job operations to their own API versions', async () => {
    const { dws, calls } = client(() => json(200, {}));
    await dws.showDisasterProgress({ disaster_recovery_id: TASK });
    await dws.listJobDetails({ job_id: 'job-7' });
    expect(calls.map((c) => new URL(c.url).pathname)).toEqual([
      `/v1/${PROJECT}/disaster-recovery/${TASK}/show-progress`,
      `/v1.0/${PROJECT}/job/job-7`,
    ]);
  });

  it('has one method per operation in the spec (15)', () => {
    const { dws } = client(() => json(200, {}));
    expect(Object.keys(operations)).toHaveLength(15);
    for (const id of Object.keys(operations)) expect(typeof (dws as unknown as Record<string, unknown>)[id]).toBe('function');
  });

  it('refuses check-name without the required dr_name before sending', async () => {
    const { dws, calls } = client(() => json(200, {}));
    // @ts-expect-error dr_name is required
    const error = await dws.checkDisasterName({ query: {} }).catch((e: unknown) => e);
    expect(isHuaweiCloudValidationError(error)).toBe(true);
    expect(String(error)).toContain('query.dr_name');
    expect(calls).toHaveLength(0);
  });

  it('has no busy codes of its own: a GeminiDB busy code is just an error here, never retried', async () => {
    const { dws, calls } = client(() => json(409, { error_code: 'DBS.200019', error_msg: 'busy' }), { retryBusy: true, maxRetries: 2 });
    await expect(dws.startDisasterRecovery({ disaster_recovery_id: TASK })).rejects.toMatchObject({ status: 409, busy: false, retryable: false });
    expect(calls).toHaveLength(1);
  });

  it('DWS.10101 becomes a typed error', async () => {
    const { dws } = client(() => json(400, { error_code: 'DWS.10101', error_msg: 'DR task not found' }));
    const error = await dws.showDisasterDetail({ disaster_recovery_id: TASK }).catch((e: unknown) => e);
    expect(isHuaweiCloudApiError(error)).toBe(true);
    expect(error).toMatchObject({ status: 400, code: 'DWS.10101', operation: 'showDisasterDetail' });
  });
});

describe('task waiters', () => {
  it('waits for the status the spec documents for an operation (start → running), tolerating unknown statuses', async () => {
    const { dws } = client(sequence(() => task('starting'), () => task('syncing_new_state'), () => task('running')));
    const time = fakeTime();
    const statuses = waitStatusesFor('startDisasterRecovery');
    expect(statuses?.targets).toEqual(['running']);
    const done = await waitUntilTaskStatus(dws, TASK, { ...statuses, sleep: time.sleep, now: time.now });
    expect(done?.status).toBe('running');
  });

  it('a failure status ends the wait with an error naming it', async () => {
    const { dws } = client(sequence(() => task('starting'), () => task('start_failed')));
    const time = fakeTime();
    const error = await waitUntilTaskStatus(dws, TASK, { targets: ['running'], sleep: time.sleep, now: time.now }).catch((e: unknown) => e);
    expect(isHuaweiCloudWaiterError(error)).toBe(true);
    expect(String(error)).toContain('start_failed');
  });

  it('deletion is detected by DWS.10101', async () => {
    const { dws } = client(sequence(() => task('deleting'), () => json(400, { error_code: 'DWS.10101', error_msg: 'not found' })));
    const time = fakeTime();
    const result = await waitForTask(dws, TASK, { targets: ['deleted'], sleep: time.sleep, now: time.now });
    expect(result.state).toBe('succeeded');
  });

  it('an abort ends the wait with state "aborted"', async () => {
    const { dws } = client(() => task('starting'));
    const controller = new AbortController();
    const time = fakeTime();
    const result = await waitForTask(dws, TASK, {
      targets: ['running'],
      signal: controller.signal,
      sleep: time.sleep,
      now: time.now,
      onProgress: (e) => {
        if (e.attempt === 2) controller.abort();
      },
    });
    expect(result.state).toBe('aborted');
    expect(result.attempts).toBe(2);
  });
});
