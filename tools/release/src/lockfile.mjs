// @ts-check
// `changeset version` bumps package.json files but not package-lock.json; `npm ci` then fails
// ("lock file out of sync") or, worse, a stale lockfile ships. This check catches it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { listWorkspaces, repoRoot } from './workspaces.mjs';

/**
 * Every workspace's version and dependency ranges as recorded in package-lock.json must match its
 * package.json.
 * @param {{ root?: string, only?: (workspace: import('./workspaces.mjs').Workspace) => boolean }} [options]
 * @returns {string[]} problems, empty when in sync
 */
export function lockfileProblems({ root = repoRoot, only = () => true } = {}) {
  const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8'));
  /** @type {Record<string, any>} */
  const packages = lock.packages ?? {};
  const problems = [];
  for (const workspace of listWorkspaces(root).filter(only)) {
    const locked = packages[workspace.relDir];
    if (!locked) {
      problems.push(`${workspace.relDir} (${workspace.name}) is not in package-lock.json: run npm install`);
      continue;
    }
    if ((locked.version ?? undefined) !== (workspace.version ?? undefined)) {
      problems.push(`${workspace.name}: package.json is ${workspace.version}, package-lock.json says ${locked.version}`);
    }
    for (const field of ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies']) {
      const declared = workspace.manifest[field] ?? {};
      const recorded = locked[field] ?? {};
      for (const name of new Set([...Object.keys(declared), ...Object.keys(recorded)])) {
        if (declared[name] !== recorded[name]) {
          problems.push(`${workspace.name}: ${field}.${name} is ${declared[name] ?? '(absent)'} in package.json, ${recorded[name] ?? '(absent)'} in package-lock.json`);
        }
      }
    }
  }
  return problems;
}
