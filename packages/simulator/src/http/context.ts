import type { Scope } from '../regions/scope.js';
import type { HandlerResult } from './respond.js';
import type { ReceivedRequest } from './request.js';
import type { RouteSpec } from './router.js';

/** The simulated APIs; `vpc` serves the two VPC reads DR discovery needs (specs/vpc.yaml). */
export type ServiceName = 'geminidb' | 'dws' | 'vpc';
export const SERVICE_NAMES: readonly ServiceName[] = ['geminidb', 'dws', 'vpc'];

/** A failure injected into the job (or DR-task transition) a request starts. */
export interface JobFailure {
  readonly reason: string;
}

/**
 * Called when (and only when) a job is actually started, with the instances (or DWS clusters) it
 * keeps busy, so validation errors do not use up a fault and a rule can target one instance.
 */
export type FailureSource = (busyIds: readonly string[]) => JobFailure | undefined;

export interface RequestContext {
  readonly requestId: string;
  readonly request: ReceivedRequest;
  readonly params: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  /** The region and project the request addresses (`all` for a region-less path on a legacy simulator). */
  readonly scope: Scope;
  /** Consumes a matching `jobFails` fault, if any, for the job this request is about to start. */
  readonly takeJobFailure: FailureSource;
}

export type RouteHandler = (ctx: RequestContext) => HandlerResult;

export interface ServiceRoute extends RouteSpec<RouteHandler> {
  readonly service: ServiceName;
}

/** A path parameter the route template declares (a missing one is a bug in the route table). */
export function pathParam(ctx: RequestContext, name: string): string {
  const v = ctx.params[name];
  if (v === undefined) throw new Error(`route has no {${name}} parameter`);
  return v;
}
