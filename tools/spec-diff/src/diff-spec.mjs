// @ts-check
// Structural differ for two OpenAPI 3.1 documents. Walks operations, parameters, request bodies,
// responses and (through local $refs) their schemas, and reports each change with a kind from
// classify.mjs, a human location and a short message. Request and response schemas are compared
// with opposite variance: a request may accept more, a response may return less.
import { HTTP_METHODS } from '../../spec-tools/src/load-spec.mjs';
import { classify } from './classify.mjs';
import { compareSchema, emit, fmt } from './diff-schema.mjs';
import { resolveRef } from './schema.mjs';

/**
 * @typedef {import('./schema.mjs').Json} Json
 * @typedef {import('./classify.mjs').Change} Change
 * @typedef {import('./diff-schema.mjs').Direction} Direction
 * @typedef {import('./diff-schema.mjs').Ctx} Ctx
 * @typedef {{ path: string; method: string; op: Json; pathItem: Json }} OpEntry
 */

/**
 * Every change from `base` to `head`, classified, in document order.
 * @param {Json} base
 * @param {Json} head
 * @returns {Change[]}
 */
export function diffDocuments(base, head) {
  /** @type {Ctx} */
  const ctx = { base, head, out: [], operation: undefined };
  diffOperations(ctx);
  ctx.operation = undefined;
  diffComponentSchemas(ctx);
  return ctx.out.map(classify);
}

// ---------------------------------------------------------------- operations

/** `/v3/{project_id}/x` and `/v3/{pid}/x` are the same route. @param {string} p */
const routeKey = (p) => p.replace(/\{[^}]*\}/g, '{}');

/** @param {OpEntry} e */
const opLabel = (e) => `${e.method.toUpperCase()} ${e.path}`;

/**
 * @param {Json} doc
 * @returns {Map<string, OpEntry>} keyed by `METHOD route`
 */
function indexOperations(doc) {
  /** @type {Map<string, OpEntry>} */
  const map = new Map();
  for (const [p, raw] of Object.entries(doc.paths ?? {})) {
    const pathItem = resolveRef(doc, raw).node ?? {};
    for (const method of HTTP_METHODS) {
      const op = pathItem[method];
      if (op && typeof op === 'object') map.set(`${method.toUpperCase()} ${routeKey(p)}`, { path: p, method, op, pathItem });
    }
  }
  return map;
}

/** @param {Ctx} ctx */
function diffOperations(ctx) {
  const base = indexOperations(ctx.base);
  const head = indexOperations(ctx.head);
  const removed = [...base.keys()].filter((k) => !head.has(k));
  const added = [...head.keys()].filter((k) => !base.has(k));

  // An operationId that disappeared here and appeared there moved: one breaking change, then compare.
  /** @type {[OpEntry, OpEntry][]} */
  const moved = [];
  for (const key of [...removed]) {
    const b = /** @type {OpEntry} */ (base.get(key));
    const id = b.op.operationId;
    const targetKey = id ? added.find((k) => head.get(k)?.op.operationId === id) : undefined;
    if (targetKey === undefined) continue;
    const h = /** @type {OpEntry} */ (head.get(targetKey));
    moved.push([b, h]);
    removed.splice(removed.indexOf(key), 1);
    added.splice(added.indexOf(targetKey), 1);
  }

  // Whole routes removed are reported once.
  const headRoutes = new Set([...head.values()].map((e) => routeKey(e.path)));
  /** @type {Map<string, OpEntry[]>} */
  const removedRoutes = new Map();
  for (const key of removed) {
    const b = /** @type {OpEntry} */ (base.get(key));
    ctx.operation = opLabel(b);
    if (headRoutes.has(routeKey(b.path))) {
      emit(ctx, 'operation-removed', opLabel(b), `operation removed${b.op.operationId ? ` (operationId ${b.op.operationId})` : ''}`);
    } else {
      const list = removedRoutes.get(b.path) ?? [];
      list.push(b);
      removedRoutes.set(b.path, list);
    }
  }
  for (const [p, entries] of removedRoutes) {
    ctx.operation = undefined;
    const ops = entries.map((e) => `${e.method.toUpperCase()}${e.op.operationId ? ` (${e.op.operationId})` : ''}`).join(', ');
    emit(ctx, 'path-removed', p, `path removed with its operations: ${ops}`);
  }

  for (const [key, h] of head) {
    const b = base.get(key);
    if (b) compareOperation(ctx, b, h);
  }
  for (const [b, h] of moved) {
    ctx.operation = opLabel(h);
    emit(ctx, 'operation-path-changed', opLabel(h), `operation ${h.op.operationId} moved from ${opLabel(b)} to ${opLabel(h)}`, {
      before: opLabel(b),
      after: opLabel(h),
    });
    compareOperation(ctx, b, h);
  }
  for (const key of added) {
    const h = /** @type {OpEntry} */ (head.get(key));
    ctx.operation = opLabel(h);
    emit(ctx, 'operation-added', opLabel(h), `operation added${h.op.operationId ? ` (operationId ${h.op.operationId})` : ''}`);
  }
}

