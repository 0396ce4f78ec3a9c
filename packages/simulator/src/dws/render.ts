import { formatIsoSeconds } from '../clock.js';
import type { ClusterRecord, DwsSimulation, TaskRecord } from './state.js';

/** Wire shapes of DWS responses (field names as in specs/dws-dr.yaml). */

const time = (ms: number | undefined) => (ms === undefined ? undefined : formatIsoSeconds(ms));

/**
 * DR state of one cluster of a task, with the values the SDK's field comment lists (`backuping`,
 * `restoring`, `stopped`, `waiting`, `abnormal`, `drDeleted`): the failed old primary after a failover
 * is `abnormal`, clusters of a running task are `waiting` between synchronisations, others `stopped`
 * (`drDeleted` is never rendered: a deleted task is gone from the simulator).
 */
function clusterStatus(task: TaskRecord, clusterId: string): string {
  if (task.failedOver) return clusterId === task.standbyClusterId ? 'abnormal' : 'stopped';
  switch (task.status) {
    case 'abnormal':
      return 'abnormal';
    case 'running':
    case 'switchovering':
    case 'stopping':
      return 'waiting';
    default:
      return 'stopped';
  }
}

function progressText(sim: DwsSimulation, task: TaskRecord): string | undefined {
  const fraction = sim.transitionProgress(task);
  if (fraction !== undefined) return `${Math.floor(fraction * 100)}%`;
  return task.status === 'running' ? '100%' : undefined;
}

function renderCluster(sim: DwsSimulation, task: TaskRecord, cluster: ClusterRecord, role: 'primary' | 'standby'): Record<string, unknown> {
  const s = cluster.seed;
  const progress = progressText(sim, task);
  const lastSuccess = time(sim.lastSuccessTime(task));
  return {
    id: s.id,
    name: s.name,
    cluster_az: s.availabilityZone,
    role,
    region: s.region,
    status: clusterStatus(task, s.id),
    ...(progress !== undefined && { progress }),
    ...(lastSuccess !== undefined && { last_success_time: lastSuccess }),
    ...(s.obsBucket !== '' && { obs_bucket_name: s.obsBucket }),
    datastore_type: s.datastoreType,
    datastore_version: s.datastoreVersion,
    disk_capacity: s.diskCapacity,
    disk_used: s.diskUsed,
  };
}

function clustersOf(sim: DwsSimulation, task: TaskRecord): { primary: ClusterRecord; standby: ClusterRecord } {
  const primary = sim.cluster(task.primaryClusterId);
  const standby = sim.cluster(task.standbyClusterId);
  if (!primary || !standby) throw new Error(`task ${task.id} references an unknown cluster`);
  return { primary, standby };
}

export function renderTaskDetail(sim: DwsSimulation, task: TaskRecord): Record<string, unknown> {
  const { primary, standby } = clustersOf(sim, task);
  const startTime = time(task.startedAt);
  return {
    id: task.id,
    name: task.name,
    dr_type: task.drType,
    status: task.status,
    dr_sync_period: task.drSyncPeriod,
    ...(startTime !== undefined && { start_time: startTime }),
    create_time: formatIsoSeconds(task.createdAt),
    primary_cluster: renderCluster(sim, task, primary, 'primary'),
    standby_cluster: renderCluster(sim, task, standby, 'standby'),
  };
}

export function renderTaskListItem(sim: DwsSimulation, task: TaskRecord): Record<string, unknown> {
  const { primary, standby } = clustersOf(sim, task);
  const startTime = time(task.startedAt);
  const lastSuccess = time(sim.lastSuccessTime(task));
  const side = (prefix: 'primary' | 'standby', c: ClusterRecord) => ({
    [`${prefix}_cluster_id`]: c.seed.id,
    [`${prefix}_cluster_name`]: c.seed.name,
    [`${prefix}_cluster_role`]: prefix,
    [`${prefix}_cluster_status`]: clusterStatus(task, c.seed.id),
    [`${prefix}_cluster_region`]: c.seed.region,
    [`${prefix}_cluster_project_id`]: c.seed.projectId,
  });
  return {
    id: task.id,
    status: task.status,
    name: task.name,
    dr_type: task.drType,
    ...side('primary', primary),
    ...side('standby', standby),
    ...(lastSuccess !== undefined && { last_disaster_time: lastSuccess }),
    ...(startTime !== undefined && { start_time: startTime }),
    create_time: formatIsoSeconds(task.createdAt),
  };
}

