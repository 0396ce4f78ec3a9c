// @ts-check
// Build step after tsc: bundles the binary (dist/bin/hcdr.js as tsc emitted it) with the CLI's own
// modules and commander into a few ESM files, so `hcdr --help` loads 3 files instead of ~20 and
// commander's CommonJS is not translated at every start (CPU per `hcdr --help` ≈ -20 %, see
// bench/ "CLI start-up"). The command modules stay lazy: each group is its own chunk, loaded only
// when argv names it. Every other dependency stays external (imported on demand, with Node's own
// CommonJS interop: bundled, `await import('yaml')` lost its named exports).
// Chunks go to dist/ itself, one level below package.json, where version.ts expects to be.
// No source maps for the bundle: commander's sources are not in the package; the per-module
// tsc output (with maps) stays in dist/ beside it.
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const cliDir = fileURLToPath(new URL('..', import.meta.url));
const { dependencies } = JSON.parse(readFileSync(`${cliDir}package.json`, 'utf8'));
// commander is what the bundle is for: loaded on every start, CommonJS translated each time.
const external = Object.keys(dependencies).filter((name) => name !== 'commander');
// Chunks of an earlier build (their names carry a content hash).
for (const name of readdirSync(`${cliDir}dist`)) if (/^hcdr-.*\.js$/.test(name)) rmSync(`${cliDir}dist/${name}`);
await build({
  absWorkingDir: cliDir,
  entryPoints: ['dist/bin/hcdr.js'],
  outdir: 'dist',
  entryNames: 'bin/[name]',
  chunkNames: 'hcdr-[name]-[hash]',
  allowOverwrite: true,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external,
  // commander is CommonJS: give the bundle a `require` for its `require('node:events')` and friends.
  banner: { js: "import { createRequire as __hcdrCreateRequire } from 'node:module';\nconst require = __hcdrCreateRequire(import.meta.url);" },
  legalComments: 'none',
  logLevel: 'warning',
});
// tsc's map described the unbundled entry.
rmSync(`${cliDir}dist/bin/hcdr.js.map`, { force: true });
