// Finds what interrupted or failed operations left behind, from the live API state (the journal
// only adds what the API cannot tell: which command built it), and offers a fix for each:
// - GeminiDB: an instance with a DR side but no active relationship (half-built pair or unpair),
//   fixed by deconstructing that side; an old primary left abnormal by a failover (recover it);
// - DWS: a task that failed to create or start, or a create+start that stopped at `unstart`,
//   fixed by deleting the failed task or starting the stopped one.
import { OPERATION_START_STATUSES, waitStatusesFor } from '@hcdr/dws';
import type { DwsDrClient, GeminiDbDrClient } from '../inspect/clients.js';
import { listDwsTasks } from '../inspect/dws.js';
import { inspectGeminiDbInstance, type GeminiDbInstanceSnapshot } from '../inspect/geminidb.js';
import { JobReader } from '../inspect/geminidb-jobs.js';
import { MemoryJournalStore } from '../journal/memory-store.js';
import type { JournalStore, OperationSummary } from '../journal/types.js';
import type { OperationResult } from './events.js';
import { deconstruct } from './geminidb/converge.js';
import { lockResource } from './geminidb/sides.js';
import { runOperation, type OperationOptions } from './run.js';
import { waitForDwsTask, waitForJobs } from './wait.js';

export interface DoctorFinding {
  service: 'geminidb' | 'dws';
  /** Instance or task ID. */
  resource: string;
  region?: string | undefined;
  kind: 'half-built-relationship' | 'abnormal-after-failover' | 'task-create-failed' | 'task-start-failed' | 'task-not-started' | 'task-abnormal';
  /** What is wrong, in one sentence. */
  problem: string;
  /** What `fix()` would do, or what to run by hand when there is no automatic fix. */
  action: string;
  /** The command of the interrupted operation, from the journal, when one is known. */
  rerun?: string | undefined;
  /** Applies the fix (journaled like every workflow); absent when the fix needs a human. */
  fix?: ((options?: OperationOptions) => Promise<OperationResult>) | undefined;
}

export interface DoctorScope {
  /** GeminiDB clients, one per region/project to scan. */
  geminidb?: readonly GeminiDbDrClient[] | undefined;
  /** DWS clients, one per region/project to scan. */
  dws?: readonly DwsDrClient[] | undefined;
  /** Journal to consult for the commands that built what is found. */
  journal?: JournalStore | undefined;
  signal?: AbortSignal | undefined;
}

export async function diagnose(scope: DoctorScope): Promise<DoctorFinding[]> {
  const journal = scope.journal ?? new MemoryJournalStore();
  const ops = await journal.list();
  const findings: DoctorFinding[] = [];
  for (const client of scope.geminidb ?? []) findings.push(...(await diagnoseGeminiDb(client, ops, scope)));
  for (const client of scope.dws ?? []) findings.push(...(await diagnoseDws(client, ops, scope)));
  return findings;
}

const inProgress = (ops: readonly OperationSummary[], kind: string, target: string) =>
  ops.find((o) => o.key.kind === kind && o.key.targets.includes(target) && o.state === 'in-progress');

async function diagnoseGeminiDb(client: GeminiDbDrClient, ops: readonly OperationSummary[], scope: DoctorScope): Promise<DoctorFinding[]> {
  const out: DoctorFinding[] = [];
  const listing = await (await client.listInstances({ query: { limit: 100 } }, { signal: scope.signal }));
  const reader = new JobReader(scope.signal);
  for (const inst of listing?.instances ?? []) {
    const snap = await inspectGeminiDbInstance(client, inst.id, { signal: scope.signal, jobReader: reader });
    if (snap.membership === 'joined' && snap.runningJobs.length === 0) {
      const op = inProgress(ops, 'geminidb.pair', snap.instanceId) ?? inProgress(ops, 'geminidb.unpair', snap.instanceId) ?? inProgress(ops, 'geminidb.recover', snap.instanceId);
      out.push({
        service: 'geminidb',
        resource: snap.instanceId,
        region: snap.region,
        kind: 'half-built-relationship',
        problem: `${snap.instanceId} (${snap.name ?? ''}) has a DR side (${snap.drJob?.name ?? 'job'} ${snap.drJob?.id ?? ''}) but no active relationship: an interrupted pairing or unpairing.`,
        action: op?.begin?.rerun
          ? `complete it by running the interrupted command again (${op.key.kind}), or remove the side: deconstruction precheck + deconstruction on ${snap.instanceId}`
          : `remove the side: deconstruction precheck + deconstruction on ${snap.instanceId}`,
        rerun: op?.begin?.rerun,
        fix: (options) => removeGeminiDbSide(client, snap, { journal: scope.journal, ...options }),
      });
    } else if (snap.status === 'abnormal' && snap.membership === 'in-dr') {
      out.push({
        service: 'geminidb',
        resource: snap.instanceId,
        region: snap.region,
        kind: 'abnormal-after-failover',
        problem: `${snap.instanceId} is abnormal inside its DR relationship with ${snap.drPeerId}: the old primary after a failover.`,
        action: `once it is repaired, rebuild DR with: hcdr geminidb dr recover --primary ${snap.drPeerId} --standby ${snap.instanceId} ... (needs the DR password)`,
      });
    }
  }
  return out;
}

