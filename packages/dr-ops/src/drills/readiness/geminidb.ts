// Readiness of a GeminiDB DR relationship: both sides read with their own clients, then every rule
// of the policy evaluated over what was read (a pure function, evaluateGeminiDbReadiness).
import { GEMINIDB_DR_PORT } from '../../rules/rules.js';
import { formatDuration } from '../duration.js';
import { type EvidenceRecorder, evidenceFor } from '../evidence/recorder.js';
import type { EvidenceValue } from '../report/model.js';
import {
  type GeminiDbClientLike,
  type GeminiDbSettingsRead,
  type GeminiDbSideRead,
  type GeminiDbSyncRead,
  readGeminiDbSettings,
  readGeminiDbSide,
  readGeminiDbSync,
} from './read-geminidb.js';
import { isReadFailure, type ReadFailure } from './read-errors.js';
import { type CheckStatus, policySummary, type ReadinessCheck, type ReadinessPolicy, type ReadinessReport, worstStatus } from './types.js';

export interface GeminiDbReadinessSide {
  client: GeminiDbClientLike;
  instanceId: string;
  /** The region the plan (or the flags) say the instance is in; not checked when absent. */
  region?: string | undefined;
}

export interface GeminiDbReadinessInput {
  primary: GeminiDbReadinessSide;
  standby: GeminiDbReadinessSide;
  policy?: ReadinessPolicy | undefined;
  signal?: AbortSignal | undefined;
  /** Wall clock (default Date.now); the drill passes its own. */
  now?: (() => number) | undefined;
  /** A recorder already attached to both clients (the drill's); otherwise one is attached for this check. */
  recorder?: EvidenceRecorder | undefined;
}

/** Everything read for one readiness evaluation. */
export interface GeminiDbObservation {
  readAt: number;
  primary: GeminiDbSideRead & { expectedRegion: string | undefined };
  standby: GeminiDbSideRead & { expectedRegion: string | undefined };
  /** Asked on the instance that is expected to be primary (RPO/RTO are given only to the master). */
  sync: GeminiDbSyncRead | ReadFailure | undefined;
  settings: GeminiDbSettingsRead | ReadFailure | undefined;
}

export async function observeGeminiDb(input: GeminiDbReadinessInput, now: () => number): Promise<GeminiDbObservation> {
  const { primary, standby, signal } = input;
  const readAt = now();
  const [p, s] = await Promise.all([readGeminiDbSide(primary.client, primary.instanceId, signal), readGeminiDbSide(standby.client, standby.instanceId, signal)]);
  const expectedPrimary = input.policy?.expectedPrimary ?? primary.instanceId;
  const asker = expectedPrimary === standby.instanceId ? standby : primary;
  const askerRead = asker === primary ? p : s;
  const [sync, settings] = askerRead.failure
    ? [undefined, undefined]
    : await Promise.all([readGeminiDbSync(asker.client, asker.instanceId, signal), readGeminiDbSettings(asker.client, asker.instanceId, signal)]);
  return { readAt, primary: { ...p, expectedRegion: primary.region }, standby: { ...s, expectedRegion: standby.region }, sync, settings };
}

const secondsText = (s: number) => formatDuration(s * 1000);

