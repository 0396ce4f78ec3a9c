// @ts-check
// Schema comparison for diff-spec.mjs: types, enums, constraints, properties, arrays and unions,
// with request/response variance. Every change is pushed to ctx.out with a kind from classify.mjs.
import { isDeepStrictEqual } from 'node:util';
import { enumInfo, typeCovers, typeSet, unionBranches, view } from './schema.mjs';

/**
 * @typedef {import('./schema.mjs').Json} Json
 * @typedef {import('./classify.mjs').RawChange} RawChange
 * @typedef {'request' | 'response'} Direction
 * @typedef {{ base: Json; head: Json; out: RawChange[]; operation: string | undefined }} Ctx
 */

/**
 * @param {Ctx} ctx
 * @param {string} kind
 * @param {string} location
 * @param {string} message
 * @param {{ before?: unknown; after?: unknown }} [values]
 */
export function emit(ctx, kind, location, message, values = {}) {
  /** @type {RawChange} */
  const change = { kind, location, message };
  if (ctx.operation) change.operation = ctx.operation;
  if ('before' in values) change.before = values.before;
  if ('after' in values) change.after = values.after;
  ctx.out.push(change);
}

// ---------------------------------------------------------------- schemas

const UPPER_BOUNDS = ['maxLength', 'maxItems', 'maxProperties', 'maximum', 'exclusiveMaximum'];
const LOWER_BOUNDS = ['minLength', 'minItems', 'minProperties', 'minimum', 'exclusiveMinimum'];
const EXACT_RULES = ['pattern', 'format', 'multipleOf'];

/**
 * @param {Ctx} ctx
 * @param {Direction} dir
 * @param {any} bRaw
 * @param {any} hRaw
 * @param {string} loc location of the schema's root (a body, a parameter…)
 * @param {string} field dotted path below it ('' = the root)
 * @param {Set<string>} stack ref pairs being compared (cycle guard)
 */
export function compareSchema(ctx, dir, bRaw, hRaw, loc, field, stack) {
  if (bRaw === undefined && hRaw === undefined) return;
  const b = view(ctx.base, bRaw);
  const h = view(ctx.head, hRaw);
  if (b.refs.length > 0 || h.refs.length > 0) {
    const pair = `${b.refs.join(',')}|${h.refs.join(',')}`;
    if (stack.has(pair)) return;
    stack = new Set(stack).add(pair);
  }
  const where = field ? `${loc}: field "${field}"` : loc;
  const bs = b.schema;
  const hs = h.schema;

  for (const k of ['title', 'description']) {
    if ((bs[k] ?? '') !== (hs[k] ?? '')) emit(ctx, 'description-changed', where, `${k} changed`, { before: bs[k], after: hs[k] });
  }
  if (!bs.deprecated && hs.deprecated) emit(ctx, 'deprecated', where, 'deprecated');
  if (!isDeepStrictEqual(bs.default, hs.default)) {
    emit(ctx, 'default-changed', where, `default changed from ${fmt(bs.default)} to ${fmt(hs.default)}`, { before: bs.default, after: hs.default });
  }

  compareTypes(ctx, dir, typeSet(ctx.base, b), typeSet(ctx.head, h), where);
  const bEnum = enumInfo(ctx.base, bs);
  const hEnum = enumInfo(ctx.head, hs);
  compareEnums(ctx, dir, bEnum, hEnum, where);
  compareConstraints(ctx, dir, bs, hs, where);
  // A union on one side only (e.g. an object became anyOf [object, other]): the shapes are compared
  // variant by variant in compareUnions, not here.
  const oneSidedUnion = !bEnum && !hEnum && Boolean(unionBranches(ctx.base, bs)) !== Boolean(unionBranches(ctx.head, hs));
  if (!oneSidedUnion) compareProperties(ctx, dir, bs, hs, loc, field, stack);

  if (!oneSidedUnion && bs.items !== undefined && hs.items !== undefined) compareSchema(ctx, dir, bs.items, hs.items, loc, `${field}[]`, stack);
  if (isSchemaObject(bs.additionalProperties) && isSchemaObject(hs.additionalProperties)) {
    compareSchema(ctx, dir, bs.additionalProperties, hs.additionalProperties, loc, `${field}{*}`, stack);
  }
  if (!bEnum && !hEnum) compareUnions(ctx, dir, bs, hs, where, stack);
}

/** @param {unknown} v */
const isSchemaObject = (v) => v !== null && typeof v === 'object';

/**
 * @param {Ctx} ctx
 * @param {Direction} dir
 * @param {Set<string> | null} bt
 * @param {Set<string> | null} ht
 * @param {string} where
 */
