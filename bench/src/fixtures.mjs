// @ts-check
// Shared request data for every benchmark: one GeminiDB construction call and one DWS list call,
// with fixed (fake) credentials. Nothing here is a real secret.

export const ACCESS_KEY_ID = 'BENCHAKEXAMPLE0000001';
// Fake secret for the local loopback server only (never printed).
export const SECRET_ACCESS_KEY = 'benchSecretKeyExample0000000000000000001';
export const PROJECT_ID = '0123456789abcdef0123456789abcdef';
export const INSTANCE_ID = 'a1b2c3d4e5f64a7b8c9d0e1f2a3b4c5din12';
export const JOB_ID = 'c010abd0-48cf-4fa8-8cbc-090f093eaa2f';
export const DR_ID = '04efe8e2-9255-44ae-a98b-d87cae411890';
export const PRIMARY_CLUSTER_ID = '3ef5daaa-d017-4354-80b3-8a69caf2e09c';

export const GEMINIDB_CONSTRUCTION_PATH = `/v3/${PROJECT_ID}/instances/${INSTANCE_ID}/disaster-recovery/construction`;
export const DWS_LIST_PATH = `/v2/${PROJECT_ID}/disaster-recoveries`;
/** The DWS list call filters by primary cluster, so the query string is signed too. */
export const DWS_LIST_QUERY = { primary_cluster_id: PRIMARY_CLUSTER_ID };

/** createDisasterRecovery body (the spec's `primary` example). */
export const CONSTRUCTION_BODY = Object.freeze({
  alias: 'Video business DR',
  password: 'Dr-Cluster#2024',
  instance_role: 'master',
  disaster_recovery_instance: {
    id: 'f0e1d2c3b4a54968a7b6c5d4e3f2a1b0in12',
    region_code: 'ap-southeast-1',
    subnet_cidrs: ['10.1.1.0/24'],
    node_ips: ['10.1.1.2', '10.1.1.3', '10.1.1.4'],
  },
});

/** 202 answer of createDisasterRecovery. */
export const CONSTRUCTION_RESPONSE = Object.freeze({ job_id: JOB_ID, disaster_recovery_id: DR_ID });

/** 200 answer of listDisasterRecover (the spec's `one_task` example). */
export const DWS_LIST_RESPONSE = Object.freeze({
  disaster_recovery: [
    {
      id: 'e59d6b86-9072-46eb-a996-13f8b44994c1',
      status: 'running',
      name: 'test_dr4',
      dr_type: 'az',
      primary_cluster_id: PRIMARY_CLUSTER_ID,
      primary_cluster_name: 'dws-prod',
      primary_cluster_role: 'primary',
      primary_cluster_status: 'AVAILABLE',
      primary_cluster_region: 'cn-north-4',
      primary_cluster_project_id: PROJECT_ID,
      standby_cluster_id: 'e7fed7fe-f4a7-499a-afed-1fdb5c1978cb',
      standby_cluster_name: 'dws-standby',
      standby_cluster_role: 'standby',
      standby_cluster_status: 'AVAILABLE',
      standby_cluster_region: 'cn-north-4',
      standby_cluster_project_id: PROJECT_ID,
      last_disaster_time: '2025-03-10T09:20:00Z',
      start_time: '2025-03-10T08:30:00Z',
      create_time: '2025-03-10T08:15:30Z',
    },
  ],
});
