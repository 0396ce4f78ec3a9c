import { poll } from '@hcdr/core';
import { fakeTime } from '@hcdr/core/testing';
import { describe, expect, it } from 'vitest';
import { createJobAcceptor, JOB_WAIT_DEFAULTS, pickJob, type JobLike } from '../src/waiters/job-acceptor.js';

describe('GeminiDB job acceptor', () => {
  it('maps Running / Completed / Failed', () => {
    const accept = createJobAcceptor();
    expect(accept({ status: 'Running', progress: '60%' })).toEqual({ status: 'pending', label: 'Running', progress: '60%' });
    expect(accept({ status: 'Completed', progress: '' })).toEqual({ status: 'success', label: 'Completed', progress: undefined });
    expect(accept({ status: 'Failed', fail_reason: 'DR port must be 8635' })).toEqual({ status: 'failure', label: 'Failed', reason: 'DR port must be 8635' });
    expect(accept({ status: 'Failed', fail_reason: '' })).toMatchObject({ status: 'failure', reason: 'job failed (no fail_reason given)' });
    expect(accept({ status: 'Queued' })).toMatchObject({ status: 'pending', label: 'Queued' });
  });

  it('fails with "job not found" only after N consecutive misses', () => {
    const accept = createJobAcceptor({ notFoundAfter: 3 });
    expect(accept(undefined).status).toBe('pending');
    expect(accept({ status: '' }).status).toBe('pending');
    expect(accept({ status: 'Running' }).status).toBe('pending'); // resets the count
    expect(accept(null).status).toBe('pending');
    expect(accept(undefined).status).toBe('pending');
    expect(accept(undefined)).toEqual({ status: 'failure', label: 'NotFound', reason: 'job not found after 3 consecutive checks' });
  });

  it('drives poll() end to end with the ListJobs shape', async () => {
    const time = fakeTime();
    const accept = createJobAcceptor();
    const pages: Array<{ jobs: JobLike[] }> = [
      { jobs: [] },
      { jobs: [{ id: 'j1', status: 'Running', progress: '10%' }] },
      { jobs: [{ id: 'j1', status: 'Completed', progress: '' }] },
    ];
    const result = await poll<{ jobs: JobLike[] }>({ ...JOB_WAIT_DEFAULTS, fetchState: async ({ attempt }) => pages[Math.min(attempt, pages.length) - 1] as { jobs: JobLike[] }, classify: (page) => accept(pickJob(page, 'j1')), sleep: time.sleep, now: time.now });
    expect(result).toMatchObject({ state: 'succeeded', attempts: 3 });
    // The first check is immediate; then 5 s, growing ×1.5.
    expect(time.sleeps).toEqual([5000, 7500]);
  });

  it('pickJob finds by id', () => {
    expect(pickJob({ jobs: [{ id: 'a' }, { id: 'b', status: 'Running' }] }, 'b')).toEqual({ id: 'b', status: 'Running' });
    expect(pickJob({ jobs: [{ id: 'a' }] }, 'b')).toBeUndefined();
    expect(pickJob(undefined, 'b')).toBeUndefined();
  });

  it('defaults: first check at once, 5–30 s interval, 30 min limit', () => {
    expect(JOB_WAIT_DEFAULTS).toMatchObject({ initialDelayMs: 0, minIntervalMs: 5000, maxIntervalMs: 30_000, maxWaitMs: 1_800_000 });
  });
});


describe('a finished job answers the first, immediate check', () => {
  it('Completed: success without any sleep; Failed: failure with its reason, without any sleep', async () => {
    for (const [status, state] of [['Completed', 'succeeded'], ['Failed', 'failed']] as const) {
      const time = fakeTime();
      const accept = createJobAcceptor();
      const result = await poll<{ jobs: JobLike[] }>({
        ...JOB_WAIT_DEFAULTS,
        fetchState: async () => ({ jobs: [{ id: 'j1', status, fail_reason: status === 'Failed' ? 'disk full' : '' }] }),
        classify: (page) => accept(pickJob(page, 'j1')),
        sleep: time.sleep,
        now: time.now,
      });
      expect(result).toMatchObject({ state, attempts: 1 });
      expect(time.sleeps).toEqual([]);
    }
  });
});
