import { randomUUID } from 'node:crypto';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { setTimeout as delay } from 'node:timers/promises';
import { authenticateBody, authenticateHead, type SimulatorCredentials } from '../auth/authenticate.js';
import { formatIsoSeconds, type Clock } from '../clock.js';
import { checkControlAccess, checkControlBodyType, type ControlAccessOptions } from '../control/access.js';
import type { FaultRegistry } from '../faults/registry.js';
import type { FaultTarget } from '../faults/types.js';
import { geminiErrors } from '../geminidb/errors.js';
import type { RequestLog } from '../log/request-log.js';
import { regionFromHost, splitRegionPrefix, type Scope } from '../regions/scope.js';
import { ApiError, unknownRoute } from './api-error.js';
import type { RequestContext, RouteHandler, ServiceRoute } from './context.js';
import { sendJson, sendText, writeResult } from './respond.js';
import { BodyTooLargeError, checkDeclaredLength, headerValue, MAX_BODY_BYTES, readBody, requestHead, type ReceivedRequest } from './request.js';
import type { Router, RouteSpec } from './router.js';

export type ControlRoute = RouteSpec<RouteHandler>;

export interface PipelineDeps {
  /** A getter, because reset() rebuilds the service state and its route table. */
  readonly serviceRouter: () => Router<ServiceRoute>;
  readonly controlRouter: Router<ControlRoute>;
  readonly controlAccess: ControlAccessOptions;
  readonly faults: FaultRegistry;
  readonly requests: RequestLog;
  readonly clock: Clock;
  readonly credentials: SimulatorCredentials;
  readonly requireAuth: boolean;
  readonly maxClockSkewMs: number | undefined;
  /** Paths without a `/{region}` prefix see every region and project (the old behaviour) instead of 404. */
  readonly legacyRegionless: boolean;
  /** A getter, because aliases are added after a proxy in front has started. */
  readonly hostAliases: () => readonly string[];
  readonly log: ((line: string) => void) | undefined;
  /** Called before a response goes out when the request may have changed state (state-file persistence). */
  readonly changed: () => void;
}

export const CONTROL_PREFIX = '/__sim';
export const DEFAULT_FAIL_REASON = 'Simulated failure injected by the hcdr simulator (jobFails fault).';
/** Control bodies are small JSON documents. */
const MAX_CONTROL_BODY_BYTES = 1024 * 1024;

const HTML_500 =
  '<html>\r\n<head><title>500 Internal Server Error</title></head>\r\n<body>\r\n' +
  '<center><h1>500 Internal Server Error</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';

function context(
  request: ReceivedRequest,
  requestId: string,
  params: Readonly<Record<string, string>>,
  scope: Scope,
  takeJobFailure: RequestContext['takeJobFailure'],
): RequestContext {
  return { requestId, request, params, query: new URLSearchParams(request.rawQuery), scope, takeJobFailure };
}

/**
 * The request pipeline, with nothing read from the body until the request is routed and its
 * credentials pass every check that needs no body:
 *   request id → control routes (Host/Origin/token checks, then body) → region prefix → route match
 *   (unknown → APIGW.0101) → declared size → authentication head (clockSkew faults here) → body
 *   (≤ 12 MB) → signature over the body → response faults → handler.
 * jobFails faults are taken by the handler only when it actually starts a job.
 */
export function createRequestListener(deps: PipelineDeps): RequestListener {
  return (req, res) => {
    void handle(deps, req, res);
  };
}

/** What the request log records besides status; filled in as the pipeline learns it. */
interface Facts {
  target?: FaultTarget;
  fault?: string;
}

