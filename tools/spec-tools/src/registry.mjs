// @ts-check
import { fileURLToPath } from 'node:url';
import path from 'node:path';

/** Repository root, derived from this file so the tools work from any cwd. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/**
 * Every spec and the package its code is generated into. Adding an API = one row here.
 * @typedef {{ name: string; spec: string; packageDir: string; outDir: string }} SpecEntry
 * @type {readonly SpecEntry[]}
 */
export const specs = [
  { name: 'geminidb-dr', spec: 'specs/geminidb-dr.yaml', packageDir: 'packages/geminidb', outDir: 'packages/geminidb/src/generated' },
  { name: 'dws-dr', spec: 'specs/dws-dr.yaml', packageDir: 'packages/dws', outDir: 'packages/dws/src/generated' },
  { name: 'vpc', spec: 'specs/vpc.yaml', packageDir: 'packages/vpc', outDir: 'packages/vpc/src/generated' },
];

/** @param {string} name */
export function findSpec(name) {
  const entry = specs.find((s) => s.name === name);
  if (!entry) throw new Error(`unknown spec "${name}"; known: ${specs.map((s) => s.name).join(', ')}`);
  return entry;
}
