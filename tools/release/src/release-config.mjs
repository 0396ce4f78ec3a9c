// @ts-check
// tools/release/release.config.json: the only knobs of the release checks.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './workspaces.mjs';

/**
 * @typedef {object} ReleaseConfig
 * @property {Record<string, string>} notReadyYet public packages still being written: their failing
 *   checks are reported but do not fail `release:dry` (they do with `--strict`, which the publish job
 *   uses). Value = why, and what is missing. Remove the entry as soon as the package passes.
 * @property {string[]} consumerCheck packages installed from tarballs into a fresh project by the consumer test
 * @property {string[]} apiReports library packages whose public entry points have a committed API report
 */

/** @returns {ReleaseConfig} */
export function readReleaseConfig() {
  const config = JSON.parse(readFileSync(path.join(repoRoot, 'tools/release/release.config.json'), 'utf8'));
  return { notReadyYet: config.notReadyYet ?? {}, consumerCheck: config.consumerCheck ?? [], apiReports: config.apiReports ?? [] };
}
