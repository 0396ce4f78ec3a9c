// Removes a GeminiDB DR relationship: deconstruction precheck on both instances, deconstruction on
// both, then both jobs (huawei-dr-api §A.5 step 6). Like pairInstances, a stop reports what was
// done and what to resume with: a side whose deconstruction was accepted is skipped on resume.
import type { GeminiDbClient, JobDetail } from '@hcdr/geminidb';
import { createStepLog } from './step-log.js';
import type { JobWaitOptions, JobWaitOutcome, Side, StepRecord, WorkflowEvent } from './types.js';
import { waitForSides, worstOutcome } from './wait-both.js';

export interface UnpairSide {
  instanceId: string;
  client: GeminiDbClient;
}

export type UnpairStep = 'precheck-primary' | 'precheck-standby' | 'deconstruct-primary' | 'deconstruct-standby' | 'wait-primary' | 'wait-standby';

/** Deconstruction jobs already started (their sides are skipped; the jobs are waited for). */
export interface UnpairState {
  primaryJobId?: string | undefined;
  standbyJobId?: string | undefined;
}

export interface UnpairOptions {
  primary: UnpairSide;
  standby: UnpairSide;
  resume?: UnpairState | undefined;
  wait: false | JobWaitOptions;
  signal?: AbortSignal | undefined;
  onEvent?: ((event: WorkflowEvent<UnpairStep>) => void) | undefined;
}

export interface UnpairResult {
  primary: { instanceId: string; jobId?: string | undefined; job?: JobDetail | undefined };
  standby: { instanceId: string; jobId?: string | undefined; job?: JobDetail | undefined };
  completed: boolean;
  steps: StepRecord<UnpairStep>[];
}

