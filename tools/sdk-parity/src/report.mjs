// @ts-check
import { compareSpec, KINDS, specOperations } from './compare.mjs';
import { allDeclarations } from './spec-schema.mjs';

/**
 * @typedef {import('./compare.mjs').Difference} Difference
 * @typedef {{
 *   spec: string;
 *   differences: Difference[];
 *   stale: Array<{ pointer: string; entry: any }>;
 *   unexplained: Array<{ pointer: string; entry: any }>;
 * }} SpecParity
 *   `stale`: declarations no SDK difference matches any more; `unexplained`: declarations without a
 *   reason or with an unknown kind.
 */

/**
 * @param {string} spec
 * @param {Record<string, any>} doc
 * @param {Array<{ sdk: string; facts: import('./facts.mjs').Facts }>} sources
 * @returns {SpecParity}
 */
export function checkSpec(spec, doc, sources) {
  const differences = sources.flatMap(({ sdk, facts }) => compareSpec(doc, facts, sdk));
  // Where the SDKs disagree the spec can match only one of them: a difference is covered when another
  // SDK has that operation and reports nothing at all at that place (the spec follows that SDK there).
  const placesBySdk = new Map(sources.map(({ sdk }) => [sdk, new Set()]));
  for (const d of differences) placesBySdk.get(d.sdk)?.add(`${d.operationId} ${d.at}`);
  for (const d of differences) {
    if (d.declared) continue;
    const agreeing = sources.filter(
      ({ sdk, facts }) =>
        sdk !== d.sdk &&
        hasOperation(doc, facts, d.operationId) &&
        !placesBySdk.get(sdk)?.has(`${d.operationId} ${d.at}`),
    );
    if (agreeing.length > 0) d.followsSdk = agreeing.map((a) => a.sdk).join(', ');
  }
  const used = new Set(differences.map((d) => d.declared?.entry).filter(Boolean));
  const declarations = allDeclarations(doc);
  return {
    spec,
    differences,
    stale: declarations.filter(({ entry }) => !used.has(entry)),
    unexplained: declarations.filter(
      ({ entry }) => !KINDS.includes(entry?.kind) || typeof entry?.reason !== 'string' || entry.reason.trim().length < 10,
    ),
  };
}

/**
 * Counts by kind: all differences; declared in the spec; where the spec follows another SDK that
 * disagrees; neither (undeclared).
 * @typedef {{ found: number; declared: number; followsSdk: number; undeclared: number }} KindCount
 * @param {Difference[]} differences
 * @returns {Record<string, KindCount>}
 */
export function countByKind(differences) {
  /** @type {Record<string, KindCount>} */
  const counts = {};
  for (const kind of KINDS) counts[kind] = { found: 0, declared: 0, followsSdk: 0, undeclared: 0 };
  for (const d of differences) {
    const c = counts[d.kind] ?? { found: 0, declared: 0, followsSdk: 0, undeclared: 0 };
    c.found++;
    if (d.declared) c.declared++;
    else if (d.followsSdk) c.followsSdk++;
    else c.undeclared++;
    counts[d.kind] = c;
  }
  return counts;
}

/** @param {SpecParity} result */
export function isClean(result) {
  return (
    result.differences.every((d) => d.declared || d.followsSdk) && result.stale.length === 0 && result.unexplained.length === 0
  );
}

/**
 * @param {SpecParity[]} results
 * @param {{ all?: boolean }} [options] `all`: also list the declared differences with their reasons
 * @returns {string}
 */
export function formatReport(results, options = {}) {
  const lines = [];
  for (const r of results) {
    lines.push(`${r.spec}`);
    const sdks = [...new Set(r.differences.map((d) => d.sdk))];
    lines.push(`  ${'kind'.padEnd(13)} ${['found', 'declared', 'other SDK', 'undeclared'].map((h) => h.padStart(11)).join('')}`);
    const counts = countByKind(r.differences);
    for (const kind of KINDS) {
      const c = counts[kind];
      if (!c || c.found === 0) continue;
      const cells = [c.found, c.declared, c.followsSdk, c.undeclared].map((n) => String(n).padStart(11)).join('');
      lines.push(`  ${kind.padEnd(13)} ${cells}`);
    }
    if (r.differences.length === 0) lines.push('  no differences');
    lines.push(`  (SDKs with differences: ${sdks.join(', ') || 'none'})`);
    for (const d of r.differences) {
      const settled = d.declared || d.followsSdk;
      if (settled && !options.all) continue;
      const mark = d.declared ? 'declared' : d.followsSdk ? `follows ${d.followsSdk}` : 'UNDECLARED';
      lines.push(`  ${mark} [${d.sdk}] ${d.operationId} ${d.at}: ${d.kind}: ${d.message}`);
      if (d.declared) lines.push(`      reason: ${d.declared.reason.replace(/\s+/g, ' ').trim()}`);
    }
    for (const s of r.stale) lines.push(`  STALE declaration at ${s.pointer}: ${JSON.stringify(s.entry)}`);
    for (const s of r.unexplained) lines.push(`  declaration without a known kind or a reason at ${s.pointer}: ${JSON.stringify(s.entry)}`);
  }
  return lines.join('\n');
}

/**
 * @param {Record<string, any>} doc
 * @param {import('./facts.mjs').Facts} facts
 * @param {string} operationId
 */
function hasOperation(doc, facts, operationId) {
  const found = specOperations(doc).find(({ op }) => op.operationId === operationId);
  return Boolean(found && facts.operations[found.op['x-huawei-api-name']]);
}
