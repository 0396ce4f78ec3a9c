// `hcdr dws dr ...`: GaussDB(DWS) DR tasks. Every task-changing call returns only the task ID;
// --wait polls the task's status until the operation's documented end status.
import type { Command } from 'commander';
import { DWS_DATASTORE_TYPES, DWS_DR_TYPES, DWS_FAILURE_STATUSES, DWS_TASK_STATUSES } from '@hcdr/dr-ops/rules';
import { connectionArgs, dwsClient, globalConnection } from '../../config/client-options.js';
import type { AppContext, Runtime } from '../../context.js';
import { confirm } from '../../io/confirm.js';
import { createDryRunRecorder, printDryRun } from '../../io/dry-run.js';
import { renderCommand } from '../../io/shell.js';
import { InputChecks } from '../../validation/checks.js';
import * as rules from '../../validation/rules.js';
import { choice } from '../option-metadata.js';
import { action, addWaitOptions, examples, readWaitSettings, type WaitFlags, type WaitSettings } from '../shared.js';
import { cliJournal, eventPrinter, rerunCommand, runWorkflow } from '../workflow-output.js';
import { pollTiming } from '../geminidb/job-wait.js';
import { runDws, taskSummary } from './run.js';
import { reportTask, taskError, waitTask } from './task-wait.js';

const WAIT_DEFAULT = '60m';
const DR = 'e59d6b86-9072-46eb-a996-13f8b44994c1';
const PRIMARY = '3ef5daaa-d017-4354-80b3-8a69caf2e09c';
const STANDBY = 'e7fed7fe-f4a7-499a-afed-1fdb5c1978cb';
const TASK_COLUMNS = ['id', 'name', 'status', 'dr_type', 'primary_cluster_name', 'standby_cluster_name', 'last_disaster_time', 'create_time'];
const DR_TYPES = DWS_DR_TYPES;
const DATASTORE_TYPES = DWS_DATASTORE_TYPES;
const STATUSES = DWS_TASK_STATUSES;

