// @ts-check
import { IMPLICIT_PARAMS } from './facts.mjs';
import { deref, viewSchema } from './spec-schema.mjs';

/**
 * Field-by-field comparison of one spec with one SDK extract.
 *
 * Categories (`kind`):
 * - `operation`: the SDK has no operation of that API name; `method`, `path`: they differ;
 * - `location`: a parameter is in another place (path/query/header);
 * - `missing`: the SDK has a parameter, body or field the spec lacks; `extra`: the other way round;
 * - `wire-name`: a `missing` and an `extra` field of one object that differ only in case or `_`;
 * - `type`, `format`: JSON type, or integer/number width (`int32`, `int64`, `float`, `double`);
 * - `required`: required-ness of a parameter, a body or a field;
 * - `enum`: a request enum that is not the SDK's (or that the SDK does not have), a response enum that
 *   is closed (both SDKs accept any value: Node types it `XEnum | string`, Go's enum types take any
 *   string) or that lacks a value the SDK knows;
 * - `content-type`: the request body's media type is not the one the SDK sends.
 *
 * A difference is *declared* when the spec carries an `x-hcdr-sdk-differences` entry with its `kind`
 * (and, if given, its `sdk` and `field`) on the operation, the parameter, the property or the object
 * that holds it, with a `reason`.
 *
 * @typedef {import('./facts.mjs').Facts} Facts
 * @typedef {import('./facts.mjs').FactSchema} FactSchema
 * @typedef {import('./facts.mjs').FactField} FactField
 * @typedef {import('./spec-schema.mjs').OpenApiDocument} OpenApiDocument
 * @typedef {'operation' | 'method' | 'path' | 'location' | 'missing' | 'extra' | 'wire-name' | 'type' |
 *   'format' | 'required' | 'enum' | 'content-type'} DifferenceKind
 * @typedef {{
 *   sdk: string;
 *   operationId: string;
 *   at: string;
 *   kind: DifferenceKind;
 *   message: string;
 *   declared?: { reason: string; entry: any };
 *   followsSdk?: string;
 * }} Difference
 *   `followsSdk` (set by `checkSpec`): the SDKs disagree here and the spec matches the named one(s).
 */

export const KINDS = /** @type {const} */ ([
  'operation',
  'method',
  'path',
  'location',
  'missing',
  'extra',
  'wire-name',
  'type',
  'format',
  'required',
  'enum',
  'content-type',
]);

/**
 * @param {OpenApiDocument} doc
 * @param {Facts} facts
 * @param {string} sdk short name of the SDK (`go`, `node`), matched against declarations' `sdk`
 * @returns {Difference[]}
 */
