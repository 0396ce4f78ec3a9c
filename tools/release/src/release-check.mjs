// @ts-check
// Pack one public workspace and run every tarball check on it.
import { packWorkspace } from './pack.mjs';
import { checkDependencies, checkForbiddenFiles, checkReadmeAndLicense, checkSourceMaps, runAttw, runPublint } from './checks.mjs';

/**
 * @typedef {import('./workspaces.mjs').Workspace} Workspace
 * @typedef {import('./checks.mjs').CheckResult} CheckResult
 * @typedef {{ packed: import('./pack.mjs').PackedPackage, results: CheckResult[], ok: boolean }} PackageReport
 */

/**
 * @param {Workspace} workspace
 * @param {string} destination folder for the tarball
 * @param {Workspace[]} workspaces all workspaces (for internal dependency ranges)
 * @returns {Promise<PackageReport>}
 */
export async function checkPackage(workspace, destination, workspaces) {
  const packed = await packWorkspace(workspace, destination);
  // A bin-only package (the CLI) has no importable entry, so there are no types for attw to resolve.
  const importable = packed.manifest.exports !== undefined || packed.manifest.main !== undefined || packed.manifest.types !== undefined;
  /** @type {Promise<CheckResult>} */
  const attwResult = importable
    ? runAttw(packed.tarballPath)
    : Promise.resolve({ name: 'attw', ok: true, problems: [], notes: ['skipped: bin-only package (no exports, main or types)'] });
  const [attw, publint] = await Promise.all([attwResult, runPublint(packed.tarball)]);
  const results = [
    checkForbiddenFiles(packed.entries),
    checkReadmeAndLicense(packed.entries, packed.manifest),
    checkSourceMaps(packed.entries),
    checkDependencies(packed.manifest, workspaces),
    attw,
    publint,
  ];
  return { packed, results, ok: results.every((result) => result.ok) };
}