export function registerDwsDr(dr: Command, runtime: Runtime): void {
  // ---- create --------------------------------------------------------------------------------
  examples(
    addWaitOptions(
      dr
        .command('create')
        .description('Create a DR task between a primary and a standby cluster (status unstart; with --start also start it and wait for running). Safe to run again: an existing task of that name between the same clusters is reused')
        .requiredOption('--name <name>', 'task name: 4-64 letters, digits, - or _, starting with a letter')
        .addOption(choice('--type <type>', 'az = cross-AZ, region = cross-region', DR_TYPES, 'az'))
        .requiredOption('--primary-cluster <id>', 'ID of the production (primary) cluster')
        .requiredOption('--standby-cluster <id>', 'ID of the DR (standby) cluster')
        .requiredOption('--sync-period <period>', 'synchronisation period: 1-3000 followed by m, H or d (e.g. 20m, 2H)')
        .option('--primary-obs-bucket <bucket>', 'OBS bucket of the primary cluster')
        .option('--standby-obs-bucket <bucket>', 'OBS bucket of the standby cluster')
        .option('--primary-cluster-region <region>', 'cross-region: region of the primary cluster (SDK-only field, UNVERIFIED)')
        .option('--standby-cluster-region <region>', 'cross-region: region of the standby cluster (SDK-only field, UNVERIFIED)')
        .option('--primary-cluster-project-id <id>', 'cross-region: project of the primary cluster (SDK-only field, UNVERIFIED)')
        .option('--standby-cluster-project-id <id>', 'cross-region: project of the standby cluster (SDK-only field, UNVERIFIED)')
        .option('--start', 'also start the task and wait until it is running (create + start; safe to run again)'),
      WAIT_DEFAULT,
    ).action(
      action<
        {
          name: string;
          type: string;
          primaryCluster: string;
          standbyCluster: string;
          syncPeriod: string;
          primaryObsBucket?: string;
          standbyObsBucket?: string;
          primaryClusterRegion?: string;
          standbyClusterRegion?: string;
          primaryClusterProjectId?: string;
          standbyClusterProjectId?: string;
          start?: boolean;
        } & WaitFlags
      >(runtime, async (ctx, o) => {
        const c = new InputChecks();
        const name = c.required('--name', o.name, rules.dwsName);
        const type = c.required('--type', o.type, rules.oneOf(DR_TYPES)) as 'az' | 'region';
        const primary = c.required('--primary-cluster', o.primaryCluster, rules.nonEmpty);
        const standby = c.required('--standby-cluster', o.standbyCluster, rules.nonEmpty);
        if (primary !== '' && primary === standby) c.fail('--standby-cluster', 'must be a different cluster than --primary-cluster');
        const period = c.required('--sync-period', o.syncPeriod, rules.drSyncPeriod);
        const optional = {
          primary_obs_bucket: c.optional('--primary-obs-bucket', o.primaryObsBucket),
          standby_obs_bucket: c.optional('--standby-obs-bucket', o.standbyObsBucket),
          primary_cluster_region: c.optional('--primary-cluster-region', o.primaryClusterRegion, rules.regionCode),
          standby_cluster_region: c.optional('--standby-cluster-region', o.standbyClusterRegion, rules.regionCode),
          primary_cluster_project_id: c.optional('--primary-cluster-project-id', o.primaryClusterProjectId, rules.id),
          standby_cluster_project_id: c.optional('--standby-cluster-project-id', o.standbyClusterProjectId, rules.id),
        };
        const wait = readWaitSettings(c, { ...o, wait: o.wait === true || o.start === true }, WAIT_DEFAULT);
        c.done();
        await createTask(ctx, { name, type, primary, standby, period, optional, start: o.start === true, wait });
      }),
    ),
    `hcdr dws dr create --name video_dr --primary-cluster ${PRIMARY} --standby-cluster ${STANDBY} --sync-period 20m --start`,
    `hcdr dws dr create --name video_dr --primary-cluster ${PRIMARY} --standby-cluster ${STANDBY} --sync-period 20m --wait`,
    `hcdr dws dr create --name video_dr --primary-cluster ${PRIMARY} --standby-cluster ${STANDBY} --sync-period 2H -o json | jq -r .disaster_recovery.id`,
  );

  // ---- list / show / progress ----------------------------------------------------------------
  examples(
    dr
      .command('list')
      .description('List DR tasks')
      .option('--primary-cluster <id>', 'only tasks with this primary cluster')
      .option('--standby-cluster <id>', 'only tasks with this standby cluster')
      .option('--id <dr-id>', 'only this task')
      .action(
        action<{ primaryCluster?: string; standbyCluster?: string; id?: string }>(runtime, async (ctx, o) => {
          const c = new InputChecks();
          const query = {
            primary_cluster_id: c.optional('--primary-cluster', o.primaryCluster),
            standby_cluster_id: c.optional('--standby-cluster', o.standbyCluster),
            id: c.optional('--id', o.id, rules.id),
          };
          c.done();
          await runDws(ctx, { operationId: 'listDisasterRecover', input: { query }, table: { list: 'disaster_recovery', columns: TASK_COLUMNS, empty: 'No DR tasks.' } });
        }),
      ),
    'hcdr dws dr list',
    `hcdr dws dr list --primary-cluster ${PRIMARY} -o json`,
  );

  taskRead(dr, runtime, 'show', 'Show a DR task: status, both clusters, sync period, times', 'showDisasterDetail', [`hcdr dws dr show ${DR}`]);
  taskRead(dr, runtime, 'progress', 'Show synchronisation progress: last barrier, RPO and RTO of the task', 'showDisasterProgress', [`hcdr dws dr progress ${DR}`]);

  // ---- update --------------------------------------------------------------------------------
  examples(
    dr
      .command('update')
      .description('Change the synchronisation period (allowed while unstart or stopped; applies after the next start)')
      .argument('<dr-id>', 'DR task ID')
      .requiredOption('--sync-period <period>', 'synchronisation period: 1-3000 followed by m, H or d')
      .action(
        action<{ syncPeriod: string }>(runtime, async (ctx, o, [id]) => {
          const c = new InputChecks();
          const drId = c.required('<dr-id>', id as string, rules.id);
          const period = c.required('--sync-period', o.syncPeriod, rules.drSyncPeriod);
          c.done();
          await runDws(ctx, {
            operationId: 'updateDisasterInfo',
            input: { disaster_recovery_id: drId, body: { disaster_recovery: { dr_sync_period: period } } },
            done: () => `Sync period of ${drId} set to ${period} (applies after the next start).`,
          });
        }),
      ),
    `hcdr dws dr update ${DR} --sync-period 30m`,
  );

  // ---- lifecycle -----------------------------------------------------------------------------
  lifecycle(dr, runtime, 'start', 'Start a DR task (from unstart, start_failed or stopped); done when running', 'startDisasterRecovery', undefined, [`hcdr dws dr start ${DR} --wait`]);
  taskWorkflow(dr, runtime, 'pause', 'Stop (pause) a running DR task; done when stopped. Safe to run again', undefined, [`hcdr dws dr pause ${DR} --wait`]);
  taskWorkflow(
    dr,
    runtime,
    'switchover',
    'Planned switchover: the standby cluster (or --new-primary) becomes primary (task must be running); done when running again. Safe to run again: it never switches back',
    (id) => ({ action: `switch over DWS DR task ${id}`, details: ['The primary cluster is unavailable during the switch; primary and standby swap roles.'] }),
    [`hcdr dws dr switchover ${DR} --yes --wait`],
  );
  taskWorkflow(
    dr,
    runtime,
    'failover',
    'Failover: promote the standby cluster (or --new-primary) while the primary is down (cluster 8.1.2+); unsynchronised data is lost. Safe to run again',
    (id) => ({ action: `FAIL OVER DWS DR task ${id}`, details: ['Use only when the primary cluster is unavailable. Data not yet synchronised is lost.'] }),
    [`hcdr dws dr failover ${DR} --yes --wait`],
  );
  taskWorkflow(
    dr,
    runtime,
    'recover',
    'Recover after a failover: wipe the old primary and re-pair it as the new standby (cluster 8.1.2+); done when running. Safe to run again',
    (id) => ({ action: `recover DWS DR task ${id}`, details: ['The data of the DR (old primary) cluster is erased and synchronised again from the new primary.'] }),
    [`hcdr dws dr recover ${DR} --yes --wait`],
  );

  // ---- delete --------------------------------------------------------------------------------
  examples(
    addWaitOptions(
      dr
        .command('delete')
        .description('Delete a DR task (not while running: pause it first, or --pause-first); irreversible. Safe to run again')
        .argument('<dr-id>', 'DR task ID')
        .option('--pause-first', 'pause a running task first, then delete it')
        .option('--need-send-request <n>', 'cross-region: also send the deletion to the other cluster (integer; values undocumented)'),
      WAIT_DEFAULT,
    ).action(
      action<{ needSendRequest?: string; pauseFirst?: boolean } & WaitFlags>(runtime, async (ctx, o, [id]) => {
        const c = new InputChecks();
        const drId = c.required('<dr-id>', id as string, rules.id);
        const need = c.integer('--need-send-request', o.needSendRequest, rules.integer({ min: 0 }));
        const wait = readWaitSettings(c, o, WAIT_DEFAULT);
        c.done();
        await confirm(ctx.term, ctx.paint, ctx.globals, { action: `delete DWS DR task ${drId}`, details: ['This cannot be undone; both clusters keep their data.'] });
        if (ctx.globals.dryRun) {
          await runDws(ctx, { operationId: 'deleteDisasterRecovery', input: { disaster_recovery_id: drId, ...(need !== undefined ? { query: { need_send_request: need } } : {}) } });
          return;
        }
        await runTaskWorkflow(ctx, 'delete', drId, wait, { pauseFirst: o.pauseFirst === true, needSendRequest: need });
      }),
    ),
    `hcdr dws dr delete ${DR} --yes --wait`,
    `hcdr dws dr delete ${DR} --pause-first --yes --wait`,
  );

  // ---- planning ------------------------------------------------------------------------------
  examples(
    dr
      .command('check-name')
      .description('Check that a DR task name is valid and not yet used')
      .argument('<name>', 'task name to check')
      .addOption(choice('--type <type>', 'az = cross-AZ, region = cross-region', DR_TYPES))
      .option('--standby-region <region>', 'cross-region: region of the standby cluster')
      .option('--standby-project-id <id>', 'cross-region: project of the standby cluster')
      .action(
        action<{ type?: string; standbyRegion?: string; standbyProjectId?: string }>(runtime, async (ctx, o, [nameArg]) => {
          const c = new InputChecks();
          const name = c.required('<name>', nameArg as string, rules.dwsName);
          const query = {
            dr_name: name,
            type: c.optional('--type', o.type, rules.oneOf(DR_TYPES)) as 'az' | 'region' | undefined,
            standby_region: c.optional('--standby-region', o.standbyRegion, rules.regionCode),
            standby_project_id: c.optional('--standby-project-id', o.standbyProjectId, rules.id),
          };
          c.done();
          await runDws(ctx, {
            operationId: 'checkDisasterName',
            input: { query },
            emptyResult: () => ({}),
            table: { empty: `The name "${name}" is available.` },
          });
        }),
      ),
    'hcdr dws dr check-name video_dr',
  );

  examples(
    dr
      .command('candidates')
      .description('List clusters that can serve as the DR (standby) cluster of a primary cluster')
      .requiredOption('--primary-cluster <id>', 'ID of the primary cluster')
      .requiredOption('--standby-az <az>', 'availability zone the standby cluster must be in, e.g. cn-north-4b')
      .option('--primary-spec-id <id>', 'node flavor ID of the primary cluster')
      .option('--primary-dn-num <n>', 'number of DNs of the primary cluster')
      .option('--standby-region <region>', 'cross-region: region of the standby cluster')
      .option('--standby-project-id <id>', 'cross-region: project of the standby cluster')
      .addOption(choice('--type <type>', 'az = cross-AZ, region = cross-region', DR_TYPES))
      .addOption(choice('--datastore-type <type>', 'cluster type', DATASTORE_TYPES))
      .option('--datastore-version <version>', 'cluster version, e.g. 8.2.1')
      .action(
        action<{
          primaryCluster: string;
          standbyAz: string;
          primarySpecId?: string;
          primaryDnNum?: string;
          standbyRegion?: string;
          standbyProjectId?: string;
          type?: string;
          datastoreType?: string;
          datastoreVersion?: string;
        }>(runtime, async (ctx, o) => {
          const c = new InputChecks();
          // The API takes the DN count as a string (SDK type); it is still validated as a positive integer.
          const dnNum = c.integer('--primary-dn-num', o.primaryDnNum, rules.integer({ min: 1, max: 2 ** 31 - 1 }));
          const query = {
            primary_cluster_id: c.required('--primary-cluster', o.primaryCluster, rules.nonEmpty),
            standby_az_code: c.required('--standby-az', o.standbyAz, rules.nonEmpty),
            primary_spec_id: c.optional('--primary-spec-id', o.primarySpecId),
            primary_cluster_dn_num: dnNum === undefined ? undefined : String(dnNum),
            standby_region: c.optional('--standby-region', o.standbyRegion, rules.regionCode),
            standby_project_id: c.optional('--standby-project-id', o.standbyProjectId, rules.id),
            dr_type: c.optional('--type', o.type, rules.oneOf(DR_TYPES)) as 'az' | 'region' | undefined,
            datastore_type: c.optional('--datastore-type', o.datastoreType, rules.oneOf(DATASTORE_TYPES)) as 'dws' | 'dws3.0' | 'hybrid' | undefined,
            datastore_version: c.optional('--datastore-version', o.datastoreVersion),
          };
          c.done();
          await runDws(ctx, {
            operationId: 'listAvailableDisasterClusters',
            input: { query },
            table: { list: 'disaster_recovery_clusters', columns: ['id', 'name'], empty: 'No candidate clusters.' },
          });
        }),
      ),
    `hcdr dws dr candidates --primary-cluster ${PRIMARY} --standby-az cn-north-4b`,
  );

  // ---- wait ----------------------------------------------------------------------------------
  examples(
    dr
      .command('wait')
      .description('Wait until a DR task reaches a status (resumes an interrupted or timed-out --wait)')
      .argument('<dr-id>', 'DR task ID')
      .addOption(choice('--until <statuses>', 'target statuses, comma-separated ("deleted" = gone)', STATUSES, 'running'))
      .option('--wait-timeout <duration>', 'give up after this long (exit code 3)', WAIT_DEFAULT)
      .option('--poll-interval <duration>', 'fixed polling interval (default: 5s, growing to 30s)')
      .action(
        action<{ until: string; waitTimeout: string; pollInterval?: string }>(runtime, async (ctx, o, [id]) => {
          const c = new InputChecks();
          const drId = c.required('<dr-id>', id as string, rules.id);
          const targets = c.list('--until', o.until.split(','), { required: true }, rules.oneOf(STATUSES));
          const settings = readWaitSettings(c, { ...o, wait: true }, WAIT_DEFAULT);
          c.done();
          if (ctx.globals.dryRun) {
            const recorder = await createDryRunRecorder();
            const client = await dwsClient(ctx, globalConnection(ctx), recorder);
            await client.showDisasterDetail({ disaster_recovery_id: drId });
            printDryRun(ctx, recorder.requests, [`repeated until the status is ${targets.join(' or ')}`]);
            return;
          }
          const client = await dwsClient(ctx);
          // Waiting for a failure status is allowed: then those statuses are not failures.
          const failures = DWS_FAILURE_STATUSES.filter((s) => !targets.includes(s));
          const outcome = await waitTask(ctx, client, drId, { targets, failures }, settings, `DR task ${drId.slice(0, 8)}`);
          reportTask(ctx, outcome);
          ctx.out.data(ctx.out.machine ? { id: drId, wait: outcome.state, task: outcome.task ?? null } : taskSummary(drId, outcome.task, outcome.state));
          const error = taskError(outcome, renderCommand(['hcdr', 'dws', 'dr', 'wait', drId, '--until', targets.join(','), ...connectionArgs(globalConnection(ctx))]));
          if (error) throw error;
        }),
      ),
    `hcdr dws dr wait ${DR} --until running`,
    `hcdr dws dr wait ${DR} --until deleted --wait-timeout 2h`,
  );
}

