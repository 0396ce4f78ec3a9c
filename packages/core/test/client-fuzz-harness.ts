// Shared by the fuzz suites of @hcdr/geminidb and @hcdr/dws (and core's config fuzz). It imports nothing
// from @hcdr/* itself: each suite passes its client factory, error guards and signature verifier, so the
// same properties run against every published client without a second copy of the generators.
import { readFileSync } from 'node:fs';
import { inspect } from 'node:util';
import fc from 'fast-check';
import { expect } from 'vitest';
import { parse } from 'yaml';

// ---------------------------------------------------------------------------------------------------
// Operation tables and spec examples
// ---------------------------------------------------------------------------------------------------

/** The columns of a generated operation table that the fuzzers read. */
export interface OperationRow {
  readonly method: string;
  readonly path: string;
  readonly pathParams: readonly string[];
  readonly queryParams: readonly string[];
  readonly requiredQueryParams: readonly string[];
  readonly body: 'required' | 'optional' | 'none';
}

export type OperationMethod = (input?: unknown, options?: unknown) => Promise<unknown>;

/** First request-body example of every operation in an OpenAPI file, by operationId. */
export function exampleBodies(specUrl: URL): Record<string, Record<string, unknown>> {
  const spec = parse(readFileSync(specUrl, 'utf8')) as {
    paths: Record<string, Record<string, unknown>>;
    components?: { examples?: Record<string, { value?: unknown }> };
  };
  // An example may be a `$ref` to `#/components/examples/<name>` (shared by several media types).
  const resolve = (e: { value?: unknown; $ref?: string } | undefined) =>
    e?.$ref?.startsWith('#/components/examples/') ? spec.components?.examples?.[e.$ref.slice('#/components/examples/'.length)] : e;
  const out: Record<string, Record<string, unknown>> = {};
  for (const item of Object.values(spec.paths)) {
    for (const op of Object.values(item)) {
      const o = op as {
        operationId?: string;
        requestBody?: { content?: Record<string, { examples?: Record<string, { value?: unknown; $ref?: string }> }> };
      };
      const examples = o.requestBody?.content?.['application/json']?.examples;
      const first = examples ? resolve(Object.values(examples)[0])?.value : undefined;
      if (o.operationId && typeof first === 'object' && first !== null) out[o.operationId] = first as Record<string, unknown>;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Hostile values
// ---------------------------------------------------------------------------------------------------

const HUGE = 100 * 1024;

/** Hand-picked strings: traversal, splitting, injection, encoding tricks, malformed CIDRs/IPs. */
export const NASTY_STRINGS: readonly string[] = [
  '', ' ', '\t', '.', '..', '...', './', '../', '..\\', '../../etc/passwd', '%2e%2e', '%2E%2E%2F', '.%2e', '%2e', '%252e%252e',
  '/', '//', '/x/', '?', '?a=b', '#', '#frag', '%', '%%', '%zz', '%0d%0a', '%00', '&', '&a=b', '=', '+', ' + ', 'a b',
  '\0', '\r', '\n', '\r\n', 'x\r\nX-Injected: 1', 'x\r\n\r\nGET / HTTP/1.1', '\u0085', '\u2028', '\u2029',
  '\u200b', '\u200d', '\u202e', '\u202ertl', '\ufeff', '\ufffd', '😀', '👩‍👩‍👧', 'ß', 'İ', 'ﬁ', 'e\u0301', '中文', 'عربى',
  '\ud800', '\udfff', 'a\ud83d', '\ude00b',
  "' OR '1'='1", '"; DROP TABLE x; --', '<script>alert(1)</script>', '$' + '{jndi:ldap://x/a}', '{{7*7}}', '$(id)', '`id`',
  '{instance_id}', '{project_id}', '$&', "$'", '$`', '$1', '\\', 'http://evil.example/', '//evil.example', '@evil.example',
  ':', ';', ',', '*', '~', '!', "'", '"', '[]', '{}', 'null', 'undefined', 'NaN', '-1', '0x10', '1e309',
  '10.0.0.0/33', '10.0.0.0/-1', '256.1.1.1', '10.0.0', '10.0.0.1/24/8', '::ffff:1.2.3.4/129', '10.0.1.0/24\n', ' 10.0.0.1', '1.2.3.4:99999',
  'fe80::1%eth0', '0.0.0.0/0',
];

const HUGE_STRINGS: readonly string[] = ['a'.repeat(HUGE), '😀'.repeat(HUGE / 4), '%'.repeat(HUGE), '/'.repeat(HUGE), '\r\n'.repeat(HUGE / 2)];

/** Characters that break things, for building random strings out of. */
const NASTY_CHARS = ['.', '/', '%', '?', '#', '&', '=', '+', ' ', '\0', '\r', '\n', '\\', '\u202e', '\u200b', '😀', '\ud800', 'é', 'a', '0', '-', '_'];

/** Any string worth sending: hand-picked, random code points (lone surrogates included), glued pieces, 100 KB. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 24 }) },
  { weight: 3, arbitrary: fc.string({ unit: fc.constantFrom(...NASTY_CHARS), minLength: 1, maxLength: 16 }) },
  { weight: 3, arbitrary: fc.array(fc.constantFrom(...NASTY_STRINGS), { minLength: 2, maxLength: 4 }).map((parts) => parts.join('')) },
  { weight: 3, arbitrary: fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,40}$/) },
  { weight: 1, arbitrary: fc.constantFrom(...HUGE_STRINGS) },
);

function deepArray(levels: number): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < levels; i++) value = [value];
  return value;
}

function sparseArray(): unknown[] {
  const array = new Array<unknown>(3);
  array[2] = 'x';
  return array;
}

class NotPlain {
  readonly field = 'x';
}

/** Values of the wrong JS type where a string is expected, and every number JSON or a URL cannot carry. */
export const wrongType: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(0, -1, 1.5, -0, 2 ** 53, 2 ** 53 + 2, Number.MAX_VALUE, Number.MIN_VALUE, 1e21, NaN, Infinity, -Infinity),
  fc.constantFrom<unknown>(true, false, null, undefined),
  fc.constantFrom<unknown>({}, [], ['a'], { a: 1 }, [1, 2]),
  fc.constant(null).map(() => new Date(0)),
  fc.constant(null).map(() => new Map([['a', 1]])),
  fc.constant(null).map(() => new NotPlain()),
  fc.constantFrom<unknown>(10n, Symbol('s'), () => 'fn'),
  fc.double(),
  fc.integer(),
);

/** What may be put anywhere in a JSON body: strings, numbers, wrong types, nested junk, 70-deep arrays. */
export const hostileJson: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: hostileString },
  { weight: 3, arbitrary: wrongType },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.constant(null).map(() => [undefined]) },
  { weight: 1, arbitrary: fc.constant(null).map(sparseArray) },
  { weight: 1, arbitrary: fc.constantFrom(40, 70).map(deepArray) },
);

