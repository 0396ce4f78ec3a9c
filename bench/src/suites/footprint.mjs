// @ts-check
// Benchmark 5: what a user pays to use one operation.
//  - bundle: minified + gzip (level 9) bytes of a user module that imports the GeminiDB client and
//    makes one createDisasterRecovery call, bundled by esbuild for Node with every dependency
//    included and tree-shaken — the method of tools/release/src/size.mjs, applied to both sides.
//  - install: bytes on disk of the package and its production-dependency closure (what
//    `npm install <pkg>` adds). Registry packages: their installed directory; our workspace
//    packages: the unpacked size of what `npm pack` would publish.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { USER_BUNDLE_OPTIONS } from '../../../tools/release/src/size.mjs';
import { makeRow } from '../result-row.mjs';

const benchDir = fileURLToPath(new URL('../..', import.meta.url));
const repoRoot = path.dirname(benchDir);

const OURS_ENTRY = `
import { createGeminiDbClient } from '@hcdr/geminidb';
const gdb = createGeminiDbClient({ region: 'ap-southeast-1' });
export const result = await gdb.createDisasterRecovery({
  instance_id: 'a1b2c3d4e5f64a7b8c9d0e1f2a3b4c5din12',
  body: { alias: 'dr', password: process.env.DR_PASSWORD, instance_role: 'master',
    disaster_recovery_instance: { id: 'f0e1d2c3b4a54968a7b6c5d4e3f2a1b0in12', region_code: 'ap-southeast-1', subnet_cidrs: ['10.1.1.0/24'], node_ips: ['10.1.1.2'] } },
});
`;

const OFFICIAL_ENTRY = `
import { BasicCredentials } from '@huaweicloud/huaweicloud-sdk-core';
import { ConstructDisasterRecoveryBody, ConstructDisasterRecoveryInstance, CreateDisasterRecoveryRequest, GaussDBforNoSQLClient } from '@huaweicloud/huaweicloud-sdk-gaussdbfornosql';
const credentials = new BasicCredentials().withAk(process.env.HUAWEICLOUD_SDK_AK).withSk(process.env.HUAWEICLOUD_SDK_SK).withProjectId(process.env.HUAWEICLOUD_SDK_PROJECT_ID);
const client = GaussDBforNoSQLClient.newBuilder().withCredential(credentials).withEndpoint('https://gaussdb-nosql.ap-southeast-1.myhuaweicloud.com').build();
export const result = await client.createDisasterRecovery(new CreateDisasterRecoveryRequest().withInstanceId('a1b2c3d4e5f64a7b8c9d0e1f2a3b4c5din12').withBody(
  new ConstructDisasterRecoveryBody().withAlias('dr').withPassword(process.env.DR_PASSWORD).withInstanceRole('master').withDisasterRecoveryInstance(
    new ConstructDisasterRecoveryInstance().withId('f0e1d2c3b4a54968a7b6c5d4e3f2a1b0in12').withRegionCode('ap-southeast-1').withSubnetCidrs(['10.1.1.0/24']).withNodeIps(['10.1.1.2']))));
`;

/**
 * @param {string} code
 * @returns {Promise<{ minified: number, gzip: number, top: string[] }>}
 */
async function bundleSize(code) {
  const result = await build({
    stdin: { contents: code, resolveDir: benchDir, sourcefile: 'user-entry.mjs', loader: 'js' },
    ...USER_BUNDLE_OPTIONS,
  });
  const output = result.outputFiles[0];
  if (!output) throw new Error('esbuild produced no output');
  /** @type {Map<string, number>} */
  const byPackage = new Map();
  for (const [file, info] of Object.entries(Object.values(result.metafile.outputs)[0]?.inputs ?? {})) {
    const pkg = packageOf(file);
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + info.bytesInOutput);
  }
  const top = [...byPackage.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 5)
    .map(([pkg, bytes]) => `${pkg} ${Math.round(bytes / 1024)} KiB`);
  return { minified: output.contents.length, gzip: gzipSync(output.contents, { level: 9 }).length, top };
}