function taskRead(dr: Command, runtime: Runtime, name: string, description: string, operationId: 'showDisasterDetail' | 'showDisasterProgress', lines: string[]): void {
  examples(
    dr
      .command(name)
      .description(description)
      .argument('<dr-id>', 'DR task ID')
      .action(
        action(runtime, async (ctx, _o, [id]) => {
          const c = new InputChecks();
          const drId = c.required('<dr-id>', id as string, rules.id);
          c.done();
          if (operationId === 'showDisasterDetail') await runDws(ctx, { operationId, input: { disaster_recovery_id: drId }, table: { list: 'disaster_recovery' } });
          else await runDws(ctx, { operationId, input: { disaster_recovery_id: drId }, table: { list: 'disaster_recovery_progress' } });
        }),
      ),
    ...lines,
  );
}

type LifecycleOp = 'startDisasterRecovery' | 'pauseDisasterRecovery' | 'switchoverDisasterRecovery' | 'switchFailoverDisaster' | 'restoreDisaster';

function lifecycle(
  dr: Command,
  runtime: Runtime,
  name: string,
  description: string,
  operationId: LifecycleOp,
  confirmation: ((id: string) => { action: string; details?: string[] }) | undefined,
  lines: string[],
): void {
  examples(
    addWaitOptions(dr.command(name).description(description).argument('<dr-id>', 'DR task ID'), WAIT_DEFAULT).action(
      action<WaitFlags>(runtime, async (ctx, o, [id]) => {
        const c = new InputChecks();
        const drId = c.required('<dr-id>', id as string, rules.id);
        const wait = readWaitSettings(c, o, WAIT_DEFAULT);
        c.done();
        if (confirmation) await confirm(ctx.term, ctx.paint, ctx.globals, confirmation(drId));
        await runDws(ctx, { operationId, label: `${name} ${drId.slice(0, 8)}`, wait, input: { disaster_recovery_id: drId }, done: () => `${name} of ${drId} accepted.` });
      }),
    ),
    ...lines,
  );
}

