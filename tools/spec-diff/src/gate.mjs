// @ts-check
// The CI gate (`check:changesets`). For every publishable package under packages/:
//   - files changed since its base (package dir + its specs) need a changeset naming the package;
//   - a breaking spec change needs a major bump of the package, or, while the package is below 1.0.0,
//     a minor bump whose changeset text contains "BREAKING";
//   - a potentially breaking spec change needs a major bump, or a changeset for the package whose
//     text says "BREAKING" or "potentially breaking".
// Other files under specs/ (README, lint config) need at least one changeset (an empty one will do).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { resolveBase } from './base.mjs';
import { changesetsSince, readChangesetConfig, releaseFor } from './changesets.mjs';
import { compareSpec } from './compare.mjs';
import { changedPaths, parseSemver, readAtCommit, resolveCommit } from './git.mjs';

/**
 * @typedef {import('../../spec-tools/src/registry.mjs').SpecEntry} SpecEntry
 * @typedef {import('./base.mjs').BaseResult} BaseResult
 * @typedef {import('./compare.mjs').SpecDiff} SpecDiff
 * @typedef {import('./changesets.mjs').ChangesetInfo} ChangesetInfo
 * @typedef {{
 *   name: string; dir: string; version: string; status: 'ok' | 'unchanged' | 'fail' | 'skipped' | 'not-versioned';
 *   base: BaseResult | null; changedFiles: string[]; specs: SpecDiff[]; bump: string; changesets: string[];
 *   problems: string[]; notes: string[]
 * }} PackageVerdict
 * @typedef {{
 *   ok: boolean; packages: PackageVerdict[]; other: { base: BaseResult | null; changedFiles: string[]; problems: string[] };
 *   problems: string[]; warnings: string[]
 * }} GateResult
 */

/**
 * What to do when a changeset is missing.
 * @param {string} packageName
 */
export function howToAdd(packageName) {
  return (
    `Add one: run \`npx changeset\`, select ${packageName}, pick the bump (major = breaking, minor = new feature, patch = fix) ` +
    'and describe the change for users; commit the .changeset/*.md file it writes.'
  );
}

/**
 * @param {{ cwd: string; entries: readonly SpecEntry[]; base?: string | undefined; allowMissingBase?: boolean | undefined; packagesDir?: string | undefined }} options
 * @returns {GateResult}
 */