/** `../node_modules/@scope/name/lib/x.js` → `@scope/name`; workspace files → their folder. */
function packageOf(/** @type {string} */ file) {
  const i = file.lastIndexOf('node_modules/');
  if (i === -1) return file.split('/').slice(0, -1).filter((s) => s !== '..').slice(0, 2).join('/') || file;
  const rest = file.slice(i + 'node_modules/'.length).split('/');
  return rest[0]?.startsWith('@') ? `${rest[0]}/${rest[1]}` : (rest[0] ?? file);
}

/** Apparent size of every file under `dir`, skipping nested node_modules (counted as their own packages). */
function dirBytes(/** @type {string} */ dir) {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) total += dirBytes(full);
    else if (entry.isFile()) total += statSync(full).size;
  }
  return total;
}

/** Node's lookup: `<from>/node_modules/<name>`, then each parent directory's node_modules. */
function resolvePackageDir(/** @type {string} */ name, /** @type {string} */ fromDir) {
  for (let dir = fromDir; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', name);
    if (existsSync(path.join(candidate, 'package.json'))) return realpathSync(candidate);
    if (path.dirname(dir) === dir) throw new Error(`cannot resolve ${name} from ${fromDir}`);
  }
}

/** Published (unpacked) size of a workspace package, from `npm pack --dry-run`. */
function packedBytes(/** @type {string} */ dir) {
  const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const info = JSON.parse(out)[0];
  if (typeof info?.unpackedSize !== 'number') throw new Error(`npm pack --dry-run gave no unpackedSize for ${dir}`);
  return info.unpackedSize;
}

/**
 * Walks dependencies + optionalDependencies (not dev, not peer) from `name`.
 * @returns {{ bytes: number, packages: number }}
 */
function installClosure(/** @type {string} */ name) {
  /** @type {Map<string, number>} */
  const seen = new Map();
  const visit = (/** @type {string} */ dep, /** @type {string} */ fromDir) => {
    const dir = resolvePackageDir(dep, fromDir);
    if (seen.has(dir)) return;
    const inWorkspace = !dir.split(path.sep).includes('node_modules');
    seen.set(dir, inWorkspace ? packedBytes(dir) : dirBytes(dir));
    const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
    for (const next of Object.keys({ ...manifest.dependencies, ...manifest.optionalDependencies })) {
      try {
        visit(next, dir);
      } catch (error) {
        // An optional dependency for another platform is legitimately absent.
        if (!(next in (manifest.optionalDependencies ?? {}))) throw error;
      }
    }
  };
  visit(name, benchDir);
  return { bytes: [...seen.values()].reduce((a, b) => a + b, 0), packages: seen.size };
}

/**
 * @param {{ log: (line: string) => void }} context
 * @returns {Promise<import('../result-row.mjs').ResultRow[]>}
 */
export async function runFootprint({ log }) {
  const [ours, official] = await Promise.all([bundleSize(OURS_ENTRY), bundleSize(OFFICIAL_ENTRY)]);
  log(`  bundle contributors, ours: ${ours.top.join(', ')}`);
  log(`  bundle contributors, official: ${official.top.join(', ')}`);
  const oursInstall = installClosure('@hcdr/geminidb');
  const officialInstall = installClosure('@huaweicloud/huaweicloud-sdk-gaussdbfornosql');
  log(`  install closure: ours ${oursInstall.packages} packages, official ${officialInstall.packages} packages (repo root ${repoRoot})`);
  return [
    makeRow({
      name: 'bundle: one createDisasterRecovery call (min+gzip)',
      ours: ours.gzip,
      baseline: official.gzip,
      unit: 'bytes',
      baselineName: '@huaweicloud/huaweicloud-sdk-gaussdbfornosql 3.1.215 + deps',
      target: 0.1,
      p95s: null,
      samples: 1,
      note: `minified: ours ${ours.minified} B, official ${official.minified} B (esbuild, platform node, all deps bundled)`,
    }),
    makeRow({
      name: 'install size on disk (package + production deps)',
      ours: oursInstall.bytes,
      baseline: officialInstall.bytes,
      unit: 'bytes',
      baselineName: '@huaweicloud/huaweicloud-sdk-gaussdbfornosql 3.1.215 + deps',
      target: null,
      p95s: null,
      samples: 1,
      note: `packages: ours ${oursInstall.packages} (@hcdr/geminidb closure), official ${officialInstall.packages}`,
    }),
  ];
}
