// Sets up a GeminiDB DR relationship between two instances, each reached through its own client
// (own region, project and credentials). The API needs five calls in a fixed order (huawei-dr-api
// §A.5): precheck on both, construction on the primary (which returns the DR ID), construction on
// the standby with that DR ID and the same password, then both jobs. Any step can fail; the error
// says which one, what already exists (IDs, jobs) and what to resume with, so the caller never has
// to guess whether to retry, resume or clean up.
import { isHuaweiCloudNetworkError, isHuaweiCloudTimeoutError } from '@hcdr/core';
import type { GeminiDbClient, JobDetail } from '@hcdr/geminidb';
import { createStepLog } from './step-log.js';
import type { JobWaitOptions, JobWaitOutcome, StepRecord, WorkflowEvent } from './types.js';
import { waitForSides, worstOutcome } from './wait-both.js';

/** One instance of the pair, as the *other* side's requests must describe it. */
export interface InstanceDescription {
  instanceId: string;
  /** Region code of the instance, e.g. `ap-southeast-1`. */
  regionCode: string;
  /** CIDR blocks of the instance's subnets (no 192.* / 172.*). */
  subnetCidrs: readonly string[];
  /** CIDR block of the instance's VPC (for the peer's precheck). */
  vpcCidr: string;
  /** Node specification code, e.g. `geminidb.redis.xlarge.4` (for the peer's precheck). */
  specCode: string;
  /** Private IPs of all the instance's nodes. */
  nodeIps: readonly string[];
}

export interface PairSide extends InstanceDescription {
  /** A client for this instance's region/project/credentials. */
  client: GeminiDbClient;
}

export type PairStep = 'precheck-primary' | 'precheck-standby' | 'construct-primary' | 'construct-standby' | 'wait-primary' | 'wait-standby';

export const PAIR_STEPS: readonly PairStep[] = ['precheck-primary', 'precheck-standby', 'construct-primary', 'construct-standby', 'wait-primary', 'wait-standby'];

/** What exists server-side: enough to resume. */
export interface PairState {
  disasterRecoveryId?: string | undefined;
  primaryJobId?: string | undefined;
  standbyJobId?: string | undefined;
}

export interface PairOptions {
  primary: PairSide;
  standby: PairSide;
  alias: string;
  /** The internal DR password; sent in both construction bodies, never reported. */
  password: string;
  /**
   * Continue a pairing that stopped: `disasterRecoveryId` means the primary side was constructed
   * (skip its precheck and construction); `standbyJobId` as well means the standby side was too
   * (only wait). Jobs whose IDs are given are waited for.
   */
  resume?: (PairState & { disasterRecoveryId: string }) | undefined;
  /** false: return once both constructions were accepted. Otherwise wait for both jobs. */
  wait: false | JobWaitOptions;
  signal?: AbortSignal | undefined;
  onEvent?: ((event: WorkflowEvent<PairStep>) => void) | undefined;
}

export interface PairResult {
  disasterRecoveryId: string;
  alias: string;
  primary: { instanceId: string; regionCode: string; jobId?: string | undefined; job?: JobDetail | undefined };
  standby: { instanceId: string; regionCode: string; jobId?: string | undefined; job?: JobDetail | undefined };
  /** true when both jobs were waited for and completed. */
  completed: boolean;
  steps: StepRecord<PairStep>[];
}

export type PairFailureKind = 'failed' | 'timeout' | 'aborted';