/**
 * @param {Ctx} ctx
 * @param {OpEntry} b
 * @param {OpEntry} h
 */
function compareOperation(ctx, b, h) {
  const label = opLabel(h);
  ctx.operation = label;
  const bo = b.op;
  const ho = h.op;
  if (bo.operationId && ho.operationId && bo.operationId !== ho.operationId) {
    emit(ctx, 'operation-id-changed', label, `operationId changed from ${bo.operationId} to ${ho.operationId}`, {
      before: bo.operationId,
      after: ho.operationId,
    });
  }
  if (!bo.deprecated && ho.deprecated) emit(ctx, 'deprecated', label, 'operation deprecated');
  for (const k of ['summary', 'description']) {
    if ((bo[k] ?? '') !== (ho[k] ?? '')) emit(ctx, 'description-changed', label, `${k} changed`, { before: bo[k], after: ho[k] });
  }
  compareParameters(ctx, b, h, label);
  compareRequestBody(ctx, bo.requestBody, ho.requestBody, label);
  compareResponses(ctx, bo.responses ?? {}, ho.responses ?? {}, label);
}

// ---------------------------------------------------------------- parameters

/**
 * Path-level and operation-level parameters (the operation's win), keyed by `in:name`.
 * @param {Json} doc
 * @param {OpEntry} e
 * @returns {Map<string, Json>}
 */
function parameters(doc, e) {
  /** @type {Map<string, Json>} */
  const map = new Map();
  for (const raw of [...(e.pathItem.parameters ?? []), ...(e.op.parameters ?? [])]) {
    const p = resolveRef(doc, raw).node;
    if (!p || typeof p.name !== 'string' || typeof p.in !== 'string') continue;
    map.set(`${p.in}:${p.in === 'header' ? p.name.toLowerCase() : p.name}`, p);
  }
  return map;
}

/**
 * @param {Ctx} ctx
 * @param {OpEntry} b
 * @param {OpEntry} h
 * @param {string} label
 */
function compareParameters(ctx, b, h, label) {
  const bp = parameters(ctx.base, b);
  const hp = parameters(ctx.head, h);
  for (const [key, p] of bp) {
    if (!hp.has(key)) emit(ctx, 'parameter-removed', `${label} ${p.in} parameter "${p.name}"`, 'parameter removed');
  }
  for (const [key, hParam] of hp) {
    const where = `${label} ${hParam.in} parameter "${hParam.name}"`;
    const bParam = bp.get(key);
    if (!bParam) {
      if (hParam.required) emit(ctx, 'parameter-added-required', where, 'new required parameter');
      else emit(ctx, 'parameter-added-optional', where, 'new optional parameter');
      continue;
    }
    if (!bParam.required && hParam.required) emit(ctx, 'parameter-became-required', where, 'parameter is now required (was optional)');
    if (bParam.required && !hParam.required) emit(ctx, 'parameter-became-optional', where, 'parameter is now optional (was required)');
    for (const k of ['style', 'explode']) {
      if (bParam[k] !== hParam[k]) {
        emit(ctx, 'parameter-serialization-changed', where, `${k} changed from ${fmt(bParam[k])} to ${fmt(hParam[k])}`, {
          before: bParam[k],
          after: hParam[k],
        });
      }
    }
    if (!bParam.deprecated && hParam.deprecated) emit(ctx, 'deprecated', where, 'parameter deprecated');
    if ((bParam.description ?? '') !== (hParam.description ?? '')) {
      emit(ctx, 'description-changed', where, 'description changed', { before: bParam.description, after: hParam.description });
    }
    const bSchema = bParam.schema ?? firstMediaSchema(bParam.content);
    const hSchema = hParam.schema ?? firstMediaSchema(hParam.content);
    compareSchema(ctx, 'request', bSchema, hSchema, where, '', new Set());
  }
}

