import type { Clock } from '../clock.js';
import { FieldReader, parseJsonBody } from '../http/body.js';
import { pathParam as param, type RequestContext, type RouteHandler, type ServiceRoute } from '../http/context.js';
import type { HttpMethod } from '../http/router.js';
import { defaultProjectId, visible } from '../regions/scope.js';
import { dwsErrors } from './errors.js';
import { renderClusterInfo, renderProgress, renderTaskDetail, renderTaskListItem } from './render.js';
import type { DwsJobSeed } from './seed.js';
import { SYNC_PERIOD_RULE, TASK_NAME_RULE, type DwsSimulation, type TaskOperation, type TaskRecord } from './state.js';

/** Region and project of the seeded DWS jobs when a seed does not say (where the seeded clusters are). */
const DEFAULT_JOB_REGION = 'cn-north-4';

const bad = dwsErrors.badInput;

function requiredQuery(ctx: RequestContext, key: string): string {
  const v = ctx.query.get(key);
  if (v === null || v === '') throw bad(`query parameter ${key} is required`);
  return v;
}

function checkName(name: string): void {
  if (!TASK_NAME_RULE.test(name)) {
    throw bad('name must be 4-64 characters: letters, digits, "-" and "_", starting with a letter');
  }
}

function checkSyncPeriod(period: string): void {
  if (!SYNC_PERIOD_RULE.test(period)) throw bad('dr_sync_period must be 1-3000 followed by m, H or d, e.g. 20m or 2H');
}

const idBody = (id: string) => ({ status: 200, body: { disaster_recovery: { id } } });