// ---------------------------------------------------------------------------------------------------
// Oracle: what the client must refuse (an independent statement of the rules, not the implementation)
// ---------------------------------------------------------------------------------------------------

const LONE_SURROGATE = /[\uD800-\uDFFF]/u;
const PROJECT_ID = /^[A-Za-z0-9_-]{1,64}$/;
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Would JSON.stringify send exactly this value (no NaN→null, no dropped function, no cycle, not too deep)? */
function isFaithfulJson(value: unknown, depth: number, ancestors: Set<object>): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (typeof value !== 'object') return false;
  if (depth >= 64 || ancestors.has(value)) return false;
  ancestors.add(value);
  let ok: boolean;
  if (Array.isArray(value)) {
    ok = true;
    for (let i = 0; i < value.length && ok; i++) ok = value[i] !== undefined && isFaithfulJson(value[i], depth + 1, ancestors);
  } else {
    ok = isPlainObject(value) && Object.values(value).every((v) => v === undefined || isFaithfulJson(v, depth + 1, ancestors));
  }
  ancestors.delete(value);
  return ok;
}

export interface FuzzCall {
  input: unknown;
  headers: Record<string, unknown> | undefined;
}

/** Fields the client must name when it refuses `call` (empty: it must send). `body*` matches any body path. */
export function expectedRejections(row: OperationRow, call: FuzzCall): Set<string> {
  const bad = new Set<string>();
  if (call.input !== undefined && !isPlainObject(call.input)) return new Set(['input']);
  const input = (call.input ?? {}) as Record<string, unknown>;
  for (const name of row.pathParams) {
    const v = input[name];
    if (name === 'project_id' && (v === undefined || v === null)) continue;
    const ok =
      typeof v === 'string' &&
      v.trim() !== '' &&
      v !== '.' &&
      v !== '..' &&
      !v.includes('/') &&
      !LONE_SURROGATE.test(v) &&
      (name !== 'project_id' || PROJECT_ID.test(v));
    if (!ok) bad.add(name);
  }
  const query = input['query'];
  const given = new Map<string, unknown>();
  if (query !== undefined && query !== null) {
    if (!isPlainObject(query)) bad.add('query');
    else {
      for (const [k, v] of Object.entries(query)) {
        if (!row.queryParams.includes(k)) bad.add(`query.${k}`);
        else if (v === undefined || v === null) continue;
        else if (typeof v === 'string' ? LONE_SURROGATE.test(v) : typeof v !== 'number' || !Number.isFinite(v)) bad.add(`query.${k}`);
        else given.set(k, v);
      }
    }
  }
  if (!bad.has('query')) {
    for (const k of row.requiredQueryParams) if (given.get(k) === undefined || given.get(k) === '') bad.add(`query.${k}`);
  }
  const body = input['body'];
  if (row.body === 'none') {
    if (body !== undefined) bad.add('body*');
  } else if (body === undefined || body === null) {
    if (row.body === 'required') bad.add('body*');
  } else if (!isPlainObject(body) || !isFaithfulJson(body, 0, new Set())) {
    bad.add('body*');
  }
  if (call.headers !== undefined) {
    for (const [name, value] of Object.entries(call.headers)) {
      if (!HEADER_NAME.test(name) || typeof value !== 'string' || !HEADER_VALUE.test(value)) bad.add(`options.headers.${name}`);
    }
  }
  return bad;
}

