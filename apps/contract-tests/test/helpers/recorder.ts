// Records every call a client makes (a call observer on the methods, openapi-fetch middleware on the
// raw client): which operation, what came back, whether
// Prism reported violations and whether the body matches the spec. The coverage gate reads these records,
// so "covered" means "a request really went out and its response really conformed", not "a test exists".
import { appendFileSync } from 'node:fs';
import path from 'node:path';
import type { CallObserver } from '@hcdr/core';
import type { Middleware } from '@hcdr/core/raw';
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
  /** For the client's methods. */
  readonly observer: CallObserver;
  /** For a raw (openapi-fetch) client. */
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

export function createRecorder(options: {
  spec: SpecName;
  auth: AuthMode;
  target: Target;
  lastWire: () => WireAuth | undefined;
  /** The body of the last response that came over the wire (the observer gets no body). */
  lastResponseText: () => string;
}): Recorder {
  const observations: Observation[] = [];
  const routes = spec(options.spec).routes;
  const table = OPERATION_TABLES[options.spec];

  const base = (method: string, schemaPath: string) => {
    const operationId = routes.get(`${method} ${schemaPath}`) ?? null;
    return { operationId, method, route: schemaPath, ...currentTest() };
  };
  const record = (o: Observation) => {
    observations.push(o);
    persist(o);
  };
  const answered = (method: string, schemaPath: string, status: number, violations: string | null, text: string) => {
    const info = base(method, schemaPath);
    let body: unknown;
    let schemaErrors: string[] = [];
    if (text.trim() !== '') {
      try {
        body = JSON.parse(text);
      } catch {
        body = undefined;
      }
    }
    if (info.operationId === null) schemaErrors = [`${method} ${schemaPath} is not an operation of ${options.spec}`];
    else if (text.trim() !== '' && body === undefined) schemaErrors = [`HTTP ${status}: body is not JSON`];
    else schemaErrors = validateResponse(options.spec, info.operationId, status, body, text);
    const successStatuses = info.operationId ? (table[info.operationId]?.successStatuses ?? []) : [];
    const success = successStatuses.includes(status);
    record({
      spec: options.spec,
      ...info,
      status,
      violations,
      schemaErrors,
      success,
      accepted: success && violations === null && schemaErrors.length === 0,
      auth: options.auth,
      wire: options.lastWire() ?? null,
      target: options.target,
    });
  };
  const failed = (method: string, schemaPath: string, error: unknown) =>
    record({
      spec: options.spec,
      ...base(method, schemaPath),
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

  const middleware: Middleware = {
    async onResponse({ request, response, schemaPath }) {
      answered(request.method, schemaPath, response.status, response.headers.get('sl-violations'), await response.clone().text());
      return undefined;
    },
    onError({ request, schemaPath, error }) {
      failed(request.method, schemaPath, error);
      return undefined;
    },
  };
  const observer: CallObserver = {
    onResponse: (call, response) => answered(call.method, call.path, response.status, response.headers['sl-violations'] ?? null, options.lastResponseText()),
    onError: (call, error) => failed(call.method, call.path, error),
  };
  return { observer, middleware, observations };
}
