import { createHash } from 'node:crypto';
import { formatGeminiTime } from '../clock.js';
import type { GeminiJob, JobTable } from './jobs.js';
import type { GeminiDbSimulation, InstanceRecord } from './state.js';

/** Wire shapes of GeminiDB responses (field names as in specs/geminidb-dr.yaml). */

/** Stable 32-hex id derived from a seed, so node/group ids do not change between runs. */
function derivedId(...parts: string[]): string {
  return createHash('md5').update(parts.join('/')).digest('hex');
}

/** Last time an operation changed the instance: the end of its latest finished job, else its creation. */
function lastChange(sim: GeminiDbSimulation, inst: InstanceRecord): number {
  let latest = inst.createdAt;
  for (const job of sim.jobs.all()) {
    if (job.instanceId === inst.seed.id && job.endedAt !== undefined && job.endedAt > latest) latest = job.endedAt;
  }
  return latest;
}

/**
 * Every field both official SDKs mark required is rendered (values for fields the simulator does not
 * model are the ones the API examples show: `rwuser`, billing mode `"0"`, ...). Optional fields the
 * simulator has no data for (load balancer, dedicated resource, certificates) are left out, as the
 * service leaves them out.
 */
export function renderInstance(sim: GeminiDbSimulation, inst: InstanceRecord): Record<string, unknown> {
  const { seed } = inst;
  const peerId = sim.drPeerId(seed.id);
  const dualActive = inst.dualActive?.active ? inst.dualActive : undefined;
  const dualPeer = dualActive && sim.instance(dualActive.peerId);
  return {
    id: seed.id,
    name: seed.name,
    status: inst.abnormal ? 'abnormal' : 'normal',
    port: seed.port,
    mode: seed.mode,
    region: seed.region,
    datastore: { type: 'redis', version: seed.datastoreVersion, patch_available: false, whole_version: '' },
    engine: 'rocksDB',
    created: formatGeminiTime(inst.createdAt),
    updated: formatGeminiTime(lastChange(sim, inst)),
    db_user_name: 'rwuser',
    vpc_id: seed.vpcId,
    subnet_id: seed.subnetId,
    security_group_id: seed.securityGroupId,
    backup_strategy: { start_time: '03:00-04:00', keep_days: 7 },
    pay_mode: '0',
    maintenance_window: '02:00-06:00',
    groups: [
      {
        id: `${derivedId(seed.id, 'group')}gr12`,
        status: inst.abnormal ? 'abnormal' : 'normal',
        volume: { size: '16', used: '0.532' },
        nodes: seed.nodeIps.map((ip, i) => ({
          id: `${derivedId(seed.id, 'node', String(i))}no12`,
          name: `${seed.name}_prefix_node_${i + 1}`,
          status: inst.abnormal ? 'abnormal' : 'normal',
          role: '',
          subnet_id: seed.subnetId,
          private_ip: ip,
          public_ip: '',
          spec_code: seed.specCode,
          availability_zone: seed.availabilityZone,
          support_reduce: false,
        })),
      },
    ],
    enterprise_project_id: '0',
    time_zone: '',
    actions: sim.actions(seed.id),
    availability_zone: seed.availabilityZone,
    ...(peerId !== undefined && { dr_instance_id: peerId }),
    ...(dualActive &&
      dualPeer && {
        dual_active_info: {
          role: dualActive.role,
          status: 'normal',
          destination_instance_id: dualPeer.seed.id,
          destination_region: dualPeer.seed.region,
          destination_instance_name: dualPeer.seed.name,
          destination_instance_node_num: dualPeer.seed.nodeIps.length,
          destination_instance_spec_code: dualPeer.seed.specCode,
        },
      }),
  };
}

export function renderJob(jobs: JobTable, job: GeminiJob, instanceName: string): Record<string, unknown> {
  return {
    id: job.id,
    name: job.name,
    status: job.status,
    start_time: formatGeminiTime(job.startedAt),
    end_time: job.endedAt === undefined ? '' : formatGeminiTime(job.endedAt),
    progress: jobs.progress(job),
    instance: { id: job.instanceId, name: instanceName },
    fail_reason: job.failReason,
  };
}

/**
 * Synchronisation indicators, consistent with the relationship's lag (seconds, from the lag model;
 * growing by one second per second while paused): the WAL backlog is the lag times the write rate,
 * and the FAILOVER RPO is the lag rounded up.
 */
export function renderSyncStatus(sim: GeminiDbSimulation, instanceId: string, now: number): Record<string, unknown> {
  const s = sim.syncStatus(instanceId);
  if (!s.pair) return { status: 'NA' };
  const syncing = s.status === 'SYNCING';
  const lag = s.lagSeconds;
  const jitter = Math.floor(now / 1000) % 40;
  return {
    ...(s.master && { master_instance_id: s.master.seed.id }),
    ...(s.master && s.slave && { slave_instance_id: s.slave.seed.id }),
    status: s.status,
    data_sync_indicators: {
      rsync_ops: syncing ? 1500 + jitter : 0,
      // About 1 MB of write-ahead log per second of lag (and at least the 2 MB always in flight).
      rsync_wal_size: Math.max(2, Math.ceil(lag)),
      rsync_push_cost: syncing ? 850 + jitter + Math.round(lag * 100) : 0,
      rsync_send_cost: syncing ? 420 + jitter + Math.round(lag * 50) : 0,
      rsync_max_push_cost: 15200,
      rsync_max_send_cost: 9800,
      rsync_status: syncing ? 1 : 0,
    },
    ...(s.askedIsMaster && {
      rto_and_rpo_indicators: [
        { scene: 'FAILOVER', rpo: Math.ceil(lag), rto: 60 },
        // A planned switchover waits for the standby to catch up: no data loss, longer with more lag.
        { scene: 'SWITCHOVER', rpo: 0, rto: 120 + Math.ceil(lag) },
      ],
    }),
  };
}