function compareTypes(ctx, dir, bt, ht, where) {
  if (typeCovers(bt, ht) && typeCovers(ht, bt)) return;
  const message = `type changed from ${fmtTypes(bt)} to ${fmtTypes(ht)}`;
  const values = { before: bt ? [...bt] : null, after: ht ? [...ht] : null };
  if (dir === 'request') emit(ctx, typeCovers(ht, bt) ? 'request-type-widened' : 'request-type-changed', where, message, values);
  else emit(ctx, typeCovers(bt, ht) ? 'response-type-narrowed' : 'response-type-changed', where, message, values);
}

/** @param {Set<string> | null} t */
const fmtTypes = (t) => (t === null ? 'any' : [...t].join(' | '));

/**
 * @param {Ctx} ctx
 * @param {Direction} dir
 * @param {import('./schema.mjs').EnumInfo | null} be
 * @param {import('./schema.mjs').EnumInfo | null} he
 * @param {string} where
 */
function compareEnums(ctx, dir, be, he, where) {
  if (!be && !he) return;
  const side = dir === 'request' ? 'request' : 'response';
  if (be && he) {
    const bKeys = new Map(be.values.map((v) => [JSON.stringify(v), v]));
    const hKeys = new Map(he.values.map((v) => [JSON.stringify(v), v]));
    const removed = [...bKeys].filter(([k]) => !hKeys.has(k)).map(([, v]) => v);
    const added = [...hKeys].filter(([k]) => !bKeys.has(k)).map(([, v]) => v);
    if (be.open && he.open) {
      if (removed.length || added.length) {
        const parts = [added.length ? `added ${added.map(fmt).join(', ')}` : '', removed.length ? `removed ${removed.map(fmt).join(', ')}` : ''];
        emit(ctx, 'open-enum-changed', where, `open enum: ${parts.filter(Boolean).join('; ')}`, { before: be.values, after: he.values });
      }
      return;
    }
    if (!be.open && he.open) {
      emit(ctx, `${side}-enum-relaxed`, where, 'enum is now open (values outside the list allowed)', { before: be.values, after: he.values });
      return;
    }
    if (be.open && !he.open) {
      emit(ctx, `${side}-enum-introduced`, where, `open enum closed: only ${he.values.map(fmt).join(', ')}`, { before: be.values, after: he.values });
      return;
    }
    for (const v of removed) emit(ctx, `${side}-enum-value-removed`, where, `enum value ${fmt(v)} removed`, { before: v });
    for (const v of added) emit(ctx, `${side}-enum-value-added`, where, `enum value ${fmt(v)} added`, { after: v });
    return;
  }
  // An open enum accepts any value, so adding one to (or dropping one from) a free value only documents values.
  if (be?.open) emit(ctx, 'open-enum-changed', where, `open enum removed (any value accepted, as before)`, { before: be.values });
  else if (he?.open) emit(ctx, 'open-enum-changed', where, `open enum added: known values ${he.values.map(fmt).join(', ')} (any value still accepted)`, { after: he.values });
  else if (be && !he) emit(ctx, `${side}-enum-relaxed`, where, `no longer restricted to ${be.values.map(fmt).join(', ')}`, { before: be.values });
  else if (he) emit(ctx, `${side}-enum-introduced`, where, `now restricted to ${he.values.map(fmt).join(', ')}`, { after: he.values });
}

/**
 * @param {Ctx} ctx
 * @param {Direction} dir
 * @param {Json} bs
 * @param {Json} hs
 * @param {string} where
 */
function compareConstraints(ctx, dir, bs, hs, where) {
  /**
   * @param {string} k
   * @param {boolean} narrowed
   */
  const report = (k, narrowed) => {
    const bv = bs[k];
    const hv = hs[k];
    const message = bv === undefined ? `${k} ${fmt(hv)} added` : hv === undefined ? `${k} ${fmt(bv)} removed` : `${k} changed from ${fmt(bv)} to ${fmt(hv)}`;
    const kind = dir === 'response' ? 'response-constraint-changed' : narrowed ? 'request-constraint-narrowed' : 'request-constraint-relaxed';
    emit(ctx, kind, where, message, { before: bv, after: hv });
  };
  for (const k of UPPER_BOUNDS) {
    const [bv, hv] = [bs[k], hs[k]];
    if (bv === hv) continue;
    if (typeof bv === 'boolean' || typeof hv === 'boolean') report(k, hv === true);
    else report(k, hv !== undefined && (bv === undefined || hv < bv));
  }
  for (const k of LOWER_BOUNDS) {
    const [bv, hv] = [bs[k], hs[k]];
    if (bv === hv) continue;
    if (typeof bv === 'boolean' || typeof hv === 'boolean') report(k, hv === true);
    else report(k, hv !== undefined && (bv === undefined || hv > bv));
  }
  for (const k of EXACT_RULES) {
    if (bs[k] !== hs[k]) report(k, hs[k] !== undefined);
  }
  if (Boolean(bs.uniqueItems) !== Boolean(hs.uniqueItems)) report('uniqueItems', hs.uniqueItems === true);
  const isObject = bs.properties || hs.properties || bs.type === 'object' || hs.type === 'object';
  const bClosed = bs.additionalProperties === false;
  const hClosed = hs.additionalProperties === false;
  if (isObject && bClosed !== hClosed) report('additionalProperties', hClosed);
}

