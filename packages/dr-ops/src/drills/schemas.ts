// The JSON Schemas shipped in the package (schemas/*.json, also exported as
// `@hcdr/dr-ops/schemas/<file>`), compiled once with Ajv, and Ajv's errors turned into problems
// that name the field (`objectives.rto`) and the rule.
import { readFileSync } from 'node:fs';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';

export const DRILL_PLAN_SCHEMA_FILE = 'drill-plan.v1.schema.json';
export const DRILL_REPORT_SCHEMA_FILE = 'drill-report.v1.schema.json';

/** One thing wrong with a document, in words a user can act on. */
export interface SchemaProblem {
  /** Dotted path of the field, e.g. `target.primary.instance`; `(plan)` for the document itself. */
  field: string;
  message: string;
}

const cache = new Map<string, { schema: Record<string, unknown>; validate: ValidateFunction }>();

/** Same relative path from src/drills/ and dist/drills/: the package root's schemas folder. */
function schemaUrl(file: string): URL {
  return new URL(`../../schemas/${file}`, import.meta.url);
}

function compiled(file: string) {
  let entry = cache.get(file);
  if (!entry) {
    const schema = JSON.parse(readFileSync(schemaUrl(file), 'utf8')) as Record<string, unknown>;
    const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
    entry = { schema, validate: ajv.compile(schema) };
    cache.set(file, entry);
  }
  return entry;
}

/** The parsed schema document (a copy), e.g. to publish or to show in `--help`. */
export function loadSchema(file: typeof DRILL_PLAN_SCHEMA_FILE | typeof DRILL_REPORT_SCHEMA_FILE): Record<string, unknown> {
  return structuredClone(compiled(file).schema);
}

/** Validates `value`; returns the problems (empty when valid). */
export function validateAgainst(file: string, value: unknown): SchemaProblem[] {
  const { validate } = compiled(file);
  if (validate(value)) return [];
  return describeErrors(validate.errors ?? []);
}

function fieldOf(instancePath: string, child?: string): string {
  const parts = instancePath.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (child !== undefined) parts.push(child);
  return parts.length === 0 ? '(document)' : parts.map((p, i) => (/^\d+$/.test(p) ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

function describeError(e: ErrorObject): SchemaProblem | undefined {
  const params = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'if':
      return undefined; // the failing `then` branch reports the concrete problem
    case 'required':
      return { field: fieldOf(e.instancePath, String(params.missingProperty)), message: 'is required' };
    case 'additionalProperties':
      return { field: fieldOf(e.instancePath, String(params.additionalProperty)), message: 'is not a known field (check the spelling)' };
    case 'const':
      return { field: fieldOf(e.instancePath), message: `must be ${JSON.stringify(params.allowedValue)}` };
    case 'enum':
      return { field: fieldOf(e.instancePath), message: `must be one of: ${(params.allowedValues as unknown[]).map((v) => String(v)).join(', ')}` };
    case 'pattern':
      if (e.schemaPath.includes('/duration/')) return { field: fieldOf(e.instancePath), message: 'must be a duration with units, such as 30s, 10m, 1h30m or 500ms' };
      return { field: fieldOf(e.instancePath), message: `must match ${String(params.pattern)}` };
    case 'type':
      if (e.schemaPath.includes('/duration/')) return { field: fieldOf(e.instancePath), message: 'must be a duration with units, such as 30s or 10m (a bare number would leave the unit open)' };
      return { field: fieldOf(e.instancePath), message: `must be ${String(params.type) === 'object' ? 'a mapping (key: value)' : `a ${String(params.type)}`}` };
    default:
      return { field: fieldOf(e.instancePath), message: e.message ?? `fails the ${e.keyword} rule` };
  }
}

function describeErrors(errors: readonly ErrorObject[]): SchemaProblem[] {
  const seen = new Set<string>();
  const out: SchemaProblem[] = [];
  for (const e of errors) {
    const problem = describeError(e);
    if (!problem) continue;
    const key = `${problem.field}\u0000${problem.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(problem);
  }
  return out;
}
