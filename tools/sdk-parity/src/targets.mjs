// @ts-check
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

/** Repository root, derived from this file so the tool works from any cwd. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const factsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../facts');

/**
 * Which SDK extracts each spec is compared with. The Node.js DWS SDK is not published on npm, so DWS is
 * compared with the Go SDK only.
 * @typedef {{ sdk: string; facts: string }} ParitySource
 * @typedef {{ spec: string; sources: ParitySource[] }} ParityTarget
 * @type {readonly ParityTarget[]}
 */
export const targets = [
  {
    spec: 'specs/geminidb-dr.yaml',
    sources: [
      { sdk: 'go', facts: 'go-gaussdbfornosql-v3.json' },
      { sdk: 'node', facts: 'node-gaussdbfornosql-v3.json' },
    ],
  },
  { spec: 'specs/dws-dr.yaml', sources: [{ sdk: 'go', facts: 'go-dws-v2.json' }] },
];

/** @param {string} file name inside `facts/` */
export function factsPath(file) {
  return path.join(factsDir, file);
}

/**
 * @param {string} file name inside `facts/`
 * @returns {import('./facts.mjs').Facts}
 */
export function loadFacts(file) {
  return JSON.parse(readFileSync(factsPath(file), 'utf8'));
}

/**
 * @param {string} relPath spec path relative to the repository root
 * @param {string} [ref] a git revision to read the spec from instead of the working tree
 */
export function loadSpecDocument(relPath, ref) {
  const text = ref
    ? execFileSync('git', ['show', `${ref}:${relPath}`], { cwd: repoRoot, encoding: 'utf8', maxBuffer: 64 << 20 })
    : readFileSync(path.join(repoRoot, relPath), 'utf8');
  return parse(text);
}