async function diagnoseDws(client: DwsDrClient, ops: readonly OperationSummary[], scope: DoctorScope): Promise<DoctorFinding[]> {
  const out: DoctorFinding[] = [];
  for (const t of await listDwsTasks(client, {}, { signal: scope.signal })) {
    const op = ops.find((o) => o.key.kind === 'dws.create' && o.state === 'in-progress' && o.begin?.params['name'] === t.name);
    const base = { service: 'dws' as const, resource: t.taskId, rerun: op?.begin?.rerun };
    if (t.status === 'create_failed') {
      out.push({ ...base, kind: 'task-create-failed', problem: `DR task "${t.name ?? ''}" (${t.taskId}) failed to create.`, action: `delete task ${t.taskId}`, fix: (o) => deleteTask(client, t.taskId, { journal: scope.journal, ...o }) });
    } else if (t.status === 'start_failed' || (t.status === 'unstart' && op?.begin?.params['start'] === true)) {
      out.push({
        ...base,
        kind: t.status === 'start_failed' ? 'task-start-failed' : 'task-not-started',
        problem: t.status === 'start_failed' ? `DR task "${t.name ?? ''}" (${t.taskId}) failed to start.` : `DR task "${t.name ?? ''}" (${t.taskId}) was created by an interrupted create+start and never started.`,
        action: `start task ${t.taskId} and wait until it runs`,
        fix: (o) => startTask(client, t.taskId, { journal: scope.journal, ...o }),
      });
    } else if (t.status === 'abnormal' || t.status === 'stop_failed') {
      out.push({ ...base, kind: 'task-abnormal', problem: `DR task "${t.name ?? ''}" (${t.taskId}) is ${t.status}.`, action: `investigate; after a failover run hcdr dws dr recover ${t.taskId}` });
    }
  }
  return out;
}

/** Deconstructs one instance's DR side (a half-built relationship), journaled as an unpair of that side. */
export async function removeGeminiDbSide(client: GeminiDbDrClient, snap: GeminiDbInstanceSnapshot, options: OperationOptions = {}): Promise<OperationResult> {
  return runOperation({ key: { kind: 'geminidb.unpair', targets: [snap.instanceId] }, resources: [lockResource(snap.instanceId)], params: { instanceId: snap.instanceId, by: 'doctor' } }, options, async (run) => {
    const now = await inspectGeminiDbInstance(client, snap.instanceId, { signal: run.signal });
    if (now.membership === 'none') return run.finish('already-done', `${snap.instanceId} has no DR side.`);
    const side = { client, instanceId: snap.instanceId };
    const jobs = await deconstruct(run, { primary: side, standby: side }, ['primary'], '');
    if (jobs.length && run.wait !== false) await waitForJobs(run, jobs);
    return run.finish(run.wait === false ? 'accepted' : 'completed', `${snap.instanceId} has no DR side any more.`);
  });
}

async function deleteTask(client: DwsDrClient, taskId: string, options: OperationOptions): Promise<OperationResult> {
  const { deleteDwsTask } = await import('./dws/lifecycle.js');
  return deleteDwsTask({ client, taskId, ...options });
}

async function startTask(client: DwsDrClient, taskId: string, options: OperationOptions): Promise<OperationResult> {
  return runOperation({ key: { kind: 'dws.create', targets: [taskId] }, resources: [`dws:${taskId}`], params: { taskId, by: 'doctor' } }, options, async (run) => {
    await run.mutate(
      { step: 'start', call: 'startDisasterRecovery', target: taskId, description: `Start DR task ${taskId}` },
      (signal) => client.startDisasterRecovery({ disaster_recovery_id: taskId }, { signal }),
      () => ({ taskId }),
    );
    // The state before the start was not read here: the first observation stands for it.
    if (run.wait !== false) await waitForDwsTask(run, { step: 'wait-start', client, taskId, ...waitStatusesFor('startDisasterRecovery')!, what: `task ${taskId}`, before: { firstIn: OPERATION_START_STATUSES.startDisasterRecovery } });
    return run.finish(run.wait === false ? 'accepted' : 'completed', `Task ${taskId} runs.`);
  });
}
