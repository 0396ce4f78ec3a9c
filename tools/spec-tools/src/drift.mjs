// @ts-check
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { renderAll } from './generate.mjs';
import { repoRoot } from './registry.mjs';

/**
 * Writes the generated folder from scratch so files removed from the output disappear too.
 * @param {import('./registry.mjs').SpecEntry} entry
 */
export async function writeGenerated(entry) {
  const files = await renderAll(entry);
  const outDir = path.join(repoRoot, entry.outDir);
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(outDir, name), text);
  return Object.keys(files).map((name) => path.join(entry.outDir, name));
}

/**
 * Compares what the spec produces now with what is committed.
 * @param {import('./registry.mjs').SpecEntry} entry
 * @returns {Promise<{ file: string; problem: 'missing' | 'differs' | 'unexpected' }[]>}
 */
export async function findDrift(entry) {
  const files = await renderAll(entry);
  const outDir = path.join(repoRoot, entry.outDir);
  /** @type {{ file: string; problem: 'missing' | 'differs' | 'unexpected' }[]} */
  const drift = [];
  for (const [name, expected] of Object.entries(files)) {
    const file = path.join(entry.outDir, name);
    const full = path.join(repoRoot, file);
    if (!existsSync(full)) drift.push({ file, problem: 'missing' });
    else if (readFileSync(full, 'utf8') !== expected) drift.push({ file, problem: 'differs' });
  }
  if (existsSync(outDir)) {
    for (const name of readdirSync(outDir)) {
      if (!(name in files)) drift.push({ file: path.join(entry.outDir, name), problem: 'unexpected' });
    }
  }
  return drift;
}
