// DWS DR-task lifecycle through the typed client and its waiters, against the stateful simulator behind
// `prism proxy --errors specs/dws-dr.yaml`: Prism validates every request AND every simulator response
// against the spec. Zero violations allowed; every call is recorded (see the coverage table's workflow column).
import {
  type DwsClient,
  waitStatusesFor,
  waitUntilCreateDisasterRecoveryDone,
  waitUntilDeleteDisasterRecoveryDone,
  waitUntilPauseDisasterRecoveryDone,
  waitUntilStartDisasterRecoveryDone,
  waitUntilSwitchoverDisasterRecoveryDone,
  waitUntilTaskStatus,
} from '@hcdr/dws';
import { DEFAULT_DWS_CLUSTERS, DEFAULT_DWS_JOBS } from '@hcdr/simulator';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { dws } from './helpers/clients.ts';
import type { Recorder } from './helpers/recorder.ts';
import { DWS_REGION, FAST_WAIT, type ProxiedSimulator, projectOf, SIM_AKSK, startSimulatorBehindPrism } from './helpers/simulator.ts';
import { expectZeroViolations } from './helpers/workflow.ts';

type Cluster = (typeof DEFAULT_DWS_CLUSTERS)[number];
const [PRIMARY, STANDBY] = DEFAULT_DWS_CLUSTERS as [Cluster, Cluster];

