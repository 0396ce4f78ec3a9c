// @ts-check
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { documentedValues, valuesFor } from './extract-go.mjs';

/**
 * Extracts the facts of one service from an official Node.js SDK package (e.g. the npm tarball of
 * `@huaweicloud/huaweicloud-sdk-gaussdbfornosql`): the client's `ParamCreater` gives method, URL,
 * content type, parameter locations and which parameters throw `RequiredError`; `model/*.d.ts` gives
 * wire names (the property names), types (the `with<Name>(x: T)` setters, in property order),
 * required-ness (constructor parameters) and enums (`export declare enum`).
 *
 * @typedef {import('./facts.mjs').Facts} Facts
 * @typedef {import('./facts.mjs').FactSchema} FactSchema
 * @typedef {import('./facts.mjs').FactField} FactField
 * @typedef {import('./facts.mjs').FactOperation} FactOperation
 * @typedef {{ wire: string; camel: string; tsType: string; required: boolean }} NodeProp
 * @typedef {{ props: NodeProp[]; enums: Map<string, Array<string | number>> }} NodeClass
 */

/**
 * @param {string} versionDir the package's API version directory, e.g. `package/v3`
 * @param {string} clientName e.g. `GaussDBforNoSQLClient`
 * @param {Iterable<string>} methods SDK method names to extract (camelCase)
 * @param {import('./facts.mjs').FactSource} source
 * @returns {Facts}
 */
export function extractNode(versionDir, clientName, methods, source) {
  const clientJs = readFileSync(path.join(versionDir, `${clientName}.js`), 'utf8');
  const clientDts = readFileSync(path.join(versionDir, `${clientName}.d.ts`), 'utf8');
  /** @param {string} name */
  const readModel = (name) => readFileSync(path.join(versionDir, 'model', `${name}.d.ts`), 'utf8');
  return extractNodeFromText(clientJs, clientDts, readModel, methods, source);
}

/**
 * @param {string} clientJs
 * @param {string} clientDts
 * @param {(name: string) => string} readModel returns the `.d.ts` text of a model class
 * @param {Iterable<string>} methods
 * @param {import('./facts.mjs').FactSource} source
 * @returns {Facts}
 */
