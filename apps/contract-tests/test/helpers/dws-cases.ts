// One valid call per DWS DR operation (inputs follow the spec examples), shared by the contract and error tests.
import type { DwsClient, OperationId } from '@hcdr/dws';
import { expect } from 'vitest';
import { DWS } from './constants.ts';
import { type ContractCase, caseFor } from './contract.ts';

const { primaryCluster: PRIMARY, standbyCluster: STANDBY, taskId: TASK } = DWS;
const op = caseFor<DwsClient>();
const task = { disaster_recovery_id: TASK };
const taskIdIs = (d: { disaster_recovery: { id: string } }) => expect(d.disaster_recovery.id).toBe(TASK);

/** One valid call per operation. The mapped type makes a missing operation a compile error too. */
export const cases: { [K in OperationId]: ContractCase<DwsClient> } = {
  listDisasterRecover: op(
    (c, o) => c.withResponse.listDisasterRecover({ query: { primary_cluster_id: PRIMARY, standby_cluster_id: STANDBY, id: TASK } }, o),
    (d) => expect(Array.isArray(d.disaster_recovery)).toBe(true),
  ),
  createDisasterRecovery: op(
    (c, o) =>
      c.withResponse.createDisasterRecovery(
        {
          body: {
            disaster_recovery: {
              name: 'test_dr4',
              dr_type: 'az',
              primary_cluster_id: PRIMARY,
              standby_cluster_id: STANDBY,
              dr_sync_period: '5m',
              primary_obs_bucket: 'dws-dr-primary-bucket',
              standby_obs_bucket: 'dws-dr-standby-bucket',
            },
          },
        },
        o,
      ),
    (d) => taskIdIs(d),
  ),
  checkDisasterName: op(
    (c, o) => c.withResponse.checkDisasterName({ query: { dr_name: 'test_dr4', type: 'az', standby_region: 'cn-north-4', standby_project_id: 'fedcba9876543210fedcba9876543210' } }, o),
    (d) => expect(typeof d).toBe('object'),
  ),
  showDisasterDetail: op(
    (c, o) => c.withResponse.showDisasterDetail(task, o),
    (d) => {
      expect(d.disaster_recovery.id).toBe(TASK);
      expect(typeof d.disaster_recovery.status).toBe('string');
    },
  ),
  updateDisasterInfo: op((c, o) => c.withResponse.updateDisasterInfo({ ...task, body: { disaster_recovery: { dr_sync_period: '30m' } } }, o), (d) => taskIdIs(d)),
  deleteDisasterRecovery: op(
    (c, o) => c.withResponse.deleteDisasterRecovery({ ...task, query: { need_send_request: 0 } }, o),
    (d) => expect(typeof d).toBe('object'),
  ),
  startDisasterRecovery: op((c, o) => c.withResponse.startDisasterRecovery(task, o), (d) => taskIdIs(d)),
  pauseDisasterRecovery: op((c, o) => c.withResponse.pauseDisasterRecovery(task, o), (d) => taskIdIs(d)),
  switchoverDisasterRecovery: op((c, o) => c.withResponse.switchoverDisasterRecovery(task, o), (d) => taskIdIs(d)),
  switchFailoverDisaster: op((c, o) => c.withResponse.switchFailoverDisaster(task, o), (d) => taskIdIs(d)),
  restoreDisaster: op((c, o) => c.withResponse.restoreDisaster(task, o), (d) => taskIdIs(d)),
  showDisasterProgress: op(
    (c, o) => c.withResponse.showDisasterProgress(task, o),
    (d) => expect(typeof d.disaster_recovery_progress).toBe('object'),
  ),
  listAvailableDisasterClusters: op(
    (c, o) =>
      c.withResponse.listAvailableDisasterClusters(
        {
          query: {
            primary_cluster_id: PRIMARY,
            standby_az_code: 'cn-north-4b',
            primary_spec_id: 'dws2.m6.4xlarge.8',
            primary_cluster_dn_num: '3',
            dr_type: 'az',
            datastore_type: 'dws',
            datastore_version: '8.2.1',
          },
        },
        o,
      ),
    (d) => expect(Array.isArray(d.disaster_recovery_clusters)).toBe(true),
  ),
  listClusters: op(
    (c, o) => c.withResponse.listClusters({ query: { enterprise_project_id: '0' } }, o),
    (d) => {
      expect(Array.isArray(d.clusters)).toBe(true);
      for (const cluster of d.clusters) expect(typeof cluster.availability_zone).toBe('string');
    },
  ),
  listJobDetails: op(
    (c, o) => c.withResponse.listJobDetails({ job_id: DWS.jobId }, o),
    (d) => {
      expect(d.job_id).toBe(DWS.jobId);
      expect(typeof d.status).toBe('string');
    },
  ),
};
