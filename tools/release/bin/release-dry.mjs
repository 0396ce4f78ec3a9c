#!/usr/bin/env node
// @ts-check
// npm run release:dry — build every public package, pack it, check the tarball, print a table.
// Exits 1 when any check fails. Nothing is published and nothing in the repo changes.
//   --skip-build   use the dist/ folders as they are
//   --strict       packages listed in release.config.json "notReadyYet" fail too (use before publishing)
//   --keep         keep the tarballs (their folder is printed)
//   --verbose      list every problem (default: the first 6 per check and package)
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { exec } from '../src/exec.mjs';
import { kB, table } from '../src/format.mjs';
import { lockfileProblems } from '../src/lockfile.mjs';
import { checkPackage } from '../src/release-check.mjs';
import { readReleaseConfig } from '../src/release-config.mjs';
import { listWorkspaces, repoRoot } from '../src/workspaces.mjs';

const args = new Set(process.argv.slice(2));
const strict = args.has('--strict');
const require = createRequire(import.meta.url);
const started = performance.now();
const { notReadyYet } = readReleaseConfig();

const workspaces = listWorkspaces();
const publicOnes = workspaces.filter((workspace) => !workspace.private);
console.log(`release:dry — ${publicOnes.length} public packages: ${publicOnes.map((w) => w.name).join(', ')}${strict ? ' (strict)' : ''}`);

if (!args.has('--skip-build')) {
  const turbo = path.join(path.dirname(require.resolve('turbo/package.json')), 'bin/turbo');
  /** @param {typeof publicOnes} group */
  const buildGroup = async (group) => {
    const filters = group.flatMap((workspace) => ['--filter', workspace.name]);
    console.log(`building: turbo run build ${filters.join(' ')}`);
    return exec(turbo, ['run', 'build', ...filters, '--output-logs=errors-only'], { cwd: repoRoot, timeoutMs: 600_000 });
  };
  const ready = publicOnes.filter((workspace) => strict || !(workspace.name in notReadyYet));
  const notReady = publicOnes.filter((workspace) => !ready.includes(workspace));
  const build = await buildGroup(ready);
  if (build.code !== 0) {
    console.error(build.stdout, build.stderr);
    console.error('build failed');
    process.exit(1);
  }
  console.log(`built in ${(build.ms / 1000).toFixed(1)} s`);
  if (notReady.length > 0) {
    const optional = await buildGroup(notReady);
    if (optional.code !== 0) console.log(`  build of not-ready packages failed (tolerated; their checks below show what is missing)`);
  }
}

let failed = false;
const lock = lockfileProblems({ only: (workspace) => !workspace.private });
if (lock.length > 0) {
  failed = true;
  console.log(`\n✗ package-lock.json is out of sync with package.json (run npm install):\n  ${lock.join('\n  ')}`);
}

const destination = mkdtempSync(path.join(tmpdir(), 'hcdr-release-dry-'));
/** @type {import('../src/release-check.mjs').PackageReport[]} */
const reports = [];
try {
  for (const workspace of publicOnes) reports.push(await checkPackage(workspace, destination, workspaces));
} catch (error) {
  rmSync(destination, { recursive: true, force: true });
  throw error;
}

/** @param {import('../src/release-check.mjs').PackageReport} report */
const tolerated = (report) => !strict && report.packed.name in notReadyYet;

console.log('');
console.log(
  table(
    ['package', 'version', 'tarball', 'unpacked', 'files', 'checks'],
    reports.map((report) => {
      const { packed, results } = report;
      const failedNames = results.filter((result) => !result.ok).map((result) => result.name);
      return [
        packed.name,
        packed.version,
        kB(packed.size),
        kB(packed.unpackedSize),
        String(packed.entries.length),
        failedNames.length === 0
          ? `${results.length}/${results.length} passed`
          : `${tolerated(report) ? 'NOT READY' : 'FAILED'}: ${failedNames.join(', ')}`,
      ];
    }),
    ['left', 'left', 'right', 'right', 'right', 'left'],
  ),
);
console.log(`checks: ${reports[0]?.results.map((result) => result.name).join(', ') ?? '-'}\n`);

for (const report of reports) {
  const { packed, results } = report;
  const mark = tolerated(report) ? '! (not ready, tolerated)' : '✗';
  for (const result of results) {
    const shown = args.has('--verbose') ? result.problems : result.problems.slice(0, 6);
    for (const problem of shown) console.log(`${mark} ${packed.name} [${result.name}] ${problem}`);
    if (shown.length < result.problems.length) {
      console.log(`${mark} ${packed.name} [${result.name}] … and ${result.problems.length - shown.length} more like these (--verbose lists all)`);
    }
    for (const note of result.notes ?? []) console.log(`  ${packed.name} [${result.name}] note: ${note}`);
  }
  if (packed.name in notReadyYet) {
    console.log(
      report.ok
        ? `  ${packed.name} passes every check: remove it from "notReadyYet" in tools/release/release.config.json`
        : `  ${packed.name} is listed as not ready: ${notReadyYet[packed.name]}`,
    );
  }
  if (!report.ok && !tolerated(report)) failed = true;
}
for (const name of Object.keys(notReadyYet)) {
  if (!publicOnes.some((workspace) => workspace.name === name)) console.log(`  "notReadyYet" lists ${name}, which is not a public workspace: remove the entry`);
}

if (args.has('--keep')) console.log(`tarballs kept in ${destination}`);
else rmSync(destination, { recursive: true, force: true });
console.log(`\nrelease:dry ${failed ? 'FAILED' : 'passed'} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
process.exit(failed ? 1 : 0);
