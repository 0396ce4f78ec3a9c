// Validates one operation call before anything is sent. Every value must either reach the server
// exactly as given or be refused here with a HuaweiCloudValidationError naming the field: openapi-fetch
// would otherwise coerce it silently (an object path param becomes "[object Object]", NaN in a body
// becomes null, an unknown query key is sent unencoded) or crash with a raw TypeError/URIError.
import { HuaweiCloudValidationError } from '../errors/validation-error.js';
import type { OperationDescriptor } from './operation-types.js';

/** What the spec allows for `project_id` (also sent as the X-Project-Id header, so it must be header-safe). */
const PROJECT_ID = /^[A-Za-z0-9_-]{1,64}$/;
/** With the `u` flag only unpaired surrogates match; encodeURIComponent throws a URIError on them. */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;
/** RFC 9110 token characters, as `Headers` accepts for a name. */
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** What `Headers` accepts in a value: no CR/LF/NUL (request splitting), nothing beyond Latin-1. */
const SAFE_HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;
/** Deeper bodies are certainly a mistake, and recursion this deep would overflow JSON.stringify. */
const MAX_BODY_DEPTH = 64;

export type QueryValue = string | number;

export interface CheckedInput {
  path: Record<string, string>;
  /** Only the given values (undefined and null mean "not given" and are dropped). */
  query: Record<string, QueryValue> | undefined;
  body: unknown;
  headers: Record<string, string> | undefined;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

export function checkInput(
  operation: string,
  descriptor: OperationDescriptor,
  rawInput: unknown,
  rawHeaders: unknown,
  projectId: string,
): CheckedInput {
  const fail = (field: string, rule: string): never => {
    throw new HuaweiCloudValidationError({ operation, field, rule });
  };
  if (rawInput !== undefined && !isPlainObject(rawInput)) fail('input', 'must be an object');
  const input = (rawInput ?? {}) as Record<string, unknown>;

  const path: Record<string, string> = {};
  for (const name of descriptor.pathParams) {
    const given = input[name];
    const value = name === 'project_id' && (given === undefined || given === null) ? projectId : given;
    if (typeof value !== 'string' || value.trim() === '') fail(name, 'is required and must be a non-empty string');
    const text = value as string;
    // Percent-encoding leaves these intact and URL parsing would then resolve them, sending the
    // call to a different path (e.g. `/instances/../instance-role` is `/instance-role`).
    if (text === '.' || text === '..') fail(name, 'must not be "." or ".." (it would change the request path)');
    if (LONE_SURROGATE.test(text)) fail(name, 'must be well-formed Unicode (it contains an unpaired surrogate)');
    // Sent as %2F, but gateways and the official signers decode the path before splitting it, so the
    // server would route (and check the signature of) a different path. No resource ID contains one.
    if (text.includes('/')) fail(name, 'must not contain "/" (an encoded slash is still a path separator to the server)');
    if (name === 'project_id' && given !== undefined && !PROJECT_ID.test(text)) {
      fail(name, 'must be 1-64 letters, digits, "_" or "-" (an IAM project ID)');
    }
    path[name] = text;
  }

  const query = checkQuery(descriptor, input['query'], fail);
  const body = checkBody(descriptor, input['body'], fail);
  const headers = checkHeaders(rawHeaders, fail);
  return { path, query, body, headers };
}

type Fail = (field: string, rule: string) => never;

function checkQuery(descriptor: OperationDescriptor, raw: unknown, fail: Fail): Record<string, QueryValue> | undefined {
  const query: Record<string, QueryValue> = {};
  if (raw !== undefined && raw !== null) {
    if (!isPlainObject(raw)) fail('query', 'must be an object');
    for (const [name, value] of Object.entries(raw as Record<string, unknown>)) {
      const field = `query.${name}`;
      // openapi-fetch writes query names unencoded, so an unknown name could add parameters of its own.
      if (!descriptor.queryParams.includes(name)) fail(field, 'is not a query parameter of this operation');
      if (value === undefined || value === null) continue;
      if (typeof value === 'string') {
        if (LONE_SURROGATE.test(value)) fail(field, 'must be well-formed Unicode (it contains an unpaired surrogate)');
        query[name] = value;
      } else if (typeof value === 'number') {
        if (!Number.isFinite(value)) fail(field, 'must be a finite number');
        query[name] = value;
      } else {
        fail(field, 'must be a string or a number');
      }
    }
  }
  for (const name of descriptor.requiredQueryParams) {
    if (query[name] === undefined || query[name] === '') fail(`query.${name}`, 'is required');
  }
  return Object.keys(query).length ? query : undefined;
}

function checkBody(descriptor: OperationDescriptor, body: unknown, fail: Fail): unknown {
  if (descriptor.body === 'none') {
    // A GET would fail with a raw TypeError; a POST would send a body the API does not define.
    if (body !== undefined) fail('body', 'is not accepted by this operation (it has no request body)');
    return undefined;
  }
  if (body === undefined || body === null) {
    if (descriptor.body === 'required') fail('body', 'is required');
    return undefined;
  }
  if (!isPlainObject(body)) fail('body', 'must be a JSON object');
  checkJsonValue(body, 'body', 0, new Set(), fail);
  return body;
}

/** Everything JSON.stringify would drop, coerce or choke on is refused, so the server gets what was given. */
function checkJsonValue(value: unknown, field: string, depth: number, ancestors: Set<object>, fail: Fail): void {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return;
    case 'number':
      if (!Number.isFinite(value)) fail(field, 'must be a finite number (JSON would send null for NaN or Infinity)');
      return;
    case 'bigint':
      fail(field, 'must be a number, not a BigInt (JSON cannot encode it)');
      return;
    case 'undefined':
      fail(field, 'must not be undefined inside an array (JSON would send null)');
      return;
    case 'symbol':
    case 'function':
      fail(field, `must be JSON data, not a ${typeof value}`);
      return;
  }
  if (value === null) return;
  const object = value as object;
  if (depth >= MAX_BODY_DEPTH) fail(field, `is nested more than ${MAX_BODY_DEPTH} levels deep`);
  if (ancestors.has(object)) fail(field, 'must not contain a circular reference');
  ancestors.add(object);
  if (Array.isArray(object)) {
    // Index loop, not forEach: holes of a sparse array must be seen (JSON sends them as null).
    for (let i = 0; i < object.length; i++) checkJsonValue(object[i], `${field}[${i}]`, depth + 1, ancestors, fail);
  } else if (isPlainObject(object)) {
    for (const [key, child] of Object.entries(object)) {
      // An undefined property is simply left out, the usual way to omit an optional field.
      if (child !== undefined) checkJsonValue(child, `${field}.${key}`, depth + 1, ancestors, fail);
    }
  } else {
    fail(field, 'must be a plain object, an array or a JSON primitive (a Date, Map or class instance would be sent as something else)');
  }
  ancestors.delete(object);
}

function checkHeaders(raw: unknown, fail: Fail): Record<string, string> | undefined {
  if (raw === undefined) return undefined;
  if (!isPlainObject(raw)) fail('options.headers', 'must be an object of header names to string values');
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw as Record<string, unknown>)) {
    const field = `options.headers.${name}`;
    if (!HEADER_NAME.test(name)) fail(field, 'is not a valid header name');
    if (typeof value !== 'string') fail(field, 'must be a string');
    if (!SAFE_HEADER_VALUE.test(value as string)) fail(field, 'must contain only printable Latin-1 characters (no CR, LF or NUL)');
    headers[name] = value as string;
  }
  return headers;
}
