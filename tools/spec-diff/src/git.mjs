// @ts-check
// Thin, synchronous wrappers around the git CLI. Every function takes the repository root (`cwd`)
// so the tools work on any checkout, including the temporary repositories the tests create.
import { execFileSync } from 'node:child_process';

export class GitError extends Error {
  /**
   * @param {string[]} args
   * @param {string} stderr
   */
  constructor(args, stderr) {
    super(`git ${args.join(' ')} failed: ${stderr.trim() || 'no output'}`);
    this.name = 'GitError';
    this.args = args;
    this.stderr = stderr;
  }
}

/**
 * Runs git and returns stdout; throws GitError on a non-zero exit.
 * @param {string} cwd
 * @param {string[]} args
 */
export function git(cwd, args) {
  try {
    return execFileSync('git', args, {
      cwd,
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' },
    });
  } catch (error) {
    const e = /** @type {{ stderr?: string | Buffer; message?: string }} */ (error);
    throw new GitError(args, String(e.stderr ?? e.message ?? ''));
  }
}

/**
 * Like git() but returns null instead of throwing.
 * @param {string} cwd
 * @param {string[]} args
 */
export function tryGit(cwd, args) {
  try {
    return git(cwd, args);
  } catch {
    return null;
  }
}

/** @param {string} cwd */
export function isGitRepo(cwd) {
  return tryGit(cwd, ['rev-parse', '--is-inside-work-tree'])?.trim() === 'true';
}

/** @param {string} cwd */
export function isShallow(cwd) {
  return tryGit(cwd, ['rev-parse', '--is-shallow-repository'])?.trim() === 'true';
}

/**
 * The commit a ref names, or null when the ref does not exist here.
 * @param {string} cwd
 * @param {string} ref
 */
export function resolveCommit(cwd, ref) {
  const out = tryGit(cwd, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
  return out ? out.trim() : null;
}

/**
 * @param {string} cwd
 * @param {string} a
 * @param {string} b
 */
export function mergeBase(cwd, a, b) {
  const out = tryGit(cwd, ['merge-base', a, b]);
  return out ? out.trim() : null;
}

/**
 * Release tags `<pkg>@<semver>` (as `changeset publish` creates them) reachable from HEAD, newest version first.
 * @param {string} cwd
 * @param {string} packageName
 * @returns {{ tag: string; version: string }[]}
 */
export function releaseTags(cwd, packageName) {
  const out = tryGit(cwd, ['tag', '--list', '--merged', 'HEAD', `${packageName}@*`]) ?? '';
  const prefix = `${packageName}@`;
  return out
    .split('\n')
    .map((t) => t.trim())
    .filter((t) => t.startsWith(prefix) && parseSemver(t.slice(prefix.length)) !== null)
    .map((tag) => ({ tag, version: tag.slice(prefix.length) }))
    .sort((x, y) => compareSemver(y.version, x.version));
}

/**
 * The oldest commit that added a file (or any file under a folder), or null if none did.
 * @param {string} cwd
 * @param {string} relPath
 */
export function firstCommitAdding(cwd, relPath) {
  const out = tryGit(cwd, ['log', '--diff-filter=A', '--format=%H', '--', relPath]) ?? '';
  const commits = out.split('\n').filter(Boolean);
  return commits.at(-1) ?? null;
}

/**
 * A file's text at a commit, or null if the file does not exist there.
 * @param {string} cwd
 * @param {string} commit
 * @param {string} relPath posix path relative to the repository root
 */
export function readAtCommit(cwd, commit, relPath) {
  if (tryGit(cwd, ['cat-file', '-e', `${commit}:${relPath}`]) === null) return null;
  return git(cwd, ['show', `${commit}:${relPath}`]);
}

/**
 * @typedef {{ status: 'added' | 'modified' | 'deleted'; path: string }} ChangedPath
 */

/**
 * Files under `pathspecs` that differ between `commit` and the working tree (committed, staged,
 * unstaged and untracked changes alike), sorted by path.
 * @param {string} cwd
 * @param {string} commit
 * @param {string[]} pathspecs
 * @returns {ChangedPath[]}
 */
export function changedPaths(cwd, commit, pathspecs) {
  if (pathspecs.length === 0) return [];
  /** @type {Map<string, ChangedPath>} */
  const byPath = new Map();
  const diff = git(cwd, ['diff', '--name-status', '--no-renames', commit, '--', ...pathspecs]);
  for (const line of diff.split('\n')) {
    if (!line.trim()) continue;
    const [code, ...rest] = line.split('\t');
    const path = rest.join('\t');
    const status = code === 'A' ? 'added' : code === 'D' ? 'deleted' : 'modified';
    byPath.set(path, { status, path });
  }
  const untracked = git(cwd, ['ls-files', '--others', '--exclude-standard', '--', ...pathspecs]);
  for (const path of untracked.split('\n').filter(Boolean)) byPath.set(path, { status: 'added', path });
  return [...byPath.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/**
 * @param {string} version
 * @returns {{ major: number; minor: number; patch: number; pre: string } | null}
 */
export function parseSemver(version) {
  const m = /^(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/.exec(version);
  if (!m) return null;
  return { major: Number(m[1]), minor: Number(m[2]), patch: Number(m[3]), pre: m[4] ?? '' };
}

/**
 * Orders versions; a prerelease sorts before its release. Unparseable versions sort first.
 * @param {string} a
 * @param {string} b
 */
export function compareSemver(a, b) {
  const x = parseSemver(a);
  const y = parseSemver(b);
  if (!x || !y) return x ? 1 : y ? -1 : 0;
  for (const k of /** @type {const} */ (['major', 'minor', 'patch'])) {
    if (x[k] !== y[k]) return x[k] - y[k];
  }
  if (x.pre === y.pre) return 0;
  if (!x.pre) return 1;
  if (!y.pre) return -1;
  return x.pre < y.pre ? -1 : 1;
}