/**
 * @param {Ctx} ctx
 * @param {Direction} dir
 * @param {Json} bs
 * @param {Json} hs
 * @param {string} loc
 * @param {string} field
 * @param {Set<string>} stack
 */
function compareProperties(ctx, dir, bs, hs, loc, field, stack) {
  const bp = bs.properties ?? {};
  const hp = hs.properties ?? {};
  const names = [...new Set([...Object.keys(bp), ...Object.keys(hp)])];
  if (names.length === 0) return;
  const bReq = new Set(bs.required ?? []);
  const hReq = new Set(hs.required ?? []);
  // readOnly fields are not part of a request, writeOnly fields not part of a response.
  const hidden = dir === 'request' ? 'readOnly' : 'writeOnly';
  const visible = (/** @type {Json} */ doc, /** @type {any} */ s) => s !== undefined && view(doc, s).schema[hidden] !== true;

  for (const name of names) {
    const f = field ? `${field}.${name}` : name;
    const where = `${loc}: field "${f}"`;
    const inBase = visible(ctx.base, bp[name]);
    const inHead = visible(ctx.head, hp[name]);
    if (inBase && !inHead) {
      emit(ctx, `${dir}-property-removed`, where, 'field removed');
    } else if (!inBase && inHead) {
      if (dir === 'response') emit(ctx, 'response-property-added', where, 'field added');
      else if (hReq.has(name)) emit(ctx, 'request-property-added-required', where, 'new required field');
      else emit(ctx, 'request-property-added-optional', where, 'new optional field');
    } else if (inBase && inHead) {
      if (!bReq.has(name) && hReq.has(name)) emit(ctx, `${dir}-property-became-required`, where, 'field is now required (was optional)');
      if (bReq.has(name) && !hReq.has(name)) emit(ctx, `${dir}-property-became-optional`, where, 'field is now optional (was required)');
      compareSchema(ctx, dir, bp[name], hp[name], loc, f, stack);
    }
  }
}

/**
 * anyOf/oneOf that are not enums: variants are paired (identical ones first, then in order).
 * @param {Ctx} ctx
 * @param {Direction} dir
 * @param {Json} bs
 * @param {Json} hs
 * @param {string} where
 * @param {Set<string>} stack
 */
function compareUnions(ctx, dir, bs, hs, where, stack) {
  const bu = unionBranches(ctx.base, bs);
  const hu = unionBranches(ctx.head, hs);
  if (!bu && !hu) return;
  const bList = bu ?? [stripUnion(bs)];
  const hList = hu ?? [stripUnion(hs)];
  const bLeft = bList.map((_, i) => i);
  const hLeft = hList.map((_, i) => i);
  /** @type {[number, number][]} */
  const pairs = [];
  for (const i of [...bLeft]) {
    const j = hLeft.find((x) => isDeepStrictEqual(bList[i], hList[x]));
    if (j === undefined) continue;
    pairs.push([i, j]);
    bLeft.splice(bLeft.indexOf(i), 1);
    hLeft.splice(hLeft.indexOf(j), 1);
  }
  while (bLeft.length && hLeft.length) pairs.push([/** @type {number} */ (bLeft.shift()), /** @type {number} */ (hLeft.shift())]);
  for (const i of bLeft) {
    emit(ctx, `${dir}-union-variant-removed`, where, `anyOf/oneOf variant ${i + 1} removed`, { before: bList[i] });
  }
  for (const j of hLeft) {
    emit(ctx, `${dir}-union-variant-added`, where, `anyOf/oneOf variant ${j + 1} added`, { after: hList[j] });
  }
  for (const [i, j] of pairs) {
    compareSchema(ctx, dir, bList[i], hList[j], `${where} variant ${(hu ? j : i) + 1}`, '', stack);
  }
}

/** @param {Json} s */
function stripUnion(s) {
  const { anyOf: _a, oneOf: _o, ...rest } = s;
  return rest;
}

/** @param {unknown} v */
export function fmt(v) {
  return v === undefined ? '(none)' : JSON.stringify(v);
}