function fieldMatches(expected: Set<string>, field: string): boolean {
  return expected.has(field) || (expected.has('body*') && (field === 'body' || field.startsWith('body.') || field.startsWith('body[')));
}

// ---------------------------------------------------------------------------------------------------
// Generated calls
// ---------------------------------------------------------------------------------------------------

type Path = ReadonlyArray<string | number>;

function pathsOf(value: unknown, prefix: Path = []): Path[] {
  if (typeof value !== 'object' || value === null) return [];
  const entries: Array<[string | number, unknown]> = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
  return entries.flatMap(([k, v]) => [[...prefix, k], ...pathsOf(v, [...prefix, k])]);
}

/** structuredClone keeps what JSON would lose, so hostile values put into the clone stay as they are. */
function setAt(root: unknown, path: Path, value: unknown): void {
  let node = root as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    if (typeof next !== 'object' || next === null) return; // an earlier mutation replaced the container
    node = next as Record<string | number, unknown>;
  }
  node[path[path.length - 1] as string | number] = value;
}

const hostileKey = fc.oneof(fc.constantFrom('', ' ', '\r\n', '😀', '\ud800', 'a.b', '[0]', 'constructor', 'toJSON', 'password'), fc.string({ maxLength: 8 }));

function bodyArbitrary(row: OperationRow, example: Record<string, unknown> | undefined): fc.Arbitrary<unknown> {
  const odd = fc.oneof(
    fc.constantFrom<unknown>(null, 'body', 42, [], [{}], true),
    wrongType,
    fc.constant(null).map(() => Object.assign(Object.create(null) as object, structuredClone(example ?? { a: 1 }))),
    fc.constant(null).map(() => {
      const cyclic: Record<string, unknown> = structuredClone(example ?? { a: 1 });
      cyclic['self'] = cyclic;
      return cyclic;
    }),
  );
  if (row.body === 'none' || example === undefined) return fc.oneof({ weight: 8, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: odd });
  const paths = pathsOf(example);
  const mutated = fc
    .tuple(
      fc.array(fc.tuple(fc.constantFrom(...paths), hostileJson), { maxLength: 3 }),
      fc.option(fc.tuple(hostileKey, hostileJson), { nil: undefined, freq: 4 }),
    )
    .map(([mutations, extra]) => {
      const body = structuredClone(example);
      for (const [path, value] of mutations) setAt(body, path, value);
      if (extra && extra[0] !== '__proto__') body[extra[0]] = extra[1];
      return body;
    });
  return fc.oneof(
    { weight: 12, arbitrary: mutated },
    { weight: 2, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: odd },
  );
}

function queryArbitrary(row: OperationRow): fc.Arbitrary<unknown> {
  if (row.queryParams.length === 0) {
    return fc.oneof({ weight: 10, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constantFrom<unknown>({ x: '1' }, 'a=b', [], null) });
  }
  const value = fc.oneof(
    { weight: 6, arbitrary: hostileString },
    { weight: 2, arbitrary: fc.constantFrom<unknown>(0, -1, 2 ** 53, 1e21, -0, 0.5, 10, 50) },
    { weight: 1, arbitrary: wrongType },
  );
  const entries = Object.fromEntries(row.queryParams.map((name) => [name, fc.option(value, { nil: undefined, freq: 2 })]));
  const known = fc.record(entries, { requiredKeys: [] });
  return fc.oneof(
    { weight: 12, arbitrary: known },
    { weight: 1, arbitrary: fc.tuple(known, fc.constantFrom('a&admin=1', 'unknown', `${row.queryParams[0]} `, 'x=y')).map(([q, k]) => ({ ...q, [k]: '1' })) },
    { weight: 1, arbitrary: fc.constantFrom<unknown>(undefined, null, 'a=b', ['a'], 5) },
  );
}