type WorkflowVerb = 'pause' | 'switchover' | 'failover' | 'recover';

/** A lifecycle command backed by a journaled @hcdr/dr-ops workflow (dry-run shows the one call). */
function taskWorkflow(
  dr: Command,
  runtime: Runtime,
  name: WorkflowVerb,
  description: string,
  confirmation: ((id: string) => { action: string; details?: string[] }) | undefined,
  lines: string[],
): void {
  const command = addWaitOptions(dr.command(name).description(description).argument('<dr-id>', 'DR task ID'), WAIT_DEFAULT);
  if (name === 'switchover' || name === 'failover') command.option('--new-primary <cluster-id>', 'the cluster that must be primary at the end (default: the current standby)');
  examples(
    command.action(
      action<WaitFlags & { newPrimary?: string }>(runtime, async (ctx, o, [id]) => {
        const c = new InputChecks();
        const drId = c.required('<dr-id>', id as string, rules.id);
        const newPrimary = c.optional('--new-primary', o.newPrimary, rules.id);
        const wait = readWaitSettings(c, o, WAIT_DEFAULT);
        c.done();
        if (confirmation) await confirm(ctx.term, ctx.paint, ctx.globals, confirmation(drId));
        if (ctx.globals.dryRun) {
          const operationId = ({ pause: 'pauseDisasterRecovery', switchover: 'switchoverDisasterRecovery', failover: 'switchFailoverDisaster', recover: 'restoreDisaster' } as const)[name];
          await runDws(ctx, { operationId, input: { disaster_recovery_id: drId } });
          return;
        }
        await runTaskWorkflow(ctx, name, drId, wait, { newPrimary });
      }),
    ),
    ...lines,
  );
}

