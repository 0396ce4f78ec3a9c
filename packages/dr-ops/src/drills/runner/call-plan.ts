// What `hcdr drill run --dry-run` prints: every API call the drill would make, phase by phase, with
// the calls that repeat (polling, lag samples) marked as such. Built from the plan alone: a dry run
// reads nothing and needs no credentials.
import { formatDuration } from '../duration.js';
import type { ResolvedDrillPlan } from '../plan/types.js';
import type { DrillPhaseName } from '../report/model.js';
import { phasesOf } from './phases.js';

export interface PlannedCall {
  phase: DrillPhaseName;
  /** Which client sends it: `primary`, `standby` (GeminiDB) or `task` (DWS). */
  side: 'primary' | 'standby' | 'task';
  /** The client method (the spec's operationId). */
  operation: string;
  /** The method's input, as the client would receive it (path parameters flattened). */
  input: Record<string, unknown>;
  /** Why it is sent. */
  purpose: string;
  /** Set when the call repeats: how often and until when. */
  repeats?: string | undefined;
  /** True for calls that change something. */
  mutating: boolean;
}

/** The reads of a GeminiDB readiness check (pre/post-flight, `hcdr geminidb dr readiness`). */
export function geminiDbReadinessCalls(primaryId: string, standbyId: string, phase: DrillPhaseName = 'preflight'): PlannedCall[] {
  return [
    ...roleReads(phase, primaryId, standbyId, 'readiness'),
    { phase, side: 'primary', operation: 'showPauseResumeStutus', input: { instance_id: primaryId }, purpose: 'readiness: sync status, lag, RPO/RTO estimates', mutating: false },
    { phase, side: 'primary', operation: 'showDisasterRecoverySettings', input: { query: { instance_id: primaryId } }, purpose: 'readiness: DR settings (max sync delay)', mutating: false },
  ];
}

/** The reads of a DWS readiness check. */
export function dwsReadinessCalls(taskId: string, phase: DrillPhaseName = 'preflight'): PlannedCall[] {
  const input = { disaster_recovery_id: taskId };
  return [
    { phase, side: 'task', operation: 'showDisasterDetail', input, purpose: 'readiness: status, clusters, last sync', mutating: false },
    { phase, side: 'task', operation: 'showDisasterProgress', input, purpose: 'readiness: RPO/RTO', mutating: false },
  ];
}

function roleReads(phase: DrillPhaseName, a: string, b: string, purpose: string, repeats?: string): PlannedCall[] {
  return (
    [
      ['primary', a],
      ['standby', b],
    ] as const
  ).flatMap(([side, id]) => [
    { phase, side, operation: 'listInstances', input: { query: { id } }, purpose: `${purpose}: status, port, DR peer, running actions`, repeats, mutating: false },
    { phase, side, operation: 'showInstanceRole', input: { instance_id: id }, purpose: `${purpose}: role`, repeats, mutating: false },
  ]);
}

