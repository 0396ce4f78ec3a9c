import { ApiError } from '../http/api-error.js';
import { parseJsonBody, type JsonObject } from '../http/body.js';
import { pathParam as param, type RequestContext } from '../http/context.js';
import type { ControlRoute } from '../http/server.js';
import type { FaultRegistry } from '../faults/registry.js';
import { FaultValidationError } from '../faults/registry.js';
import type { FaultRuleInput } from '../faults/types.js';
import { LagValidationError } from '../lag/lag-model.js';
import type { RequestLog, RequestLogFilter } from '../log/request-log.js';
import type { SimulatorSnapshot } from '../snapshot.js';

/**
 * `/__sim/*`: test and demo control. Not part of the API specs (a Prism proxy would reject these
 * paths), so callers talk to the simulator port directly. Guarded by `checkControlAccess` (Host,
 * Origin, optional token).
 */
export interface ControlTarget {
  readonly faults: FaultRegistry;
  readonly requests: RequestLog;
  snapshot(): SimulatorSnapshot;
  reset(): void;
  recoverGeminiDbInstance(instanceId: string): void;
  setLag(input: { relationshipId: string; lagSeconds: number; durationMs?: number }): unknown;
  clearLag(relationshipId?: string): boolean;
  lagReport(): unknown;
  routes(): unknown;
  regions(): unknown;
}

const controlError = (status: number, message: string) => new ApiError(status, 'SIM.0400', message);

function jsonBody(ctx: RequestContext): JsonObject {
  return parseJsonBody(ctx.request.body, (detail) => controlError(400, detail));
}

function requestFilter(query: URLSearchParams): RequestLogFilter {
  const known = ['operationId', 'instanceId', 'drId', 'region', 'projectId', 'method', 'status', 'since'];
  const unknown = [...query.keys()].filter((k) => !known.includes(k));
  if (unknown.length) throw controlError(400, `unknown query parameter(s) ${unknown.join(', ')}; allowed: ${known.join(', ')}`);
  const text = (key: string) => query.get(key) ?? undefined;
  const status = text('status');
  const since = text('since');
  if (status !== undefined && status !== 'reset' && !/^\d{3}$/.test(status)) throw controlError(400, 'status must be an HTTP status or "reset"');
  if (since !== undefined && !/^\d{1,15}$/.test(since)) throw controlError(400, 'since must be a request sequence number');
  const filter: Record<string, unknown> = {};
  for (const key of ['operationId', 'instanceId', 'drId', 'region', 'projectId', 'method']) {
    const v = text(key);
    if (v !== undefined) filter[key] = v;
  }
  if (status !== undefined) filter.status = status === 'reset' ? 'reset' : Number(status);
  if (since !== undefined) filter.since = Number(since);
  return filter as RequestLogFilter;
}

export function controlRoutes(target: ControlTarget): ControlRoute[] {
  const validated = <T>(fn: () => T): T => {
    try {
      return fn();
    } catch (error) {
      if (error instanceof FaultValidationError || error instanceof LagValidationError) throw controlError(400, error.message);
      throw error;
    }
  };
  return [
    { method: 'GET', path: '/__sim/health', operationId: 'simHealth', handler: () => ({ status: 200, body: { status: 'ok' } }) },
    { method: 'GET', path: '/__sim/state', operationId: 'simState', handler: () => ({ status: 200, body: target.snapshot() }) },
    { method: 'GET', path: '/__sim/routes', operationId: 'simRoutes', handler: () => ({ status: 200, body: { routes: target.routes() } }) },
    { method: 'GET', path: '/__sim/regions', operationId: 'simRegions', handler: () => ({ status: 200, body: { regions: target.regions() } }) },
    {
      method: 'POST',
      path: '/__sim/reset',
      operationId: 'simReset',
      handler: () => {
        target.reset();
        return { status: 204 };
      },
    },
    { method: 'GET', path: '/__sim/faults', operationId: 'simListFaults', handler: () => ({ status: 200, body: { faults: target.faults.list() } }) },
    {
      method: 'POST',
      path: '/__sim/faults',
      operationId: 'simAddFault',
      handler: (ctx) => {
        const body = jsonBody(ctx);
        return { status: 201, body: validated(() => target.faults.add(body as unknown as FaultRuleInput)) };
      },
    },
    {
      method: 'DELETE',
      path: '/__sim/faults',
      operationId: 'simClearFaults',
      handler: () => {
        target.faults.clear();
        return { status: 204 };
      },
    },
    {
      method: 'DELETE',
      path: '/__sim/faults/{fault_id}',
      operationId: 'simRemoveFault',
      handler: (ctx) => {
        if (!target.faults.remove(param(ctx, 'fault_id'))) throw controlError(404, 'no such fault rule');
        return { status: 204 };
      },
    },
    {
      method: 'GET',
      path: '/__sim/requests',
      operationId: 'simListRequests',
      handler: (ctx) => ({ status: 200, body: { requests: target.requests.list(requestFilter(ctx.query)) } }),
    },
    {
      method: 'DELETE',
      path: '/__sim/requests',
      operationId: 'simClearRequests',
      handler: () => {
        target.requests.clear();
        return { status: 204 };
      },
    },
    { method: 'GET', path: '/__sim/lag', operationId: 'simLag', handler: () => ({ status: 200, body: target.lagReport() }) },
    {
      method: 'POST',
      path: '/__sim/lag',
      operationId: 'simSetLag',
      handler: (ctx) => {
        const body = jsonBody(ctx);
        const unknown = Object.keys(body).filter((k) => !['relationshipId', 'lagSeconds', 'durationMs'].includes(k));
        if (unknown.length) throw controlError(400, `unknown field(s) ${unknown.join(', ')}; allowed: relationshipId, lagSeconds, durationMs`);
        const input = body as { relationshipId: string; lagSeconds: number; durationMs?: number };
        return { status: 201, body: validated(() => target.setLag(input)) };
      },
    },
    {
      method: 'DELETE',
      path: '/__sim/lag',
      operationId: 'simClearAllLag',
      handler: () => {
        target.clearLag();
        return { status: 204 };
      },
    },
    {
      method: 'DELETE',
      path: '/__sim/lag/{relationship_id}',
      operationId: 'simClearLag',
      handler: (ctx) => {
        if (!target.clearLag(param(ctx, 'relationship_id'))) throw controlError(404, 'no lag override for that relationship');
        return { status: 204 };
      },
    },
    {
      method: 'POST',
      path: '/__sim/geminidb/instances/{instance_id}/recover',
      operationId: 'simRecoverInstance',
      handler: (ctx) => {
        target.recoverGeminiDbInstance(param(ctx, 'instance_id'));
        return { status: 204 };
      },
    },
  ];
}
