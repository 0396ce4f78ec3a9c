// @ts-check
/**
 * Reading the specs the way the comparison needs them: local `$ref`s followed (keeping the node that
 * held the reference, whose sibling keywords and `x-hcdr-sdk-differences` count too), open enums
 * (`anyOf: [{enum}, {type: string}]` + `x-open-enum`) seen as one string type with known values.
 *
 * @typedef {Record<string, any>} OpenApiDocument
 * @typedef {{
 *   type?: string;
 *   format?: string;
 *   enum?: Array<string | number>;
 *   openEnum: boolean;
 *   properties?: Record<string, any>;
 *   required: string[];
 *   items?: any;
 *   additionalProperties?: unknown;
 *   nodes: any[];
 * }} SpecView
 *   `nodes` are every node on the way (the referencing node first), for declarations.
 */

/**
 * @param {OpenApiDocument} doc
 * @param {string} ref
 */
export function resolvePointer(doc, ref) {
  if (!ref.startsWith('#/')) throw new Error(`only local references are supported: ${ref}`);
  /** @type {any} */
  let node = doc;
  for (const raw of ref.slice(2).split('/')) {
    node = node?.[raw.replace(/~1/g, '/').replace(/~0/g, '~')];
    if (node === undefined) throw new Error(`unresolved reference ${ref}`);
  }
  return node;
}

/**
 * Follows `$ref`s and returns every node on the way, the referencing node first.
 * @param {OpenApiDocument} doc
 * @param {any} node
 * @returns {any[]}
 */
export function refChain(doc, node) {
  const chain = [node];
  let current = node;
  while (current && typeof current === 'object' && typeof current.$ref === 'string') {
    if (chain.length > 32) throw new Error(`reference cycle at ${node.$ref}`);
    current = resolvePointer(doc, current.$ref);
    chain.push(current);
  }
  return chain;
}

/**
 * @param {OpenApiDocument} doc
 * @param {any} node
 */
export function deref(doc, node) {
  const chain = refChain(doc, node);
  return chain[chain.length - 1];
}

/**
 * @param {OpenApiDocument} doc
 * @param {any} node a schema or a `$ref` to one
 * @returns {SpecView}
 */
export function viewSchema(doc, node) {
  const nodes = refChain(doc, node);
  const target = nodes[nodes.length - 1] ?? {};
  /** @type {SpecView} */
  const view = { openEnum: false, required: [], nodes };
  // Sibling keywords next to a `$ref` (OpenAPI 3.1) refine the target; the nearest one wins.
  for (const n of [...nodes].reverse()) {
    for (const key of /** @type {const} */ (['type', 'format', 'enum', 'items', 'additionalProperties'])) {
      if (n[key] !== undefined) view[key] = n[key];
    }
    if (n.properties) view.properties = { ...(view.properties ?? {}), ...n.properties };
    if (Array.isArray(n.required)) view.required = [...new Set([...view.required, ...n.required])];
  }
  const branches = target.anyOf ?? target.oneOf;
  if (Array.isArray(branches) && !view.type) {
    const resolved = branches.map((b) => deref(doc, b));
    const withEnum = resolved.find((b) => Array.isArray(b.enum));
    const free = resolved.find((b) => !b.enum && b.type && b.type !== 'object');
    if (withEnum && free && withEnum.type === free.type) {
      view.type = free.type;
      view.enum = withEnum.enum;
      view.openEnum = true;
    } else {
      view.type = 'anyOf';
    }
  }
  if (!view.type && view.properties) view.type = 'object';
  return view;
}

/**
 * Every `x-hcdr-sdk-differences` entry in a document, for the stale-declaration check.
 * @param {any} node
 * @param {string} [pointer]
 * @returns {Array<{ pointer: string; entry: any }>}
 */
export function allDeclarations(node, pointer = '#') {
  /** @type {Array<{ pointer: string; entry: any }>} */
  const out = [];
  if (!node || typeof node !== 'object') return out;
  for (const [key, value] of Object.entries(node)) {
    const here = `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    if (key === 'x-hcdr-sdk-differences' && Array.isArray(value)) {
      for (const entry of value) out.push({ pointer: here, entry });
    } else {
      out.push(...allDeclarations(value, here));
    }
  }
  return out;
}
