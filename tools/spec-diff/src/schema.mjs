// @ts-check
// Reading OpenAPI 3.1 schemas the way a generated TypeScript type sees them:
// local $refs resolved (3.1 allows sibling keywords next to $ref), allOf merged,
// `anyOf: [X, {type: "null"}]` unwrapped to X + nullable, type sets and enums extracted.
import { resolvePointer } from '../../spec-tools/src/load-spec.mjs';

/**
 * @typedef {Record<string, any>} Json
 * @typedef {{ schema: Json; refs: string[]; nullable: boolean }} SchemaView
 * @typedef {{ values: unknown[]; open: boolean }} EnumInfo
 */

/**
 * Follows local `$ref`s. Keywords written next to a `$ref` win over the target's (3.1 semantics).
 * @param {Json} doc
 * @param {any} node
 * @returns {{ node: any; refs: string[] }}
 */
export function resolveRef(doc, node) {
  /** @type {string[]} */
  const refs = [];
  /** @type {Json} */
  let overlay = {};
  let current = node;
  while (current && typeof current === 'object' && typeof current.$ref === 'string') {
    const { $ref, ...siblings } = current;
    if (refs.includes($ref) || refs.length > 32) throw new Error(`reference cycle at ${$ref}`);
    refs.push($ref);
    overlay = { ...siblings, ...overlay };
    current = resolvePointer(doc, $ref);
  }
  if (Object.keys(overlay).length > 0 && current && typeof current === 'object') current = { ...current, ...overlay };
  return { node: current, refs };
}

const NULL_BRANCH = (/** @type {any} */ s) => s && typeof s === 'object' && (s.type === 'null' || (Array.isArray(s.type) && s.type.length === 1 && s.type[0] === 'null'));

/**
 * The schema as its generated type sees it.
 * @param {Json} doc
 * @param {any} node
 * @returns {SchemaView}
 */
export function view(doc, node) {
  if (node === undefined || node === true) return { schema: {}, refs: [], nullable: false };
  if (node === false) return { schema: { not: {} }, refs: [], nullable: false };
  const { node: resolved, refs } = resolveRef(doc, node);
  if (!resolved || typeof resolved !== 'object') return { schema: {}, refs, nullable: false };
  let schema = mergeAllOf(doc, resolved);
  let nullable = schema.nullable === true;

  // `anyOf: [X, {type: null}]` (or a single-branch union): the type is X, possibly null.
  const key = Array.isArray(schema.anyOf) ? 'anyOf' : Array.isArray(schema.oneOf) ? 'oneOf' : null;
  if (key && !schema.properties && !schema.type && !schema.enum && schema.const === undefined) {
    const branches = /** @type {any[]} */ (schema[key]);
    const nonNull = branches.filter((b) => !NULL_BRANCH(resolveRef(doc, b).node));
    if (nonNull.length === 1 && !enumBranches(doc, branches)) {
      const inner = view(doc, nonNull[0]);
      const { [key]: _dropped, ...outer } = schema;
      schema = { ...inner.schema, ...outer };
      nullable = nullable || inner.nullable || nonNull.length !== branches.length;
      refs.push(...inner.refs);
    }
  }
  return { schema, refs, nullable };
}

/**
 * @param {Json} doc
 * @param {Json} schema
 * @returns {Json}
 */
function mergeAllOf(doc, schema) {
  if (!Array.isArray(schema.allOf)) return schema;
  const { allOf, ...own } = schema;
  /** @type {Json} */
  const merged = { ...own };
  /** @type {Json} */
  const properties = { ...(own.properties ?? {}) };
  const required = new Set(/** @type {string[]} */ (own.required ?? []));
  for (const member of allOf) {
    const m = view(doc, member).schema;
    for (const [name, prop] of Object.entries(m.properties ?? {})) if (!(name in properties)) properties[name] = prop;
    for (const r of m.required ?? []) required.add(r);
    for (const [k, v] of Object.entries(m)) {
      if (k === 'properties' || k === 'required') continue;
      if (merged[k] === undefined) merged[k] = v;
    }
  }
  if (Object.keys(properties).length > 0) merged.properties = properties;
  if (required.size > 0) merged.required = [...required];
  return merged;
}

