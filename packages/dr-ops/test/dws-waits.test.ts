// The waits of the DWS workflows judge the end of their own call, not the state the task had before
// it: against a scripted task whose status shows the call late (as a real service may), each call is
// made exactly once and the workflow ends when the call's end is observable (clusters swapped for a
// switchover or failover, the task out of abnormal for a recovery).
import { describe, expect, it } from 'vitest';
import { failoverDwsTask, recoverDwsTask, switchoverDwsTask, type DwsDrClient } from '../src/index.js';

const TASK = 'e59d6b86-9072-46eb-a996-13f8b44994c1';
const P = '3ef5daaa-d017-4354-80b3-8a69caf2e09c';
const S = 'e7fed7fe-f4a7-499a-afed-1fdb5c1978cb';
const FAST = { minIntervalMs: 1, maxIntervalMs: 1, maxWaitMs: 5_000 };

/** A task that answers the scripted states in order (the last one repeats), and records the calls. */
function scripted(states: Array<[status: string, primary: string]>) {
  const calls: string[] = [];
  let reads = 0;
  const detail = async () => {
    const [status, primary] = states[Math.min(reads++, states.length - 1)] as [string, string];
    return { disaster_recovery: { id: TASK, name: 'dr_sales', status, primary_cluster: { id: primary }, standby_cluster: { id: primary === P ? S : P } } };
  };
  const accept = (name: string) => async () => {
    calls.push(name);
    return { disaster_recovery: { id: TASK } };
  };
  const client = {
    showDisasterDetail: detail,
    showDisasterProgress: async () => ({ disaster_recovery_progress: {} }),
    switchoverDisasterRecovery: accept('switchover'),
    switchFailoverDisaster: accept('failover'),
    restoreDisaster: accept('recovery'),
    config: { region: 'cn-north-4', projectId: '0123456789abcdef0123456789abcdef' },
  } as unknown as DwsDrClient;
  return { client, calls, reads: () => reads };
}

describe('DWS workflow waits observe the end of their call', () => {
  it('switchover: the running it started from (shown again after the call) is not its end; one call, done when swapped', async () => {
    const t = scripted([['running', P], ['running', P], ['running', P], ['switchovering', P], ['running', S]]);
    const r = await switchoverDwsTask({ client: t.client, taskId: TASK, wait: FAST });
    expect(t.calls).toEqual(['switchover']);
    expect(r).toMatchObject({ outcome: 'completed', primaryClusterId: S, status: 'running' });
    expect(r.steps.map((s) => s.step)).toEqual(['switchover', 'wait-switchover']);
  });

  it('switchover that comes back to running with the same primary fails (not swapped) instead of calling again', async () => {
    const t = scripted([['running', P], ['switchovering', P], ['running', P]]);
    const error = await switchoverDwsTask({ client: t.client, taskId: TASK, wait: FAST }).catch((e: unknown) => e);
    expect(t.calls).toEqual(['switchover']);
    expect(error).toMatchObject({ name: 'DrOperationError', kind: 'failed', message: expect.stringContaining('not swapped') });
  });

  it('failover: its targets include the running it started from; done only once the standby is primary', async () => {
    const t = scripted([['running', P], ['running', P], ['switchovering', P], ['abnormal', S]]);
    const r = await failoverDwsTask({ client: t.client, taskId: TASK, wait: FAST });
    expect(t.calls).toEqual(['failover']);
    expect(r).toMatchObject({ outcome: 'completed', primaryClusterId: S });
  });

  it('recovery: the abnormal it starts in (a failure status of the recovery) is not its failure', async () => {
    const t = scripted([['abnormal', S], ['abnormal', S], ['starting', S], ['running', S]]);
    const r = await recoverDwsTask({ client: t.client, taskId: TASK, wait: FAST });
    expect(t.calls).toEqual(['recovery']);
    expect(r).toMatchObject({ outcome: 'completed', status: 'running' });
  });
});