/** @param {Json | undefined} content */
function firstMediaSchema(content) {
  const first = content ? Object.values(content)[0] : undefined;
  return first?.schema;
}

// ---------------------------------------------------------------- request bodies

/**
 * @param {Ctx} ctx
 * @param {any} bRaw
 * @param {any} hRaw
 * @param {string} label
 */
function compareRequestBody(ctx, bRaw, hRaw, label) {
  const where = `${label} request body`;
  const b = bRaw === undefined ? undefined : resolveRef(ctx.base, bRaw).node;
  const h = hRaw === undefined ? undefined : resolveRef(ctx.head, hRaw).node;
  if (!b && !h) return;
  if (!b && h) {
    if (h.required) emit(ctx, 'request-body-added-required', where, 'required request body added');
    else emit(ctx, 'request-body-added-optional', where, 'optional request body added');
    return;
  }
  if (b && !h) {
    emit(ctx, 'request-body-removed', where, 'request body removed');
    return;
  }
  if (!b.required && h.required) emit(ctx, 'request-body-became-required', where, 'request body is now required (was optional)');
  if (b.required && !h.required) emit(ctx, 'request-body-became-optional', where, 'request body is now optional (was required)');
  if ((b.description ?? '') !== (h.description ?? '')) emit(ctx, 'description-changed', where, 'description changed');
  compareContent(ctx, 'request', b.content ?? {}, h.content ?? {}, where);
}

// ---------------------------------------------------------------- responses

/** @param {string} code */
const isSuccess = (code) => /^2(\d\d|xx)$/i.test(code);

/**
 * @param {Ctx} ctx
 * @param {Json} bResponses
 * @param {Json} hResponses
 * @param {string} label
 */
function compareResponses(ctx, bResponses, hResponses, label) {
  const bCodes = Object.keys(bResponses);
  const hCodes = Object.keys(hResponses);
  const removedSuccess = bCodes.filter((c) => isSuccess(c) && !(c in hResponses));
  const addedSuccess = hCodes.filter((c) => isSuccess(c) && !(c in bResponses));

  for (const code of hCodes) {
    if (code in bResponses) compareResponse(ctx, bResponses[code], hResponses[code], `${label} response ${code}`);
  }
  const paired = Math.min(removedSuccess.length, addedSuccess.length);
  for (let i = 0; i < paired; i++) {
    const from = /** @type {string} */ (removedSuccess[i]);
    const to = /** @type {string} */ (addedSuccess[i]);
    emit(ctx, 'success-status-changed', `${label} response ${to}`, `success status changed from ${from} to ${to}`, { before: from, after: to });
    compareResponse(ctx, bResponses[from], hResponses[to], `${label} response ${to}`);
  }
  for (const code of removedSuccess.slice(paired)) {
    emit(ctx, 'success-status-removed', `${label} response ${code}`, `success status ${code} removed`);
  }
  for (const code of addedSuccess.slice(paired)) {
    emit(ctx, 'success-status-added', `${label} response ${code}`, `success status ${code} added`);
  }
  for (const code of bCodes) {
    if (!isSuccess(code) && !(code in hResponses)) emit(ctx, 'error-response-removed', `${label} response ${code}`, `response ${code} removed`);
  }
  for (const code of hCodes) {
    if (!isSuccess(code) && !(code in bResponses)) emit(ctx, 'error-response-added', `${label} response ${code}`, `response ${code} added`);
  }
}

/**
 * @param {Ctx} ctx
 * @param {any} bRaw
 * @param {any} hRaw
 * @param {string} where
 */