export function extractNodeFromText(clientJs, clientDts, readModel, methods, source) {
  /** @type {Map<string, NodeClass>} */
  const classes = new Map();
  /** @param {string} name */
  const loadClass = (name) => {
    let cls = classes.get(name);
    if (!cls) {
      cls = parseDeclaredClass(readModel(name), name);
      classes.set(name, cls);
    }
    return cls;
  };

  /** @type {Record<string, import('./facts.mjs').FactModel>} */
  const models = {};
  /** @param {string} tsType @param {NodeClass} owner @returns {FactSchema} */
  const toSchema = (tsType, owner) => {
    const t = tsType.trim();
    const array = /^Array<(.+)>$/.exec(t);
    if (array) return { type: 'array', items: toSchema(array[1] ?? 'any', owner) };
    const union = /^(\w+) \| string$/.exec(t);
    if (union) {
      const values = owner.enums.get(union[1] ?? '');
      if (!values) throw new Error(`enum ${union[1]} not declared next to its class`);
      return { type: typeof values[0] === 'number' ? 'number' : 'string', enum: values };
    }
    if (/^\{ \[key: string\]: (.+); \}$/.test(t)) {
      const value = /^\{ \[key: string\]: (.+); \}$/.exec(t)?.[1] ?? 'any';
      return { type: 'object', additionalProperties: toSchema(value, owner) };
    }
    const primitive = NODE_PRIMITIVES[t];
    if (primitive) return { ...primitive };
    if (/^[A-Z]\w*$/.test(t)) {
      if (!models[t]) {
        models[t] = { fields: [] }; // placeholder first: models may be recursive
        const cls = loadClass(t);
        models[t] = { fields: cls.props.map((p) => toField(p, cls)) };
      }
      return { model: t };
    }
    throw new Error(`unknown TypeScript type ${tsType}`);
  };
  /** @param {NodeProp} p @param {NodeClass} owner @returns {FactField} */
  const toField = (p, owner) => ({ name: p.wire, required: p.required, schema: toSchema(p.tsType, owner) });

  /** @type {Record<string, FactOperation>} */
  const operations = {};
  for (const method of methods) {
    const creater = parseParamCreater(clientJs, method);
    const requestClass = /** @type {string} */ (capitalize(method) + 'Request');
    const responseClass = new RegExp(`^    ${method}\\(\\w+\\?: \\w+\\): Promise<(\\w+)>;`, 'm').exec(clientDts)?.[1];
    if (!responseClass) throw new Error(`${method}: response type not found in the client declaration`);
    const request = loadClass(requestClass);
    const byWire = new Map(request.props.map((p) => [p.wire, p]));
    const paramDocs = parseParamDocs(clientDts, method);
    /** @type {FactOperation} */
    const op = { sdkName: method, method: creater.method, path: creater.url, params: [] };
    if (creater.contentType) op.contentType = creater.contentType;
    for (const param of creater.params) {
      const prop = byWire.get(param.wire);
      if (!prop) throw new Error(`${method}: parameter ${param.wire} is not a property of ${requestClass}`);
      const schema = toSchema(prop.tsType, request);
      const doc = paramDocs.get(prop.camel);
      const values = valuesFor(schema, doc ? documentedValues(doc) : undefined);
      if (values) schema.documented = values;
      op.params.push({
        name: param.wire,
        in: param.in,
        required: creater.required.has(prop.camel),
        schema,
        ...(doc ? { doc } : {}),
      });
    }
    if (creater.hasBody) {
      const body = byWire.get('body');
      if (!body) throw new Error(`${method}: sends a body but ${requestClass} has no body property`);
      op.body = { required: creater.required.has('body'), schema: toSchema(body.tsType, request) };
    }
    const response = loadClass(responseClass);
    models[responseClass] = { fields: response.props.map((p) => toField(p, response)) };
    op.response = { schema: { model: responseClass }, headers: [] };
    operations[capitalize(method)] = op;
  }
  return { source, operations, models };
}

/** @type {Record<string, FactSchema>} */
const NODE_PRIMITIVES = {
  string: { type: 'string' },
  number: { type: 'number' },
  boolean: { type: 'boolean' },
  object: { type: 'object' },
  any: { type: 'any' },
  Date: { type: 'string', format: 'date-time' },
};