const projectOverride = fc.oneof(
  { weight: 12, arbitrary: fc.constant(undefined) },
  { weight: 3, arbitrary: fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/) },
  { weight: 3, arbitrary: hostileString },
  { weight: 1, arbitrary: wrongType },
);

const callHeaders = fc.oneof(
  { weight: 12, arbitrary: fc.constant(undefined) },
  {
    weight: 2,
    arbitrary: fc.dictionary(fc.constantFrom('X-Test', 'X-Language', 'Prefer', 'bad name', 'X\r\nY', 'é', ''), fc.oneof(hostileString, wrongType), { maxKeys: 2 }),
  },
);

/** One generated call of `row`: hostile path params, query, body and call headers (or a non-object input). */
export function callArbitrary(row: OperationRow, example: Record<string, unknown> | undefined): fc.Arbitrary<FuzzCall> {
  const pathValue = fc.oneof({ weight: 10, arbitrary: hostileString }, { weight: 2, arbitrary: wrongType });
  const path = Object.fromEntries(row.pathParams.map((name) => [name, name === 'project_id' ? projectOverride : pathValue]));
  const input = fc.record({ ...path, query: queryArbitrary(row), body: bodyArbitrary(row, example) }).map((r) => {
    // Keys whose value came out undefined are left out, as a caller would.
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(r)) if (v !== undefined) out[k] = v;
    return out;
  });
  return fc.record({
    input: fc.oneof({ weight: 30, arbitrary: input }, { weight: 1, arbitrary: fc.constantFrom<unknown>(null, 'instance', ['a'], 7) }),
    headers: callHeaders,
  });
}

// ---------------------------------------------------------------------------------------------------
// Checking what was sent
// ---------------------------------------------------------------------------------------------------

export interface RecordedCall {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** The shape `verifySignature` of @hcdr/simulator takes (a request as an HTTP server receives it). */
export interface ReceivedRequestLike {
  method: string;
  rawPath: string;
  rawQuery: string;
  headers: Record<string, string>;
  body: Buffer;
}

/** The request as the server would see it on the wire (undici sends pathname + search and adds Host). */
export function asReceived(call: RecordedCall): ReceivedRequestLike {
  const url = new URL(call.url);
  return {
    method: call.method,
    rawPath: url.pathname,
    rawQuery: url.search.replace(/^\?/, ''),
    headers: { ...call.headers, host: url.host },
    body: Buffer.from(call.body, 'utf8'),
  };
}

/** The body a faithful JSON round trip yields: only -0 differs (JSON has no negative zero). */
function withoutNegativeZero(value: unknown): unknown {
  if (Object.is(value, -0)) return 0;
  if (Array.isArray(value)) return value.map(withoutNegativeZero);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withoutNegativeZero(v)]));
  }
  return value;
}

export interface SentCheckContext {
  origin: string;
  projectId: string;
  auth: 'aksk' | 'token';
  token: string;
  verify: (request: ReceivedRequestLike) => boolean;
}

/** (a)-(e) of the client fuzz: path, query, body, headers and signature all faithful to the input. */
export function checkSent(row: OperationRow, input: Record<string, unknown>, call: RecordedCall, ctx: SentCheckContext): void {
  const url = new URL(call.url);
  expect(call.method).toBe(row.method);
  expect(url.origin).toBe(ctx.origin);
  expect(url.hash).toBe('');
  // (a) fixed segments unchanged, each parameter segment decodes to exactly the given value
  const template = row.path.split('/');
  const sent = url.pathname.split('/');
  expect(sent).toHaveLength(template.length);
  const project = typeof input['project_id'] === 'string' ? input['project_id'] : ctx.projectId;
  template.forEach((segment, i) => {
    const param = /^\{(.+)\}$/.exec(segment)?.[1];
    if (param === undefined) expect(sent[i]).toBe(segment);
    else expect(decodeURIComponent(sent[i] as string)).toBe(param === 'project_id' ? project : input[param]);
  });
  // (b) exactly the given query values, nothing else
  const query = (input['query'] ?? {}) as Record<string, unknown>;
  const expected = Object.entries(query)
    .filter(([, v]) => v !== undefined && v !== null)
    .map(([k, v]) => [k, String(v)]);
  expect([...url.searchParams.entries()].sort()).toEqual(expected.sort());
  // (c) the body parses back to the given body
  if (input['body'] === undefined || input['body'] === null) expect(call.body).toBe('');
  else expect(JSON.parse(call.body)).toEqual(withoutNegativeZero(input['body']));
  // (d) no header can split the request
  for (const [name, value] of Object.entries(call.headers)) expect(/[\r\n\0]/.test(`${name}${value}`), name).toBe(false);
  // (e) signed as the server checks it (or carries the token), for the project in the path
  if (ctx.auth === 'aksk') {
    expect(ctx.verify(asReceived(call))).toBe(true);
    expect(call.headers['x-project-id']).toBe(project);
  } else {
    expect(call.headers['x-auth-token']).toBe(ctx.token);
    expect(call.headers['authorization']).toBeUndefined();
  }
}

