import { ApiError } from '../http/api-error.js';
import { parseJsonBody } from '../http/body.js';
import { pathParam as param } from '../http/context.js';
import type { ControlRoute } from '../http/server.js';
import type { FaultRegistry } from '../faults/registry.js';
import { FaultValidationError } from '../faults/registry.js';
import type { FaultRuleInput } from '../faults/types.js';
import type { SimulatorSnapshot } from '../snapshot.js';

/**
 * `/__sim/*`: test and demo control. Not part of the API specs (a Prism proxy would reject these
 * paths), so callers talk to the simulator port directly. No authentication: bind to loopback.
 */
export interface ControlTarget {
  readonly faults: FaultRegistry;
  snapshot(): SimulatorSnapshot;
  reset(): void;
  recoverGeminiDbInstance(instanceId: string): void;
}

const controlError = (status: number, message: string) => new ApiError(status, 'SIM.0400', message);

export function controlRoutes(target: ControlTarget): ControlRoute[] {
  return [
    { method: 'GET', path: '/__sim/health', operationId: 'simHealth', handler: () => ({ status: 200, body: { status: 'ok' } }) },
    { method: 'GET', path: '/__sim/state', operationId: 'simState', handler: () => ({ status: 200, body: target.snapshot() }) },
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
        const body = parseJsonBody(ctx.request.body, (detail) => controlError(400, detail));
        try {
          return { status: 201, body: target.faults.add(body as unknown as FaultRuleInput) };
        } catch (error) {
          if (error instanceof FaultValidationError) throw controlError(400, error.message);
          throw error;
        }
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