/** @param {string} s */
function capitalize(s) {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/**
 * Reads `export declare class Name { ... }` and the enums declared in the same file.
 * Property i is paired with setter i (`with<Name>(x: T)`): both are emitted in field order.
 * @param {string} dts
 * @param {string} name
 * @returns {NodeClass}
 */
export function parseDeclaredClass(dts, name) {
  const body = new RegExp(`export declare class ${name}(?: extends \\w+)? \\{\\n([\\s\\S]*?)\\n\\}`).exec(dts)?.[1];
  if (body === undefined) throw new Error(`class ${name} not found`);
  const lines = body.split('\n').map((l) => l.trim());
  const ctorAt = lines.findIndex((l) => l.startsWith('constructor('));
  const propLines = lines.slice(0, ctorAt < 0 ? lines.length : ctorAt).filter((l) => /^(private )?('[^']+'|\w+)\??(: .+)?;$/.test(l));
  const wires = propLines.map((l) => /^(?:private )?'?([^'?:;]+)'?/.exec(l)?.[1] ?? '');
  const ctorParams = new Set(
    [...(/^constructor\((.*)\);$/.exec(lines[ctorAt] ?? '')?.[1] ?? '').matchAll(/(\w+)\??:/g)].map((m) => m[1] ?? ''),
  );
  const setters = [...body.matchAll(/^\s*with\w+\((\w+): (.+)\): \w+;$/gm)].map((m) => ({ camel: m[1] ?? '', tsType: m[2] ?? '' }));
  if (setters.length !== wires.length) {
    throw new Error(`class ${name}: ${wires.length} properties but ${setters.length} setters`);
  }
  /** @type {Map<string, Array<string | number>>} */
  const enums = new Map();
  for (const m of dts.matchAll(/export declare enum (\w+) \{\n([\s\S]*?)\n\}/g)) {
    const values = [...(m[2] ?? '').matchAll(/=\s*("(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?)/g)].map((v) => JSON.parse(v[1] ?? '""'));
    enums.set(m[1] ?? '', values);
  }
  return {
    props: wires.map((wire, i) => {
      const setter = setters[i] ?? { camel: '', tsType: 'any' };
      return { wire, camel: setter.camel, tsType: setter.tsType, required: ctorParams.has(setter.camel) };
    }),
    enums,
  };
}

/**
 * @typedef {{ method: string; url: string; contentType?: string; hasBody: boolean; required: Set<string>;
 *   params: Array<{ wire: string; in: 'path' | 'query' | 'header' }> }} ParamCreaterFacts
 * @param {string} js
 * @param {string} method
 * @returns {ParamCreaterFacts}
 */
export function parseParamCreater(js, method) {
  const start = js.indexOf(`\n        ${method}(${method}Request) {\n            const options = {`);
  if (start < 0) throw new Error(`${method}: not found in ParamCreater`);
  const end = js.indexOf('\n        },', start);
  const block = js.slice(start, end);
  const httpMethod = /method: "(\w+)"/.exec(block)?.[1];
  const url = /url: "([^"]+)"/.exec(block)?.[1];
  if (!httpMethod || !url) throw new Error(`${method}: method or url not found`);
  /** @type {Map<string, string>} camel variable -> wire name */
  const wireOf = new Map([...block.matchAll(/(\w+) = \w+Request\['([^']+)'\];/g)].map((m) => [m[1] ?? '', m[2] ?? '']));
  /** @type {ParamCreaterFacts['params']} */
  const params = [];
  for (const m of block.matchAll(/localVarQueryParameter\['([^']+)'\] = /g)) params.push({ wire: m[1] ?? '', in: 'query' });
  for (const m of block.matchAll(/localVarHeaderParameter\['([^']+)'\] = String\((\w+)\)/g)) {
    params.push({ wire: wireOf.get(m[2] ?? '') ?? m[1] ?? '', in: 'header' });
  }
  const pathParams = /options\.pathParams = \{([^}]*)\}/.exec(block)?.[1] ?? '';
  for (const m of pathParams.matchAll(/'([^']+)':/g)) params.push({ wire: m[1] ?? '', in: 'path' });
  /** @type {ParamCreaterFacts} */
  const facts = {
    method: httpMethod,
    url,
    hasBody: /options\.data = body/.test(block),
    required: new Set([...block.matchAll(/throw new RequiredError\('(\w+)'/g)].map((m) => m[1] ?? '')),
    params,
  };
  const contentType = /contentType: "([^"]+)"/.exec(block)?.[1];
  if (contentType) facts.contentType = contentType;
  return facts;
}

/**
 * The `@param {type} [name] text` lines of a client method's JSDoc (the only field comments the Node.js
 * SDK ships), by camelCase parameter name.
 * @param {string} clientDts
 * @param {string} method
 * @returns {Map<string, string>}
 */
export function parseParamDocs(clientDts, method) {
  const at = clientDts.search(new RegExp(`\\n    ${method}\\(\\w+\\?: \\w+\\): Promise<`));
  /** @type {Map<string, string>} */
  const docs = new Map();
  if (at < 0) return docs;
  const open = clientDts.lastIndexOf('/**', at);
  const block = clientDts.slice(open, at);
  for (const m of block.matchAll(/@param \{[^}]*\} \[?(\w+)\]? (.*)/g)) {
    docs.set(m[1] ?? '', (m[2] ?? '').replace(/\\&quot;/g, '"').replace(/&quot;/g, '"').trim());
  }
  return docs;
}
