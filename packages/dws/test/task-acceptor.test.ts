import { HuaweiCloudApiError, poll } from '@hcdr/core';
import { fakeTime } from '@hcdr/core/testing';
import { describe, expect, it } from 'vitest';
import { createTaskAcceptor, TASK_GONE, TASK_WAIT_DEFAULTS } from '../src/waiters/task-acceptor.js';

const apiError = (status: number, code?: string) => new HuaweiCloudApiError({ status, code, errorMessage: 'x', operation: 'op', retryable: false });

describe('DWS task acceptor', () => {
  it('waits up to 60 min by default (DR task operations are slow)', () => {
    expect(TASK_WAIT_DEFAULTS).toMatchObject({ initialDelayMs: 5000, maxWaitMs: 3_600_000 });
  });

  it('succeeds on a target, fails on failure statuses, tolerates unknown statuses', () => {
    const a = createTaskAcceptor({ targets: ['running'] });
    expect(a.classify({ status: 'starting' })).toEqual({ status: 'pending', label: 'starting' });
    expect(a.classify({ status: 'some_new_status' }).status).toBe('pending');
    expect(a.classify({ status: 'running' })).toEqual({ status: 'success', label: 'running' });
    for (const s of ['create_failed', 'start_failed', 'stop_failed', 'abnormal']) expect(a.classify({ status: s }).status).toBe('failure');
    expect(a.classify({ status: 'deleted' })).toMatchObject({ status: 'failure', reason: 'DR task was deleted' });
    expect(a.classify(undefined)).toEqual({ status: 'pending', label: 'unknown' });
  });

  it('targets beat failure statuses (deleting from stop_failed)', () => {
    const a = createTaskAcceptor({ targets: ['stopped', 'stop_failed'] });
    expect(a.classify({ status: 'stop_failed' }).status).toBe('success');
  });

  it('detects deletion by 404 or DWS.10101 when waiting for deleted', () => {
    const a = createTaskAcceptor({ targets: ['deleted'] });
    expect(a.classifyError(apiError(404))).toEqual({ status: 'success', label: 'deleted' });
    expect(a.classifyError(apiError(400, 'DWS.10101'))).toEqual({ status: 'success', label: 'deleted' });
    expect(a.classifyError(apiError(500))).toBe('throw');
    expect(a.classifyError(new Error('network'))).toBe('throw');
    expect(a.classify({ status: 'deleting' }).status).toBe('pending');
    expect(a.classify({ status: 'deleted' }).status).toBe('success');
  });

  it('treats "not found" as a failure when not waiting for deletion', () => {
    const a = createTaskAcceptor({ targets: ['running'] });
    expect(a.classifyError(apiError(404))).toMatchObject({ status: 'failure', reason: 'DR task not found' });
  });

  it('drives poll() to a deletion', async () => {
    const time = fakeTime();
    const a = createTaskAcceptor({ targets: ['deleted'] });
    let n = 0;
    const result = await poll({
      ...TASK_WAIT_DEFAULTS,
      fetchState: async () => {
        if (n++ < 2) return { status: 'deleting' };
        throw apiError(400, 'DWS.10101');
      },
      classify: a.classify,
      classifyError: a.classifyError,
      sleep: time.sleep,
      now: time.now,
    });
    expect(result).toMatchObject({ state: 'succeeded', attempts: 3 });
  });
});

describe('gone-when (x-hcdr-gone-when in the spec)', () => {
  it('TASK_GONE is what the spec declares on deleteDisasterRecovery', () => {
    expect(TASK_GONE).toEqual({ status: [404], errorCodes: ['DWS.10101'] });
  });

  it('an operation’s own goneWhen rule decides what "gone" looks like', () => {
    const a = createTaskAcceptor({ targets: ['deleted'], goneWhen: { status: [410], errorCodes: [] } });
    expect(a.classifyError(apiError(410))).toEqual({ status: 'success', label: 'deleted' });
    // Still "not found" for the service in general, but not this operation's success.
    expect(a.classifyError(apiError(404))).toMatchObject({ status: 'failure', reason: 'DR task not found' });
  });
});
