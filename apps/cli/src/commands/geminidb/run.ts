// Runs GeminiDB operations the same way for every command: --dry-run (record, print, send nothing),
// the call itself, and for asynchronous operations either a "follow it with" hint or --wait.
import type { GeminiDbClient, OperationId } from '@hcdr/geminidb';
import { connectionArgs, geminiDbClient, globalConnection, type Connection } from '../../config/client-options.js';
import type { AppContext } from '../../context.js';
import { createDryRunRecorder, printDryRun } from '../../io/dry-run.js';
import type { TableSpec } from '../../io/output.js';
import { renderCommand } from '../../io/shell.js';
import type { WaitSettings } from '../shared.js';
import { outcomesError, reportOutcomes, waitJobs } from './job-wait.js';

// The packages export a value named `operations` (the table), which shadows the generated
// `operations` type; the inputs are therefore read off the client's method signatures.
export type GeminiDbOperationId = OperationId;
export type GeminiDbInput<Id extends GeminiDbOperationId> = NonNullable<Parameters<GeminiDbClient[Id]>[0]>;

export interface GeminiDbCall<Id extends GeminiDbOperationId> {
  input: GeminiDbInput<Id>;
  /** Human label, e.g. `pause on instance a1b2…`. */
  label: string;
}

export interface RunGeminiDbOptions<Id extends GeminiDbOperationId> {
  operationId: Id;
  calls: readonly GeminiDbCall<Id>[];
  connection?: Connection;
  /** Present for asynchronous operations (they return a job_id). */
  wait?: WaitSettings;
  table?: TableSpec;
  /** Result for operations without a body (204), e.g. precheck. */
  emptyResult?: (call: GeminiDbCall<Id>) => Record<string, unknown>;
  /** Success line on stderr, e.g. `Precheck passed on a1b2…`. */
  done?: (call: GeminiDbCall<Id>, data: unknown) => string | undefined;
}

type AnyMethod = (input: unknown, options?: { signal?: AbortSignal }) => Promise<unknown>;

export async function runGeminiDb<Id extends GeminiDbOperationId>(ctx: AppContext, options: RunGeminiDbOptions<Id>): Promise<void> {
  const connection = options.connection ?? globalConnection(ctx);
  if (ctx.globals.dryRun) {
    const recorder = await createDryRunRecorder();
    const client = await geminiDbClient(ctx, connection, recorder);
    for (const call of options.calls) await (client[options.operationId] as unknown as AnyMethod)(call.input);
    printDryRun(ctx, recorder.requests);
    return;
  }

  const client = await geminiDbClient(ctx, connection);
  const results: Record<string, unknown>[] = [];
  for (const call of options.calls) {
    const data = await (client[options.operationId] as unknown as AnyMethod)(call.input, { signal: ctx.signal });
    const result = (data as Record<string, unknown> | undefined) ?? options.emptyResult?.(call) ?? {};
    results.push(result);
    const line = options.done?.(call, data);
    if (line) ctx.out.success(line);
  }

  const jobIds = results.map((r) => (typeof r['job_id'] === 'string' ? r['job_id'] : undefined));
  const present = jobIds.filter((j): j is string => j !== undefined);
  const followCommand = renderCommand(['hcdr', 'geminidb', 'jobs', 'wait', ...present, ...connectionArgs(connection)]);
  if (!options.wait || present.length === 0) {
    emit(ctx, results, options.table);
    return;
  }
  if (!options.wait.enabled) {
    emit(ctx, results, options.table);
    ctx.out.info(`Started ${present.length === 1 ? `job ${present[0]}` : `jobs ${present.join(', ')}`}. Follow with: ${followCommand}`);
    return;
  }

  const outcomes = await waitJobs(
    ctx,
    options.calls.flatMap((call, i) => {
      const jobId = jobIds[i];
      return jobId ? [{ client, jobId, label: call.label }] : [];
    }),
    options.wait,
  );
  reportOutcomes(ctx, outcomes);
  const withJobs = results.map((r) => {
    const outcome = outcomes.find((o) => o.jobId === r['job_id']);
    return outcome ? { ...r, job: outcome.job ?? null, wait: outcome.state } : r;
  });
  emit(ctx, withJobs, options.table);
  const error = outcomesError(outcomes, followCommand);
  if (error) throw error;
}

function emit(ctx: AppContext, results: readonly Record<string, unknown>[], table?: TableSpec): void {
  ctx.out.data(results.length === 1 ? results[0] : results, table);
}
