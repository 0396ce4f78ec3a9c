// The generated per-operation waiters and paginators, run against a recording fetch.
import { isHuaweiCloudValidationError, isHuaweiCloudWaiterError, createFetchHandler } from '@hcdr/core';
import { fakeTime, recordingFetch, sequence } from '@hcdr/core/testing';
import { describe, expect, it } from 'vitest';
import {
  createGeminiDbClient,
  operations,
  paginateListInstances,
  paginateListJobs,
  paginateShowDisasterRecoverySettings,
  waitUntilCreateDisasterRecoveryDone,
  waitUntilSwitchToSlaveDone,
} from '../src/index.js';
import * as api from '../src/index.js';

const PROJECT = '0123456789abcdef0123456789abcdef';
const INSTANCE = 'a1b2c3d4e5f64a7b8c9d0e1f2a3b4c5din12';
const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

function client(handler: Parameters<typeof recordingFetch>[0]) {
  const recorder = recordingFetch(handler);
  const time = fakeTime();
  const gdb = createGeminiDbClient({ region: 'ap-southeast-1', projectId: PROJECT, credentials: { authToken: 'token-1' }, env: {}, httpHandler: createFetchHandler(recorder.fetch), sleep: time.sleep, now: time.now });
  return { gdb, calls: recorder.calls, time };
}

const job = (status: string, extra: Record<string, unknown> = {}) => json(200, { jobs: [{ id: 'job-1', name: 'ConstructDisasterRecovery', status, ...extra }], total_count: 1 });

describe('generated waiters', () => {
  it('exist for exactly the operations the spec marks x-hcdr-async', () => {
    const asyncIds = Object.entries(operations).filter(([, row]) => row.async === 'job').map(([id]) => id);
    expect(asyncIds.length).toBeGreaterThan(5);
    const waiterNames = Object.keys(api).filter((name) => /^waitUntil.+Done$/.test(name));
    expect(waiterNames.sort()).toEqual(asyncIds.map((id) => `waitUntil${id[0]!.toUpperCase()}${id.slice(1)}Done`).sort());
  });

  it('wait for the job the response names, until Completed, and resolve to the job', async () => {
    const { gdb, calls, time } = client(
      sequence(() => json(202, { job_id: 'job-1', disaster_recovery_id: 'dr-1' }), () => job('Running', { progress: '40%' }), () => job('Completed')),
    );
    const created = await gdb.createDisasterRecovery({
      instance_id: INSTANCE,
      body: { alias: 'a', password: 'Dr#pass-1', instance_role: 'master', disaster_recovery_instance: { id: 'b', region_code: 'ap-southeast-3', subnet_cidrs: ['10.0.1.0/24'], node_ips: ['10.0.1.2'] } },
    });
    const labels: string[] = [];
    const done = await waitUntilCreateDisasterRecoveryDone(gdb, created, { sleep: time.sleep, now: time.now, onProgress: (e) => labels.push(e.label) });
    expect(done).toMatchObject({ id: 'job-1', status: 'Completed' });
    expect(labels).toEqual(['Running', 'Completed']);
    expect(calls.slice(1).map((c) => new URL(c.url).search)).toEqual(['?id=job-1', '?id=job-1']);
  });

  it('throw HuaweiCloudWaiterError with the fail_reason of a Failed job, naming the operation', async () => {
    const { gdb, time } = client(() => job('Failed', { fail_reason: 'peer unreachable' }));
    const error = await waitUntilSwitchToSlaveDone(gdb, { job_id: 'job-1' }, { sleep: time.sleep, now: time.now }).catch((e: unknown) => e);
    expect(isHuaweiCloudWaiterError(error)).toBe(true);
    expect(String(error)).toContain('peer unreachable');
    expect(String(error)).toContain('switchToSlave job job-1');
  });

  it('refuse a response without job_id before polling anything', async () => {
    const { gdb, calls } = client(() => job('Completed'));
    const error = await waitUntilSwitchToSlaveDone(gdb, {}).catch((e: unknown) => e);
    expect(isHuaweiCloudValidationError(error)).toBe(true);
    expect(error).toMatchObject({ operation: 'waitUntilSwitchToSlaveDone', field: 'job_id' });
    expect(calls).toHaveLength(0);
  });
});

describe('generated paginators (offset/limit)', () => {
  const page = (ids: string[], total?: number) => json(200, { jobs: ids.map((id) => ({ id, name: 'X', status: 'Completed' })), ...(total === undefined ? {} : { total_count: total }) });

  it('request the largest page the API allows, advance the offset by the items received, and stop at total_count', async () => {
    // The server returns fewer items than asked for; total_count, not the short page, decides when to stop.
    const { gdb, calls } = client(sequence(() => page(['a', 'b'], 5), () => page(['c', 'd'], 5), () => page(['e'], 5)));
    const ids: string[] = [];
    for await (const j of paginateListJobs(gdb, { query: { status: 'Completed' } }, { pageSize: 20 })) ids.push(j.id);
    expect(ids).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(calls.map((c) => new URL(c.url).search)).toEqual([
      '?status=Completed&offset=0&limit=20',
      '?status=Completed&offset=2&limit=20',
      '?status=Completed&offset=4&limit=20',
    ]);
  });

  it('without a total, stop at a page shorter than the page size (default: the spec maximum)', async () => {
    const { gdb, calls } = client(sequence(() => json(200, { instances: Array.from({ length: 100 }, (_, i) => ({ id: `i${i}` })) }), () => json(200, { instances: [{ id: 'last' }] })));
    let n = 0;
    for await (const _instance of paginateListInstances(gdb)) n++;
    expect(n).toBe(101);
    expect(calls.map((c) => new URL(c.url).searchParams.get('limit'))).toEqual(['100', '100']);
    expect(calls.map((c) => new URL(c.url).searchParams.get('offset'))).toEqual(['0', '100']);
  });

  it('start at the given offset, stop at an empty page, and make no request once the caller breaks out', async () => {
    const { gdb, calls } = client(sequence(() => json(200, { disaster_recovery_settings: [{ instance_id: 'x' }], total_count: 99 }), () => json(200, { disaster_recovery_settings: [] })));
    const seen: unknown[] = [];
    for await (const setting of paginateShowDisasterRecoverySettings(gdb, { query: { offset: 10 } })) seen.push(setting);
    expect(seen).toHaveLength(1);
    expect(calls.map((c) => new URL(c.url).searchParams.get('offset'))).toEqual(['10', '11']);

    const early = client(() => page(['a', 'b', 'c'], 100));
    for await (const _j of paginateListJobs(early.gdb)) break;
    expect(early.calls).toHaveLength(1);
  });

  it('throw the failing page’s error from the iteration, and honour the signal', async () => {
    const { gdb } = client(sequence(() => page(['a'], 3), () => json(500, { error_code: 'DBS.000001', error_msg: 'boom' })));
    const ids: string[] = [];
    const error = await (async () => {
      for await (const j of paginateListJobs(gdb, undefined, { pageSize: 10 })) ids.push(j.id);
    })().catch((e: unknown) => e);
    expect(ids).toEqual(['a']);
    expect(error).toMatchObject({ status: 500, code: 'DBS.000001', operation: 'listJobs' });

    const aborted = client(() => page(['a'], 3));
    const controller = new AbortController();
    controller.abort();
    await expect(paginateListJobs(aborted.gdb, undefined, { signal: controller.signal }).next()).rejects.toMatchObject({ name: 'HuaweiCloudAbortError' });
  });
});