export function runGate({ cwd, entries, base, allowMissingBase = false, packagesDir = 'packages' }) {
  const config = readChangesetConfig(cwd);
  /** @type {GateResult} */
  const result = { ok: true, packages: [], other: { base: null, changedFiles: [], problems: [] }, problems: [], warnings: [] };

  if (base && !resolveCommit(cwd, base)) {
    const resolved = resolveBase({ cwd, base, paths: [] });
    const detail = resolved.ok ? '' : ` ${resolved.hint}.`;
    const message = `the base ref "${base}" does not exist in this clone.${detail}`;
    if (allowMissingBase) return { ...result, warnings: [`not checked (--allow-missing-base): ${message}`] };
    return { ...result, ok: false, problems: [`cannot check: ${message}`] };
  }

  const workspaces = listPackages(cwd, packagesDir, entries);
  const workspaceNames = new Set(workspaces.map((w) => w.name));
  /** @type {Map<string, ChangesetInfo[]>} */
  const changesetCache = new Map();
  const changesetsAt = (/** @type {string} */ commit) => {
    let list = changesetCache.get(commit);
    if (!list) {
      list = changesetsSince(cwd, commit);
      changesetCache.set(commit, list);
    }
    return list;
  };

  for (const pkg of workspaces) {
    const specs = entries.filter((e) => e.packageDir === pkg.dir);
    /** @type {PackageVerdict} */
    const verdict = {
      name: pkg.name, dir: pkg.dir, version: pkg.version, status: 'ok', base: null,
      changedFiles: [], specs: [], bump: 'none', changesets: [], problems: [], notes: [],
    };
    result.packages.push(verdict);
    if (pkg.private || config.ignore.includes(pkg.name)) {
      verdict.status = 'not-versioned';
      verdict.notes.push(pkg.private ? 'private package: changesets does not version it' : 'listed in .changeset/config.json "ignore"');
      continue;
    }
    const paths = [pkg.dir, ...specs.map((s) => s.spec)];
    const resolved = resolveBase({ cwd, base, packageName: pkg.name, paths, baseBranch: config.baseBranch });
    verdict.base = resolved;
    if (!resolved.ok) {
      if (allowMissingBase) {
        verdict.status = 'skipped';
        verdict.notes.push(`not checked (--allow-missing-base): ${resolved.reason}`);
        result.warnings.push(`${pkg.name} not checked (--allow-missing-base): ${resolved.reason}`);
      } else {
        verdict.problems.push(
          `cannot find a base to compare ${pkg.name} with: ${resolved.reason}. ${capitalize(resolved.hint)}. ` +
            'CI needs the history and tags; --allow-missing-base skips the check on purpose.',
        );
        verdict.status = 'fail';
      }
      continue;
    }

    verdict.changedFiles = changedPaths(cwd, resolved.commit, paths)
      .filter((c) => !isReleaseOnlyChange(cwd, resolved.commit, pkg.dir, c.path, workspaceNames))
      .map((c) => c.path);
    if (verdict.changedFiles.length === 0) {
      verdict.status = 'unchanged';
      continue;
    }

    verdict.specs = specs
      .filter((s) => verdict.changedFiles.includes(s.spec))
      .map((entry) => compareSpec({ cwd, entry, base: resolved, packageName: pkg.name }));
    const specChanged = verdict.specs.some((s) => s.status !== 'unchanged' && s.status !== 'absent');

    const changesets = changesetsAt(resolved.commit);
    const release = releaseFor(changesets, pkg.name);
    verdict.bump = release.bump;
    verdict.changesets = release.files;

    if (release.bump === 'none' && (specChanged || !release.emptyChangeset)) {
      const why = specChanged
        ? `A spec change changes the generated types of ${pkg.name}, so it needs a release (an empty changeset does not cover it).`
        : 'Nothing to release (tests, docs)? `npx changeset --empty` records that explicitly.';
      verdict.problems.push(
        `no changeset names ${pkg.name}, but ${verdict.changedFiles.length} file(s) changed since ${resolved.label}. ${howToAdd(pkg.name)} ${why}`,
      );
    }

    const changes = verdict.specs.flatMap((s) => s.changes);
    const breaking = changes.filter((c) => c.severity === 'breaking').length;
    const potentially = changes.filter((c) => c.severity === 'potentially-breaking').length;
    const below1 = (parseSemver(pkg.version)?.major ?? 0) === 0;
    if (breaking > 0) {
      const accepted = release.bump === 'major' || (below1 && release.bump === 'minor' && release.breakingAcknowledged);
      if (!accepted) {
        const pre1 = below1
          ? ` — or, while ${pkg.name} is below 1.0.0 (it is ${pkg.version}), a minor changeset whose text contains "BREAKING" and says what breaks and what users must change`
          : '';
        verdict.problems.push(
          `${breaking} breaking spec change(s) (listed above), but the changesets bump ${pkg.name} by ${describeBump(release.bump)}. ` +
            `Needs a major changeset for ${pkg.name} (\`npx changeset\`, pick major)${pre1}. If the change should not break users, change the spec instead.`,
        );
      }
    } else if (potentially > 0) {
      const accepted = release.bump === 'major' || (release.bump !== 'none' && release.potentiallyBreakingAcknowledged);
      if (!accepted) {
        verdict.problems.push(
          `${potentially} potentially breaking spec change(s) (listed above; e.g. a tightened request rule). ` +
            `Needs a major changeset for ${pkg.name}, or a changeset for ${pkg.name} whose text contains "BREAKING" or "potentially breaking" ` +
            'and says who is affected (e.g. "potentially breaking: alias is now limited to 64 characters, as the service already enforced").',
        );
      }
    }
    verdict.status = verdict.problems.length ? 'fail' : 'ok';
  }

  // Files under specs/ that belong to no registered spec (README, lint config).
  const specFiles = new Set(entries.map((e) => e.spec));
  const otherBase = resolveBase({ cwd, base, paths: ['specs'], baseBranch: config.baseBranch });
  result.other.base = otherBase;
  if (otherBase.ok) {
    result.other.changedFiles = changedPaths(cwd, otherBase.commit, ['specs'])
      .map((c) => c.path)
      .filter((p) => !specFiles.has(p));
    if (result.other.changedFiles.length > 0 && changesetsAt(otherBase.commit).length === 0) {
      result.other.problems.push(
        `${result.other.changedFiles.length} file(s) under specs/ changed since ${otherBase.label} without any changeset. ` +
          `${howToAdd('the affected package(s)')} If no package is affected, \`npx changeset --empty\` records that.`,
      );
    }
  } else if (allowMissingBase) {
    result.warnings.push(`specs/ not checked (--allow-missing-base): ${otherBase.reason}`);
  } else if (result.packages.every((p) => p.base?.ok !== false)) {
    // (when a package already reported the missing base, once is enough)
    result.other.problems.push(`cannot find a base to compare specs/ with: ${otherBase.reason}. ${capitalize(otherBase.hint)}.`);
  }

  result.problems = [...result.packages.flatMap((p) => p.problems.map((m) => `${p.name}: ${m}`)), ...result.other.problems];
  result.ok = result.problems.length === 0;
  return result;
}