function compareResponse(ctx, bRaw, hRaw, where) {
  const b = resolveRef(ctx.base, bRaw).node ?? {};
  const h = resolveRef(ctx.head, hRaw).node ?? {};
  if ((b.description ?? '') !== (h.description ?? '')) emit(ctx, 'description-changed', where, 'description changed');
  const bHeaders = lowerKeys(b.headers);
  const hHeaders = lowerKeys(h.headers);
  for (const [name, [original]] of bHeaders) {
    if (!hHeaders.has(name)) emit(ctx, 'response-header-removed', `${where} header "${original}"`, 'response header removed');
  }
  for (const [name, [original, header]] of hHeaders) {
    const before = bHeaders.get(name);
    if (!before) {
      emit(ctx, 'response-header-added', `${where} header "${original}"`, 'response header added');
      continue;
    }
    const bh = resolveRef(ctx.base, before[1]).node ?? {};
    const hh = resolveRef(ctx.head, header).node ?? {};
    compareSchema(ctx, 'response', bh.schema, hh.schema, `${where} header "${original}"`, '', new Set());
  }
  compareContent(ctx, 'response', b.content ?? {}, h.content ?? {}, `${where} body`);
}

/**
 * @param {Json | undefined} obj
 * @returns {Map<string, [string, any]>}
 */
function lowerKeys(obj) {
  return new Map(Object.entries(obj ?? {}).map(([k, v]) => [k.toLowerCase(), [k, v]]));
}

// ---------------------------------------------------------------- media types

/** `application/json; charset=UTF-8` → `application/json` @param {string} mt */
const essence = (mt) => (mt.split(';')[0] ?? '').trim().toLowerCase();

/**
 * @param {Ctx} ctx
 * @param {Direction} dir
 * @param {Json} bContent
 * @param {Json} hContent
 * @param {string} where
 */
function compareContent(ctx, dir, bContent, hContent, where) {
  const bTypes = Object.keys(bContent);
  const hTypes = Object.keys(hContent);
  const several = bTypes.length > 1 || hTypes.length > 1;
  const at = (/** @type {string} */ mt) => (several ? `${where} (${mt})` : where);
  /** @type {[string, string][]} */
  const pairs = [];
  const bLeft = new Set(bTypes);
  const hLeft = new Set(hTypes);
  for (const mt of bTypes) {
    if (hLeft.has(mt)) {
      pairs.push([mt, mt]);
      bLeft.delete(mt);
      hLeft.delete(mt);
    }
  }
  for (const mt of [...bLeft]) {
    const match = [...hLeft].find((x) => essence(x) === essence(mt));
    if (match === undefined) continue;
    emit(ctx, 'media-type-parameters-changed', at(match), `media type ${mt} is now ${match}`, { before: mt, after: match });
    pairs.push([mt, match]);
    bLeft.delete(mt);
    hLeft.delete(match);
  }
  if (bLeft.size === 1 && hLeft.size === 1 && bTypes.length === 1 && hTypes.length === 1) {
    const [from] = bLeft;
    const [to] = hLeft;
    emit(ctx, 'media-type-changed', at(/** @type {string} */ (to)), `media type ${from} replaced by ${to}`, { before: from, after: to });
    pairs.push([/** @type {string} */ (from), /** @type {string} */ (to)]);
    bLeft.clear();
    hLeft.clear();
  }
  for (const mt of bLeft) {
    emit(ctx, dir === 'request' ? 'request-media-type-removed' : 'response-media-type-removed', at(mt), `media type ${mt} removed`);
  }
  for (const mt of hLeft) {
    emit(ctx, dir === 'request' ? 'request-media-type-added' : 'response-media-type-added', at(mt), `media type ${mt} added`);
  }
  for (const [from, to] of pairs) {
    compareSchema(ctx, dir, bContent[from]?.schema, hContent[to]?.schema, at(to), '', new Set());
  }
}

// ---------------------------------------------------------------- components

/** @param {Ctx} ctx */
function diffComponentSchemas(ctx) {
  const b = ctx.base.components?.schemas ?? {};
  const h = ctx.head.components?.schemas ?? {};
  for (const name of Object.keys(b)) {
    if (!(name in h)) emit(ctx, 'schema-removed', `schema "${name}"`, `component schema ${name} removed (its exported type ${name} disappears)`);
  }
  for (const name of Object.keys(h)) {
    if (!(name in b)) emit(ctx, 'schema-added', `schema "${name}"`, `component schema ${name} added`);
  }
}