/** The DWS route table: one row per operation of specs/dws-dr.yaml. */
export function dwsRoutes(sim: DwsSimulation, clock: Clock, jobs: readonly DwsJobSeed[]): ServiceRoute[] {
  const clusterInScope = (ctx: RequestContext, clusterId: string) => {
    const placement = sim.placement(clusterId);
    return placement !== undefined && visible(ctx.scope, placement);
  };
  /** A DR task is visible from the region and project of either of its clusters. */
  const taskInScope = (ctx: RequestContext, task: TaskRecord) =>
    clusterInScope(ctx, task.primaryClusterId) || clusterInScope(ctx, task.standbyClusterId);
  // Every route with {disaster_recovery_id} answers "not found" for a task of another region or project.
  const row = (method: HttpMethod, path: string, operationId: string, handler: RouteHandler): ServiceRoute => ({
    service: 'dws',
    method,
    path,
    operationId,
    handler: path.includes('{disaster_recovery_id}')
      ? (ctx) => {
          const id = param(ctx, 'disaster_recovery_id');
          if (!taskInScope(ctx, sim.task(id))) throw dwsErrors.taskNotFound(id);
          return handler(ctx);
        }
      : handler,
  });
  const T = '/v2/{project_id}/disaster-recovery/{disaster_recovery_id}';
  const lifecycle = (operation: Exclude<TaskOperation, 'create' | 'delete'>, operationId: string) =>
    row('POST', `${T}/${operation}`, operationId, (ctx) =>
      idBody(sim.operate(param(ctx, 'disaster_recovery_id'), operation, ctx.takeJobFailure).id),
    );

  return [
    row('POST', '/v2/{project_id}/disaster-recoveries', 'createDisasterRecovery', (ctx) => {
      const dr = new FieldReader(parseJsonBody(ctx.request.body, bad), '', bad).object('disaster_recovery');
      const name = dr.string('name');
      checkName(name);
      const drSyncPeriod = dr.string('dr_sync_period');
      checkSyncPeriod(drSyncPeriod);
      const drType = dr.oneOf('dr_type', ['az', 'region'] as const);
      const primaryClusterId = dr.string('primary_cluster_id');
      const standbyClusterId = dr.string('standby_cluster_id');
      // The task is created where the primary cluster is; the standby may be in another region.
      if (!clusterInScope(ctx, primaryClusterId)) throw bad(`primary cluster ${primaryClusterId} does not exist`);
      const task = sim.create(
        { name, drType, primaryClusterId, standbyClusterId, drSyncPeriod },
        ctx.takeJobFailure,
      );
      return idBody(task.id);
    }),

    row('GET', '/v2/{project_id}/disaster-recoveries', 'listDisasterRecover', (ctx) => {
      const q = ctx.query;
      const matches = (key: string, value: string) => {
        const f = q.get(key);
        return f === null || f === value;
      };
      const tasks = sim
        .tasks()
        .filter((t) => taskInScope(ctx, t) && matches('id', t.id) && matches('primary_cluster_id', t.primaryClusterId) && matches('standby_cluster_id', t.standbyClusterId))
        .sort((a, b) => a.createdAt - b.createdAt);
      return { status: 200, body: { disaster_recovery: tasks.map((t) => renderTaskListItem(sim, t)) } };
    }),

    row('GET', '/v2/{project_id}/disaster-recovery/check-name', 'checkDisasterName', (ctx) => {
      const name = requiredQuery(ctx, 'dr_name');
      checkName(name);
      const type = ctx.query.get('type');
      if (type !== null && type !== 'az' && type !== 'region') throw bad('type must be az or region');
      sim.settle();
      if (sim.nameTaken(name)) throw dwsErrors.nameTaken(name);
      return { status: 200, body: {} };
    }),

    row('GET', T, 'showDisasterDetail', (ctx) => ({
      status: 200,
      body: { disaster_recovery: renderTaskDetail(sim, sim.task(param(ctx, 'disaster_recovery_id'))) },
    })),

    row('PUT', T, 'updateDisasterInfo', (ctx) => {
      const parsed = parseJsonBody(ctx.request.body, bad, true);
      const dr = parsed && new FieldReader(parsed, '', bad).optionalObject('disaster_recovery');
      const period = dr?.optionalString('dr_sync_period');
      if (period !== undefined) checkSyncPeriod(period);
      return idBody(sim.update(param(ctx, 'disaster_recovery_id'), period).id);
    }),

    row('DELETE', T, 'deleteDisasterRecovery', (ctx) => {
      sim.operate(param(ctx, 'disaster_recovery_id'), 'delete', ctx.takeJobFailure);
      return { status: 200, body: {} };
    }),

    lifecycle('start', 'startDisasterRecovery'),
    lifecycle('pause', 'pauseDisasterRecovery'),
    lifecycle('switchover', 'switchoverDisasterRecovery'),
    lifecycle('failover', 'switchFailoverDisaster'),
    lifecycle('recovery', 'restoreDisaster'),

    row('GET', '/v1/{project_id}/disaster-recovery/{disaster_recovery_id}/show-progress', 'showDisasterProgress', (ctx) => ({
      status: 200,
      body: renderProgress(sim, sim.task(param(ctx, 'disaster_recovery_id')), clock.now()),
    })),

    row('GET', '/v2/{project_id}/disaster-recovery-clusters', 'listAvailableDisasterClusters', (ctx) => {
      const primaryId = requiredQuery(ctx, 'primary_cluster_id');
      const az = requiredQuery(ctx, 'standby_az_code');
      const primary = sim.cluster(primaryId);
      if (!primary || !clusterInScope(ctx, primaryId)) throw bad(`primary cluster ${primaryId} does not exist`);
      const q = ctx.query;
      const drType = q.get('dr_type') ?? 'az';
      const region = q.get('standby_region');
      const datastoreType = q.get('datastore_type');
      const datastoreVersion = q.get('datastore_version');
      sim.settle();
      const candidates = sim
        .clusters()
        .filter(
          (c) =>
            c !== primary &&
            !sim.clusterInUse(c.seed.id) &&
            c.seed.availabilityZone === az &&
            (drType === 'region' ? c.seed.region !== primary.seed.region : c.seed.region === primary.seed.region) &&
            (region === null || c.seed.region === region) &&
            (datastoreType === null || c.seed.datastoreType === datastoreType) &&
            (datastoreVersion === null || c.seed.datastoreVersion === datastoreVersion),
        )
        .map((c) => ({ id: c.seed.id, name: c.seed.name }));
      return { status: 200, body: { disaster_recovery_clusters: candidates } };
    }),

    row('GET', '/v1.0/{project_id}/clusters', 'listClusters', (ctx) => {
      const epFilter = ctx.query.get('enterprise_project_id');
      if (epFilter === '') throw bad('enterprise_project_id must not be empty');
      // Every simulated cluster is in the default enterprise project "0".
      const clusters = sim
        .clusters()
        .filter((c) => clusterInScope(ctx, c.seed.id) && (epFilter === null || epFilter === '0' || epFilter === 'all_granted_eps'))
        .sort((a, b) => a.seed.name.localeCompare(b.seed.name))
        .map((c) => renderClusterInfo(sim, c));
      return { status: 200, body: { count: clusters.length, clusters } };
    }),

    row('GET', '/v1.0/{project_id}/job/{job_id}', 'listJobDetails', (ctx) => {
      const id = param(ctx, 'job_id');
      const found = jobs.find((j) => j.job_id === id);
      const region = found?.region ?? DEFAULT_JOB_REGION;
      if (!found || !visible(ctx.scope, { region, projectId: found.projectId ?? defaultProjectId(region) })) throw dwsErrors.jobNotFound(id);
      const { region: _region, projectId: _project, ...job } = found;
      return { status: 200, body: { failed_code: '', failed_detail: '', ...job } };
    }),
  ];
}
