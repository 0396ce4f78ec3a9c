// @ts-check
// `npm pack` one workspace into a folder and read back exactly what would be published.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { exec, npmCommand } from './exec.mjs';
import { readTarball } from './tar.mjs';

/**
 * @typedef {import('./workspaces.mjs').Workspace} Workspace
 *
 * @typedef {object} PackedPackage
 * @property {string} name
 * @property {string} version
 * @property {string} tarballPath
 * @property {Buffer} tarball
 * @property {number} size tarball bytes (gzipped)
 * @property {number} unpackedSize sum of file sizes
 * @property {import('./tar.mjs').TarEntry[]} entries
 * @property {Record<string, any>} manifest the package.json inside the tarball (what the registry gets)
 */

/**
 * Runs `npm pack --json --pack-destination <dest>` in the workspace (lifecycle scripts included, as
 * `npm publish` would run them) and reads the tarball it wrote.
 * @param {Workspace} workspace
 * @param {string} destination an existing folder
 * @returns {Promise<PackedPackage>}
 */
export async function packWorkspace(workspace, destination) {
  const result = await exec(npmCommand, ['pack', '--json', '--pack-destination', destination], {
    cwd: workspace.dir,
    check: true,
  });
  // npm prints lifecycle output before the JSON array; the array is the last thing on stdout.
  const json = result.stdout.slice(result.stdout.indexOf('\n[') + 1 || result.stdout.indexOf('['));
  const [info] = /** @type {Array<{ filename: string, size: number, unpackedSize: number }>} */ (JSON.parse(json));
  if (!info) throw new Error(`npm pack printed no package info for ${workspace.name}`);
  const tarballPath = path.join(destination, info.filename);
  const tarball = readFileSync(tarballPath);
  const entries = readTarball(tarball);
  const manifestEntry = entries.find((entry) => entry.path === 'package.json');
  if (!manifestEntry) throw new Error(`${info.filename} has no package.json`);
  return {
    name: workspace.name,
    version: workspace.version,
    tarballPath,
    tarball,
    size: tarball.length,
    unpackedSize: entries.reduce((sum, entry) => sum + entry.size, 0),
    entries,
    manifest: JSON.parse(manifestEntry.data.toString('utf8')),
  };
}