async function runTaskWorkflow(
  ctx: AppContext,
  verb: WorkflowVerb | 'delete',
  taskId: string,
  wait: WaitSettings,
  extra: { newPrimary?: string | undefined; pauseFirst?: boolean; needSendRequest?: number | undefined },
): Promise<void> {
  const dr = await import('@hcdr/dr-ops');
  const client = await dwsClient(ctx);
  const progress = ctx.progress();
  const options = {
    client,
    taskId,
    wait: wait.enabled ? pollTiming(wait) : (false as const),
    signal: ctx.signal,
    journal: await cliJournal(ctx),
    rerun: rerunCommand(ctx),
    onEvent: eventPrinter(ctx, progress),
  };
  const flagOf = (field: string) => (field === 'newPrimaryClusterId' ? '--new-primary' : field === 'taskId' ? '<dr-id>' : `--${field}`);
  try {
    const r = await runWorkflow(ctx, flagOf, () => {
      switch (verb) {
        case 'pause':
          return dr.pauseDwsTask(options);
        case 'recover':
          return dr.recoverDwsTask(options);
        case 'switchover':
          return dr.switchoverDwsTask({ ...options, newPrimaryClusterId: extra.newPrimary });
        case 'failover':
          return dr.failoverDwsTask({ ...options, newPrimaryClusterId: extra.newPrimary });
        case 'delete':
          return dr.deleteDwsTask({ ...options, pauseFirst: extra.pauseFirst, needSendRequest: extra.needSendRequest });
      }
    });
    progress.stop();
    const summary = { disaster_recovery: { id: taskId }, status: r.status ?? null, outcome: r.outcome, primary_cluster_id: r.primaryClusterId ?? null, standby_cluster_id: r.standbyClusterId ?? null };
    ctx.out.data(ctx.out.machine ? { ...summary, resumed: r.resumed, notes: r.notes, steps: r.steps } : summary);
    if (r.outcome === 'already-done') ctx.out.success(`Nothing to do: task ${taskId} is already ${r.status}.`);
    else if (r.outcome === 'completed') ctx.out.success(`Task ${taskId} is ${r.status}.`);
    else ctx.out.info(`Accepted; task ${taskId} is changing. Follow with: hcdr dws dr wait ${taskId}, or run the same command again with --wait.`);
  } finally {
    progress.stop();
  }
}