export function drillCallPlan(resolved: ResolvedDrillPlan): PlannedCall[] {
  const plan = resolved.plan;
  const poll = formatDuration(resolved.pollIntervalMs);
  const calls: PlannedCall[] = [];
  const add = (c: PlannedCall) => calls.push(c);
  if (plan.service === 'geminidb') {
    const a = plan.target.primary.instance;
    const b = plan.target.standby.instance;
    const reads = (phase: DrillPhaseName, purpose: string, repeats?: string) => {
      for (const c of roleReads(phase, a, b, purpose, repeats)) add(c);
    };
    const readiness = (phase: DrillPhaseName) => {
      for (const c of geminiDbReadinessCalls(a, b, phase)) add(c);
    };
    const switchover = (phase: DrillPhaseName, from: 'primary' | 'standby', fromId: string, to: 'primary' | 'standby', toId: string) => {
      add({ phase, side: from, operation: 'switchToSlave', input: { instance_id: fromId }, purpose: `demote ${fromId} (switchover-slave)`, mutating: true });
      add({ phase, side: from, operation: 'listJobs', input: { query: { id: '<job_id of the demotion>' } }, purpose: 'wait for the demotion job', repeats: `every ${poll} until Completed`, mutating: false });
      add({ phase, side: to, operation: 'switchToMaster', input: { instance_id: toId, body: { force: false } }, purpose: `promote ${toId} (switchover-master)`, mutating: true });
      add({ phase, side: to, operation: 'listJobs', input: { query: { id: '<job_id of the promotion>' } }, purpose: 'wait for the promotion job', repeats: `every ${poll} until Completed`, mutating: false });
      reads(phase, 'confirm the new primary');
    };
    for (const phase of phasesOf(plan.scenario)) {
      if (phase === 'preflight' || phase === 'postflight') readiness(phase);
      else if (phase === 'switchover') {
        add({ phase, side: 'primary', operation: 'showPauseResumeStutus', input: { instance_id: a }, purpose: 'lag at cutover (the measured RPO; abort above the threshold)', mutating: false });
        switchover(phase, 'primary', a, 'standby', b);
      } else if (phase === 'failback') switchover(phase, 'standby', b, 'primary', a);
      else if (phase === 'verify-switched' || phase === 'verify-restored') {
        reads(phase, 'roles', `every ${poll} until the roles and sync are as expected`);
        add({ phase, side: phase === 'verify-switched' ? 'standby' : 'primary', operation: 'showPauseResumeStutus', input: { instance_id: phase === 'verify-switched' ? b : a }, purpose: 'sync healthy (SYNCING)', repeats: `every ${poll}`, mutating: false });
      } else if (phase === 'hold') {
        add({ phase, side: 'standby', operation: 'showPauseResumeStutus', input: { instance_id: b }, purpose: 'lag samples (abort above the threshold)', repeats: `every ${formatDuration(resolved.sampleIntervalMs)} for ${formatDuration(resolved.holdMs)}`, mutating: false });
      }
    }
    return calls;
  }

  const task = plan.target.task;
  const input = { disaster_recovery_id: task };
  const detail = (phase: DrillPhaseName, purpose: string, repeats?: string) => add({ phase, side: 'task', operation: 'showDisasterDetail', input, purpose, repeats, mutating: false });
  const progress = (phase: DrillPhaseName, purpose: string, repeats?: string) => add({ phase, side: 'task', operation: 'showDisasterProgress', input, purpose, repeats, mutating: false });
  const change = (phase: DrillPhaseName, operation: string, purpose: string) => {
    detail(phase, 'current status and roles');
    add({ phase, side: 'task', operation, input, purpose, mutating: true });
    detail(phase, 'wait for the task to settle', `every ${poll} until it settles`);
  };
  for (const phase of phasesOf(plan.scenario)) {
    if (phase === 'preflight' || phase === 'postflight') {
      for (const c of dwsReadinessCalls(task, phase)) add(c);
    } else if (phase === 'switchover' || phase === 'failover') {
      detail(phase, 'lag at cutover');
      progress(phase, 'time since the last sync at cutover (the measured RPO)');
      change(phase, phase === 'switchover' ? 'switchoverDisasterRecovery' : 'switchFailoverDisaster', `${phase}: the standby cluster becomes the primary`);
    } else if (phase === 'recovery') change(phase, 'restoreDisaster', 'recovery: re-pair the old primary as the standby');
    else if (phase === 'failback') change(phase, 'switchoverDisasterRecovery', 'switch back: the original primary cluster becomes the primary again');
    else if (phase === 'verify-switched' || phase === 'verify-restored') detail(phase, 'roles and status', `every ${poll} until as expected`);
    else if (phase === 'hold') {
      detail(phase, 'lag samples', `every ${formatDuration(resolved.sampleIntervalMs)} for ${formatDuration(resolved.holdMs)}`);
      progress(phase, 'lag samples', `every ${formatDuration(resolved.sampleIntervalMs)} for ${formatDuration(resolved.holdMs)}`);
    }
  }
  return calls;
}
