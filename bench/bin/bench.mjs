#!/usr/bin/env node
// @ts-check
// npm run bench (repo root) → builds the packages, then runs this. See bench/README.md.
//   --only=calls,sdk,signer,cli,size,waiter,monitoring   run some suites (then results are not written unless --out is given)
//   --quick                                   fewer samples (a smoke run; numbers are noisier)
//   --out=<file>                              where to write the JSON (default bench/results/latest.json)
//   --markdown                                also print the table as Markdown (for the README)
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startLoopbackServer } from '../src/loopback-server.mjs';
import { runCallOverhead, runOfficialSdk } from '../src/suites/calls.mjs';
import { runCliStartup } from '../src/suites/cli-startup.mjs';
import { runFootprint } from '../src/suites/footprint.mjs';
import { runMonitoring } from '../src/suites/monitoring.mjs';
import { runSigner } from '../src/suites/signer.mjs';
import { runWaiter } from '../src/suites/waiter.mjs';
import { markdownTable, textTable } from '../src/table.mjs';

const { values } = parseArgs({
  options: { only: { type: 'string' }, quick: { type: 'boolean', default: false }, out: { type: 'string' }, markdown: { type: 'boolean', default: false } },
});
const quick = values.quick === true;
const scale = (/** @type {number} */ n) => (quick ? Math.max(2, Math.ceil(n / 4)) : n);

/** @typedef {import('../src/result-row.mjs').ResultRow} ResultRow */
/** @typedef {import('../src/loopback-server.mjs').LoopbackServer} LoopbackServer */
/** @typedef {{ server: LoopbackServer, log: (line: string) => void }} Context */

/** @type {Array<{ key: string, title: string, run: (context: Context) => Promise<ResultRow[]> }>} */
const SUITES = [
  { key: 'calls', title: '1. call overhead vs raw fetch', run: (c) => runCallOverhead({ ...c, sizes: { batch: 40, warmup: scale(4), samples: scale(60) } }) },
  { key: 'sdk', title: '2. vs the official SDK', run: (c) => runOfficialSdk({ ...c, sizes: { batch: 40, warmup: scale(4), samples: scale(60) } }) },
  { key: 'signer', title: '3. signer throughput', run: (c) => runSigner({ ...c, sizes: { batch: 500, warmup: scale(4), samples: scale(30) } }) },
  { key: 'cli', title: '4. CLI start-up', run: (c) => runCliStartup({ ...c, sizes: { warmup: scale(3), samples: scale(30) } }) },
  { key: 'size', title: '5. install footprint', run: (c) => runFootprint(c) },
  { key: 'waiter', title: '6. waiter CPU cost', run: (c) => runWaiter({ ...c, sizes: { warmup: scale(3), samples: scale(15) } }) },
  {
    key: 'monitoring',
    title: '7. exporter: 500 relationships + 500 tasks, 4 regions',
    run: (c) => runMonitoring({ ...c, sizes: { warmupPolls: 40, polls: quick ? 400 : 10_000, scrapes: scale(400) } }),
  },
];

const only = values.only?.split(',').map((s) => s.trim()).filter(Boolean);
const unknown = only?.filter((k) => !SUITES.some((s) => s.key === k)) ?? [];
if (unknown.length) {
  console.error(`unknown suite(s): ${unknown.join(', ')} (known: ${SUITES.map((s) => s.key).join(', ')})`);
  process.exit(2);
}
const selected = SUITES.filter((s) => !only || only.includes(s.key));

const log = (/** @type {string} */ line) => console.log(line);
log(`hcdr bench — node ${process.version}, ${cpus().length} CPU(s) (${cpus()[0]?.model ?? 'unknown'}), ${quick ? 'quick' : 'full'} run`);
const started = Date.now();
const server = await startLoopbackServer();
/** @type {ResultRow[]} */
const rows = [];
try {
  for (const suite of selected) {
    const t0 = Date.now();
    log(`\n${suite.title}`);
    rows.push(...(await suite.run({ server, log })));
    log(`  (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  }
} finally {
  await server.close();
}

log(`\n${textTable(rows)}\n`);
if (values.markdown) log(`${markdownTable(rows)}\n`);
const missed = rows.filter((r) => r.met === false).map((r) => r.name);
log(missed.length ? `targets missed: ${missed.join('; ')}` : 'all targets met');

const benchDir = fileURLToPath(new URL('..', import.meta.url));
const out = values.out ?? (only ? undefined : path.join(benchDir, 'results', 'latest.json'));
if (out) {
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(rows, null, 2)}\n`);
  log(`wrote ${path.relative(process.cwd(), out) || out}`);
}
log(`total ${((Date.now() - started) / 1000).toFixed(1)} s`);