export function compareSpec(doc, facts, sdk) {
  /** @type {Difference[]} */
  const out = [];
  for (const { op, pathKey, method, pathItem } of specOperations(doc)) {
    const apiName = op['x-huawei-api-name'];
    const operationId = op.operationId;
    /** @param {string} at @param {DifferenceKind} kind @param {string} message @param {any[]} holders @param {string} [field] */
    const report = (at, kind, message, holders, field) => {
      /** @type {Difference} */
      const d = { sdk, operationId, at, kind, message };
      const declared = findDeclaration(holders, kind, sdk, field);
      if (declared) d.declared = declared;
      out.push(d);
    };
    const sdkOp = facts.operations[apiName];
    if (!sdkOp) {
      report('operation', 'operation', `the ${sdk} SDK has no operation ${apiName}`, [op]);
      continue;
    }
    if (sdkOp.method !== method.toUpperCase()) {
      report('operation', 'method', `spec ${method.toUpperCase()}, SDK ${sdkOp.method}`, [op]);
    }
    if (sdkOp.path !== pathKey) report('operation', 'path', `spec ${pathKey}, SDK ${sdkOp.path}`, [op]);

    compareParams(doc, [...(pathItem.parameters ?? []), ...(op.parameters ?? [])], sdkOp.params, facts, op, report);

    const body = op.requestBody ? deref(doc, op.requestBody) : undefined;
    if (sdkOp.body && !body) {
      report('request body', 'missing', 'the SDK sends a request body, the spec has none', [op]);
    } else if (!sdkOp.body && body) {
      report('request body', 'extra', 'the spec has a request body, the SDK sends none', [op]);
    } else if (sdkOp.body && body) {
      if (sdkOp.body.required !== undefined && Boolean(body.required) !== sdkOp.body.required) {
        report('request body', 'required', `spec ${body.required ? 'required' : 'optional'}, SDK ${sdkOp.body.required ? 'required' : 'optional'}`, [op, op.requestBody]);
      }
      const types = Object.keys(body.content ?? {});
      if (sdkOp.contentType && !types.includes(sdkOp.contentType)) {
        report('request body', 'content-type', `spec ${types.join(', ')}, SDK sends ${sdkOp.contentType}`, [op]);
      }
      const media = body.content?.[types[0] ?? ''];
      compareSchema(doc, media?.schema, sdkOp.body.schema, facts, 'request', 'request body', report);
    }

    const success = successResponse(doc, op);
    if (sdkOp.response) {
      const media = success ? Object.values(success.content ?? {})[0] : undefined;
      const model = sdkOp.response.schema.model ? facts.models[sdkOp.response.schema.model] : undefined;
      const sdkHasBody = !model || model.fields.length > 0;
      if (!media?.schema) {
        if (sdkHasBody) report('response body', 'missing', 'the SDK reads a response body, the spec has none', [op]);
      } else if (sdkHasBody) {
        compareSchema(doc, media.schema, sdkOp.response.schema, facts, 'response', 'response body', report);
      }
      for (const h of sdkOp.response.headers) {
        const has = Object.keys(success?.headers ?? {}).some((k) => k.toLowerCase() === h.name.toLowerCase());
        if (!has) report(`response header ${h.name}`, 'missing', `the SDK reads header ${h.name}`, [op]);
      }
    }
  }
  return out;
}

/**
 * @param {OpenApiDocument} doc
 * @returns {Array<{ op: any; pathKey: string; method: string; pathItem: any }>}
 */
export function specOperations(doc) {
  const out = [];
  for (const [pathKey, pathItem] of Object.entries(doc.paths ?? {})) {
    for (const method of ['get', 'put', 'post', 'delete', 'patch', 'head', 'options']) {
      const op = /** @type {any} */ (pathItem)[method];
      if (op?.['x-huawei-api-name']) out.push({ op, pathKey, method, pathItem });
    }
  }
  return out;
}

/**
 * @param {OpenApiDocument} doc
 * @param {any} op
 */
function successResponse(doc, op) {
  const codes = Object.keys(op.responses ?? {})
    .filter((c) => /^2\d\d$/.test(c))
    .sort();
  for (const code of codes) {
    const r = deref(doc, op.responses[code]);
    if (r?.content) return r;
  }
  return codes[0] ? deref(doc, op.responses[codes[0]]) : undefined;
}

/**
 * @typedef {(at: string, kind: DifferenceKind, message: string, holders: any[], field?: string) => void} Reporter
 * @param {OpenApiDocument} doc
 * @param {any[]} rawParams
 * @param {import('./facts.mjs').FactParam[]} sdkParams
 * @param {Facts} facts
 * @param {any} op
 * @param {Reporter} report
 */
