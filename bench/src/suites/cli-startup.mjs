// @ts-check
// Benchmark 4: whole-process start-up of the built CLI (`hcdr --version`, `hcdr --help`) vs
// `node -e 0`, the floor any Node CLI pays. The three commands run round-robin (the order rotates
// every round), so machine-load drifts hit all three alike.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { median, p95 } from '../harness.mjs';
import { makeRow } from '../result-row.mjs';

const cliBin = fileURLToPath(new URL('../../../apps/cli/dist/bin/hcdr.js', import.meta.url));
const cliVersion = JSON.parse(readFileSync(new URL('../../../apps/cli/package.json', import.meta.url), 'utf8')).version;

/**
 * @typedef {{ key: string, args: string[], check: (stdout: string) => boolean }} Command
 */

/** @type {Command[]} */
const COMMANDS = [
  { key: 'version', args: [cliBin, '--version'], check: (out) => out.trim() === cliVersion },
  { key: 'help', args: [cliBin, '--help'], check: (out) => out.includes('Usage: hcdr') },
  { key: 'noop', args: ['-e', '0'], check: (out) => out === '' },
];

/** Wall time of one whole process in ms; throws if it fails or prints something unexpected. */
function runOnce(/** @type {Command} */ command) {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, command.args, {
    encoding: 'utf8',
    // A clean environment: no NODE_OPTIONS from the caller, no colour codes, no profile lookups.
    env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', NO_COLOR: '1' },
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0 || !command.check(result.stdout)) {
    throw new Error(`node ${command.args.join(' ')} exited ${result.status}: ${result.stderr.slice(0, 300)}`);
  }
  return ms;
}

/**
 * @param {{ sizes: { warmup: number, samples: number }, log: (line: string) => void }} context
 * @returns {Promise<import('../result-row.mjs').ResultRow[]>}
 */
export async function runCliStartup({ sizes, log }) {
  if (!existsSync(cliBin)) throw new Error(`${cliBin} is missing: build the CLI first (npm run bench does)`);
  /** @type {Record<string, number[]>} */
  const samples = { version: [], help: [], noop: [] };
  for (let round = 0; round < sizes.warmup + sizes.samples; round++) {
    for (let i = 0; i < COMMANDS.length; i++) {
      const command = /** @type {Command} */ (COMMANDS[(round + i) % COMMANDS.length]);
      const ms = runOnce(command);
      if (round >= sizes.warmup) samples[command.key]?.push(ms);
    }
  }
  const noop = samples['noop'] ?? [];
  log(`  ${sizes.samples} rounds x 3 processes (hcdr --version, hcdr --help, node -e 0)`);
  return ['version', 'help'].map((key) => {
    const ours = samples[key] ?? [];
    return makeRow({
      name: `CLI start-up: hcdr --${key} vs node -e 0`,
      ours: median(ours),
      baseline: median(noop),
      unit: 'ms/process',
      baselineName: 'node -e 0',
      // --version is answered before the command tree loads; --help loads commander and the top-level tree.
      target: key === 'version' ? 1.4 : 2.0,
      p95s: { ours: p95(ours), baseline: p95(noop) },
      samples: sizes.samples,
    });
  });
}