/** A pairing that stopped. `resume` is what to pass back as `resume` (undefined: start over). */
export class PairWorkflowError extends Error {
  override readonly name = 'PairWorkflowError';
  constructor(
    readonly step: PairStep,
    readonly kind: PairFailureKind,
    message: string,
    readonly state: PairState,
    readonly resume: (PairState & { disasterRecoveryId: string }) | undefined,
    readonly steps: readonly StepRecord<PairStep>[],
    /** Advice beyond "resume" (what may be half-done, what to check). */
    readonly advice: readonly string[],
    readonly outcomes: readonly JobWaitOutcome[] = [],
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

const describe = (d: InstanceDescription) => ({ id: d.instanceId, region_code: d.regionCode, subnet_cidrs: [...d.subnetCidrs], node_ips: [...d.nodeIps] });
const precheckPeer = (d: InstanceDescription) => ({ vpc_cidr: d.vpcCidr, spec_code: d.specCode, node_ips: [...d.nodeIps] });

/** True when a request may have reached the server although no answer came back. */
function ambiguous(error: unknown): boolean {
  return isHuaweiCloudTimeoutError(error) || (isHuaweiCloudNetworkError(error) && !error.beforeSend);
}

export async function pairInstances(options: PairOptions): Promise<PairResult> {
  const { primary, standby, signal } = options;
  const { steps, emit, record } = createStepLog<PairStep>(options);
  const state: PairState = { ...options.resume };
  const call = { signal };

  /** Runs one API step; on error reports it and throws a PairWorkflowError built by `onError`. */
  async function step<T>(name: PairStep, description: string, fn: () => Promise<T>, onError: (error: unknown) => PairWorkflowError): Promise<T> {
    emit({ type: 'step', step: name, status: 'start', description });
    try {
      return await fn();
    } catch (error) {
      emit({ type: 'step', step: name, status: 'failed', description, error });
      throw onError(error);
    }
  }

  const stopped = (name: PairStep, error: unknown, resume: PairOptions['resume'], advice: string[]) =>
    new PairWorkflowError(
      name,
      signal?.aborted ? 'aborted' : 'failed',
      `${name} failed: ${error instanceof Error ? error.message : String(error)}`,
      { ...state },
      resume,
      [...steps],
      advice,
      [],
      { cause: error },
    );

  const resumeFromStandby = (): PairOptions['resume'] =>
    state.disasterRecoveryId ? { disasterRecoveryId: state.disasterRecoveryId, primaryJobId: state.primaryJobId } : undefined;

  // 1. Prechecks: each instance is checked with the *other* instance's network details.
  if (options.resume) {
    record('precheck-primary', 'skipped', 'Precheck on the primary', { reason: `resuming DR ${options.resume.disasterRecoveryId}: the primary side is already constructed` });
  } else {
    await step(
      'precheck-primary',
      `Precheck construction on the primary ${primary.instanceId} against the standby's network`,
      () =>
        primary.client.checkDisasterRecoveryOperation({ instance_id: primary.instanceId, body: { operation: 'construction', disaster_recovery_instance: precheckPeer(standby) } }, call),
      (e) => stopped('precheck-primary', e, undefined, ['Nothing was changed. Fix the cause and run the same command again.']),
    );
    record('precheck-primary', 'done', `Precheck passed on the primary ${primary.instanceId}`);
  }

  if (state.standbyJobId) {
    record('precheck-standby', 'skipped', 'Precheck on the standby', { reason: 'the standby side is already constructed' });
  } else {
    await step(
      'precheck-standby',
      `Precheck construction on the standby ${standby.instanceId} against the primary's network`,
      () =>
        standby.client.checkDisasterRecoveryOperation({ instance_id: standby.instanceId, body: { operation: 'construction', disaster_recovery_instance: precheckPeer(primary) } }, call),
      (e) =>
        options.resume
          ? stopped('precheck-standby', e, resumeFromStandby(), ['The primary side stays constructed; fix the cause and resume.'])
          : stopped('precheck-standby', e, undefined, ['Nothing was changed. Fix the cause and run the same command again.']),
    );
    record('precheck-standby', 'done', `Precheck passed on the standby ${standby.instanceId}`);
  }

  // 2. Construction on the primary: creates the DR relationship and returns its ID.
  if (options.resume) {
    record('construct-primary', 'skipped', 'Construction on the primary', { reason: 'already done', disaster_recovery_id: options.resume.disasterRecoveryId });
  } else {
    const created = await step(
      'construct-primary',
      `Construct the primary side on ${primary.instanceId} (instance_role master)`,
      () =>
        primary.client.createDisasterRecovery(
          { instance_id: primary.instanceId, body: { alias: options.alias, password: options.password, instance_role: 'master', disaster_recovery_instance: describe(standby) } },
          call,
        ),
      (e) =>
        stopped(
          'construct-primary',
          e,
          undefined,
          ambiguous(e)
            ? [
                `No answer came back, so the construction may or may not have started. Check the primary with: hcdr geminidb instances list --id ${primary.instanceId} (dr_instance_id, actions) and hcdr geminidb jobs list --name ConstructDisasterRecovery before running the command again.`,
              ]
            : ['Nothing was changed. Fix the cause and run the same command again.'],
        ),
    );
    const data = (created ?? {}) as { job_id?: string; disaster_recovery_id?: string };
    state.primaryJobId = data.job_id;
    if (!data.disaster_recovery_id) {
      emit({ type: 'step', step: 'construct-primary', status: 'failed', description: 'Construction on the primary returned no disaster_recovery_id' });
      throw new PairWorkflowError(
        'construct-primary',
        'failed',
        'construct-primary failed: the response had no disaster_recovery_id, so the standby side cannot be constructed.',
        { ...state },
        undefined,
        [...steps],
        [`Find the DR ID of ${primary.instanceId} (job ${data.job_id ?? 'unknown'}) and resume with --resume <dr-id>, or deconstruct the primary side and start over.`],
      );
    }
    state.disasterRecoveryId = data.disaster_recovery_id;
    record('construct-primary', 'done', `Construction accepted on the primary ${primary.instanceId}`, {
      disaster_recovery_id: data.disaster_recovery_id,
      ...(data.job_id ? { job_id: data.job_id } : {}),
    });
  }
  const disasterRecoveryId = state.disasterRecoveryId as string;

  // 3. Construction on the standby: the DR ID from the primary and the same password.
  if (state.standbyJobId) {
    record('construct-standby', 'skipped', 'Construction on the standby', { reason: 'already done', job_id: state.standbyJobId });
  } else {
    const created = await step(
      'construct-standby',
      `Construct the standby side on ${standby.instanceId} (instance_role slave, DR ${disasterRecoveryId})`,
      () =>
        standby.client.createDisasterRecovery(
          {
            instance_id: standby.instanceId,
            body: { id: disasterRecoveryId, alias: options.alias, password: options.password, instance_role: 'slave', disaster_recovery_instance: describe(primary) },
          },
          call,
        ),
      (e) =>
        stopped('construct-standby', e, resumeFromStandby(), [
          `The primary side is constructed (DR ${disasterRecoveryId}${state.primaryJobId ? `, job ${state.primaryJobId}` : ''}); only the standby side is missing.`,
          ...(ambiguous(e) ? [`No answer came back: check hcdr geminidb instances list --id ${standby.instanceId} first; if dr_instance_id is set the standby side was accepted.`] : []),
        ]),
    );
    const data = (created ?? {}) as { job_id?: string };
    state.standbyJobId = data.job_id;
    record('construct-standby', 'done', `Construction accepted on the standby ${standby.instanceId}`, data.job_id ? { job_id: data.job_id } : {});
  }

  const result = (completed: boolean, outcomes: readonly JobWaitOutcome[] = []): PairResult => ({
    disasterRecoveryId,
    alias: options.alias,
    primary: { instanceId: primary.instanceId, regionCode: primary.regionCode, jobId: state.primaryJobId, job: outcomes.find((o) => o.side === 'primary')?.job },
    standby: { instanceId: standby.instanceId, regionCode: standby.regionCode, jobId: state.standbyJobId, job: outcomes.find((o) => o.side === 'standby')?.job },
    completed,
    steps,
  });

  if (options.wait === false) {
    record('wait-primary', 'skipped', 'Wait for the primary job', { reason: 'not waiting (--no-wait)' });
    record('wait-standby', 'skipped', 'Wait for the standby job', { reason: 'not waiting (--no-wait)' });
    return result(false);
  }

  // 4. Both jobs, in parallel. The relationship exists only when both have completed.
  const jobs = [
    ...(state.primaryJobId ? [{ side: 'primary' as const, client: primary.client, jobId: state.primaryJobId }] : []),
    ...(state.standbyJobId ? [{ side: 'standby' as const, client: standby.client, jobId: state.standbyJobId }] : []),
  ];
  if (!state.primaryJobId) record('wait-primary', 'skipped', 'Wait for the primary job', { reason: 'no job ID (give --primary-job to wait for it)' });
  if (!state.standbyJobId) record('wait-standby', 'skipped', 'Wait for the standby job', { reason: 'the standby call returned no job ID' });
  for (const j of jobs) emit({ type: 'step', step: `wait-${j.side}`, status: 'start', description: `Wait for the ${j.side} construction job ${j.jobId}` });
  const outcomes = await waitForSides<PairStep>(jobs, options.wait, signal, emit);
  for (const o of outcomes) {
    if (o.state === 'succeeded') record(`wait-${o.side}`, 'done', `The ${o.side} construction job ${o.jobId} completed`, { job_id: o.jobId });
    else emit({ type: 'step', step: `wait-${o.side}`, status: 'failed', description: `The ${o.side} construction job ${o.jobId}: ${o.state}${o.reason ? ` (${o.reason})` : ''}`, error: o.error });
  }

  const worst = worstOutcome(outcomes);
  if (!worst) return result(true, outcomes);

  const primaryOutcome = outcomes.find((o) => o.side === 'primary');
  const standbyOutcome = outcomes.find((o) => o.side === 'standby');
  if (primaryOutcome?.state === 'failed') {
    throw new PairWorkflowError(
      'wait-primary',
      'failed',
      `The primary construction job ${primaryOutcome.jobId} failed: ${primaryOutcome.reason ?? 'no reason given'}`,
      { ...state },
      undefined,
      [...steps],
      [
        'Without its primary side the relationship cannot be completed; resuming is not possible.',
        `Check both instances (hcdr geminidb instances list), deconstruct any side that still shows a dr_instance_id (hcdr geminidb dr unpair), then start over.`,
      ],
      outcomes,
    );
  }
  const redoStandby = standbyOutcome?.state === 'failed';
  const resume: PairState & { disasterRecoveryId: string } = {
    disasterRecoveryId,
    primaryJobId: state.primaryJobId,
    ...(redoStandby ? {} : { standbyJobId: state.standbyJobId }),
  };
  const kind: PairFailureKind = worst.state === 'timeout' ? 'timeout' : worst.state === 'aborted' ? 'aborted' : 'failed';
  const message =
    worst.state === 'failed'
      ? `The standby construction job ${worst.jobId} failed: ${worst.reason ?? 'no reason given'}`
      : worst.state === 'error'
        ? `Could not read the ${worst.side} job ${worst.jobId}: ${worst.reason ?? ''}`
        : worst.state === 'timeout'
          ? `Timed out waiting for the ${worst.side} job ${worst.jobId} (last status ${worst.reason ?? 'unknown'}); it keeps running`
          : 'Interrupted while waiting for the construction jobs; they keep running';
  throw new PairWorkflowError(
    `wait-${worst.side}`,
    kind,
    message,
    { ...state },
    resume,
    [...steps],
    redoStandby
      ? [`The primary side is constructed (DR ${disasterRecoveryId}); resuming constructs the standby side again.`]
      : ['Resuming only waits for the jobs again.'],
    outcomes,
    { cause: worst.error },
  );
}