function compareParams(doc, rawParams, sdkParams, facts, op, report) {
  const specParams = rawParams.map((raw) => ({ raw, p: deref(doc, raw) })).filter(({ p }) => !IMPLICIT_PARAMS.has(p.name));
  for (const sp of sdkParams) {
    if (IMPLICIT_PARAMS.has(sp.name)) continue;
    const match = specParams.find(({ p }) => p.name === sp.name);
    const at = `request ${sp.in} ${sp.name}`;
    if (!match) {
      const sameLetters = specParams.find(({ p }) => letters(p.name) === letters(sp.name) && p.in === sp.in);
      if (sameLetters) report(at, 'wire-name', `spec ${sameLetters.p.name}, SDK ${sp.name}`, [op, sameLetters.raw, sameLetters.p]);
      else report(at, 'missing', `the SDK has ${sp.in} parameter ${sp.name}`, [op], sp.name);
      continue;
    }
    const holders = [op, match.raw, match.p];
    if (match.p.in !== sp.in) report(at, 'location', `spec ${match.p.in}, SDK ${sp.in}`, holders);
    if (Boolean(match.p.required) !== sp.required) {
      report(at, 'required', `spec ${match.p.required ? 'required' : 'optional'}, SDK ${sp.required ? 'required' : 'optional'}`, holders);
    }
    compareSchema(doc, match.p.schema, sp.schema, facts, 'request', at, report, holders);
  }
  for (const { raw, p } of specParams) {
    if (sdkParams.some((sp) => sp.name === p.name || letters(sp.name) === letters(p.name))) continue;
    report(`request ${p.in} ${p.name}`, 'extra', `the spec has ${p.in} parameter ${p.name}, the SDK does not`, [op, raw, p]);
  }
}