/**
 * Publishable workspaces: every folder under packages/ with a package.json, plus the package folder
 * of every registered spec.
 * @param {string} cwd
 * @param {string} packagesDir
 * @param {readonly SpecEntry[]} entries
 */
function listPackages(cwd, packagesDir, entries) {
  const dirs = new Set();
  const root = path.join(cwd, packagesDir);
  if (existsSync(root)) {
    for (const d of readdirSync(root, { withFileTypes: true })) {
      if (d.isDirectory() && existsSync(path.join(root, d.name, 'package.json'))) dirs.add(`${packagesDir}/${d.name}`);
    }
  }
  for (const e of entries) if (existsSync(path.join(cwd, e.packageDir, 'package.json'))) dirs.add(e.packageDir);
  return [...dirs].sort().map((dir) => {
    const json = JSON.parse(readFileSync(path.join(cwd, dir, 'package.json'), 'utf8'));
    return {
      dir,
      name: typeof json.name === 'string' ? json.name : dir,
      version: typeof json.version === 'string' ? json.version : '0.0.0',
      private: json.private === true,
    };
  });
}

/**
 * What `changeset version` writes on its own: CHANGELOG.md, and package.json edits limited to
 * `version` and the ranges of workspace dependencies. Such edits need no changeset of their own.
 * @param {string} cwd
 * @param {string} baseCommit
 * @param {string} dir
 * @param {string} file
 * @param {Set<string>} workspaceNames
 */
function isReleaseOnlyChange(cwd, baseCommit, dir, file, workspaceNames) {
  if (file === `${dir}/CHANGELOG.md`) return true;
  if (file !== `${dir}/package.json`) return false;
  const before = readAtCommit(cwd, baseCommit, file);
  const afterPath = path.join(cwd, file);
  if (before === null || !existsSync(afterPath)) return false;
  try {
    return isDeepStrictEqual(stripReleaseFields(JSON.parse(before), workspaceNames), stripReleaseFields(JSON.parse(readFileSync(afterPath, 'utf8')), workspaceNames));
  } catch {
    return false;
  }
}

/**
 * @param {Record<string, any>} json
 * @param {Set<string>} workspaceNames
 */
function stripReleaseFields(json, workspaceNames) {
  const copy = structuredClone(json);
  delete copy.version;
  for (const field of ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies']) {
    if (!copy[field]) continue;
    for (const name of Object.keys(copy[field])) if (workspaceNames.has(name)) delete copy[field][name];
  }
  return copy;
}

/** @param {string} bump */
function describeBump(bump) {
  return bump === 'none' ? 'nothing' : `"${bump}"`;
}

/** @param {string} s */
function capitalize(s) {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
