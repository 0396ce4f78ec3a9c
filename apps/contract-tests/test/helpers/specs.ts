// The specs, their generated operation tables, and response-schema validation (Ajv, draft-07 like Prism).
import { operations as dwsOperations } from '@hcdr/dws';
import { operations as geminidbOperations } from '@hcdr/geminidb';
import { operations as vpcOperations } from '@hcdr/vpc';
import { createExampleValidator, listOperations, loadSpec } from '@hcdr/spec-tools';

export type SpecName = 'geminidb-dr' | 'dws-dr' | 'vpc';
export const SPEC_NAMES: readonly SpecName[] = ['geminidb-dr', 'dws-dr', 'vpc'];

/** What the generated `operations` tables hold (the fields this suite reads). */
export interface OperationRow {
  readonly method: string;
  readonly path: string;
  readonly successStatuses: readonly number[];
}

export const OPERATION_TABLES: Record<SpecName, Readonly<Record<string, OperationRow>>> = {
  'geminidb-dr': geminidbOperations,
  'dws-dr': dwsOperations,
  vpc: vpcOperations,
};

const esc = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

interface LoadedSpecInfo {
  doc: Record<string, any>;
  validate: (schemaPointer: string, value: unknown) => { ok: boolean; errors: string[] };
  /** `METHOD /path` → operationId, from the spec itself (not from the generated table). */
  routes: Map<string, string>;
}

const cache = new Map<SpecName, LoadedSpecInfo>();

export function spec(name: SpecName): LoadedSpecInfo {
  let info = cache.get(name);
  if (!info) {
    const { doc } = loadSpec(`specs/${name}.yaml`);
    const routes = new Map(listOperations(doc).map((o) => [`${o.method.toUpperCase()} ${o.path}`, o.operationId]));
    info = { doc, validate: createExampleValidator(doc), routes };
    cache.set(name, info);
  }
  return info;
}

/** operationIds in the spec, in document order. */
export function specOperationIds(name: SpecName): string[] {
  return listOperations(spec(name).doc).map((o) => o.operationId);
}

function operationObject(name: SpecName, operationId: string): Record<string, any> {
  const row = OPERATION_TABLES[name][operationId];
  if (!row) throw new Error(`${name}: unknown operation ${operationId}`);
  const op = spec(name).doc.paths?.[row.path]?.[row.method.toLowerCase()];
  if (!op) throw new Error(`${name}: ${row.method} ${row.path} is not in the spec`);
  return op;
}

/** Follows a local $ref; returns the resolved node and the JSON pointer it lives at. */
function resolve(name: SpecName, node: any, pointer: string): { node: any; pointer: string } {
  let current = node;
  let at = pointer;
  for (let hops = 0; current && typeof current.$ref === 'string'; hops++) {
    if (hops > 16) throw new Error(`reference cycle at ${pointer}`);
    at = current.$ref.slice(1);
    current = at
      .split('/')
      .slice(1)
      .reduce((n: any, k: string) => n?.[k.replace(/~1/g, '/').replace(/~0/g, '~')], spec(name).doc);
  }
  return { node: current, pointer: at };
}

/** The response object the spec declares for a status (after $ref), with its pointer. */
export function declaredResponse(name: SpecName, operationId: string, status: number): { node: any; pointer: string } | undefined {
  const row = OPERATION_TABLES[name][operationId]!;
  const op = operationObject(name, operationId);
  const raw = op.responses?.[String(status)];
  if (!raw) return undefined;
  return resolve(name, raw, `/paths/${esc(row.path)}/${row.method.toLowerCase()}/responses/${status}`);
}

/** Error statuses (4xx/5xx) the spec declares for an operation. */
export function declaredErrorStatuses(name: SpecName, operationId: string): number[] {
  return Object.keys(operationObject(name, operationId).responses ?? {})
    .map(Number)
    .filter((s) => s >= 400);
}

/** Named examples of a declared response (application/json), in declaration order. */
export function responseExamples(name: SpecName, operationId: string, status: number): { name: string; value: any }[] {
  const response = declaredResponse(name, operationId, status);
  const examples = response?.node?.content?.['application/json']?.examples ?? {};
  return Object.entries(examples).map(([exampleName, ex]) => ({ name: exampleName, value: resolve(name, ex, '').node?.value }));
}

/** The `X-Request-Id` example Prism sends with every response of this spec. */
export function requestIdExample(name: SpecName): string {
  const example = spec(name).doc.components?.headers?.XRequestId?.example;
  if (typeof example !== 'string') throw new Error(`${name}: components.headers.XRequestId has no example`);
  return example;
}

/**
 * Validates a response body against the schema the spec declares for (operation, status).
 * Returns a list of problems (empty = conforms). `body` is the parsed JSON, or undefined when empty.
 */
export function validateResponse(name: SpecName, operationId: string, status: number, body: unknown, bodyText: string): string[] {
  const response = declaredResponse(name, operationId, status);
  if (!response) return [`HTTP ${status} is not declared for ${operationId}`];
  const media = response.node?.content?.['application/json'];
  if (!media?.schema) {
    return bodyText.trim() === '' ? [] : [`HTTP ${status} of ${operationId} declares no body but one was sent`];
  }
  if (body === undefined) return [`HTTP ${status} of ${operationId} declares a JSON body but none was sent`];
  const result = spec(name).validate(`${response.pointer}/content/application~1json/schema`, body);
  return result.ok ? [] : result.errors;
}
