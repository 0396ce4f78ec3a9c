// @ts-check
// One spec, compared between its base commit and the working tree.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { resolveBase } from './base.mjs';
import { countBySeverity } from './classify.mjs';
import { diffDocuments } from './diff-spec.mjs';
import { loadSpecAt } from './load-at-ref.mjs';

/**
 * @typedef {import('../../spec-tools/src/registry.mjs').SpecEntry} SpecEntry
 * @typedef {import('./base.mjs').BaseResult} BaseResult
 * @typedef {import('./classify.mjs').Change} Change
 * @typedef {import('./classify.mjs').Severity} Severity
 * @typedef {'changed' | 'unchanged' | 'added' | 'removed' | 'absent' | 'no-base'} SpecStatus
 * @typedef {{
 *   spec: string; name: string; packageDir: string; packageName: string | null;
 *   base: BaseResult; status: SpecStatus; changes: Change[]; counts: Record<Severity, number>
 * }} SpecDiff
 */

/**
 * The `name` in `<packageDir>/package.json` of the working tree, or null.
 * @param {string} cwd
 * @param {string} packageDir
 */
export function packageNameOf(cwd, packageDir) {
  const file = path.join(cwd, packageDir, 'package.json');
  if (!existsSync(file)) return null;
  const name = JSON.parse(readFileSync(file, 'utf8')).name;
  return typeof name === 'string' ? name : null;
}

/**
 * @param {{ cwd: string; entry: SpecEntry; base: BaseResult; packageName?: string | null }} options
 * @returns {SpecDiff}
 */
export function compareSpec({ cwd, entry, base, packageName }) {
  const pkg = packageName === undefined ? packageNameOf(cwd, entry.packageDir) : packageName;
  /** @type {SpecDiff} */
  const result = {
    spec: entry.spec,
    name: entry.name,
    packageDir: entry.packageDir,
    packageName: pkg,
    base,
    status: 'no-base',
    changes: [],
    counts: countBySeverity([]),
  };
  if (!base.ok) return result;
  const before = loadSpecAt(cwd, base.commit, entry.spec);
  const after = loadSpecAt(cwd, null, entry.spec);
  if (!before && !after) {
    result.status = 'absent';
  } else if (!before) {
    result.status = 'added';
    result.changes = [{ severity: 'non-breaking', kind: 'spec-added', location: entry.spec, message: `new spec (not present at ${base.label})` }];
  } else if (!after) {
    result.status = 'removed';
    result.changes = [{ severity: 'breaking', kind: 'spec-removed', location: entry.spec, message: 'spec file removed' }];
  } else if (before.text === after.text) {
    result.status = 'unchanged';
  } else {
    result.status = 'changed';
    result.changes = diffDocuments(before.doc, after.doc);
  }
  result.counts = countBySeverity(result.changes);
  return result;
}

/**
 * Every registered spec against its own base (see base.mjs), or against `base` when given.
 * @param {{ cwd: string; entries: readonly SpecEntry[]; base?: string | undefined; baseBranch?: string | undefined }} options
 * @returns {SpecDiff[]}
 */
export function diffAllSpecs({ cwd, entries, base, baseBranch }) {
  return entries.map((entry) => {
    const packageName = packageNameOf(cwd, entry.packageDir);
    const resolved = resolveBase({ cwd, base, packageName: packageName ?? undefined, paths: [entry.spec], baseBranch });
    return compareSpec({ cwd, entry, base: resolved, packageName });
  });
}
