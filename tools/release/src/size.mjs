// @ts-check
// Minified + gzipped size of what a user's bundle gains from importing one operation's client.
// Bundled with esbuild from the BUILT dist (package `exports`, as a user's bundler would see it),
// dependencies (openapi-fetch, @hcdr/core) included, tree-shaken (`sideEffects: false`), minified,
// then gzipped at level 9 (the level size-limit and bundlephobia report).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { repoRoot } from './workspaces.mjs';

export const budgetsFile = path.join(repoRoot, 'tools/release/size-budgets.json');

/**
 * @typedef {object} SizeEntry
 * @property {string} name
 * @property {string} code the user's module (ESM)
 * @property {number} [budget] gzip bytes allowed; absent for a baseline
 * @property {number} [measured] gzip bytes when the budget was set (for the record)
 * @property {boolean} [baseline] the reference every other entry is compared to
 *
 * @typedef {object} SizeResult
 * @property {SizeEntry} entry
 * @property {number} minified bytes
 * @property {number} gzip bytes
 * @property {Array<{ path: string, bytes: number }>} inputs biggest contributors (bytes in the minified output)
 */

/**
 * How a user's bundler would build a module for Node: everything bundled and tree-shaken, minified.
 * Shared with bench/ (install footprint vs the official SDK), so both measure the same way.
 */
export const USER_BUNDLE_OPTIONS = /** @type {const} */ ({
  bundle: true,
  format: 'esm',
  platform: 'node', // the packages are for Node ≥ 20.19 (node: built-ins stay external)
  target: 'node20',
  minify: true,
  treeShaking: true,
  write: false,
  metafile: true,
  legalComments: 'none',
  logLevel: 'silent',
});

/** @returns {{ entries: SizeEntry[] }} */
export function readBudgets() {
  return JSON.parse(readFileSync(budgetsFile, 'utf8'));
}

/**
 * @param {SizeEntry} entry
 * @returns {Promise<SizeResult>}
 */
export async function measure(entry) {
  const result = await build({
    stdin: { contents: entry.code, resolveDir: path.join(repoRoot, 'tools/release'), sourcefile: 'user-entry.mjs', loader: 'js' },
    ...USER_BUNDLE_OPTIONS,
  });
  const output = result.outputFiles[0];
  if (!output) throw new Error(`esbuild produced no output for ${entry.name}`);
  const inputs = Object.entries(result.metafile.outputs[Object.keys(result.metafile.outputs)[0] ?? '']?.inputs ?? {})
    .map(([file, info]) => ({ path: file.replace(/^.*node_modules\//, ''), bytes: info.bytesInOutput }))
    .filter((input) => input.bytes > 0)
    .sort((a, b) => b.bytes - a.bytes);
  return { entry, minified: output.contents.length, gzip: gzipSync(output.contents, { level: 9 }).length, inputs };
}

/** @returns {Promise<SizeResult[]>} */
export async function measureAll() {
  return Promise.all(readBudgets().entries.map((entry) => measure(entry)));
}
