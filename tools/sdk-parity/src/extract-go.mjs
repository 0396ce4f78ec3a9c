// @ts-check
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Extracts the facts of one service from huaweicloud-sdk-go-v3 (`services/<svc>/<ver>`):
 * `*_meta.go` gives method, path, content type and the location of every request field;
 * `model/*.go` gives wire names (json tags), Go types, required-ness (a non-pointer field without
 * `omitempty`) and enum types (a `struct { value T }` with a `Get<Name>Enum()` table).
 *
 * @typedef {import('./facts.mjs').Facts} Facts
 * @typedef {import('./facts.mjs').FactSchema} FactSchema
 * @typedef {import('./facts.mjs').FactField} FactField
 * @typedef {import('./facts.mjs').FactOperation} FactOperation
 * @typedef {{ goName: string; goType: string; tag: string; doc: string }} GoField
 */

/**
 * @param {string} serviceDir directory holding `*_meta.go` and `model/`
 * @param {import('./facts.mjs').FactSource} source
 * @returns {Facts}
 */
export function extractGo(serviceDir, source) {
  const metaFile = readdirSync(serviceDir).find((f) => f.endsWith('_meta.go'));
  if (!metaFile) throw new Error(`no *_meta.go in ${serviceDir}`);
  const modelDir = path.join(serviceDir, 'model');
  const sources = readdirSync(modelDir)
    .filter((f) => f.endsWith('.go'))
    .map((f) => readFileSync(path.join(modelDir, f), 'utf8'));
  return extractGoFromText(readFileSync(path.join(serviceDir, metaFile), 'utf8'), sources, source);
}

/**
 * @param {string} meta text of `*_meta.go`
 * @param {string[]} modelSources texts of the model files
 * @param {import('./facts.mjs').FactSource} source
 * @returns {Facts}
 */
export function extractGoFromText(meta, modelSources, source) {
  const structs = new Map(/** @type {Array<[string, GoField[]]>} */ ([]));
  const enums = new Map(/** @type {Array<[string, { base: string; values: Array<string | number> }]>} */ ([]));
  for (const text of modelSources) {
    for (const [name, fields] of parseStructs(text)) structs.set(name, fields);
    for (const [name, e] of parseEnums(text)) enums.set(name, e);
  }

  /** @type {Record<string, import('./facts.mjs').FactModel>} */
  const models = {};
  /** @param {string} goType @returns {FactSchema} */
  const toSchema = (goType) => {
    const t = goType.replace(/^\*/, '');
    if (t.startsWith('[]')) return { type: 'array', items: toSchema(t.slice(2)) };
    const map = /^map\[string\](.+)$/.exec(t);
    if (map) return { type: 'object', additionalProperties: toSchema(map[1] ?? 'interface{}') };
    const primitive = GO_PRIMITIVES[t];
    if (primitive) return { ...primitive };
    const e = enums.get(t);
    if (e) return { ...(GO_PRIMITIVES[e.base] ?? { type: 'string' }), enum: e.values };
    if (structs.has(t)) {
      if (!models[t]) {
        models[t] = { fields: [] }; // placeholder first: models may be recursive
        models[t] = { fields: (structs.get(t) ?? []).filter((f) => f.tag !== '-').map(toField) };
      }
      return { model: t };
    }
    throw new Error(`unknown Go type ${goType}`);
  };
  /** @param {GoField} f @returns {FactField} */
  const toField = (f) => {
    const schema = toSchema(f.goType);
    const values = valuesFor(schema, documentedValues(f.doc));
    if (values) schema.documented = values;
    return { name: tagName(f.tag), required: isRequired(f), schema, ...(f.doc ? { doc: f.doc } : {}) };
  };

  /** @type {Record<string, FactOperation>} */
  const operations = {};
  for (const def of parseMeta(meta)) {
    const requestFields = structs.get(`${def.name}Request`) ?? [];
    const byGoName = new Map(requestFields.map((f) => [f.goName, f]));
    /** @type {FactOperation} */
    const op = { sdkName: def.name, method: def.method, path: def.path, params: [] };
    if (def.contentType) op.contentType = def.contentType;
    for (const rf of def.requestFields) {
      const field = byGoName.get(rf.name);
      if (!field) throw new Error(`${def.name}: request field ${rf.name} has no struct field`);
      if (rf.location === 'Body') {
        // Go declares every body as `*Model` + omitempty, so it says nothing about required-ness.
        op.body = { schema: toSchema(field.goType) };
        continue;
      }
      const where = /** @type {const} */ ({ Path: 'path', Query: 'query', Header: 'header' })[rf.location];
      if (!where) throw new Error(`${def.name}: unsupported location ${rf.location}`);
      op.params.push({ ...toField(field), ...(rf.jsonTag ? { name: rf.jsonTag } : {}), in: where });
    }
    const responseFields = structs.get(def.response) ?? [];
    const headerNames = new Set(def.responseFields.filter((f) => f.location === 'Header').map((f) => f.name));
    const bodyField = def.responseFields.find((f) => f.location === 'Body');
    const headers = responseFields.filter((f) => headerNames.has(f.goName)).map(toField);
    if (bodyField) {
      const field = responseFields.find((f) => f.goName === bodyField.name);
      if (!field) throw new Error(`${def.name}: response body field ${bodyField.name} has no struct field`);
      op.response = { schema: toSchema(field.goType), headers };
    } else {
      const own = responseFields.filter((f) => f.tag !== '-' && !headerNames.has(f.goName));
      models[def.response] = { fields: own.map(toField) };
      op.response = { schema: { model: def.response }, headers };
    }
    operations[def.name] = op;
  }
  return { source, operations, models };
}

