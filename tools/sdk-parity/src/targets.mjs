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
 * Which SDK extracts each spec is compared with, and where each extract comes from (`go`: the service
 * directory in huaweicloud-sdk-go-v3; `node`: the npm package and its client class). The Node.js DWS
 * and VPC SDKs are not compared: the DWS one is not published on npm, and one SDK is enough for the
 * two VPC reads. The Go VPC package is `services/vpc/v2` although the API paths are `/v1/...`.
 * @typedef {{ sdk: 'go'; facts: string; service: string } | { sdk: 'node'; facts: string; package: string; dir: string; client: string }} ParitySource
 * @typedef {{ spec: string; sources: ParitySource[] }} ParityTarget
 * @type {readonly ParityTarget[]}
 */
export const targets = [
  {
    spec: 'specs/geminidb-dr.yaml',
    sources: [
      { sdk: 'go', facts: 'go-gaussdbfornosql-v3.json', service: 'services/gaussdbfornosql/v3' },
      { sdk: 'node', facts: 'node-gaussdbfornosql-v3.json', package: '@huaweicloud/huaweicloud-sdk-gaussdbfornosql', dir: 'v3', client: 'GaussDBforNoSQLClient' },
    ],
  },
  { spec: 'specs/dws-dr.yaml', sources: [{ sdk: 'go', facts: 'go-dws-v2.json', service: 'services/dws/v2' }] },
  { spec: 'specs/vpc.yaml', sources: [{ sdk: 'go', facts: 'go-vpc-v2.json', service: 'services/vpc/v2' }] },
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

/**
 * @param {string} relPath spec path relative to the repository root
 * @param {string} ref a git revision
 */
export function specExistsAt(relPath, ref) {
  try {
    execFileSync('git', ['cat-file', '-e', `${ref}:${relPath}`], { cwd: repoRoot, stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
