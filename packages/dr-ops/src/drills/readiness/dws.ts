// Readiness of a DWS DR task: the task and its progress read once, the policy evaluated over them.
import { formatDuration, parseDuration } from '../duration.js';
import { type EvidenceRecorder, evidenceFor } from '../evidence/recorder.js';
import type { EvidenceValue } from '../report/model.js';
import { type DwsClientLike, type DwsTaskRead, dwsLagSeconds, readDwsTask } from './read-dws.js';
import { type CheckStatus, policySummary, type ReadinessCheck, type ReadinessPolicy, type ReadinessReport, worstStatus } from './types.js';

export interface DwsReadinessInput {
  client: DwsClientLike;
  taskId: string;
  region?: string | undefined;
  policy?: ReadinessPolicy | undefined;
  signal?: AbortSignal | undefined;
  now?: (() => number) | undefined;
  recorder?: EvidenceRecorder | undefined;
}

export interface DwsObservation {
  readAt: number;
  task: DwsTaskRead;
}

export async function observeDws(input: Pick<DwsReadinessInput, 'client' | 'taskId' | 'signal'>, now: () => number): Promise<DwsObservation> {
  const readAt = now();
  const task = await readDwsTask(input.client, input.taskId, input.signal, { progress: true });
  return { readAt, task };
}

/** `dr_sync_period` (`20m`, `2H`, `1d`) in ms; undefined when it does not follow the documented format. */
export function syncPeriodMs(period: string | null | undefined): number | undefined {
  const m = /^(\d{1,4})([mHd])$/.exec(period ?? '');
  if (!m) return undefined;
  return parseDuration(`${m[1]}${m[2] === 'H' ? 'h' : m[2]}`);
}