/**
 * Documented values kept for strings and numbers (typed), not for booleans or where an enum type exists.
 * @param {FactSchema} schema
 * @param {Array<string | number> | undefined} values
 * @returns {Array<string | number> | undefined}
 */
export function valuesFor(schema, values) {
  if (!values || schema.enum) return undefined;
  if (schema.type === 'string') return values.map(String);
  if (schema.type === 'integer' || schema.type === 'number') {
    const numbers = values.map(Number);
    return numbers.every(Number.isFinite) ? numbers : undefined;
  }
  return undefined;
}

/** @type {Record<string, FactSchema>} */
const GO_PRIMITIVES = {
  string: { type: 'string' },
  bool: { type: 'boolean' },
  int32: { type: 'integer', format: 'int32' },
  int: { type: 'integer', format: 'int32' },
  int64: { type: 'integer', format: 'int64' },
  float32: { type: 'number', format: 'float' },
  float64: { type: 'number', format: 'double' },
  'interface{}': { type: 'any' },
  'sdktime.SdkTime': { type: 'string', format: 'date-time' },
};

/**
 * A Go field is required when its tag has no `omitempty`: the generator also uses pointers for required
 * nested models (`Datastore *X \`json:"datastore"\``), so the pointer alone says nothing.
 * @param {GoField} f
 */
function isRequired(f) {
  return !f.tag.includes(',omitempty');
}

/** @param {string} tag */
function tagName(tag) {
  return tag.split(',')[0] ?? tag;
}

/**
 * @param {string} text
 * @returns {Array<[string, GoField[]]>}
 */
