// Records every call a client makes (openapi-fetch middleware): which operation, what came back, whether
// Prism reported violations and whether the body matches the spec. The coverage gate reads these records,
// so "covered" means "a request really went out and its response really conformed", not "a test exists".
import { appendFileSync } from 'node:fs';
import path from 'node:path';
import type { Middleware } from 'openapi-fetch';
import { expect, inject } from 'vitest';
import type { AuthMode } from './constants.ts';
import { OPERATION_TABLES, type SpecName, spec, validateResponse } from './specs.ts';

/** Where the requests went: a Prism mock, a Prism proxy in front of the simulator, or the simulator itself. */
export type Target = 'mock' | 'proxy' | 'simulator';

export interface Observation {
  spec: SpecName;
  /** From the spec's own routes; null when the route is not in the spec. */
  operationId: string | null;
  method: string;
  route: string;
  /** null when no response arrived (network error, timeout, abort). */
  status: number | null;
  /** Prism's `sl-violations` header, verbatim. */
  violations: string | null;
  /** Problems of the body against the schema the spec declares for this status (empty = conforms). */
  schemaErrors: string[];
  /** The status is one of the operation's documented success statuses. */
  success: boolean;
  /** success, no violations, and a conforming body. */
  accepted: boolean;
  auth: AuthMode;
  /** What actually went on the wire (from the fetch under the transport), for the last attempt. */
  wire: WireAuth | null;
  target: Target;
  test: string;
  file: string;
  error?: string;
}

/** How the request that reached the server was authenticated. */
export interface WireAuth {
  scheme: 'SDK-HMAC-SHA256' | 'X-Auth-Token' | 'none';
  /** AK/SK only: the signature re-verified by an independent verifier over the exact bytes sent. */
  signatureOk?: boolean;
  signatureProblem?: string;
  signedHeaders?: string;
}

export interface Recorder {
  readonly middleware: Middleware;
  readonly observations: Observation[];
}

function currentTest(): { test: string; file: string } {
  const state = expect.getState();
  return { test: state.currentTestName ?? '(outside a test)', file: path.basename(state.testPath ?? 'unknown') };
}

function persist(observation: Observation): void {
  let dir: string | undefined;
  try {
    dir = inject('recordDir');
  } catch {
    dir = undefined;
  }
  if (!dir) return;
  appendFileSync(path.join(dir, `${observation.file}.jsonl`), `${JSON.stringify(observation)}\n`);
}

export function createRecorder(options: { spec: SpecName; auth: AuthMode; target: Target; lastWire: () => WireAuth | undefined }): Recorder {
  const observations: Observation[] = [];
  const routes = spec(options.spec).routes;
  const table = OPERATION_TABLES[options.spec];

  const base = (request: Request, schemaPath: string) => {
    const operationId = routes.get(`${request.method} ${schemaPath}`) ?? null;
    return { operationId, method: request.method, route: schemaPath, ...currentTest() };
  };
  const record = (o: Observation) => {
    observations.push(o);
    persist(o);
  };

  const middleware: Middleware = {
    async onResponse({ request, response, schemaPath }) {
      const info = base(request, schemaPath);
      const text = await response.clone().text();
      let body: unknown;
      let schemaErrors: string[] = [];
      if (text.trim() !== '') {
        try {
          body = JSON.parse(text);
        } catch {
          body = undefined;
        }
      }
      if (info.operationId === null) schemaErrors = [`${request.method} ${schemaPath} is not an operation of ${options.spec}`];
      else if (text.trim() !== '' && body === undefined) schemaErrors = [`HTTP ${response.status}: body is not JSON`];
      else schemaErrors = validateResponse(options.spec, info.operationId, response.status, body, text);
      const successStatuses = info.operationId ? (table[info.operationId]?.successStatuses ?? []) : [];
      const success = successStatuses.includes(response.status);
      const violations = response.headers.get('sl-violations');
      record({
        spec: options.spec,
        ...info,
        status: response.status,
        violations,
        schemaErrors,
        success,
        accepted: success && violations === null && schemaErrors.length === 0,
        auth: options.auth,
        wire: options.lastWire() ?? null,
        target: options.target,
      });
      return undefined;
    },
    onError({ request, schemaPath, error }) {
      record({
        spec: options.spec,
        ...base(request, schemaPath),
        status: null,
        violations: null,
        schemaErrors: [],
        success: false,
        accepted: false,
        auth: options.auth,
        wire: options.lastWire() ?? null,
        target: options.target,
        error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
      });
      return undefined;
    },
  };
  return { middleware, observations };
}