export function evaluateDwsReadiness(o: DwsObservation, policy: ReadinessPolicy = {}): ReadinessCheck[] {
  const at = new Date(o.readAt).toISOString();
  const ev = (name: string, value: EvidenceValue['value'], source = 'showDisasterDetail'): EvidenceValue => ({ at, name, value, source });
  const checks: ReadinessCheck[] = [];
  const add = (id: string, title: string, status: CheckStatus, message: string, evidence: EvidenceValue[] = []) => checks.push({ id, title, status, message, evidence });
  const read = o.task;
  if (read.failure || !read.snapshot) {
    const f = read.failure;
    const why = f?.kind === 'credentials' ? 'the credentials were refused' : f?.kind === 'unreachable' ? 'the region cannot be reached' : 'the API refused the read';
    add('reachable.task', 'The DR task can be read with the configured credentials', 'fail', `task ${read.taskId}: ${why}: ${f?.message ?? 'no answer'}`, [ev('error', f?.message ?? null)]);
    return checks;
  }
  const t = read.snapshot;
  if (!t.found) {
    add('reachable.task', 'The DR task can be read with the configured credentials', 'fail', `task ${read.taskId} does not exist in this region and project`, [ev('found', false)]);
    return checks;
  }
  add('reachable.task', 'The DR task can be read with the configured credentials', 'pass', `task ${t.taskId} (${t.name ?? 'unnamed'}) answered`, [ev('name', t.name ?? null)]);

  add(
    'task.status',
    'The DR task is running (synchronising, no operation in progress)',
    t.status === 'running' ? 'pass' : 'fail',
    `status ${t.status ?? 'not reported'}`,
    [ev('status', t.status ?? null)],
  );

  const expectedPrimary = policy.expectedPrimary;
  if (expectedPrimary !== undefined) {
    add(
      'roles.expected',
      `Cluster ${expectedPrimary} is the primary`,
      t.primary?.id === expectedPrimary ? 'pass' : 'fail',
      t.primary?.id === expectedPrimary ? `primary ${t.primary.id}, standby ${t.standby?.id ?? '?'}` : `the primary is ${t.primary?.id ?? 'not reported'}, expected ${expectedPrimary}`,
      [ev('primary_cluster.id', t.primary?.id ?? null), ev('standby_cluster.id', t.standby?.id ?? null)],
    );
  }

  // The clusters' DR state in the task (not the cluster's own status): `waiting` between
  // synchronisations, `backuping`/`restoring` during one. `abnormal`/`drDeleted` mean the task cannot
  // carry a drill; `stopped` or an unknown state is worth a look. `AVAILABLE` is accepted too (older docs).
  const healthy = new Set(['waiting', 'backuping', 'restoring', 'AVAILABLE']);
  const broken = new Set(['abnormal', 'drDeleted']);
  const sides = ['primary', 'standby'] as const;
  const failing = sides.filter((side) => broken.has(t[side]?.status ?? ''));
  const doubtful = sides.filter((side) => !failing.includes(side) && !healthy.has(t[side]?.status ?? ''));
  const odd = [...failing, ...doubtful];
  add(
    'clusters.available',
    'Both clusters are healthy in the DR task',
    failing.length ? 'fail' : doubtful.length ? 'warn' : 'pass',
    odd.length ? odd.map((side) => `${side} cluster ${t[side]?.id ?? '?'} is ${t[side]?.status ?? 'not reported'}`).join('; ') : `primary ${t.primary?.status}, standby ${t.standby?.status}`,
    [ev('primary_cluster.status', t.primary?.status ?? null), ev('standby_cluster.status', t.standby?.status ?? null)],
  );

  const lag = dwsLagSeconds(t, o.readAt);
  const maxLagMs = policy.maxLagMs ?? policy.rpoObjectiveMs;
  const lagEvidence = [
    ev('seconds_since_last_sync', lag.seconds, lag.source),
    ev('primary_cluster.last_success_time', t.primary?.lastSuccessTime ?? null),
    ev('standby_cluster.last_success_time', t.standby?.lastSuccessTime ?? null),
  ];
  if (lag.seconds === null) add('lag.max', 'The last successful sync is recent enough', 'fail', 'no successful sync has been reported yet', lagEvidence);
  else if (maxLagMs === undefined) add('lag.max', 'The last successful sync is recent enough', 'pass', `last sync ${formatDuration(lag.seconds * 1000)} ago; no limit set (not checked)`, lagEvidence);
  else {
    const over = lag.seconds * 1000 > maxLagMs;
    add('lag.max', 'The last successful sync is recent enough', over ? 'fail' : 'pass', `last sync ${formatDuration(lag.seconds * 1000)} ago ${over ? '>' : '≤'} limit ${formatDuration(maxLagMs)}`, lagEvidence);
  }

  const periodMs = syncPeriodMs(t.syncPeriod);
  if (policy.rpoObjectiveMs !== undefined) {
    const status: CheckStatus = periodMs === undefined ? 'warn' : periodMs > policy.rpoObjectiveMs ? 'warn' : 'pass';
    add(
      'sync.period',
      'The sync period keeps the RPO within the objective',
      status,
      periodMs === undefined
        ? `sync period ${t.syncPeriod ?? 'not reported'} could not be read: not checked`
        : `sync period ${t.syncPeriod} (${formatDuration(periodMs)}) ${periodMs > policy.rpoObjectiveMs ? '>' : '≤'} RPO objective ${formatDuration(policy.rpoObjectiveMs)}${periodMs > policy.rpoObjectiveMs ? ': the data loss after a failover can reach the period' : ''}`,
      [ev('dr_sync_period', t.syncPeriod ?? null)],
    );
  }

  const progress = t.progress;
  if (policy.rtoObjectiveMs !== undefined && typeof progress?.rtoSeconds === 'number' && progress.rtoSeconds > 0) {
    const over = progress.rtoSeconds * 1000 > policy.rtoObjectiveMs;
    add(
      'rto.estimate',
      'The API’s RTO estimate is within the RTO objective',
      over ? 'warn' : 'pass',
      `estimate ${formatDuration(progress.rtoSeconds * 1000)} ${over ? '>' : '≤'} objective ${formatDuration(policy.rtoObjectiveMs)}`,
      [ev('recovery_time_object', progress.rtoSeconds, 'showDisasterProgress')],
    );
  }
  return checks;
}

export async function checkDwsReadiness(input: DwsReadinessInput): Promise<ReadinessReport> {
  const now = input.now ?? Date.now;
  const { recorder, release } = evidenceFor(input.recorder, now, [[input.client, 'task']]);
  const mark = recorder.mark();
  try {
    const observation = await observeDws(input, now);
    const policy = input.policy ?? {};
    const checks = evaluateDwsReadiness(observation, policy);
    const t = observation.task.snapshot;
    return {
      service: 'dws',
      verdict: worstStatus(checks.map((c) => c.status)),
      checked_at: new Date(observation.readAt).toISOString(),
      target: {
        task: input.taskId,
        ...(input.region ? { region: input.region } : {}),
        ...(t?.primary?.id ? { primary_cluster: t.primary.id } : {}),
        ...(t?.standby?.id ? { standby_cluster: t.standby.id } : {}),
      },
      policy: policySummary(policy),
      checks,
      calls: recorder.callsSince(mark),
    };
  } finally {
    release();
  }
}
