#!/usr/bin/env node
// @ts-check
// npm run api — rewrite the committed API reports (review/*.api.md) from the built declarations, after
// an intended change of a public signature. `--check` only compares (what the test in npm test does).
import path from 'node:path';
import { reportEntries, runApiReport } from '../src/api-report.mjs';
import { repoRoot } from '../src/workspaces.mjs';

const check = process.argv.includes('--check');
let failed = false;
for (const entry of reportEntries()) {
  const { changed, succeeded, problems } = runApiReport(entry, { update: !check });
  const where = path.relative(repoRoot, entry.reportFile);
  for (const problem of problems) console.error(`  ${entry.workspace.name} ${entry.subpath}: ${problem}`);
  if (!succeeded || (check && changed)) failed = true;
  console.log(`${changed ? (check ? 'DIFFERS ' : 'updated ') : 'ok      '} ${where}`);
}
if (failed) {
  console.error(check ? '\nA public API changed. Review it, then run `npm run api` and commit review/*.api.md.' : '\napi-extractor reported problems (above).');
  process.exit(1);
}
