// @ts-check
// The classification policy: every kind of change the differ reports, and its severity.
// README.md renders this table; test/readme.test.ts checks that the two agree.

/**
 * @typedef {'breaking' | 'potentially-breaking' | 'non-breaking'} Severity
 * @typedef {{ severity: Severity; title: string; why?: string }} Rule
 * @typedef {{ kind: string; location: string; message: string; operation?: string; before?: unknown; after?: unknown }} RawChange
 * @typedef {RawChange & { severity: Severity }} Change
 */

export const SEVERITIES = /** @type {const} */ (['breaking', 'potentially-breaking', 'non-breaking']);

const TYPE_ONLY =
  'type-level only: widens a generated union, so `switch`es that are exhaustive over the old values (assertNever) stop compiling; ' +
  'callers must already tolerate unknown values at runtime. Octokit ships type-only changes as `fix(typescript)`, Stainless as minor: recommend minor';

/** @type {Record<string, Rule>} */
export const RULES = {
  // ---- breaking: existing callers stop compiling or stop working ----
  'spec-removed': { severity: 'breaking', title: 'spec file removed' },
  'path-removed': { severity: 'breaking', title: 'path removed (with all its operations)' },
  'operation-removed': { severity: 'breaking', title: 'operation removed' },
  'operation-path-changed': { severity: 'breaking', title: 'operation (same operationId) moved to another method/path' },
  'operation-id-changed': { severity: 'breaking', title: 'operationId changed', why: 'the generated operation table and method names are keyed by operationId' },
  'parameter-added-required': { severity: 'breaking', title: 'new required parameter' },
  'parameter-became-required': { severity: 'breaking', title: 'optional parameter made required' },
  'request-body-added-required': { severity: 'breaking', title: 'required request body added' },
  'request-body-became-required': { severity: 'breaking', title: 'optional request body made required' },
  'request-property-added-required': { severity: 'breaking', title: 'request field added as required' },
  'request-property-became-required': { severity: 'breaking', title: 'optional request field made required' },
  'request-enum-value-removed': { severity: 'breaking', title: 'enum value removed from a request field/parameter' },
  'request-enum-introduced': { severity: 'breaking', title: 'request field restricted to an enum (or an open enum closed)' },
  'response-enum-value-removed': {
    severity: 'breaking',
    title: 'enum value removed from a response field (closed enum)',
    why: 'the generated union narrows: `case "OLD":` no longer compiles (TS2678) and the value usually was renamed, not dropped',
  },
  'request-type-changed': { severity: 'breaking', title: 'request field/parameter type changed (narrowed or incompatible)' },
  'response-type-changed': { severity: 'breaking', title: 'response field type changed (widened or incompatible, e.g. may now be null)' },
  'request-union-variant-removed': { severity: 'breaking', title: 'request anyOf/oneOf variant removed' },
  'response-union-variant-added': { severity: 'breaking', title: 'response anyOf/oneOf variant added (new shape readers must handle)' },
  'response-property-removed': { severity: 'breaking', title: 'response field removed' },
  'response-property-became-optional': { severity: 'breaking', title: 'required response field made optional' },
  'success-status-removed': { severity: 'breaking', title: 'success (2xx) status removed' },
  'success-status-changed': { severity: 'breaking', title: 'success (2xx) status changed (e.g. 202 → 200)' },
  'request-media-type-removed': { severity: 'breaking', title: 'request media type removed' },
  'response-media-type-removed': { severity: 'breaking', title: 'response media type (or response body) removed' },
  'schema-removed': { severity: 'breaking', title: 'component schema removed or renamed', why: 'each component schema is exported as a named type (openapi-typescript rootTypes)' },

  // ---- potentially breaking: a caller that relied on the old rule may break; a person decides ----
  'request-constraint-narrowed': {
    severity: 'potentially-breaking',
    title: 'request constraint tightened or added (pattern, format, min/max, minLength/maxLength, minItems/maxItems, multipleOf, uniqueItems, additionalProperties: false)',
  },
  'parameter-removed': { severity: 'potentially-breaking', title: 'parameter removed (callers still passing it no longer compile)' },
  'request-property-removed': { severity: 'potentially-breaking', title: 'request field removed' },
  'request-body-removed': { severity: 'potentially-breaking', title: 'request body removed' },
  'parameter-serialization-changed': { severity: 'potentially-breaking', title: 'parameter style/explode changed' },
  'media-type-changed': { severity: 'potentially-breaking', title: 'the only media type replaced by another' },
  'response-header-removed': { severity: 'potentially-breaking', title: 'response header removed' },

  // ---- non-breaking ----
  'spec-added': { severity: 'non-breaking', title: 'new spec (did not exist at the base ref)' },
  'operation-added': { severity: 'non-breaking', title: 'operation added' },
  'parameter-added-optional': { severity: 'non-breaking', title: 'optional parameter added' },
  'parameter-became-optional': { severity: 'non-breaking', title: 'required parameter made optional' },
  'request-body-added-optional': { severity: 'non-breaking', title: 'optional request body added' },
  'request-body-became-optional': { severity: 'non-breaking', title: 'required request body made optional' },
  'request-property-added-optional': { severity: 'non-breaking', title: 'optional request field added' },
  'request-property-became-optional': { severity: 'non-breaking', title: 'required request field made optional' },
  'request-enum-value-added': { severity: 'non-breaking', title: 'enum value added to a request field/parameter' },
  'request-enum-relaxed': { severity: 'non-breaking', title: 'request enum restriction removed or opened' },
  'response-enum-value-added': { severity: 'non-breaking', title: 'enum value added to a response field (closed enum)', why: TYPE_ONLY },
  'response-enum-relaxed': { severity: 'non-breaking', title: 'response enum restriction removed or opened', why: TYPE_ONLY },
  'response-enum-introduced': { severity: 'non-breaking', title: 'response field restricted to an enum (narrower output)' },
  'open-enum-changed': {
    severity: 'non-breaking',
    title: 'value added to/removed from an open enum (x-open-enum / anyOf [enum, string])',
    why: 'the generated type already includes `string`',
  },
  'request-type-widened': { severity: 'non-breaking', title: 'request type widened (accepts more)' },
  'response-type-narrowed': { severity: 'non-breaking', title: 'response type narrowed (returns less)' },
  'request-union-variant-added': { severity: 'non-breaking', title: 'request anyOf/oneOf variant added' },
  'response-union-variant-removed': { severity: 'non-breaking', title: 'response anyOf/oneOf variant removed' },
  'request-constraint-relaxed': { severity: 'non-breaking', title: 'request constraint loosened or removed' },
  'response-constraint-changed': { severity: 'non-breaking', title: 'response constraint changed (pattern, format, min/max…)' },
  'response-property-added': { severity: 'non-breaking', title: 'response field added' },
  'response-property-became-required': { severity: 'non-breaking', title: 'optional response field made required' },
  'success-status-added': { severity: 'non-breaking', title: 'success (2xx) status added' },
  'error-response-added': { severity: 'non-breaking', title: 'error response (4xx/5xx/default) added' },
  'error-response-removed': { severity: 'non-breaking', title: 'error response removed' },
  'request-media-type-added': { severity: 'non-breaking', title: 'request media type added' },
  'response-media-type-added': { severity: 'non-breaking', title: 'response media type (or body) added' },
  'media-type-parameters-changed': { severity: 'non-breaking', title: 'media type parameters changed (e.g. `;charset=UTF-8`)' },
  'response-header-added': { severity: 'non-breaking', title: 'response header added' },
  'description-changed': { severity: 'non-breaking', title: 'description, summary or title changed' },
  deprecated: { severity: 'non-breaking', title: 'operation, parameter or field deprecated' },
  'default-changed': { severity: 'non-breaking', title: 'default value changed (server behaviour; note it in the changeset)' },
  'schema-added': { severity: 'non-breaking', title: 'component schema added' },
};

/**
 * @param {RawChange} change
 * @returns {Change}
 */
export function classify(change) {
  const rule = RULES[change.kind];
  if (!rule) throw new Error(`unclassified change kind "${change.kind}" (add it to RULES in classify.mjs)`);
  return { severity: rule.severity, ...change };
}

/**
 * @param {readonly { severity: Severity }[]} changes
 * @returns {Record<Severity, number>}
 */
export function countBySeverity(changes) {
  /** @type {Record<Severity, number>} */
  const counts = { breaking: 0, 'potentially-breaking': 0, 'non-breaking': 0 };
  for (const c of changes) counts[c.severity]++;
  return counts;
}

/**
 * @param {Severity} severity
 * @param {Severity | 'never'} threshold
 */
export function meetsThreshold(severity, threshold) {
  if (threshold === 'never') return false;
  return SEVERITIES.indexOf(severity) <= SEVERITIES.indexOf(threshold);
}