export function parseStructs(text) {
  /** @type {Array<[string, GoField[]]>} */
  const out = [];
  for (const m of text.matchAll(/^type (\w+) struct \{\n([\s\S]*?)^\}/gm)) {
    const body = m[2] ?? '';
    /** @type {GoField[]} */
    const fields = [];
    let doc = [];
    for (const line of body.split('\n')) {
      const trimmed = line.trim();
      if (trimmed.startsWith('//')) {
        doc.push(trimmed.replace(/^\/\/\s?/, ''));
        continue;
      }
      const f = /^(\w+)\s+(\S+)\s+`json:"([^"]*)"/.exec(trimmed);
      if (f) fields.push({ goName: f[1] ?? '', goType: f[2] ?? '', tag: f[3] ?? '', doc: doc.join(' ').trim() });
      if (trimmed) doc = [];
    }
    out.push([m[1] ?? '', fields]);
  }
  return out;
}

/**
 * @param {string} text
 * @returns {Array<[string, { base: string; values: Array<string | number> }]>}
 */
export function parseEnums(text) {
  /** @type {Array<[string, { base: string; values: Array<string | number> }]>} */
  const out = [];
  for (const m of text.matchAll(/^type (\w+) struct \{\n\tvalue (\w+)\n\}/gm)) {
    const name = m[1] ?? '';
    const base = m[2] ?? 'string';
    const table = new RegExp(`^func Get${name}Enum\\(\\) ${name}Enum \\{\\n([\\s\\S]*?)^\\}`, 'm').exec(text);
    const values = [...(table?.[1] ?? '').matchAll(/value:\s*("(?:[^"\\]|\\.)*"|-?\d+)/g)].map((v) =>
      base === 'string' ? JSON.parse(v[1] ?? '""') : Number(v[1]),
    );
    out.push([name, { base, values }]);
  }
  return out;
}

/**
 * @typedef {{ name: string; jsonTag?: string; location: string }} MetaField
 * @typedef {{ name: string; method: string; path: string; response: string; contentType?: string;
 *   requestFields: MetaField[]; responseFields: MetaField[] }} MetaDef
 * @param {string} meta
 * @returns {MetaDef[]}
 */
export function parseMeta(meta) {
  /** @type {MetaDef[]} */
  const defs = [];
  for (const m of meta.matchAll(/^func GenReqDefFor(\w+)\(\) \*def\.HttpRequestDef \{\n([\s\S]*?)^\}/gm)) {
    const body = m[2] ?? '';
    const method = /WithMethod\(http\.Method(\w+)\)/.exec(body)?.[1];
    const p = /WithPath\("([^"]+)"\)/.exec(body)?.[1];
    const response = /WithResponse\(new\(model\.(\w+)\)\)/.exec(body)?.[1];
    if (!method || !p || !response) throw new Error(`GenReqDefFor${m[1]}: method, path or response not found`);
    /** @type {MetaDef} */
    const def = { name: m[1] ?? '', method: method.toUpperCase(), path: p, response, requestFields: [], responseFields: [] };
    const contentType = /WithContentType\("([^"]+)"\)/.exec(body)?.[1];
    if (contentType) def.contentType = contentType;
    for (const f of body.matchAll(/reqDefBuilder\.With(Request|Response)Field\(def\.NewFieldDef\(\)\.([\s\S]*?)\)\)\n/g)) {
      const chunk = f[2] ?? '';
      const name = /WithName\("(\w+)"\)/.exec(chunk)?.[1];
      const location = /WithLocationType\(def\.(\w+)/.exec(chunk)?.[1];
      if (!name || !location) throw new Error(`GenReqDefFor${def.name}: field without name or location`);
      /** @type {MetaField} */
      const field = { name, location };
      const jsonTag = /WithJsonTag\("([^"]+)"\)/.exec(chunk)?.[1];
      if (jsonTag) field.jsonTag = jsonTag;
      (f[1] === 'Request' ? def.requestFields : def.responseFields).push(field);
    }
    defs.push(def);
  }
  return defs;
}

/**
 * The values a field comment lists (at least two), in the few shapes the Go SDK's Chinese comments use:
 * `- value，meaning` lists, `取值为“A”…取值为“B”`, `取值pause，…取值resume，`, `取值为master或slave`,
 * `取值 10 20 50`, `枚举值： A B C`. Returns undefined for anything else (ranges, single examples).
 * @param {string} doc
 * @returns {Array<string | number> | undefined}
 */
export function documentedValues(doc) {
  if (!doc) return undefined;
  const token = '[A-Za-z0-9][A-Za-z0-9_.]*';
  const q = String.raw`[“"\\]*`;
  /** @type {RegExp[]} */
  const shapes = [
    new RegExp(String.raw`(?:^|\s)-\s+(?:取值为)?${q}(${token})${q}\s*(?:[，：:,]|\s+[^\x00-\x7F])`, 'g'),
    new RegExp(`取值为[“"](${token})[”"]`, 'g'),
    new RegExp(`取值(${token})，`, 'g'),
  ];
  for (const shape of shapes) {
    const values = [...new Set([...doc.matchAll(shape)].map((m) => m[1] ?? ''))];
    if (values.length >= 2) return values;
  }
  const either = new RegExp(`取值为(${token})或(${token})`).exec(doc);
  if (either) return [either[1] ?? '', either[2] ?? ''];
  const numbers = /取值((?:\s+\d+){2,})\s*[，,]/.exec(doc);
  if (numbers) return (numbers[1] ?? '').trim().split(/\s+/).map(Number);
  const listed = /枚举值：((?:\s+\w+){2,})/.exec(doc);
  if (listed) return (listed[1] ?? '').trim().split(/\s+/);
  return undefined;
}