export class UnpairWorkflowError extends Error {
  override readonly name = 'UnpairWorkflowError';
  constructor(
    readonly step: UnpairStep,
    readonly kind: 'failed' | 'timeout' | 'aborted',
    message: string,
    readonly state: UnpairState,
    /** What to resume with; `{}` means nothing was started (run the same command again). */
    readonly resume: UnpairState,
    readonly steps: readonly StepRecord<UnpairStep>[],
    readonly advice: readonly string[],
    readonly outcomes: readonly JobWaitOutcome[] = [],
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

const jobKey = (side: Side) => (side === 'primary' ? 'primaryJobId' : 'standbyJobId') as keyof UnpairState;

export async function unpairInstances(options: UnpairOptions): Promise<UnpairResult> {
  const { signal } = options;
  const sides = { primary: options.primary, standby: options.standby };
  const { steps, emit, record } = createStepLog<UnpairStep>(options);
  const state: UnpairState = { ...options.resume };
  const call = { signal };

  const stop = (step: UnpairStep, error: unknown) => {
    emit({ type: 'step', step, status: 'failed', description: step, error });
    const started = Object.values(state).some((v) => v !== undefined);
    return new UnpairWorkflowError(
      step,
      signal?.aborted ? 'aborted' : 'failed',
      `${step} failed: ${error instanceof Error ? error.message : String(error)}`,
      { ...state },
      { ...state },
      [...steps],
      started ? ['The sides whose deconstruction was accepted are skipped when you resume.'] : ['Nothing was changed. Fix the cause and run the same command again.'],
      [],
      { cause: error },
    );
  };

  for (const side of ['primary', 'standby'] as const) {
    const s = sides[side];
    if (state[jobKey(side)]) {
      record(`precheck-${side}`, 'skipped', `Precheck on the ${side}`, { reason: `deconstruction already started (job ${state[jobKey(side)]})` });
      continue;
    }
    emit({ type: 'step', step: `precheck-${side}`, status: 'start', description: `Precheck deconstruction on the ${side} ${s.instanceId}` });
    try {
      await s.client.checkDisasterRecoveryOperation({ instance_id: s.instanceId, body: { operation: 'deconstruction' } }, call);
    } catch (error) {
      throw stop(`precheck-${side}`, error);
    }
    record(`precheck-${side}`, 'done', `Precheck passed on the ${side} ${s.instanceId}`);
  }

  for (const side of ['primary', 'standby'] as const) {
    const s = sides[side];
    if (state[jobKey(side)]) {
      record(`deconstruct-${side}`, 'skipped', `Deconstruction on the ${side}`, { reason: 'already started', job_id: state[jobKey(side)] as string });
      continue;
    }
    emit({ type: 'step', step: `deconstruct-${side}`, status: 'start', description: `Deconstruct the ${side} side on ${s.instanceId}` });
    let data: { job_id?: string } | undefined;
    try {
      data = await s.client.deleteDisasterRecovery({ instance_id: s.instanceId }, call);
    } catch (error) {
      throw stop(`deconstruct-${side}`, error);
    }
    const jobId = data?.job_id ?? '';
    state[jobKey(side)] = jobId === '' ? undefined : jobId;
    record(`deconstruct-${side}`, 'done', `Deconstruction accepted on the ${side} ${s.instanceId}`, jobId ? { job_id: jobId } : {});
  }

  const result = (completed: boolean, outcomes: readonly JobWaitOutcome[] = []): UnpairResult => ({
    primary: { instanceId: sides.primary.instanceId, jobId: state.primaryJobId, job: outcomes.find((o) => o.side === 'primary')?.job },
    standby: { instanceId: sides.standby.instanceId, jobId: state.standbyJobId, job: outcomes.find((o) => o.side === 'standby')?.job },
    completed,
    steps,
  });
  if (options.wait === false) {
    record('wait-primary', 'skipped', 'Wait for the primary job', { reason: 'not waiting (--no-wait)' });
    record('wait-standby', 'skipped', 'Wait for the standby job', { reason: 'not waiting (--no-wait)' });
    return result(false);
  }

  const jobs = (['primary', 'standby'] as const).flatMap((side) => {
    const jobId = state[jobKey(side)];
    return jobId ? [{ side, client: sides[side].client, jobId }] : [];
  });
  for (const j of jobs) emit({ type: 'step', step: `wait-${j.side}`, status: 'start', description: `Wait for the ${j.side} deconstruction job ${j.jobId}` });
  const outcomes = await waitForSides<UnpairStep>(jobs, options.wait, signal, emit);
  for (const o of outcomes) {
    if (o.state === 'succeeded') record(`wait-${o.side}`, 'done', `The ${o.side} deconstruction job ${o.jobId} completed`, { job_id: o.jobId });
    else emit({ type: 'step', step: `wait-${o.side}`, status: 'failed', description: `The ${o.side} deconstruction job ${o.jobId}: ${o.state}`, error: o.error });
  }
  const worst = worstOutcome(outcomes);
  if (!worst) return result(true, outcomes);

  // A failed side is deconstructed again on resume (its job ID is dropped); the others are only awaited.
  const resume: UnpairState = {};
  for (const o of outcomes) if (o.state !== 'failed') resume[jobKey(o.side)] = o.jobId;
  const kind = worst.state === 'timeout' ? 'timeout' : worst.state === 'aborted' ? 'aborted' : 'failed';
  const message =
    worst.state === 'failed'
      ? `The ${worst.side} deconstruction job ${worst.jobId} failed: ${worst.reason ?? 'no reason given'}`
      : worst.state === 'timeout'
        ? `Timed out waiting for the ${worst.side} deconstruction job ${worst.jobId}; it keeps running`
        : worst.state === 'aborted'
          ? 'Interrupted while waiting for the deconstruction jobs; they keep running'
          : `Could not read the ${worst.side} job ${worst.jobId}: ${worst.reason ?? ''}`;
  throw new UnpairWorkflowError(
    `wait-${worst.side}`,
    kind,
    message,
    { ...state },
    resume,
    [...steps],
    worst.state === 'failed' ? [`Resuming runs the ${worst.side}'s precheck and deconstruction again.`] : ['Resuming only waits for the jobs again.'],
    outcomes,
    { cause: worst.error },
  );
}