/** @param {string} name */
function letters(name) {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/**
 * @param {OpenApiDocument} doc
 * @param {any} specNode
 * @param {FactSchema} sdk
 * @param {Facts} facts
 * @param {'request' | 'response'} direction
 * @param {string} at
 * @param {Reporter} report
 * @param {any[]} [extraHolders] nodes that may declare differences of this value (e.g. the parameter)
 * @param {Set<string>} [seen] model/schema pairs already compared (recursive models)
 */
function compareSchema(doc, specNode, sdk, facts, direction, at, report, extraHolders = [], seen = new Set()) {
  if (!specNode) return;
  const view = viewSchema(doc, specNode);
  const holders = [...extraHolders, ...view.nodes];
  if (sdk.type === 'any') return;

  if (sdk.model) {
    const model = facts.models[sdk.model];
    if (!model) throw new Error(`model ${sdk.model} missing from the extract`);
    if (view.type !== 'object') {
      report(at, 'type', `spec ${view.type ?? 'untyped'}, SDK object (${sdk.model})`, holders);
      return;
    }
    const key = `${sdk.model}@${JSON.stringify(view.nodes.map((n) => n.$ref ?? ''))}@${at}`;
    if (seen.has(key)) return;
    seen.add(key);
    compareFields(doc, view, model.fields, facts, direction, at, report, holders, seen);
    return;
  }

  const specType = view.type;
  const sdkType = sdk.type;
  if (sdkType === 'object') {
    if (specType !== 'object') report(at, 'type', `spec ${specType ?? 'untyped'}, SDK object`, holders);
    return;
  }
  if (sdkType === 'array') {
    if (specType !== 'array') {
      report(at, 'type', `spec ${specType ?? 'untyped'}, SDK array`, holders);
      return;
    }
    if (sdk.items) compareSchema(doc, view.items, sdk.items, facts, direction, `${at}[]`, report, [], seen);
    return;
  }
  const nodeNumber = sdkType === 'number' && !sdk.format; // a JavaScript number: integer or not
  const typeOk = specType === sdkType || (nodeNumber && specType === 'integer');
  if (!typeOk) {
    report(at, 'type', `spec ${specType ?? 'untyped'}, SDK ${sdkType}${sdk.format ? ` (${sdk.format})` : ''}`, holders);
    return;
  }
  if ((sdkType === 'integer' || sdkType === 'number') && sdk.format && view.format !== sdk.format) {
    report(at, 'format', `spec ${view.format ?? 'no format'}, SDK ${sdk.format}`, holders);
  }
  compareEnum(view, sdk, direction, at, report, holders);
}

/**
 * @param {import('./spec-schema.mjs').SpecView} view
 * @param {FactSchema} sdk
 * @param {'request' | 'response'} direction
 * @param {string} at
 * @param {Reporter} report
 * @param {any[]} holders
 */
function compareEnum(view, sdk, direction, at, report, holders) {
  const specValues = view.enum;
  const sdkValues = sdk.enum ?? sdk.documented;
  const what = sdk.enum ? 'SDK enum' : 'values the SDK documents';
  if (!specValues && !sdkValues) return;
  const list = (/** @type {Array<string | number>} */ v) => v.map((x) => JSON.stringify(x)).join(', ');
  const closed = specValues && !view.openEnum;
  if (closed && direction === 'response') {
    report(at, 'enum', `closed response enum [${list(specValues)}]; the SDK accepts any value`, holders);
    return;
  }
  if (closed && !sdkValues) {
    report(at, 'enum', `spec enum [${list(specValues)}], the SDK has neither an enum nor documented values`, holders);
    return;
  }
  if (closed && sdkValues) {
    if (!sameSet(specValues, sdkValues)) report(at, 'enum', `spec [${list(specValues)}], ${what} [${list(sdkValues)}]`, holders);
    return;
  }
  if (!sdkValues) return; // an open enum or a free value where the SDK knows no values: as permissive as the SDK
  if (!specValues) {
    report(at, 'enum', `the spec lists no values; ${what} [${list(sdkValues)}]`, holders);
    return;
  }
  const unknown = sdkValues.filter((v) => !specValues.includes(v));
  if (unknown.length > 0) report(at, 'enum', `the spec's known values lack [${list(unknown)}] (${what})`, holders);
}

/** @param {Array<string | number>} a @param {Array<string | number>} b */
function sameSet(a, b) {
  return a.length === b.length && a.every((x) => b.includes(x));
}

/**
 * @param {OpenApiDocument} doc
 * @param {import('./spec-schema.mjs').SpecView} view
 * @param {FactField[]} fields
 * @param {Facts} facts
 * @param {'request' | 'response'} direction
 * @param {string} at
 * @param {Reporter} report
 * @param {any[]} holders nodes of the object (declarations of `missing` / `extra` fields live here)
 * @param {Set<string>} seen
 */
function compareFields(doc, view, fields, facts, direction, at, report, holders, seen) {
  const props = view.properties ?? {};
  const prefix = at.endsWith('body') ? `${at} ` : `${at}.`;
  const missing = fields.filter((f) => !(f.name in props));
  const extra = Object.keys(props).filter((name) => !fields.some((f) => f.name === name));
  for (const f of missing) {
    const twin = extra.find((name) => letters(name) === letters(f.name));
    if (twin) {
      report(`${prefix}${f.name}`, 'wire-name', `spec ${twin}, SDK ${f.name}`, [...holders, props[twin]], f.name);
      continue;
    }
    report(`${prefix}${f.name}`, 'missing', `the SDK has field ${f.name}`, holders, f.name);
  }
  for (const name of extra) {
    if (missing.some((f) => letters(f.name) === letters(name))) continue;
    report(`${prefix}${name}`, 'extra', `the spec has field ${name}, the SDK does not`, [...holders, props[name]], name);
  }
  for (const f of fields) {
    const prop = props[f.name];
    if (prop === undefined) continue;
    const fieldAt = `${prefix}${f.name}`;
    const propHolders = viewSchema(doc, prop).nodes;
    const specRequired = view.required.includes(f.name);
    if (specRequired !== f.required) {
      report(fieldAt, 'required', `spec ${specRequired ? 'required' : 'optional'}, SDK ${f.required ? 'required' : 'optional'}`, [...propHolders, ...holders], f.name);
    }
    compareSchema(doc, prop, f.schema, facts, direction, fieldAt, report, [], seen);
  }
}

/**
 * @param {any[]} holders
 * @param {DifferenceKind} kind
 * @param {string} sdk
 * @param {string} [field]
 * @returns {{ reason: string; entry: any } | undefined}
 */
function findDeclaration(holders, kind, sdk, field) {
  for (const node of holders) {
    const entries = node && typeof node === 'object' ? node['x-hcdr-sdk-differences'] : undefined;
    if (!Array.isArray(entries)) continue;
    for (const entry of entries) {
      if (entry?.kind !== kind) continue;
      if (entry.sdk !== undefined && entry.sdk !== sdk) continue;
      if (entry.field !== undefined && entry.field !== field) continue;
      return { reason: String(entry.reason ?? ''), entry };
    }
  }
  return undefined;
}
