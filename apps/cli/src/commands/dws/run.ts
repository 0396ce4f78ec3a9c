// Runs DWS operations uniformly: --dry-run, the call, and for task-changing operations either a
// "follow it with" hint or --wait on the task status the spec names as the operation's end.
import type { AsyncOperationId, DwsClient, OperationId } from '@hcdr/dws';
import { connectionArgs, dwsClient, globalConnection } from '../../config/client-options.js';
import type { AppContext } from '../../context.js';
import { createDryRunRecorder, printDryRun } from '../../io/dry-run.js';
import type { TableSpec } from '../../io/output.js';
import { renderCommand } from '../../io/shell.js';
import type { WaitSettings } from '../shared.js';
import { reportTask, taskError, waitTask } from './task-wait.js';

// The packages export a value named `operations` (the table), which shadows the generated
// `operations` type; the inputs are therefore read off the client's method signatures.
export type DwsOperationId = OperationId;
export type DwsInput<Id extends DwsOperationId> = NonNullable<Parameters<DwsClient[Id]>[0]>;

export interface RunDwsOptions<Id extends DwsOperationId> {
  operationId: Id;
  input: DwsInput<Id>;
  /** For task-changing operations: the task ID (known up front, or read from the response). */
  wait?: WaitSettings;
  label?: string;
  table?: TableSpec;
  emptyResult?: () => Record<string, unknown>;
  done?: (data: unknown) => string | undefined;
}

type AnyMethod = (input: unknown, options?: { signal?: AbortSignal }) => Promise<unknown>;

export async function runDws<Id extends DwsOperationId>(ctx: AppContext, options: RunDwsOptions<Id>): Promise<void> {
  const connection = globalConnection(ctx);
  if (ctx.globals.dryRun) {
    const recorder = await createDryRunRecorder();
    const client = await dwsClient(ctx, connection, recorder);
    await (client[options.operationId] as unknown as AnyMethod)(options.input);
    printDryRun(ctx, recorder.requests);
    return;
  }
  const [client, { waitStatusesFor }] = await Promise.all([dwsClient(ctx, connection), import('@hcdr/dws')]);
  const data = await (client[options.operationId] as unknown as AnyMethod)(options.input, { signal: ctx.signal });
  const result = (data as Record<string, unknown> | undefined) ?? options.emptyResult?.() ?? {};
  const line = options.done?.(data);
  if (line) ctx.out.success(line);

  const statuses = waitStatusesFor(options.operationId);
  const input = options.input as { disaster_recovery_id?: string };
  const taskId = input.disaster_recovery_id ?? (result as { disaster_recovery?: { id?: string } }).disaster_recovery?.id;
  if (!options.wait || !statuses || !taskId) {
    ctx.out.data(result, options.table);
    return;
  }
  const follow = renderCommand(['hcdr', 'dws', 'dr', 'wait', taskId, '--until', statuses.targets.join(','), ...connectionArgs(connection)]);
  if (!options.wait.enabled) {
    ctx.out.data(result, options.table);
    ctx.out.info(`Accepted; DR task ${taskId} is changing state (done when ${statuses.targets.join(' or ')}). Follow with: ${follow}`);
    return;
  }
  const label = options.label ?? options.operationId;
  if (statuses.unverified) ctx.out.info(`Note: the final status of this operation is not documented; waiting for the first settled status (${statuses.targets.join(', ')}).`);
  // The end of this call (its statuses from the spec; the state before it is not its end).
  const outcome = await waitTask(ctx, client, taskId, { operation: options.operationId as AsyncOperationId }, options.wait, label);
  reportTask(ctx, outcome, label);
  ctx.out.data(ctx.out.machine ? { ...result, task: outcome.task ?? null, wait: outcome.state } : taskSummary(taskId, outcome.task, outcome.state));
  const error = taskError(outcome, follow);
  if (error) throw error;
}

/** The human view after a wait: the task's status and clusters, not every field (`dr show` has those). */
export function taskSummary(taskId: string, task: { status?: string; name?: string; primary_cluster?: { name?: string; id?: string }; standby_cluster?: { name?: string; id?: string } } | undefined, wait: string) {
  return {
    id: taskId,
    ...(task?.name ? { name: task.name } : {}),
    status: task?.status ?? (wait === 'succeeded' ? 'gone' : 'unknown'),
    ...(task?.primary_cluster ? { primary: task.primary_cluster.name ?? task.primary_cluster.id } : {}),
    ...(task?.standby_cluster ? { standby: task.standby_cluster.name ?? task.standby_cluster.id } : {}),
    wait,
  };
}
