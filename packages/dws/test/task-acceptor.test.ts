import { HuaweiCloudApiError, poll } from '@hcdr/core';
import { fakeTime } from '@hcdr/core/testing';
import { describe, expect, it } from 'vitest';
import { createTaskAcceptor, nextTaskOperation, TASK_GONE, TASK_WAIT_DEFAULTS } from '../src/waiters/task-acceptor.js';

const apiError = (status: number, code?: string) => new HuaweiCloudApiError({ status, code, errorMessage: 'x', operation: 'op', retryable: false });

describe('DWS task acceptor', () => {
  it('waits up to 60 min by default (DR task operations are slow), checking at once', () => {
    expect(TASK_WAIT_DEFAULTS).toMatchObject({ initialDelayMs: 0, maxWaitMs: 3_600_000 });
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

describe('DWS task acceptor: waits that cannot end without another call end at once', () => {
  it('a task resting in a settled status no target follows from fails, naming the call that would move it', () => {
    const a = createTaskAcceptor({ targets: ['running'] });
    expect(a.classify({ status: 'unstart' })).toEqual({
      status: 'failure',
      label: 'unstart',
      reason: 'DR task is "unstart" and nothing is changing it: "running" follows only after startDisasterRecovery',
    });
    expect(createTaskAcceptor({ targets: ['running'] }).classify({ status: 'stopped' }).reason).toContain('startDisasterRecovery');
    expect(createTaskAcceptor({ targets: ['stopped'] }).classify({ status: 'running' }).reason).toContain('pauseDisasterRecovery');
    // Transitions keep the wait going: they end by themselves.
    for (const s of ['creating', 'starting', 'stopping', 'switchovering', 'deleting']) expect(createTaskAcceptor({ targets: ['running'] }).classify({ status: s }).status).toBe('pending');
  });

  it("whenStuck 'wait' keeps waiting (someone else will act)", () => {
    expect(createTaskAcceptor({ targets: ['running'], whenStuck: 'wait' }).classify({ status: 'unstart' }).status).toBe('pending');
  });

  it('nextTaskOperation: the call towards the first reachable target', () => {
    expect(nextTaskOperation('unstart', ['running'])).toBe('startDisasterRecovery');
    expect(nextTaskOperation('abnormal', ['running'])).toBe('restoreDisaster');
    expect(nextTaskOperation('running', ['deleted'])).toBe('pauseDisasterRecovery');
    expect(nextTaskOperation('create_failed', ['deleted'])).toBe('deleteDisasterRecovery');
    expect(nextTaskOperation('creating', ['running'])).toBeUndefined();
    expect(nextTaskOperation('unstart', ['abnormal'])).toBeUndefined();
  });
});

describe('DWS task acceptor: a wait after a call ignores the state before the call', () => {
  const P = 'primary-cluster';
  const S = 'standby-cluster';
  const task = (status: string, primary = P) => ({ status, primary_cluster: { id: primary } });

  it('a switchover is not done by the running it started from; it is done once running with the clusters swapped', () => {
    const a = createTaskAcceptor({ targets: ['running'], failures: ['abnormal'], before: { status: 'running', primaryClusterId: P }, swap: true });
    expect(a.classify(task('running')).status).toBe('pending'); // the call has not shown yet
    expect(a.classify(task('switchovering')).status).toBe('pending');
    expect(a.classify(task('running', S))).toEqual({ status: 'success', label: 'running' });
  });

  it('a switchover back in running with the same primary failed (not swapped)', () => {
    const a = createTaskAcceptor({ targets: ['running'], failures: ['abnormal'], before: { status: 'running', primaryClusterId: P }, swap: true });
    a.classify(task('switchovering'));
    expect(a.classify(task('running'))).toMatchObject({ status: 'failure', reason: expect.stringContaining(`cluster ${P} still primary`) });
  });

  it('a direct swap without a transition status also counts (status unchanged, primary changed)', () => {
    const a = createTaskAcceptor({ targets: ['running'], before: { status: 'running', primaryClusterId: P }, swap: true });
    expect(a.classify(task('running', S)).status).toBe('success');
  });

  it("recovery from abnormal: abnormal (a failure status) is ignored until the task left it", () => {
    const a = createTaskAcceptor({ targets: ['running', 'unstart', 'stopped'], failures: ['abnormal'], before: { firstIn: ['abnormal'] } });
    expect(a.classify(task('abnormal')).status).toBe('pending');
    expect(a.classify(task('starting')).status).toBe('pending');
    expect(a.classify(task('running')).status).toBe('success');
    // Once left, abnormal is a failure again.
    const b = createTaskAcceptor({ targets: ['running'], failures: ['abnormal'], before: { firstIn: ['abnormal'] } });
    b.classify(task('abnormal'));
    b.classify(task('starting'));
    expect(b.classify(task('abnormal')).status).toBe('failure');
  });

  it('firstIn takes a transition as already under way (no baseline)', () => {
    const a = createTaskAcceptor({ targets: ['running'], before: { firstIn: ['running'] }, swap: true });
    expect(a.classify(task('switchovering')).status).toBe('pending');
    expect(a.classify(task('running')).status).toBe('success');
  });

  it('firstIn: a first observation outside the start statuses is judged as it is (a start already done is done)', () => {
    const a = createTaskAcceptor({ targets: ['running'], failures: ['start_failed', 'abnormal'], before: { firstIn: ['unstart', 'start_failed', 'stopped'] } });
    expect(a.classify(task('running'))).toEqual({ status: 'success', label: 'running' });
    const b = createTaskAcceptor({ targets: ['running'], failures: ['start_failed', 'abnormal'], before: { firstIn: ['unstart', 'start_failed', 'stopped'] } });
    expect(b.classify(task('start_failed')).status).toBe('pending'); // the old failure the restart starts from
  });

  it('drives poll(): the first check is immediate, the before-state is waited out', async () => {
    const time = fakeTime();
    const seen = [task('running'), task('running'), task('switchovering'), task('running', S)];
    let n = 0;
    const a = createTaskAcceptor({ targets: ['running'], before: { status: 'running', primaryClusterId: P }, swap: true });
    const started = time.now();
    const result = await poll({ ...TASK_WAIT_DEFAULTS, minIntervalMs: 1000, maxIntervalMs: 1000, fetchState: async () => seen[n++], classify: a.classify, sleep: time.sleep, now: time.now });
    expect(result).toMatchObject({ state: 'succeeded', attempts: 4 });
    // Three sleeps of 1 s between four checks, none before the first.
    expect(time.now() - started).toBe(3000);
  });
});
