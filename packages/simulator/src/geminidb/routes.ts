import type { Clock } from '../clock.js';
import { ApiError } from '../http/api-error.js';
import { FieldReader, parseJsonBody, queryInteger } from '../http/body.js';
import { pathParam as param, type RequestContext, type RouteHandler, type ServiceRoute } from '../http/context.js';
import type { HttpMethod } from '../http/router.js';
import { visible } from '../regions/scope.js';
import { geminiErrors } from './errors.js';
import { renderInstance, renderJob, renderSyncStatus } from './render.js';
import type { GeminiDbSimulation } from './state.js';

const bad = geminiErrors.badInput;
const P = '/v3/{project_id}';
const I = `${P}/instances/{instance_id}`;

function body(ctx: RequestContext): FieldReader {
  return new FieldReader(parseJsonBody(ctx.request.body, bad), '', bad);
}

const accepted = (jobId: string) => ({ status: 202, body: { job_id: jobId } });

/** `*foo` is a fuzzy match on `foo`, anything else is exact (listInstances `id` / `name`). */
function nameFilter(filter: string | null, value: string): boolean {
  if (filter === null || filter === '') return true;
  return filter.startsWith('*') ? value.includes(filter.slice(1)) : value === filter;
}

const JOB_TIME = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(Z|[+-]\d{4})$/;

function parseJobTime(value: string | null, key: string): number | undefined {
  if (value === null || value === '') return undefined;
  const m = JOB_TIME.exec(value);
  if (!m?.[1] || !m[2]) throw bad(`${key} must look like yyyy-mm-ddThh:mm:ssZ or yyyy-mm-ddThh:mm:ss+0800`);
  const offset = m[2] === 'Z' ? 'Z' : `${m[2].slice(0, 3)}:${m[2].slice(3)}`;
  const ms = Date.parse(`${m[1]}${offset}`);
  if (Number.isNaN(ms)) throw bad(`${key} is not a valid time`);
  return ms;
}

const THIRTY_DAYS_MS = 30 * 24 * 3600 * 1000;