/** Backup on the primary, restore on the standby, once per sync period; RPO is the period. */
export function renderProgress(sim: DwsSimulation, task: TaskRecord, now: number): Record<string, unknown> {
  const last = sim.lastSuccessTime(task);
  if (last === undefined) {
    return {
      disaster_recovery_progress: {
        primary_cluster: { key: '', action_type: '', unrestore_keys: '', action_start_time: '', action_end_time: '' },
        standby_cluster: { key: '', action_type: '', unrestore_keys: '', action_start_time: '', action_end_time: '' },
        latest_barrier_time: '',
        last_recovery_spend: 0,
        recovery_point_object: 0,
        recovery_time_object: 0,
      },
    };
  }
  const key = formatIsoSeconds(last).replace(/[-:]/g, '').replace('T', '_').slice(0, 15);
  const backupEnd = last + 40_000;
  const restoreEnd = last + 120_000;
  const rpoSeconds = Math.max(0, Math.floor((now - last) / 1000));
  return {
    disaster_recovery_progress: {
      primary_cluster: {
        key,
        action_type: 'Backup',
        unrestore_keys: '',
        action_start_time: formatIsoSeconds(last),
        action_end_time: formatIsoSeconds(backupEnd),
      },
      standby_cluster: {
        key,
        action_type: 'Restore',
        unrestore_keys: '',
        action_start_time: formatIsoSeconds(backupEnd),
        action_end_time: formatIsoSeconds(restoreEnd),
      },
      latest_barrier_time: formatIsoSeconds(last),
      last_recovery_spend: 80,
      recovery_point_object: rpoSeconds,
      recovery_time_object: 600,
    },
  };
}

/**
 * One cluster as `listClusters` shows it (`ClusterInfo`): `ACTIVE`, except the old primary of a task
 * that was failed over and not yet recovered, which is `FAILED` (unavailable) as its DR status says.
 * A cluster whose task is in a DR transition shows it in `action_progress` / `task_status`.
 */
export function renderClusterInfo(sim: DwsSimulation, cluster: ClusterRecord): Record<string, unknown> {
  const s = cluster.seed;
  const task = sim.tasks().find((t) => t.primaryClusterId === s.id || t.standbyClusterId === s.id);
  const failed = task?.failedOver === true && task.standbyClusterId === s.id;
  const progress = task && task.pending !== undefined && task.pending.operation !== 'create' ? sim.transitionProgress(task) : undefined;
  const host = `${s.name}.dws.myhuaweiclouds.com:8000`;
  return {
    id: s.id,
    name: s.name,
    status: failed ? 'FAILED' : 'ACTIVE',
    sub_status: failed ? 'DEGRADED' : 'NORMAL',
    task_status: progress !== undefined ? 'DR_RECOVERING' : '',
    action_progress: progress !== undefined ? { DR_RECOVERING: `${Math.floor(progress * 100)}%` } : {},
    version: s.datastoreVersion,
    created: s.created,
    updated: s.created,
    port: 8000,
    endpoints: [{ connect_info: host, jdbc_url: `jdbc:postgresql://${host}/<YOUR_DATABASE_NAME>` }],
    public_endpoints: [],
    public_ip: null,
    nodes: Array.from({ length: s.dnNum }, (_, i) => ({ id: `${s.id.slice(0, 24)}${String(i + 1).padStart(12, '0')}`, status: failed ? '300' : '200', name: `${s.name}-dws-cn-cn-${i + 1}-1` })),
    tags: [],
    user_name: 'dbadmin',
    number_of_node: s.dnNum,
    recent_event: 0,
    availability_zone: s.availabilityZone,
    enterprise_project_id: '0',
    node_type: s.specId,
    vpc_id: s.vpcId,
    subnet_id: s.subnetId,
    security_group_id: s.securityGroupId,
  };
}
