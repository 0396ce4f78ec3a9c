// Fuzz of the BUILT binary, as a process: what the in-process fuzz cannot see — an unhandled
// rejection or uncaught exception that kills Node (exit code 1 plus a stack on stderr), a signal
// death, a hang, the real argv/stdout/stderr plumbing (NUL cannot even be passed in argv). A small
// fixed sample of the same hostile values, every command of the real tree, with --dry-run.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hcdr, type RunResult } from './helpers/cli.js';
import { firstUnsafeCharacter, hostileValue, STACK_LINE } from './helpers/hostile-values.js';
import { commandTree } from './helpers/in-process.js';

const CASES = 48;
const PARALLEL = 4;

describe('fuzz: the built binary', () => {
  it(`${CASES} generated --dry-run invocations exit 0, 2 or 4 with a clean error and no crash`, async () => {
    const { leaves } = await commandTree();
    // `hcdr simulator` runs until Ctrl-C: not a one-shot command.
    const commands = leaves.filter((l) => l.path[0] !== 'simulator');
    const cases = fc.sample(
      fc.tuple(fc.constantFrom(...commands), fc.nat(), hostileValue).map(([leaf, n, value]) => {
        const argv = [...leaf.example];
        // Replace one value after the command path (an option's value or a positional), or add an unknown-position word.
        const at = leaf.path.length + (n % Math.max(1, argv.length - leaf.path.length));
        if (at < argv.length && !(argv[at] ?? '').startsWith('-')) argv[at] = value;
        else argv.push(value);
        // argv cannot carry NUL: execve would refuse it; the in-process fuzz covers NUL.
        return ['--dry-run', ...argv.map((a) => a.replaceAll('\0', ''))];
      }),
      { numRuns: CASES, seed: 20260422 },
    );
    const results: { argv: string[]; r: RunResult }[] = [];
    for (let i = 0; i < cases.length; i += PARALLEL) {
      const batch = cases.slice(i, i + PARALLEL);
      results.push(...(await Promise.all(batch.map(async (argv) => ({ argv, r: await hcdr(argv, { timeoutMs: 30_000 }) })))));
    }
    const exits = new Map<string, number>();
    for (const { argv, r } of results) {
      const why = `hcdr ${argv.map((a) => JSON.stringify(a.length > 60 ? `${a.slice(0, 60)}…` : a)).join(' ')}\nexit ${r.code} signal ${r.signal}\nstderr: ${r.stderr.slice(0, 800)}`;
      exits.set(String(r.code), (exits.get(String(r.code)) ?? 0) + 1);
      expect(r.signal, why).toBeNull();
      expect([0, 2, 4], why).toContain(r.code);
      expect(r.stdout + r.stderr, why).not.toMatch(STACK_LINE);
      expect(firstUnsafeCharacter(r.stdout + r.stderr), why).toBeUndefined();
      if (r.code !== 0) expect(r.stderr.split('\n').filter((l) => l.startsWith('error:')), why).toHaveLength(1);
    }
    expect(results).toHaveLength(CASES);
    console.log(`fuzz-binary: ${results.length} spawned cases (${[...exits.entries()].map(([k, v]) => `exit ${k}: ${v}`).join(', ')})`);
  }, 120_000);
});