async function handle(deps: PipelineDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const started = performance.now();
  const arrivedAt = deps.clock.now();
  const requestId = randomUUID();
  const head = requestHead(req);
  const { method, rawPath: path } = head;
  const isControl = path === CONTROL_PREFIX || path.startsWith(`${CONTROL_PREFIX}/`);
  const facts: Facts = {};
  const seq = isControl ? 0 : deps.requests.nextSeq();
  res.setHeader('X-Request-Id', requestId);
  res.on('close', () => {
    const status = res.headersSent ? res.statusCode : ('reset' as const);
    if (deps.log) {
      // One line per request, never headers or bodies (they carry signatures, tokens and passwords).
      deps.log(`${method} ${path} ${status} ${Math.round(performance.now() - started)}ms`);
    }
    if (!isControl) {
      const t = facts.target;
      deps.requests.add({
        seq,
        time: formatIsoSeconds(arrivedAt),
        requestId,
        method,
        path,
        status,
        ...(t?.service !== undefined && { service: t.service }),
        ...(t?.operationId !== undefined && { operationId: t.operationId }),
        ...(t?.region !== undefined && { region: t.region }),
        ...(t?.projectId !== undefined && { projectId: t.projectId }),
        ...(t?.instanceId !== undefined && { instanceId: t.instanceId }),
        ...(t?.drId !== undefined && { drId: t.drId }),
        ...(facts.fault !== undefined && { fault: facts.fault }),
      });
    }
  });
  try {
    if (isControl) {
      checkControlAccess(head.headers, path, deps.controlAccess);
      const match = deps.controlRouter.match(method, path);
      if (!match) throw unknownRoute(method, path);
      const body = await readBody(req, MAX_CONTROL_BODY_BYTES);
      checkControlBodyType(head.headers, body.length > 0);
      const result = match.route.handler(context({ ...head, body }, requestId, match.params, 'all', () => undefined));
      if (method !== 'GET') deps.changed();
      writeResult(res, result);
      return;
    }

    const prefixed = splitRegionPrefix(path);
    const region = prefixed.region ?? regionFromHost(headerValue(head.headers, 'host'));
    const servicePath = prefixed.path;
    if (region === undefined && !deps.legacyRegionless) {
      throw new ApiError(
        404,
        'APIGW.0101',
        `The API does not exist or has not been published in the environment: ${method} ${path} ` +
          '(the simulator serves each region under its own base path: http://host:port/{region}, e.g. /ap-southeast-1/v3/{project_id}/..., ' +
          'or under the region\'s own host name, e.g. Host: gaussdb-nosql.ap-southeast-1.myhuaweicloud.com)',
      );
    }
    const match = deps.serviceRouter().match(method, servicePath);
    if (!match) throw unknownRoute(method, path);
    const projectId = match.params.project_id;
    const target: FaultTarget = {
      service: match.route.service,
      operationId: match.route.operationId,
      method,
      path,
      region,
      projectId,
      instanceId: match.params.instance_id,
      drId: match.params.disaster_recovery_id,
    };
    facts.target = target;
    const scope: Scope = region === undefined || projectId === undefined ? 'all' : { region, projectId };

    checkDeclaredLength(head.headers, MAX_BODY_BYTES);
    const forceExpired = deps.faults.take('auth', target) !== undefined;
    if (forceExpired) facts.fault = 'clockSkew';
    const authOptions = {
      credentials: deps.credentials,
      now: deps.clock.now(),
      requestId,
      forceExpired,
      hostAliases: deps.hostAliases(),
      ...(prefixed.region !== undefined && { unprefixedPath: servicePath }),
      ...(deps.maxClockSkewMs !== undefined && { maxSkewMs: deps.maxClockSkewMs }),
    };
    const needsSignature = deps.requireAuth || forceExpired ? authenticateHead(head, authOptions) === 'signature' : false;
    const request: ReceivedRequest = { ...head, body: await readBody(req, MAX_BODY_BYTES) };
    if (needsSignature) authenticateBody(request, authOptions);

    const fault = deps.faults.take('response', target);
    if (fault) {
      facts.fault = fault.kind;
      // A used-up rule must stay used up after a restart.
      if (fault.kind !== 'slow') deps.changed();
    }
    switch (fault?.kind) {
      case 'busy':
        // GeminiDB's documented busy answer; it is the fault's meaning on DWS routes too.
        throw geminiErrors.busy();
      case 'html500':
        sendText(res, 500, 'text/html', HTML_500);
        return;
      case 'reset':
        req.socket.destroy();
        return;
      case 'throttle':
        // API Gateway's throttling answer (APIGW.0308, from the APIG error-code table; UNVERIFIED for these services).
        sendJson(
          res,
          429,
          { error_code: 'APIGW.0308', error_msg: 'The throttling threshold has been reached: policy user over ratelimit', request_id: requestId },
          { 'Retry-After': String(fault.retryAfterSeconds ?? 1) },
        );
        return;
      case 'status':
        for (const [name, value] of Object.entries(fault.headers ?? {})) res.setHeader(name, value);
        if (typeof fault.body === 'string' || fault.contentType !== undefined) {
          sendText(res, fault.status, fault.contentType ?? 'text/plain', typeof fault.body === 'string' ? fault.body : JSON.stringify(fault.body ?? ''));
        } else {
          sendJson(res, fault.status, fault.body ?? { error_code: 'SIM.FAULT', error_msg: `Injected HTTP ${fault.status}` });
        }
        return;
      case 'slow':
        // Real time on purpose: the point is to outlast a client's timeout. The request is still
        // handled afterwards, like a server that finishes work the client gave up on.
        await delay(fault.delayMs);
        break;
      default:
        break;
    }

    const takeJobFailure = (busyIds: readonly string[]) => {
      const f = deps.faults.take('job', { ...target, jobInstanceIds: busyIds });
      if (f?.kind !== 'jobFails') return undefined;
      facts.fault = 'jobFails';
      return { reason: f.failReason ?? DEFAULT_FAIL_REASON };
    };
    const result = match.route.handler(context(request, requestId, match.params, scope, takeJobFailure));
    // Durable before the client hears about it: a 202 whose job a kill -9 then lost would be a lie.
    if (method !== 'GET' || facts.fault !== undefined) deps.changed();
    writeResult(res, result);
  } catch (error) {
    if (res.headersSent || res.destroyed) return;
    if (!isControl && (method !== 'GET' || facts.fault !== undefined)) deps.changed();
    // The body may not have been read: close the connection rather than drain an upload nobody wants.
    if (!req.complete) res.setHeader('Connection', 'close');
    if (error instanceof ApiError) {
      sendJson(res, error.status, error.toBody());
    } else if (error instanceof BodyTooLargeError) {
      sendJson(res, 413, { error_code: 'APIGW.0201', error_msg: error.message, request_id: requestId });
    } else {
      deps.log?.(`internal error ${method} ${path}: ${error instanceof Error ? error.message : String(error)}`);
      sendJson(res, 500, { error_code: 'SIM.0500', error_msg: 'Internal simulator error', request_id: requestId });
    }
  }
}
