#!/usr/bin/env node
// @ts-check
// npm run version — apply pending changesets: bump versions, write CHANGELOG.md files, update internal
// dependency ranges (`changeset version`), then bring package-lock.json along (`changeset version`
// does not touch it; without this step `npm ci` fails on the next run), then verify the lockfile.
// Run from the repo root (npm does that for root scripts).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { exec, npmCommand } from '../src/exec.mjs';
import { lockfileProblems } from '../src/lockfile.mjs';

const require = createRequire(import.meta.url);
const root = process.cwd();
const changesetsManifest = require.resolve('@changesets/cli/package.json');
const changesetBin = path.join(path.dirname(changesetsManifest), JSON.parse(readFileSync(changesetsManifest, 'utf8')).bin.changeset);

/**
 * @param {string} label
 * @param {string} command
 * @param {string[]} args
 */
async function step(label, command, args) {
  console.log(`> ${label}`);
  const result = await exec(command, args, { cwd: root, timeoutMs: 300_000 });
  process.stdout.write(result.stdout);
  process.stderr.write(result.stderr);
  if (result.code !== 0) {
    console.error(`${label} failed (exit ${result.code})`);
    process.exit(result.code);
  }
}

await step('changeset version', process.execPath, [changesetBin, 'version']);
// --package-lock-only: rewrite the lockfile from package.json without touching node_modules;
// workspace version bumps need no download.
await step('npm install --package-lock-only', npmCommand, ['install', '--package-lock-only', '--ignore-scripts', '--no-audit', '--no-fund']);

const problems = lockfileProblems({ root });
if (problems.length > 0) {
  console.error(`package-lock.json is still out of sync:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log('versions, changelogs and package-lock.json updated; review with git diff, then commit');
