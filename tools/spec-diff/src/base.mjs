// @ts-check
// Which commit a spec (or package) is compared with. Order, unless --base is given:
//   1. the newest release tag of its package reachable from HEAD (`@hcdr/geminidb@1.2.0`, as changesets tags),
//   2. the merge base of HEAD with origin/<baseBranch> (else local <baseBranch>),
//   3. the oldest commit that added the path ("first commit that contains the spec").
// When none can be found the result says why; callers fail closed unless --allow-missing-base.
import { firstCommitAdding, isGitRepo, isShallow, mergeBase, releaseTags, resolveCommit, tryGit } from './git.mjs';

/** git's well-known empty tree: the base of a path that was never committed. */
export const EMPTY_TREE = '4b825dc642cb6eb9a060e54bf8d69288fbee4904';

/**
 * @typedef {'explicit' | 'release-tag' | 'merge-base' | 'first-commit' | 'never-committed'} BaseSource
 * @typedef {{ ok: true; commit: string; ref: string; source: BaseSource; label: string }} ResolvedBase
 * @typedef {{ ok: false; reason: string; hint: string }} MissingBase
 * @typedef {ResolvedBase | MissingBase} BaseResult
 */

/**
 * @param {{ cwd: string; base?: string | undefined; packageName?: string | undefined; paths: string[]; baseBranch?: string | undefined }} options
 * @returns {BaseResult}
 */
export function resolveBase({ cwd, base, packageName, paths, baseBranch = 'main' }) {
  if (!isGitRepo(cwd)) {
    return missing('this directory is not a git checkout, so there is nothing to compare with', 'run it in a git clone');
  }
  if (!resolveCommit(cwd, 'HEAD')) {
    return missing('the repository has no commits yet', 'commit first, or pass --allow-missing-base');
  }
  const shallow = isShallow(cwd);
  const fetchHint = shallow
    ? 'this is a shallow clone: fetch the history and tags (`git fetch --unshallow --tags`, or `fetch-depth: 0` in actions/checkout)'
    : 'fetch it first (`git fetch origin <ref> --tags`)';

  if (base) {
    const commit = resolveCommit(cwd, base);
    if (!commit) return missing(`the base ref "${base}" does not exist in this clone`, fetchHint);
    return { ok: true, commit, ref: base, source: 'explicit', label: `${base} (${short(commit)})` };
  }

  if (packageName) {
    const [latest] = releaseTags(cwd, packageName);
    if (latest) {
      const commit = /** @type {string} */ (resolveCommit(cwd, latest.tag));
      return { ok: true, commit, ref: latest.tag, source: 'release-tag', label: `last release tag ${latest.tag} (${short(commit)})` };
    }
  }

  for (const candidate of [`origin/${baseBranch}`, baseBranch]) {
    if (!resolveCommit(cwd, candidate)) continue;
    const commit = mergeBase(cwd, 'HEAD', candidate);
    if (commit) {
      return { ok: true, commit, ref: candidate, source: 'merge-base', label: `merge base with ${candidate} (${short(commit)})` };
    }
  }

  if (shallow) {
    return missing(
      `no release tag${packageName ? ` of ${packageName}` : ''} and no merge base with ${baseBranch} in this shallow clone, and the first commit of ${paths.join(', ')} cannot be known without history`,
      `${fetchHint}, or pass --base <ref>`,
    );
  }

  const firsts = paths.map((p) => firstCommitAdding(cwd, p)).filter((c) => c !== null);
  const oldest = oldestCommit(cwd, firsts);
  if (oldest) {
    return { ok: true, commit: oldest, ref: oldest, source: 'first-commit', label: `first commit that contains ${paths.join(', ')} (${short(oldest)})` };
  }
  return { ok: true, commit: EMPTY_TREE, ref: EMPTY_TREE, source: 'never-committed', label: 'nothing (not committed yet)' };
}

/**
 * @param {string} cwd
 * @param {string[]} commits
 */
function oldestCommit(cwd, commits) {
  if (commits.length <= 1) return commits[0] ?? null;
  const out = tryGit(cwd, ['log', '--no-walk=sorted', '--format=%H', ...commits]) ?? '';
  return out.split('\n').filter(Boolean).at(-1) ?? commits[0] ?? null;
}

/** @param {string} commit */
export function short(commit) {
  return commit === EMPTY_TREE ? 'empty tree' : commit.slice(0, 9);
}

/**
 * @param {string} reason
 * @param {string} hint
 * @returns {MissingBase}
 */
function missing(reason, hint) {
  return { ok: false, reason, hint };
}