/** The GeminiDB route table: one row per operation of specs/geminidb-dr.yaml. */
export function geminiDbRoutes(sim: GeminiDbSimulation, clock: Clock): ServiceRoute[] {
  /** True when the instance exists in the request's region and project (another project's instance is "not found"). */
  const inScope = (ctx: RequestContext, instanceId: string) => {
    const placement = sim.placement(instanceId);
    return placement !== undefined && visible(ctx.scope, placement);
  };
  const requireInScope = (ctx: RequestContext, instanceId: string) => {
    if (!inScope(ctx, instanceId)) throw geminiErrors.instanceNotFound(instanceId);
  };
  // Every route with {instance_id} checks the instance is visible before its handler runs.
  const row = (method: HttpMethod, path: string, operationId: string, handler: RouteHandler): ServiceRoute => ({
    service: 'geminidb',
    method,
    path,
    operationId,
    handler: path.includes('{instance_id}')
      ? (ctx) => {
          requireInScope(ctx, param(ctx, 'instance_id'));
          return handler(ctx);
        }
      : handler,
  });

  return [
    row('POST', `${I}/disaster-recovery/precheck`, 'checkDisasterRecoveryOperation', (ctx) => {
      const b = body(ctx);
      const peer = b.optionalObject('disaster_recovery_instance');
      sim.precheck(param(ctx, 'instance_id'), {
        operation: b.oneOf('operation', ['construction', 'deconstruction'] as const),
        peer: peer && { vpcCidr: peer.string('vpc_cidr'), specCode: peer.string('spec_code'), nodeIps: peer.stringArray('node_ips') },
      });
      return { status: 204 };
    }),

    row('POST', `${I}/disaster-recovery/construction`, 'createDisasterRecovery', (ctx) => {
      const b = body(ctx);
      // Fields are read in the documented order so the first missing one is the one reported.
      const id = b.optionalString('id');
      const alias = b.string('alias');
      const password = b.string('password');
      const instanceRole = b.oneOf('instance_role', ['master', 'slave'] as const);
      const peer = b.object('disaster_recovery_instance');
      const { jobId, drId } = sim.construct(
        param(ctx, 'instance_id'),
        {
          id,
          alias,
          password,
          instanceRole,
          peer: {
            id: peer.string('id'),
            regionCode: peer.string('region_code'),
            subnetCidrs: peer.stringArray('subnet_cidrs'),
            nodeIps: peer.stringArray('node_ips'),
          },
        },
        ctx.takeJobFailure,
      );
      return { status: 202, body: { job_id: jobId, disaster_recovery_id: drId } };
    }),

    row('POST', `${I}/disaster-recovery/deconstruction`, 'deleteDisasterRecovery', (ctx) =>
      accepted(sim.deconstruct(param(ctx, 'instance_id'), ctx.takeJobFailure)),
    ),

    row('POST', `${I}/switchover-master`, 'switchToMaster', (ctx) => {
      const parsed = parseJsonBody(ctx.request.body, bad, true);
      const force = parsed ? new FieldReader(parsed, '', bad).optionalBoolean('force') : undefined;
      return accepted(sim.promote(param(ctx, 'instance_id'), force ?? false, ctx.takeJobFailure));
    }),

    row('POST', `${I}/switchover-slave`, 'switchToSlave', (ctx) => accepted(sim.demote(param(ctx, 'instance_id'), ctx.takeJobFailure))),

    // Success status is UNVERIFIED (the spec allows 200 or 202); 202 matches the other job-starting calls.
    row('PUT', `${I}/disaster-recovery/switchover`, 'switchOverDisasterRecovery', (ctx) =>
      accepted(sim.switchover(param(ctx, 'instance_id'), ctx.takeJobFailure)),
    ),

    row('POST', `${I}/disaster-recovery/data-synchronization`, 'pauseResumeDataSynchronization', (ctx) => {
      const action = body(ctx).oneOf('action', ['pause', 'resume'] as const);
      return accepted(sim.setSync(param(ctx, 'instance_id'), action, ctx.takeJobFailure));
    }),

    row('GET', `${I}/disaster-recovery/data-synchronization`, 'showPauseResumeStutus', (ctx) => ({
      status: 200,
      body: renderSyncStatus(sim, param(ctx, 'instance_id'), clock.now()),
    })),

    row('GET', `${I}/instance-role`, 'showInstanceRole', (ctx) => ({
      status: 200,
      body: { role: sim.role(param(ctx, 'instance_id')) },
    })),

    row('PUT', `${P}/instances/disaster-recovery/settings`, 'setDisasterRecoverySettings', (ctx) => {
      const items = body(ctx)
        .array('disaster_recovery_settings')
        .map((item) => {
          const switchoverRatio = item.optionalInteger('switchover_ratio');
          const syncDelay = item.optionalInteger('sync_delay');
          if (switchoverRatio !== undefined && (switchoverRatio < 50 || switchoverRatio > 100 || switchoverRatio % 10 !== 0)) {
            throw new ApiError(400, 'DBS.03000002', 'Invalid threshold: switchover_ratio must be one of 50, 60, 70, 80, 90, 100');
          }
          if (syncDelay !== undefined && syncDelay < 10) {
            throw new ApiError(400, 'DBS.03000002', 'Invalid threshold: sync_delay must be at least 10 seconds');
          }
          const instanceId = item.string('instance_id');
          requireInScope(ctx, instanceId);
          return { instanceId, switchoverRatio, syncDelay };
        });
      return { status: 200, body: { successed_instance_ids: sim.setSettings(items) } };
    }),

    row('GET', `${P}/instances/disaster-recovery/settings`, 'showDisasterRecoverySettings', (ctx) => {
      const offset = queryInteger(ctx.query, 'offset', 0, bad);
      const limit = queryInteger(ctx.query, 'limit', 50, bad);
      if (limit < 1 || limit > 50) throw bad('limit must be between 1 and 50');
      const wanted = ctx.query.get('instance_id');
      const all = sim
        .instances()
        .filter((i) => (!wanted || i.seed.id === wanted) && inScope(ctx, i.seed.id))
        .map((i) => ({
          instance_id: i.seed.id,
          switchover_ratio: i.settings.switchoverRatio,
          ...(i.settings.syncDelay !== undefined && { sync_delay: i.settings.syncDelay }),
        }));
      return { status: 200, body: { disaster_recovery_settings: all.slice(offset, offset + limit), total_count: all.length } };
    }),

    row('POST', `${I}/dual-active-relationship`, 'createGeminiDbDualActive', (ctx) => {
      const b = body(ctx);
      const destination = { region: b.string('destination_region'), instanceId: b.string('destination_instance_id') };
      b.optionalStringArray('tables'); // validated; which tables become dual-active is not simulated
      return accepted(sim.createDualActive(param(ctx, 'instance_id'), destination, ctx.takeJobFailure));
    }),

    row('DELETE', `${I}/dual-active-relationship`, 'deleteGeminiDbDualActive', (ctx) =>
      accepted(sim.deleteDualActive(param(ctx, 'instance_id'), ctx.takeJobFailure)),
    ),

    row('GET', `${I}/disaster-recovery/regions`, 'showInstanceBiactiveRegions', (ctx) => ({
      status: 200,
      body: { region_codes: sim.peerRegions(param(ctx, 'instance_id')) },
    })),

    row('GET', `${P}/jobs`, 'listJobs', (ctx) => {
      const q = ctx.query;
      const offset = queryInteger(q, 'offset', 0, bad);
      const limit = queryInteger(q, 'limit', 50, bad);
      if (![10, 20, 50].includes(limit)) throw bad('limit must be 10, 20 or 50');
      const status = q.get('status');
      if (status && !['Running', 'Completed', 'Failed'].includes(status)) throw bad('status must be Running, Completed or Failed');
      const end = parseJobTime(q.get('end_time'), 'end_time') ?? clock.now();
      const start = parseJobTime(q.get('start_time'), 'start_time') ?? end - THIRTY_DAYS_MS;
      if (end < start || end - start > THIRTY_DAYS_MS) throw bad('the start_time..end_time window must be 0 to 30 days long');
      const id = q.get('id');
      const name = q.get('name');
      const names = new Map(sim.instances().map((i) => [i.seed.id, i.seed.name]));
      const matching = sim
        .jobList()
        .filter((j) => (!id || j.id === id) && (!status || j.status === status) && (!name || j.name === name) && inScope(ctx, j.instanceId))
        // An explicitly asked-for id is found whatever the window, as pollers rely on it.
        .filter((j) => id || (j.startedAt >= start && j.startedAt <= end))
        .sort((a, b) => b.startedAt - a.startedAt);
      return {
        status: 200,
        body: {
          jobs: matching.slice(offset, offset + limit).map((j) => renderJob(sim.jobs, j, names.get(j.instanceId) ?? '')),
          total_count: matching.length,
        },
      };
    }),

    row('GET', `${P}/instances`, 'listInstances', (ctx) => {
      const q = ctx.query;
      const offset = queryInteger(q, 'offset', 0, bad);
      const limit = queryInteger(q, 'limit', 100, bad);
      if (limit < 1 || limit > 100) throw bad('limit must be between 1 and 100');
      const exact = (key: string, value: string) => {
        const f = q.get(key);
        return f === null || f === '' || f === value;
      };
      const matching = sim
        .instances()
        .filter(
          (i) =>
            inScope(ctx, i.seed.id) &&
            nameFilter(q.get('id'), i.seed.id) &&
            nameFilter(q.get('name'), i.seed.name) &&
            exact('mode', i.seed.mode) &&
            exact('datastore_type', 'redis') &&
            exact('vpc_id', i.seed.vpcId) &&
            exact('subnet_id', i.seed.subnetId),
        );
      return {
        status: 200,
        body: { instances: matching.slice(offset, offset + limit).map((i) => renderInstance(sim, i)), total_count: matching.length },
      };
    }),
  ];
}