describe('dws-dr workflows through prism proxy --errors in front of the simulator', () => {
  let env: ProxiedSimulator | undefined;
  let c: DwsClient;
  let recorder: Recorder;

  beforeAll(async () => {
    env = await startSimulatorBehindPrism('dws-dr');
    // AK/SK through the proxy: the simulator verifies every signature against the bytes it receives
    // (it trusts the proxy's Host, which Prism rewrites), so the workflow also proves signed bytes = sent bytes.
    ({ client: c, recorder } = dws({ url: env.proxy.server.url, projectId: projectOf(DWS_REGION), auth: 'aksk', credentials: SIM_AKSK, target: 'proxy' }));
  });

  afterEach(() => expectZeroViolations(recorder.observations));

  afterAll(async () => {
    if (!env) return;
    if (process.platform === 'linux') expect(env.proxy.pids, 'the Prism proxy process was found').toHaveLength(1);
    expect(await env.stop(), 'no stray Prism proxy').toEqual([]);
  });

  /** Waits for the end state the spec documents for the operation (x-hcdr-target-status). */
  const settle = (taskId: string, operation: Parameters<typeof waitStatusesFor>[0]) => {
    const statuses = waitStatusesFor(operation);
    if (!statuses) throw new Error(`${operation} has no documented wait statuses`);
    return waitUntilTaskStatus(c, taskId, { targets: statuses.targets, failures: statuses.failures, ...FAST_WAIT });
  };
  const status = async (id: string) => (await c.showDisasterDetail({ disaster_recovery_id: id })).disaster_recovery.status;

  it('create → start → switchover → pause → delete, each followed by its generated waiter (statuses from the spec)', async () => {
    await c.checkDisasterName({ query: { dr_name: 'contract_dr', type: 'az' } });
    // Discovery as a newcomer would do it: the cluster list gives the IDs and the standby's zone.
    const { clusters } = await c.listClusters();
    expect(clusters.map((x) => x.id)).toEqual(expect.arrayContaining([PRIMARY.id, STANDBY.id]));
    const standbyZone = clusters.find((x) => x.id === STANDBY.id)?.availability_zone;
    expect(standbyZone).toBe(STANDBY.availabilityZone);
    const candidates = await c.listAvailableDisasterClusters({ query: { primary_cluster_id: PRIMARY.id, standby_az_code: standbyZone! } });
    expect(candidates.disaster_recovery_clusters.map((x) => x.id)).toContain(STANDBY.id);

    const created = await c.createDisasterRecovery({
      body: { disaster_recovery: { name: 'contract_dr', dr_type: 'az', primary_cluster_id: PRIMARY.id, standby_cluster_id: STANDBY.id, dr_sync_period: '5m' } },
    });
    const id = created.disaster_recovery.id;
    const task = { disaster_recovery_id: id };
    expect(await waitUntilCreateDisasterRecoveryDone(c, created, FAST_WAIT)).toMatchObject({ id, status: 'unstart' });
    expect((await c.updateDisasterInfo({ disaster_recovery_id: id, body: { disaster_recovery: { dr_sync_period: '30m' } } })).disaster_recovery.id).toBe(id);

    await c.startDisasterRecovery(task);
    expect(await waitUntilStartDisasterRecoveryDone(c, task, FAST_WAIT)).toMatchObject({ status: 'running', dr_sync_period: '30m' });
    const listed = await c.listDisasterRecover({ query: { id } });
    expect(listed.disaster_recovery).toMatchObject([{ id, status: 'running' }]);
    const progress = await c.showDisasterProgress({ disaster_recovery_id: id });
    expect(progress.disaster_recovery_progress).toBeTypeOf('object');

    // The task as it is before the call: the waiter then ignores that state and ends once the clusters
    // swapped (a fast stand-in may finish the switchover before the first check).
    const before = (await c.showDisasterDetail(task)).disaster_recovery;
    await c.switchoverDisasterRecovery(task);
    const switched = await waitUntilSwitchoverDisasterRecoveryDone(c, task, { ...FAST_WAIT, before: { status: before.status, primaryClusterId: before.primary_cluster?.id } });
    expect(switched).toMatchObject({ status: 'running', primary_cluster: { id: STANDBY.id }, standby_cluster: { id: PRIMARY.id } });

    await c.pauseDisasterRecovery(task);
    expect(await waitUntilPauseDisasterRecoveryDone(c, task, FAST_WAIT)).toMatchObject({ status: 'stopped' });

    await c.deleteDisasterRecovery({ disaster_recovery_id: id, query: { need_send_request: 0 } });
    // Gone: the simulator answers 400 DWS.10101, which the spec's x-hcdr-gone-when makes "done".
    expect(await waitUntilDeleteDisasterRecoveryDone(c, task, FAST_WAIT)).toBeUndefined();
    await expect(status(id)).rejects.toMatchObject({ status: 400, code: 'DWS.10101' });
  });

  it('failover → recovery (switchback) → pause → delete, and the job API', async () => {
    const created = await c.createDisasterRecovery({
      body: { disaster_recovery: { name: 'contract_failover', dr_type: 'az', primary_cluster_id: PRIMARY.id, standby_cluster_id: STANDBY.id, dr_sync_period: '2H' } },
    });
    const id = created.disaster_recovery.id;
    await settle(id, 'createDisasterRecovery');
    await c.startDisasterRecovery({ disaster_recovery_id: id });
    await settle(id, 'startDisasterRecovery');

    await c.switchFailoverDisaster({ disaster_recovery_id: id });
    // The spec lists every settled status as a target (UNVERIFIED); the simulator settles in `abnormal`.
    expect(await settle(id, 'switchFailoverDisaster')).toMatchObject({ status: 'abnormal', primary_cluster: { id: STANDBY.id } });
    await c.restoreDisaster({ disaster_recovery_id: id });
    expect(await settle(id, 'restoreDisaster')).toMatchObject({ status: 'running' });

    await c.pauseDisasterRecovery({ disaster_recovery_id: id });
    await settle(id, 'pauseDisasterRecovery');
    await c.deleteDisasterRecovery({ disaster_recovery_id: id });
    await settle(id, 'deleteDisasterRecovery');

    for (const job of DEFAULT_DWS_JOBS) {
      expect(await c.listJobDetails({ job_id: job.job_id })).toMatchObject({ job_id: job.job_id, status: job.status });
    }
  });
});