/** @param {unknown} value */
export function jsonType(value) {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/**
 * The JSON types a schema admits; null = anything (no type information).
 * @param {Json} doc
 * @param {SchemaView} v
 * @returns {Set<string> | null}
 */
export function typeSet(doc, v) {
  const s = v.schema;
  /** @type {Set<string> | null} */
  let set = null;
  if (typeof s.type === 'string') set = new Set([s.type]);
  else if (Array.isArray(s.type)) set = new Set(s.type);
  else if (s.const !== undefined) set = new Set([jsonType(s.const)]);
  else if (Array.isArray(s.enum)) set = new Set(s.enum.map(jsonType));
  else if (Array.isArray(s.anyOf) || Array.isArray(s.oneOf)) {
    set = new Set();
    for (const branch of s.anyOf ?? s.oneOf) {
      const t = typeSet(doc, view(doc, branch));
      if (t === null) return null;
      for (const x of t) set.add(x);
    }
  } else if (s.properties || s.additionalProperties !== undefined) set = new Set(['object']);
  else if (s.items) set = new Set(['array']);
  if (set && v.nullable) set.add('null');
  return set;
}

/**
 * Does `outer` admit every type `inner` admits? (`integer` is a `number`.)
 * @param {Set<string> | null} outer
 * @param {Set<string> | null} inner
 */
export function typeCovers(outer, inner) {
  if (outer === null) return true;
  if (inner === null) return false;
  for (const t of inner) if (!outer.has(t) && !(t === 'integer' && outer.has('number'))) return false;
  return true;
}

/**
 * Is the schema an enum? `enum`, `const`, or an anyOf/oneOf of enum/const branches, optionally with
 * a bare `{type: string}` branch (an open enum, as the specs' README prescribes) or `x-open-enum: true`.
 * @param {Json} doc
 * @param {Json} s
 * @returns {EnumInfo | null}
 */
export function enumInfo(doc, s) {
  const open = s['x-open-enum'] === true;
  if (Array.isArray(s.enum)) return { values: s.enum, open };
  if (s.const !== undefined) return { values: [s.const], open };
  const branches = Array.isArray(s.anyOf) ? s.anyOf : Array.isArray(s.oneOf) ? s.oneOf : null;
  if (!branches) return null;
  const info = enumBranches(doc, branches);
  return info ? { values: info.values, open: open || info.open } : null;
}

/**
 * @param {Json} doc
 * @param {any[]} branches
 * @returns {EnumInfo | null}
 */
function enumBranches(doc, branches) {
  /** @type {unknown[]} */
  const values = [];
  let open = false;
  let sawEnum = false;
  for (const branch of branches) {
    const b = resolveRef(doc, branch).node;
    if (!b || typeof b !== 'object') return null;
    if (Array.isArray(b.enum)) {
      values.push(...b.enum);
      sawEnum = true;
    } else if (b.const !== undefined) {
      values.push(b.const);
      sawEnum = true;
    } else if (NULL_BRANCH(b)) {
      values.push(null);
    } else if (isBareType(b)) {
      open = true;
    } else {
      return null;
    }
  }
  return sawEnum ? { values, open } : null;
}

/** @param {Json} s a schema with a type and nothing that restricts or shapes values */
function isBareType(s) {
  if (s.type === undefined) return false;
  const shaping = ['properties', 'items', 'enum', 'const', 'anyOf', 'oneOf', 'allOf', 'pattern', 'additionalProperties'];
  return !shaping.some((k) => s[k] !== undefined);
}

/**
 * Non-null anyOf/oneOf branches of a real (non-enum) union, or null.
 * @param {Json} doc
 * @param {Json} s
 */
export function unionBranches(doc, s) {
  const branches = Array.isArray(s.anyOf) ? s.anyOf : Array.isArray(s.oneOf) ? s.oneOf : null;
  if (!branches || enumInfo(doc, s)) return null;
  return /** @type {any[]} */ (branches).filter((b) => !NULL_BRANCH(resolveRef(doc, b).node));
}