interface CreateInput {
  name: string;
  type: 'az' | 'region';
  primary: string;
  standby: string;
  period: string;
  optional: Record<string, string | undefined>;
  start: boolean;
  wait: WaitSettings;
}

async function createTask(ctx: AppContext, i: CreateInput): Promise<void> {
  const body = {
    name: i.name,
    dr_type: i.type,
    primary_cluster_id: i.primary,
    standby_cluster_id: i.standby,
    dr_sync_period: i.period,
    ...Object.fromEntries(Object.entries(i.optional).filter(([, v]) => v !== undefined)),
  };
  if (ctx.globals.dryRun) {
    await runDws(ctx, { operationId: 'createDisasterRecovery', input: { body: { disaster_recovery: body } } });
    if (i.start) ctx.out.info('with --start, the task list is read first (an existing task of that name is reused), then startDisasterRecovery is sent and the status polled until running');
    return;
  }
  const dr = await import('@hcdr/dr-ops');
  const client = await dwsClient(ctx);
  const progress = ctx.progress();
  const o = i.optional;
  const flagOf = (field: string) =>
    (
      ({
        name: '--name',
        primaryClusterId: '--primary-cluster',
        standbyClusterId: '--standby-cluster',
        syncPeriod: '--sync-period',
        drType: '--type',
        primaryObsBucket: '--primary-obs-bucket',
        standbyObsBucket: '--standby-obs-bucket',
        primaryClusterRegion: '--primary-cluster-region',
        standbyClusterRegion: '--standby-cluster-region',
        primaryClusterProjectId: '--primary-cluster-project-id',
        standbyClusterProjectId: '--standby-cluster-project-id',
      }) as Record<string, string>
    )[field] ?? `--${field}`;
  try {
    const r = await runWorkflow(ctx, flagOf, async () =>
      dr.createDwsTask({
        client,
        name: i.name,
        primaryClusterId: i.primary,
        standbyClusterId: i.standby,
        syncPeriod: i.period,
        drType: i.type,
        primaryObsBucket: o['primary_obs_bucket'],
        standbyObsBucket: o['standby_obs_bucket'],
        primaryClusterRegion: o['primary_cluster_region'],
        standbyClusterRegion: o['standby_cluster_region'],
        primaryClusterProjectId: o['primary_cluster_project_id'],
        standbyClusterProjectId: o['standby_cluster_project_id'],
        start: i.start,
        wait: i.wait.enabled ? pollTiming(i.wait) : false,
        signal: ctx.signal,
        journal: await cliJournal(ctx),
        rerun: rerunCommand(ctx),
        onEvent: eventPrinter(ctx, progress),
      }),
    );
    progress.stop();
    const summary = { disaster_recovery: { id: r.taskId ?? null }, name: i.name, status: r.status ?? null, outcome: r.outcome };
    ctx.out.data(ctx.out.machine ? { ...summary, resumed: r.resumed, notes: r.notes, steps: r.steps } : summary);
    if (r.outcome === 'already-done') ctx.out.success(`Nothing to do: DR task "${i.name}" (${r.taskId}) is already ${r.status}.`);
    else if (r.outcome === 'completed') ctx.out.success(`DR task "${i.name}" (${r.taskId}) is ${r.status}.`);
    else ctx.out.info(`DR task "${i.name}" accepted (id ${r.taskId ?? '?'}); run the same command with --wait to wait for it.`);
  } finally {
    progress.stop();
  }
}
