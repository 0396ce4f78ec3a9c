// @ts-check
// Human-readable and JSON renderings of `diff` and `gate` results. Plain text, no colours:
// the output is read in CI logs.
import { SEVERITIES } from './classify.mjs';

/**
 * @typedef {import('./compare.mjs').SpecDiff} SpecDiff
 * @typedef {import('./gate.mjs').GateResult} GateResult
 * @typedef {import('./classify.mjs').Change} Change
 * @typedef {import('./base.mjs').BaseResult} BaseResult
 */

const LABEL = /** @type {const} */ ({
  breaking: 'BREAKING',
  'potentially-breaking': 'POTENTIALLY BREAKING',
  'non-breaking': 'non-breaking',
});
const WIDTH = Math.max(...Object.values(LABEL).map((l) => l.length));

/**
 * One line per change, breaking first, in document order within a severity.
 * @param {readonly Change[]} changes
 * @param {string} indent
 */
export function changeLines(changes, indent = '  ') {
  const sorted = [...changes].sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity));
  return sorted.map((c) => `${indent}${LABEL[c.severity].padEnd(WIDTH)}  ${c.location}: ${c.message}`);
}

/** @param {Record<string, number>} counts */
export function countsLine(counts) {
  return `${counts.breaking ?? 0} breaking, ${counts['potentially-breaking'] ?? 0} potentially breaking, ${counts['non-breaking'] ?? 0} non-breaking`;
}

/** @param {BaseResult | null} base */
function baseLabel(base) {
  if (!base) return 'no base';
  return base.ok ? base.label : `no base (${base.reason})`;
}

/**
 * @param {SpecDiff} d
 * @param {string} indent
 */
function specBlock(d, indent) {
  const head = `${indent}${d.spec}${d.packageName ? ` (${d.packageName})` : ''}`;
  if (!d.base.ok) return [`${head}: NOT COMPARED: ${d.base.reason}.`, `${indent}  ${d.base.hint}.`];
  const since = `compared with ${d.base.label}`;
  switch (d.status) {
    case 'absent':
      return [`${head}: not present here nor at the base (${since})`];
    case 'unchanged':
      return [`${head}: no changes (${since})`];
    default: {
      const lines = [`${head}: ${since}`];
      if (d.changes.length === 0) lines.push(`${indent}  text changed, contract unchanged (examples, formatting or keywords the differ ignores)`);
      else lines.push(...changeLines(d.changes, `${indent}  `), `${indent}  ${countsLine(d.counts)}`);
      return lines;
    }
  }
}

/** @param {readonly SpecDiff[]} diffs */
export function renderDiffText(diffs) {
  return diffs.map((d) => specBlock(d, '').join('\n')).join('\n\n') + '\n';
}

/**
 * @param {readonly SpecDiff[]} diffs
 * @param {{ ok: boolean; failOn: string }} meta
 */
export function diffJson(diffs, meta) {
  return { command: 'diff', ok: meta.ok, failOn: meta.failOn, specs: diffs.map(specJson) };
}

/** @param {SpecDiff} d */
function specJson(d) {
  return {
    spec: d.spec,
    name: d.name,
    package: d.packageName,
    base: baseJson(d.base),
    status: d.status,
    counts: d.counts,
    changes: d.changes,
  };
}

/** @param {BaseResult | null} b */
function baseJson(b) {
  if (!b) return null;
  return b.ok ? { ok: true, source: b.source, ref: b.ref, commit: b.commit, label: b.label } : { ok: false, reason: b.reason, hint: b.hint };
}

/** @param {GateResult} r */
export function renderGateText(r) {
  /** @type {string[]} */
  const out = [];
  for (const p of r.packages) {
    const title = `${p.name}@${p.version}`;
    if (p.status === 'not-versioned') {
      out.push(`- ${title}: skipped (${p.notes.join('; ')})`);
      continue;
    }
    if (p.status === 'skipped') {
      out.push(`! ${title}: ${p.notes.join('; ')}`);
      continue;
    }
    if (p.status === 'unchanged') {
      out.push(`ok ${title}: no changes since ${baseLabel(p.base)}`);
      continue;
    }
    out.push(`${p.status === 'fail' ? 'FAIL' : 'ok'} ${title}: ${p.changedFiles.length} changed file(s) since ${baseLabel(p.base)}`);
    for (const f of p.changedFiles.slice(0, 20)) out.push(`     ${f}`);
    if (p.changedFiles.length > 20) out.push(`     … and ${p.changedFiles.length - 20} more`);
    if (p.base?.ok) {
      out.push(`   changesets: ${p.changesets.length ? `${p.changesets.join(', ')} (bump: ${p.bump})` : 'none naming this package'}`);
    }
    for (const d of p.specs) out.push(...specBlock(d, '   '));
    for (const problem of p.problems) out.push(`   ✖ ${problem}`);
  }
  if (r.other.changedFiles.length) {
    out.push(`${r.other.problems.length ? 'FAIL' : 'ok'} other files under specs/ changed since ${baseLabel(r.other.base)}: ${r.other.changedFiles.join(', ')}`);
  }
  for (const problem of r.other.problems) out.push(`   ✖ ${problem}`);
  for (const w of r.warnings) out.push(`! ${w}`);
  if (r.packages.length === 0 && r.problems.length) for (const problem of r.problems) out.push(`✖ ${problem}`);
  out.push('');
  out.push(r.ok ? 'check:changesets passed.' : `check:changesets FAILED: ${r.problems.length} problem(s).`);
  return out.join('\n') + '\n';
}

/** @param {GateResult} r */
export function gateJson(r) {
  return {
    command: 'gate',
    ok: r.ok,
    problems: r.problems,
    warnings: r.warnings,
    packages: r.packages.map((p) => ({ ...p, base: baseJson(p.base), specs: p.specs.map(specJson) })),
    other: { ...r.other, base: baseJson(r.other.base) },
  };
}
