// @ts-check
// Finds the monorepo's workspaces from the root package.json, and which of them npm would publish.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/**
 * @typedef {object} Workspace
 * @property {string} name
 * @property {string} version
 * @property {string} dir absolute path
 * @property {string} relDir path relative to the repo root, with `/` (as in package-lock.json)
 * @property {boolean} private
 * @property {Record<string, any>} manifest the parsed package.json
 */

/**
 * Every workspace matched by the root `workspaces` globs (`dir/*` or a plain folder).
 * @param {string} [root]
 * @returns {Workspace[]}
 */
export function listWorkspaces(root = repoRoot) {
  const rootManifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  /** @type {string[]} */
  const patterns = rootManifest.workspaces ?? [];
  /** @type {Workspace[]} */
  const found = [];
  for (const pattern of patterns) {
    /** @type {string[]} */
    let dirs;
    if (pattern.endsWith('/*')) {
      const parent = path.join(root, pattern.slice(0, -2));
      dirs = existsSync(parent)
        ? readdirSync(parent, { withFileTypes: true })
            .filter((entry) => entry.isDirectory())
            .map((entry) => path.join(parent, entry.name))
        : [];
    } else if (!pattern.includes('*')) {
      dirs = [path.join(root, pattern)];
    } else {
      throw new Error(`unsupported workspace pattern ${pattern} (only "dir/*" and plain folders)`);
    }
    for (const dir of dirs.sort()) {
      const file = path.join(dir, 'package.json');
      if (!existsSync(file)) continue; // a folder someone is still creating
      const manifest = JSON.parse(readFileSync(file, 'utf8'));
      found.push({
        name: manifest.name,
        version: manifest.version,
        dir,
        relDir: path.relative(root, dir).split(path.sep).join('/'),
        private: manifest.private === true,
        manifest,
      });
    }
  }
  return found;
}

/**
 * The workspaces `changeset publish` would publish (no `"private": true`).
 * @param {string} [root]
 */
export function publicWorkspaces(root = repoRoot) {
  return listWorkspaces(root).filter((workspace) => !workspace.private);
}

/**
 * @param {string} name
 * @param {string} [root]
 */
export function workspaceByName(name, root = repoRoot) {
  const workspace = listWorkspaces(root).find((candidate) => candidate.name === name);
  if (!workspace) throw new Error(`no workspace named ${name}`);
  return workspace;
}
