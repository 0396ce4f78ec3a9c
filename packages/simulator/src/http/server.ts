import { randomUUID } from 'node:crypto';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { setTimeout as delay } from 'node:timers/promises';
import { authenticate, type SimulatorCredentials } from '../auth/authenticate.js';
import type { Clock } from '../clock.js';
import type { FaultRegistry } from '../faults/registry.js';
import type { FaultTarget } from '../faults/types.js';
import { geminiErrors } from '../geminidb/errors.js';
import { ApiError, unknownRoute } from './api-error.js';
import type { RequestContext, RouteHandler, ServiceRoute } from './context.js';
import { sendJson, sendText, writeResult } from './respond.js';
import { BodyTooLargeError, readRequest, type ReceivedRequest } from './request.js';
import type { Router, RouteSpec } from './router.js';

export type ControlRoute = RouteSpec<RouteHandler>;

export interface PipelineDeps {
  /** A getter, because reset() rebuilds the service state and its route table. */
  readonly serviceRouter: () => Router<ServiceRoute>;
  readonly controlRouter: Router<ControlRoute>;
  readonly faults: FaultRegistry;
  readonly clock: Clock;
  readonly credentials: SimulatorCredentials;
  readonly requireAuth: boolean;
  readonly maxClockSkewMs: number | undefined;
  /** A getter, because aliases are added after a proxy in front has started. */
  readonly hostAliases: () => readonly string[];
  readonly log: ((line: string) => void) | undefined;
}

export const CONTROL_PREFIX = '/__sim';
export const DEFAULT_FAIL_REASON = 'Simulated failure injected by the hcdr simulator (jobFails fault).';

const HTML_500 =
  '<html>\r\n<head><title>500 Internal Server Error</title></head>\r\n<body>\r\n' +
  '<center><h1>500 Internal Server Error</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';

function context(request: ReceivedRequest, requestId: string, params: Readonly<Record<string, string>>, takeJobFailure: RequestContext['takeJobFailure']): RequestContext {
  return { requestId, request, params, query: new URLSearchParams(request.rawQuery), takeJobFailure };
}

/**
 * The request pipeline: request id → body → control routes (no auth, no faults) → route match
 * (unknown → APIGW.0101) → authentication (clockSkew faults here) → response faults → handler.
 * jobFails faults are taken by the handler only when it actually starts a job.
 */
export function createRequestListener(deps: PipelineDeps): RequestListener {
  return (req, res) => {
    void handle(deps, req, res);
  };
}

async function handle(deps: PipelineDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const started = performance.now();
  const requestId = randomUUID();
  const method = (req.method ?? 'GET').toUpperCase();
  const path = (req.url ?? '/').split('?')[0] ?? '/';
  res.setHeader('X-Request-Id', requestId);
  if (deps.log) {
    const log = deps.log;
    // One line per request, never headers or bodies (they carry signatures, tokens and passwords).
    res.on('close', () => {
      const status = res.headersSent ? String(res.statusCode) : 'reset';
      log(`${method} ${path} ${status} ${Math.round(performance.now() - started)}ms`);
    });
  }
  try {
    const request = await readRequest(req);
    if (request.rawPath === CONTROL_PREFIX || request.rawPath.startsWith(`${CONTROL_PREFIX}/`)) {
      const match = deps.controlRouter.match(request.method, request.rawPath);
      if (!match) throw unknownRoute(request.method, request.rawPath);
      writeResult(res, match.route.handler(context(request, requestId, match.params, () => undefined)));
      return;
    }

    const match = deps.serviceRouter().match(request.method, request.rawPath);
    if (!match) throw unknownRoute(request.method, request.rawPath);
    const target: FaultTarget = {
      service: match.route.service,
      operationId: match.route.operationId,
      method: request.method,
      path: request.rawPath,
    };

    const forceExpired = deps.faults.take('auth', target) !== undefined;
    if (deps.requireAuth || forceExpired) {
      authenticate(request, {
        credentials: deps.credentials,
        now: deps.clock.now(),
        requestId,
        forceExpired,
        hostAliases: deps.hostAliases(),
        ...(deps.maxClockSkewMs !== undefined && { maxSkewMs: deps.maxClockSkewMs }),
      });
    }

    const fault = deps.faults.take('response', target);
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
      case 'status':
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

    const takeJobFailure = () => {
      const f = deps.faults.take('job', target);
      return f?.kind === 'jobFails' ? { reason: f.failReason ?? DEFAULT_FAIL_REASON } : undefined;
    };
    writeResult(res, match.route.handler(context(request, requestId, match.params, takeJobFailure)));
  } catch (error) {
    if (res.headersSent || res.destroyed) return;
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
