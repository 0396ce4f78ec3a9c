// One valid call per GeminiDB DR operation (inputs follow the spec examples), shared by the contract and error tests.
import type { GeminiDbClient, OperationId } from '@hcdr/geminidb';
import { expect } from 'vitest';
import { GEMINIDB } from './constants.ts';
import { type ContractCase, caseFor } from './contract.ts';

const { primary: A, standby: B, dualActivePeer: C } = GEMINIDB;
const op = caseFor<GeminiDbClient>();
const JOB_ID = /^[0-9a-f-]{36}$/;

const peerOfA = { id: B, region_code: 'ap-southeast-1', subnet_cidrs: ['10.1.1.0/24'], node_ips: ['10.1.1.2', '10.1.1.3', '10.1.1.4'] };

/** One valid call per operation. The mapped type makes a missing operation a compile error too. */
export const cases: { [K in OperationId]: ContractCase<GeminiDbClient> } = {
  checkDisasterRecoveryOperation: op((c, o) =>
    c.withResponse.checkDisasterRecoveryOperation(
      {
        instance_id: A,
        body: {
          operation: 'construction',
          disaster_recovery_instance: { vpc_cidr: '10.1.0.0/16', spec_code: 'geminidb.redis.xlarge.4', node_ips: ['10.1.1.2', '10.1.1.3', '10.1.1.4'] },
        },
      },
      o,
    ),
  ),
  createDisasterRecovery: op(
    (c, o) =>
      c.withResponse.createDisasterRecovery(
        { instance_id: A, body: { alias: 'Video business DR', password: 'Dr-Cluster#2024', instance_role: 'master', disaster_recovery_instance: peerOfA } },
        o,
      ),
    (d) => {
      expect(d.job_id).toMatch(JOB_ID);
      expect(typeof d.disaster_recovery_id).toBe('string');
    },
  ),
  deleteDisasterRecovery: op(
    (c, o) => c.withResponse.deleteDisasterRecovery({ instance_id: A }, o),
    (d) => expect(d.job_id).toMatch(JOB_ID),
  ),
  switchToMaster: op(
    (c, o) => c.withResponse.switchToMaster({ instance_id: B, body: { force: false } }, o),
    (d) => expect(d.job_id).toMatch(JOB_ID),
  ),
  switchToSlave: op(
    (c, o) => c.withResponse.switchToSlave({ instance_id: A }, o),
    (d) => expect(d.job_id).toMatch(JOB_ID),
  ),
  switchOverDisasterRecovery: op(
    (c, o) => c.withResponse.switchOverDisasterRecovery({ instance_id: A }, o),
    (d) => expect(d.job_id).toMatch(JOB_ID),
  ),
  showPauseResumeStutus: op(
    (c, o) => c.withResponse.showPauseResumeStutus({ instance_id: A }, o),
    (d) => {
      expect(typeof d.status).toBe('string');
      expect(d.master_instance_id).toBe(A);
    },
  ),
  pauseResumeDataSynchronization: op(
    (c, o) => c.withResponse.pauseResumeDataSynchronization({ instance_id: A, body: { action: 'pause' } }, o),
    (d) => expect(d.job_id).toMatch(JOB_ID),
  ),
  showInstanceRole: op(
    (c, o) => c.withResponse.showInstanceRole({ instance_id: A }, o),
    (d) => expect(['master', 'slave']).toContain(d.role),
  ),
  showDisasterRecoverySettings: op(
    (c, o) => c.withResponse.showDisasterRecoverySettings({ query: { instance_id: A, offset: 0, limit: 50 } }, o),
    (d) => expect(Array.isArray(d.disaster_recovery_settings)).toBe(true),
  ),
  setDisasterRecoverySettings: op(
    (c, o) => c.withResponse.setDisasterRecoverySettings({ body: { disaster_recovery_settings: [{ instance_id: A, switchover_ratio: 70, sync_delay: 60 }] } }, o),
    (d) => expect(d.successed_instance_ids).toContain(A),
  ),
  createGeminiDbDualActive: op(
    (c, o) => c.withResponse.createGeminiDbDualActive({ instance_id: A, body: { destination_region: 'ap-southeast-3', destination_instance_id: C } }, o),
    (d) => expect(d.job_id).toMatch(JOB_ID),
  ),
  deleteGeminiDbDualActive: op(
    (c, o) => c.withResponse.deleteGeminiDbDualActive({ instance_id: A }, o),
    (d) => expect(d.job_id).toMatch(JOB_ID),
  ),
  showInstanceBiactiveRegions: op(
    (c, o) => c.withResponse.showInstanceBiactiveRegions({ instance_id: A }, o),
    (d) => expect(d.region_codes?.length).toBeGreaterThan(0),
  ),
  listJobs: op(
    (c, o) =>
      c.withResponse.listJobs(
        {
          query: {
            id: GEMINIDB.jobId,
            // `+` must reach the server percent-encoded, or the pattern check fails.
            start_time: '2024-05-20T00:00:00+0800',
            end_time: '2024-05-21T23:59:59Z',
            status: 'Running',
            name: 'ConstructDisasterRecovery',
            offset: 0,
            limit: 10,
          },
        },
        o,
      ),
    (d) => expect(Array.isArray(d.jobs)).toBe(true),
  ),
  listInstances: op(
    (c, o) =>
      c.withResponse.listInstances(
        { query: { id: A, name: '*redis-video', mode: 'Cluster', datastore_type: 'redis', vpc_id: 'vpc-1', subnet_id: 'subnet-1', offset: 0, limit: 100 } },
        o,
      ),
    (d) => expect(Array.isArray(d.instances)).toBe(true),
  ),
};
