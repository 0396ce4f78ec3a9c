// @ts-check
// Changesets that belong to the change being checked: `.changeset/*.md` files added or edited since
// the base commit, plus those consumed since then (a `changeset version` commit deletes the
// changesets it applies; they still describe the release): deleted since the base, or added and
// deleted again by commits after it. Parsed with @changesets/parse, the parser changesets uses.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import parseChangeset from '@changesets/parse';
import { EMPTY_TREE } from './base.mjs';
import { changedPaths, readAtCommit, tryGit } from './git.mjs';

/**
 * @typedef {'patch' | 'minor' | 'major'} Bump
 * @typedef {{ name: string; type: Bump | 'none' }} Release
 * @typedef {{ id: string; file: string; state: 'added' | 'modified' | 'consumed'; summary: string; releases: Release[] }} ChangesetInfo
 * @typedef {{ baseBranch: string; ignore: string[] }} ChangesetConfig
 */

export const BUMP_RANK = /** @type {const} */ ({ none: 0, patch: 1, minor: 2, major: 3 });

/** The words that acknowledge a breaking change in a changeset's text (pre-1.0 rule). */
export const BREAKING_MARKER = /\bBREAKING\b/;
/** Acknowledges a potentially breaking change. */
export const POTENTIALLY_BREAKING_MARKER = /\bBREAKING\b|potentially[ -]breaking/i;

/**
 * @param {string} cwd
 * @returns {ChangesetConfig}
 */
export function readChangesetConfig(cwd) {
  const file = path.join(cwd, '.changeset', 'config.json');
  if (!existsSync(file)) return { baseBranch: 'main', ignore: [] };
  const config = JSON.parse(readFileSync(file, 'utf8'));
  return {
    baseBranch: typeof config.baseBranch === 'string' ? config.baseBranch : 'main',
    ignore: Array.isArray(config.ignore) ? config.ignore.filter((/** @type {unknown} */ x) => typeof x === 'string') : [],
  };
}

/**
 * @param {string} cwd
 * @param {string} baseCommit
 * @returns {ChangesetInfo[]}
 */
export function changesetsSince(cwd, baseCommit) {
  /** @type {ChangesetInfo[]} */
  const out = [];
  const seen = new Set();
  for (const { status, path: file } of changedPaths(cwd, baseCommit, ['.changeset'])) {
    if (!isChangesetFile(file)) continue;
    seen.add(file);
    const text = status === 'deleted' ? readAtCommit(cwd, baseCommit, file) : readFileSync(path.join(cwd, file), 'utf8');
    if (text !== null) out.push(toInfo(file, text, status === 'deleted' ? 'consumed' : status === 'added' ? 'added' : 'modified'));
  }
  // Added after the base and deleted again before HEAD: read the last version that existed.
  const range = baseCommit === EMPTY_TREE ? ['HEAD'] : [`${baseCommit}..HEAD`];
  const added = tryGit(cwd, ['log', '--format=', '--name-only', '--diff-filter=A', ...range, '--', '.changeset']) ?? '';
  for (const file of new Set(added.split('\n').filter(Boolean))) {
    if (seen.has(file) || !isChangesetFile(file)) continue;
    const deletedIn = tryGit(cwd, ['log', '-1', '--format=%H', '--diff-filter=D', ...range, '--', file])?.trim();
    const text = deletedIn ? readAtCommit(cwd, `${deletedIn}^`, file) : null;
    if (text !== null) out.push(toInfo(file, text, 'consumed'));
  }
  return out;
}

/** `.changeset/<id>.md`, not the README. @param {string} file */
function isChangesetFile(file) {
  const parts = file.split('/');
  return parts.length === 2 && parts[0] === '.changeset' && file.endsWith('.md') && parts[1]?.toLowerCase() !== 'readme.md';
}

/**
 * @param {string} file
 * @param {string} text
 * @param {ChangesetInfo['state']} state
 * @returns {ChangesetInfo}
 */
function toInfo(file, text, state) {
  let parsed;
  try {
    parsed = parseChangeset(text);
  } catch (error) {
    throw new Error(`${file} is not a valid changeset: ${error instanceof Error ? error.message : String(error)}`);
  }
  return {
    id: path.basename(file, '.md'),
    file,
    state,
    summary: parsed.summary,
    releases: parsed.releases.map((r) => ({ name: r.name, type: r.type })),
  };
}

/**
 * What the changesets do to one package.
 * @param {readonly ChangesetInfo[]} changesets
 * @param {string} packageName
 */
export function releaseFor(changesets, packageName) {
  /** @type {Bump | 'none'} */
  let bump = 'none';
  /** @type {ChangesetInfo[]} */
  const naming = [];
  for (const cs of changesets) {
    const release = cs.releases.find((r) => r.name === packageName);
    if (!release) continue;
    naming.push(cs);
    if (BUMP_RANK[release.type] > BUMP_RANK[bump]) bump = release.type;
  }
  /** @param {RegExp} marker @param {Bump | 'none'} atLeast */
  const acknowledged = (marker, atLeast) =>
    naming.some((cs) => {
      const type = cs.releases.find((r) => r.name === packageName)?.type ?? 'none';
      return BUMP_RANK[type] >= BUMP_RANK[atLeast] && marker.test(cs.summary);
    });
  return {
    bump,
    files: naming.map((cs) => cs.file),
    /** a minor-or-major changeset for the package says "BREAKING" */
    breakingAcknowledged: acknowledged(BREAKING_MARKER, 'minor'),
    /** a changeset for the package says "BREAKING" or "potentially breaking" */
    potentiallyBreakingAcknowledged: acknowledged(POTENTIALLY_BREAKING_MARKER, 'patch'),
    /** an empty changeset (`npx changeset --empty`) is present */
    emptyChangeset: changesets.some((cs) => cs.releases.length === 0),
  };
}
