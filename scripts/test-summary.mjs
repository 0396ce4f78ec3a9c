#!/usr/bin/env node
// Prints the single line CI reads: "N passed, N failed".
// Sums the vitest JSON reports every workspace writes (test-results.json); a failing step that
// produced no report (lint, drift check, build) counts as one failure so a red run never reads green.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const exitCode = Number(process.argv[2] ?? '0');
const since = Number(process.argv[3] ?? '0');

let passed = 0;
let failed = 0;
for (const tier of ['packages', 'apps', 'tools']) {
  const dir = path.join(root, tier);
  if (!existsSync(dir)) continue;
  for (const name of readdirSync(dir)) {
    const report = path.join(dir, name, 'test-results.json');
    if (!existsSync(report) || statSync(report).mtimeMs < since) continue;
    const json = JSON.parse(readFileSync(report, 'utf8'));
    passed += json.numPassedTests ?? 0;
    failed += (json.numFailedTests ?? 0) + (json.success === false && !json.numFailedTests ? 1 : 0);
  }
}
if (exitCode !== 0 && failed === 0) failed = 1;
console.log(`${passed} passed, ${failed} failed`);