/** Evaluates the policy over an observation. Pure: the same observation gives the same checks. */
export function evaluateGeminiDbReadiness(o: GeminiDbObservation, policy: ReadinessPolicy = {}): ReadinessCheck[] {
  const at = new Date(o.readAt).toISOString();
  const ev = (name: string, value: EvidenceValue['value'], source: string): EvidenceValue => ({ at, name, value, source });
  const checks: ReadinessCheck[] = [];
  const add = (id: string, title: string, status: CheckStatus, message: string, evidence: EvidenceValue[] = []) => checks.push({ id, title, status, message, evidence });
  const sides = [
    ['primary', o.primary],
    ['standby', o.standby],
  ] as const;

  for (const [name, side] of sides) {
    const failure = side.failure;
    if (failure) {
      const why = failure.kind === 'credentials' ? 'the credentials for this side were refused' : failure.kind === 'unreachable' ? 'it cannot be reached' : 'the API refused the read';
      const source = `listInstances / showInstanceRole (${name})`;
      add(`reachable.${name}`, `The ${name} side answers with its credentials`, 'fail', `${name} ${side.instanceId}: ${why}: ${failure.message}`, [ev('error', failure.message, source)]);
    } else if (!side.instance) {
      add(`reachable.${name}`, `The ${name} side answers with its credentials`, 'fail', `${name} ${side.instanceId} was not found${side.expectedRegion ? ` in region ${side.expectedRegion}` : ''} with these credentials`, [ev('instance', null, `listInstances (${name})`)]);
    } else {
      add(`reachable.${name}`, `The ${name} side answers with its credentials`, 'pass', `${name} ${side.instanceId} (${side.instance.name}) answered`, [ev('name', side.instance.name, `listInstances (${name})`)]);
    }
  }
  const p = o.primary.instance;
  const s = o.standby.instance;
  if (!p || !s || checks.some((c) => c.status === 'fail')) return checks; // nothing else can be judged without both sides

  for (const [name, side] of sides) {
    const inst = side.instance as NonNullable<typeof side.instance>;
    const source = `listInstances (${name})`;
    const expected = side.expectedRegion;
    add(
      `region.${name}`,
      `The ${name} instance is in the expected region`,
      expected === undefined || inst.region === expected ? 'pass' : 'fail',
      expected === undefined ? `${inst.region ?? 'not reported'} (no expected region given)` : inst.region === expected ? `${inst.region}` : `${side.instanceId} is in ${inst.region ?? 'an unreported region'}, expected ${expected}`,
      [ev('region', inst.region, source)],
    );
  }

  const abnormal = sides.filter(([, side]) => side.instance?.status !== 'normal');
  add(
    'instances.normal',
    'Both instances are normal',
    abnormal.length ? 'fail' : 'pass',
    abnormal.length ? abnormal.map(([name, side]) => `${name} status ${side.instance?.status ?? 'unknown'}`).join('; ') : 'both normal',
    sides.map(([name, side]) => ev(`${name}.status`, side.instance?.status ?? null, `listInstances (${name})`)),
  );

  const busy = sides.filter(([, side]) => (side.instance?.actions.length ?? 0) > 0);
  add(
    'jobs.idle',
    'No operation is running on either instance',
    busy.length === 0 ? 'pass' : policy.allowRunningJobs ? 'warn' : 'fail',
    busy.length === 0 ? 'no running actions' : busy.map(([name, side]) => `${name} is running ${side.instance?.actions.join(', ')}`).join('; '),
    sides.map(([name, side]) => ev(`${name}.actions`, side.instance?.actions.join(',') ?? '', `listInstances (${name})`)),
  );

  const linked = p.drInstanceId === s.id && s.drInstanceId === p.id;
  add(
    'pair.linked',
    'The two instances are each other’s DR peer',
    linked ? 'pass' : 'fail',
    linked ? `${p.id} ⇄ ${s.id}` : `primary's dr_instance_id is ${p.drInstanceId ?? 'empty'}, standby's is ${s.drInstanceId ?? 'empty'}`,
    [ev('primary.dr_instance_id', p.drInstanceId, 'listInstances (primary)'), ev('standby.dr_instance_id', s.drInstanceId, 'listInstances (standby)')],
  );

  const expectedPrimary = policy.expectedPrimary ?? o.primary.instanceId;
  const expectedRoles = {
    primary: expectedPrimary === o.primary.instanceId ? 'master' : 'slave',
    standby: expectedPrimary === o.primary.instanceId ? 'slave' : 'master',
  };
  const roleProblems = sides.filter(([name, side]) => side.role !== expectedRoles[name]);
  add(
    'roles.expected',
    `${expectedPrimary} is the primary (master)`,
    roleProblems.length ? 'fail' : 'pass',
    roleProblems.length
      ? roleProblems.map(([name, side]) => `${name} ${side.instanceId} is ${side.role ?? 'in no role (not in an active relationship)'}, expected ${expectedRoles[name]}`).join('; ')
      : `primary master, standby slave`,
    sides.map(([name, side]) => ev(`${name}.role`, side.role ?? null, `showInstanceRole (${name})`)),
  );

  const ports = sides.filter(([, side]) => side.instance?.port !== GEMINIDB_DR_PORT);
  add(
    'network.port',
    `Both instances listen on port ${GEMINIDB_DR_PORT} (required for DR)`,
    ports.length ? 'fail' : 'pass',
    ports.length ? ports.map(([name, side]) => `${name} port ${side.instance?.port ?? 'unknown'}`).join('; ') : `both ${GEMINIDB_DR_PORT}`,
    sides.map(([name, side]) => ev(`${name}.port`, side.instance?.port ?? null, `listInstances (${name})`)),
  );

  const forbidden = sides.flatMap(([name, side]) => (side.instance?.nodeIps ?? []).filter((ip) => ip.startsWith('192.') || ip.startsWith('172.')).map((ip) => `${name} node ${ip}`));
  add(
    'network.cidr',
    'No node is in a 192.* or 172.* block (DR is not supported there)',
    forbidden.length ? 'fail' : 'pass',
    forbidden.length ? forbidden.join('; ') : `node IPs ${[...p.nodeIps, ...s.nodeIps].join(', ') || '(none reported)'}`,
    sides.map(([name, side]) => ev(`${name}.node_ips`, side.instance?.nodeIps.join(',') ?? '', `listInstances (${name})`)),
  );

  const sync = o.sync;
  const syncSource = `showPauseResumeStutus (${expectedPrimary === o.primary.instanceId ? 'primary' : 'standby'})`;
  if (!sync || isReadFailure(sync)) {
    add('sync.status', 'Data synchronisation is running', 'fail', `the synchronisation status could not be read: ${sync?.message ?? 'not asked'}`);
  } else {
    const status: CheckStatus = sync.status === 'SYNCING' ? 'pass' : sync.status === 'NEW' || sync.status === 'RECOVERYING' ? 'warn' : 'fail';
    add('sync.status', 'Data synchronisation is running', status, `status ${sync.status ?? 'not reported'}`, [ev('status', sync.status, syncSource), ev('rsync_wal_size_mb', sync.backlogMb, syncSource)]);

    const maxLagMs = policy.maxLagMs ?? policy.rpoObjectiveMs;
    const lagEvidence = [ev('lag_seconds (FAILOVER rpo)', sync.lagSeconds, syncSource), ev('switchover_rpo_seconds', sync.switchoverRpoSeconds, syncSource)];
    if (maxLagMs === undefined) add('lag.max', 'Replication lag is within the limit', 'pass', `lag ${sync.lagSeconds ?? 'not reported'} s; no limit set (not checked)`, lagEvidence);
    else if (sync.lagSeconds === null) add('lag.max', 'Replication lag is within the limit', 'warn', 'the API reported no lag (RPO) value: not checked', lagEvidence);
    else {
      const over = sync.lagSeconds * 1000 > maxLagMs;
      add('lag.max', 'Replication lag is within the limit', over ? 'fail' : 'pass', `lag ${secondsText(sync.lagSeconds)} ${over ? '>' : '≤'} limit ${formatDuration(maxLagMs)}`, lagEvidence);
    }
    if (policy.rtoObjectiveMs !== undefined && sync.switchoverRtoSeconds !== null) {
      const over = sync.switchoverRtoSeconds * 1000 > policy.rtoObjectiveMs;
      add(
        'rto.estimate',
        'The API’s switchover RTO estimate is within the RTO objective',
        over ? 'warn' : 'pass',
        `estimate ${secondsText(sync.switchoverRtoSeconds)} ${over ? '>' : '≤'} objective ${formatDuration(policy.rtoObjectiveMs)}`,
        [ev('switchover_rto_seconds', sync.switchoverRtoSeconds, syncSource)],
      );
    }
  }

  const settings = o.settings;
  if (!settings || isReadFailure(settings)) {
    add('settings.sync_delay', 'DR settings allow a switchover within the RPO', 'warn', `DR settings could not be read (${settings?.message ?? 'not asked'}): not checked`);
  } else if (settings.syncDelaySeconds === null || policy.rpoObjectiveMs === undefined) {
    add('settings.sync_delay', 'DR settings allow a switchover within the RPO', 'pass', `max sync delay ${settings.syncDelaySeconds === null ? 'not set' : secondsText(settings.syncDelaySeconds)}`, [
      ev('sync_delay_seconds', settings.syncDelaySeconds, 'showDisasterRecoverySettings'),
    ]);
  } else {
    const over = settings.syncDelaySeconds * 1000 > policy.rpoObjectiveMs;
    add(
      'settings.sync_delay',
      'DR settings allow a switchover within the RPO',
      over ? 'warn' : 'pass',
      over
        ? `max sync delay ${secondsText(settings.syncDelaySeconds)} is above the RPO objective ${formatDuration(policy.rpoObjectiveMs)}: an automatic switchover may lose more than the RPO`
        : `max sync delay ${secondsText(settings.syncDelaySeconds)} ≤ RPO objective`,
      [ev('sync_delay_seconds', settings.syncDelaySeconds, 'showDisasterRecoverySettings'), ev('switchover_ratio', settings.switchoverRatio, 'showDisasterRecoverySettings')],
    );
  }
  return checks;
}


/** Reads both sides and evaluates the policy. Never throws for an API failure: it becomes a failed check. */
export async function checkGeminiDbReadiness(input: GeminiDbReadinessInput): Promise<ReadinessReport> {
  const now = input.now ?? Date.now;
  const { recorder, release } = evidenceFor(input.recorder, now, [
    [input.primary.client, 'primary'],
    [input.standby.client, 'standby'],
  ]);
  const mark = recorder.mark();
  try {
    const observation = await observeGeminiDb(input, now);
    const policy = input.policy ?? {};
    const checks = evaluateGeminiDbReadiness(observation, policy);
    return {
      service: 'geminidb',
      verdict: worstStatus(checks.map((c) => c.status)),
      checked_at: new Date(observation.readAt).toISOString(),
      target: {
        primary: input.primary.instanceId,
        ...(input.primary.region ? { primary_region: input.primary.region } : {}),
        standby: input.standby.instanceId,
        ...(input.standby.region ? { standby_region: input.standby.region } : {}),
      },
      policy: policySummary(policy),
      checks,
      calls: recorder.callsSince(mark),
    };
  } finally {
    release();
  }
}