export interface ValidationErrorLike {
  operation: string;
  field: string;
  rule: string;
  message: string;
}

/** The either/or property for one call: refused before sending with the right field, or sent faithfully. */
export async function runFuzzCall(args: {
  operationId: string;
  row: OperationRow;
  call: FuzzCall;
  method: OperationMethod;
  calls: RecordedCall[];
  isValidationError: (e: unknown) => e is ValidationErrorLike;
  context: SentCheckContext;
}): Promise<'sent' | 'rejected'> {
  const { operationId, row, call, method, calls } = args;
  calls.length = 0;
  const expected = expectedRejections(row, call);
  let thrown: unknown;
  let failed = false;
  try {
    await method(call.input, call.headers === undefined ? undefined : { headers: call.headers });
  } catch (error) {
    thrown = error;
    failed = true;
  }
  if (expected.size > 0) {
    if (!failed) throw new Error(`${operationId}: expected a validation error naming one of ${[...expected].join(', ')}, but the call was sent`);
    if (!args.isValidationError(thrown)) throw new Error(`${operationId}: expected a validation error, got ${inspect(thrown)}`);
    expect(thrown.operation).toBe(operationId);
    expect(fieldMatches(expected, thrown.field), `field ${thrown.field} not in ${[...expected].join(', ')}`).toBe(true);
    expect(thrown.message).toContain(thrown.field);
    expect(calls).toHaveLength(0);
    return 'rejected';
  }
  if (failed) throw new Error(`${operationId}: a valid call failed: ${inspect(thrown)}`);
  expect(calls).toHaveLength(1);
  checkSent(row, call.input as Record<string, unknown>, calls[0] as RecordedCall, args.context);
  return 'sent';
}

// ---------------------------------------------------------------------------------------------------
// Secrets
// ---------------------------------------------------------------------------------------------------

/** How a secret can show up in text: as is, JSON-escaped (JSON.stringify), or as util.inspect quotes it. */
export function secretForms(secret: string): string[] {
  return [...new Set([secret, JSON.stringify(secret).slice(1, -1), inspect(secret).slice(1, -1)])];
}

/** The first place (label) where any form of any secret, or an 8-character piece of one, appears. */
export function findLeak(outputs: Record<string, string>, secrets: readonly string[]): string | undefined {
  for (const secret of secrets) {
    for (const form of secretForms(secret)) {
      const pieces = form.length <= 8 ? [form] : Array.from({ length: form.length - 7 }, (_, i) => form.slice(i, i + 8));
      for (const [label, text] of Object.entries(outputs)) {
        const piece = pieces.find((p) => text.includes(p));
        if (piece !== undefined) return `${label} contains ${JSON.stringify(piece)} of a secret`;
      }
    }
  }
  return undefined;
}

/** Every rendering of an error a user or a log pipeline could produce, cause chain included. */
export function renderings(label: string, value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  out[`${label} inspect`] = inspect(value, { depth: 10 });
  try {
    out[`${label} JSON`] = JSON.stringify(value) ?? '';
  } catch (error) {
    out[`${label} JSON`] = `unserialisable: ${String(error)}`;
  }
  let current: unknown = value;
  for (let depth = 0; current instanceof Error && depth < 8; depth++) {
    out[`${label} message[${depth}]`] = current.message;
    out[`${label} stack[${depth}]`] = current.stack ?? '';
    out[`${label} String[${depth}]`] = String(current);
    current = current.cause;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Process hygiene
// ---------------------------------------------------------------------------------------------------

/** Collects unhandled rejections while a suite runs; `stop()` returns them. */
export function watchUnhandledRejections(): { stop: () => unknown[] } {
  const seen: unknown[] = [];
  const listener = (reason: unknown) => seen.push(reason);
  process.on('unhandledRejection', listener);
  return {
    stop: () => {
      process.off('unhandledRejection', listener);
      return seen;
    },
  };
}
