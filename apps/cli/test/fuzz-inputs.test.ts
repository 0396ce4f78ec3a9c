// Fuzz: every flag and argument of every command (walked from the real command tree, not listed
// here) receives hostile values — empty, 100 KB, unicode/RTL/zero-width, NUL/CR/ESC sequences, path
// traversal, injection strings, wrong types, out-of-range numbers, malformed CIDRs/IPs, bad
// durations. Each case starts from the command's own first help example (a valid invocation) and
// replaces one value. Runs in-process through runCli, once with --dry-run and once against a
// counting HTTP server that refuses every request with an API error (400).
//
// Properties: the exit code is documented and explained (0, 2; 4 only for connection/config flags;
// 1 only for an API error after a request), exit 2 sends nothing, a failure prints exactly one
// `error:` line that names the flag or argument, no stack trace, no raw control characters from
// the input anywhere in the output, no uncaught exception or unhandled rejection.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileJournalStore } from '@hcdr/dr-ops';
import fc from 'fast-check';
import { type Command, CommanderError, type Option } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CliError, hasCoreBrand, UsageError } from '../src/io/errors.js';
import { PRIMARY, PROJECT, STANDBY } from './helpers/cli.js';
import { firstUnsafeCharacter, hostileValue, STACK_LINE } from './helpers/hostile-values.js';
import { commandTree, runInProcess, writeExamplePlans, startCountingServer, type CountingServer, type InProcessResult, type LeafCommand } from './helpers/in-process.js';

/** A place a hostile value goes: one positional argument, or the value of one option. */
type Slot = { kind: 'arg'; index: number; name: string; variadic: boolean } | { kind: 'option'; flag: string };

interface Case {
  /** `geminidb dr pair` (a string, so a counterexample prints short). */
  command: string;
  slot: Slot;
  value: string;
  argv: string[];
}

/** Flags whose bad value may legitimately be a configuration problem (exit 4): a missing profile, an unreadable credentials file, an unknown region. */
const CONFIG_FLAG = /(^|-)(profile|config-file|credentials-file|region|project-id|endpoint)$/;

const DRY_RUNS = 1500;
const SERVER_RUNS = 1000;
const counts = { dryRun: 0, server: 0, byExit: new Map<string, number>() };
const uncaught: unknown[] = [];
const onUncaught = (error: unknown) => uncaught.push(error);

let leaves: LeafCommand[] = [];
let globalOptions: readonly Option[] = [];
let server: CountingServer;
let cwd: string;
let scratch: string;
/** The profile file of every case (`configure` reads and writes it): never the real ~/.hcdr/config.json. */
let profileEnv: Record<string, string>;

beforeAll(async () => {
  process.on('uncaughtException', onUncaught);
  process.on('unhandledRejection', onUncaught);
  const tree = await commandTree();
  leaves = tree.leaves;
  globalOptions = tree.program.options;
  server = await startCountingServer();
  // `simulator --write-credentials ../../x` writes (and removes) a file: keep relative paths inside a scratch directory.
  cwd = process.cwd();
  scratch = mkdtempSync(join(tmpdir(), 'hcdr-fuzz-'));
  const deep = join(scratch, 'a', 'b', 'c');
  mkdirSync(deep, { recursive: true });
  process.chdir(deep);
  // Examples name files (`--password-file ./dr-password`): give them one.
  writeFileSync(join(deep, 'dr-password'), 'Fuzz#Example-Passw0rd\n', { mode: 0o600 });
  // `configure get region` (an example) needs a saved region.
  const profileFile = join(scratch, 'config.json');
  writeFileSync(profileFile, JSON.stringify({ profiles: { default: { region: 'ap-southeast-1' } } }), { mode: 0o600 });
  profileEnv = { HOME: scratch, HCDR_CONFIG_FILE: profileFile, HCDR_STATE_DIR: join(scratch, 'state') };
  writeFileSync(join(deep, 'exporter.yaml'), 'scopes:\n  - { service: geminidb, region: ap-southeast-1 }\n  - { service: dws, region: cn-north-4 }\n');
  // ... and drill plans (`drill run drill.yaml`, `readiness --plan dws-drill.yaml`).
  writeExamplePlans(deep);
});

/** A journaled, interrupted pairing of the default instances, as `hcdr geminidb dr pair` leaves it. */
async function seedJournal(): Promise<void> {
  const journal = new FileJournalStore({ dir: profileEnv.HCDR_STATE_DIR });
  const key = { kind: 'geminidb.pair' as const, targets: [PRIMARY, STANDBY] };
  if ((await journal.read(key)).records.length) return;
  await journal.append(key, { type: 'begin', at: new Date().toISOString(), attempt: 'fuzz-1', kind: key.kind, targets: [...key.targets], params: { alias: 'fuzz' }, host: 'fuzz', pid: 1, tool: 'fuzz' });
}

afterAll(async () => {
  if (cwd) process.chdir(cwd);
  if (scratch) rmSync(scratch, { recursive: true, force: true });
  await server?.close();
  process.off('uncaughtException', onUncaught);
  process.off('unhandledRejection', onUncaught);
  const exits = [...counts.byExit.entries()].map(([k, v]) => `${k}: ${v}`).join(', ');
  console.log(`fuzz-inputs: ${counts.dryRun} --dry-run cases + ${counts.server} counting-server cases over ${leaves.length} commands (${exits})`);
});

const takesValue = (o: Option) => o.required || o.optional;

function optionsOf(command: Command): Option[] {
  return [...command.options, ...globalOptions].filter((o) => o.long !== undefined && o.long !== '--version');
}

/** Every slot of a command: its arguments, its value options and the global value options. */
function slotsOf(leaf: LeafCommand): Slot[] {
  return [
    ...leaf.command.registeredArguments.map((a, index): Slot => ({ kind: 'arg', index, name: a.name(), variadic: a.variadic })),
    ...optionsOf(leaf.command)
      .filter(takesValue)
      .map((o): Slot => ({ kind: 'option', flag: o.long as string })),
  ];
}

/** Indexes of the positional arguments in an example's argv (after the command path). */
function positionalIndexes(leaf: LeafCommand, argv: readonly string[]): number[] {
  const valued = new Set(optionsOf(leaf.command).filter(takesValue).flatMap((o) => [o.long, o.short].filter((f): f is string => !!f)));
  const out: number[] = [];
  for (let i = leaf.path.length; i < argv.length; i++) {
    const word = argv[i] ?? '';
    if (word.startsWith('-')) {
      if (valued.has(word)) i++;
      continue;
    }
    out.push(i);
  }
  return out;
}

/** The example with one value replaced (or the option added). */
function mutate(leaf: LeafCommand, example: readonly string[], slot: Slot, value: string): string[] {
  const argv = [...example];
  if (slot.kind === 'option') {
    const at = argv.indexOf(slot.flag);
    if (at >= 0) argv[at + 1] = value;
    else argv.push(slot.flag, value);
    return argv;
  }
  const positions = positionalIndexes(leaf, argv);
  const at = positions[slot.index];
  if (at === undefined) argv.splice(leaf.path.length + positions.length, 0, value);
  else argv[at] = value;
  return argv;
}

interface Mode {
  commands: (leaf: LeafCommand) => boolean;
  slots: (slot: Slot) => boolean;
  example: (leaf: LeafCommand) => string[];
}

function caseArbitrary(mode: Mode): fc.Arbitrary<Case> {
  return fc
    .constantFrom(...leaves.filter(mode.commands))
    .chain((leaf) => fc.tuple(fc.constant(leaf), fc.constantFrom(...slotsOf(leaf).filter(mode.slots)), hostileValue))
    .map(([leaf, slot, value]) => ({ command: leaf.path.join(' '), slot, value, argv: mutate(leaf, mode.example(leaf), slot, value) }));
}

const DRY_RUN_MODE: Mode = { commands: () => true, slots: () => true, example: (leaf) => leaf.example };

/**
 * Against the server, waits poll every 100 ms (the first poll gets the 400 and ends the wait). The
 * polling intervals themselves are fuzzed in --dry-run only: a hostile but valid value such as
 * "30s " would make a case wait for real, and their validation is the same in both modes.
 */
const SERVER_MODE: Mode = {
  commands: (leaf) => leaf.path[0] !== 'simulator',
  // `configure set` really writes: a hostile but valid --config-file (an absolute path) would be written to.
  slots: (slot) => slot.kind === 'arg' || !['--poll-interval', '--interval', '--config-file'].includes(slot.flag),
  example: (leaf) => (leaf.command.options.some((o) => o.long === '--poll-interval') && !leaf.example.includes('--poll-interval') ? [...leaf.example, '--poll-interval', '100ms'] : leaf.example),
};

function slotName(slot: Slot): string {
  return slot.kind === 'option' ? slot.flag : `<${slot.name}${slot.variadic ? '...' : ''}>`;
}

function describeCase(c: Case, r: InProcessResult): string {
  return `hcdr ${c.argv.map((a) => JSON.stringify(a.length > 80 ? `${a.slice(0, 80)}…` : a)).join(' ')}\nexit ${r.code}\nstdout: ${r.stdout.slice(0, 600)}\nstderr: ${r.stderr.slice(0, 1200)}`;
}

/** What every run must satisfy, whatever the mode. */
async function checkCommon(c: Case, r: InProcessResult): Promise<void> {
  const why = describeCase(c, r);
  counts.byExit.set(String(r.code), (counts.byExit.get(String(r.code)) ?? 0) + 1);
  expect(r.stdout + r.stderr, `stack trace\n${why}`).not.toMatch(STACK_LINE);
  expect(firstUnsafeCharacter(r.stdout + r.stderr), `raw control character in the output\n${why}`).toBeUndefined();
  if (r.code !== 0) {
    const errorLines = r.stderr.split('\n').filter((l) => l.startsWith('error:'));
    expect(errorLines.length, `exactly one error: line\n${why}`).toBe(1);
  }
  if (r.code === 2) {
    // The problem is named by its flag or argument. A positional that starts with "-" is read as an
    // option (or `--`, the end of options), which changes what the rest of argv means: not checked.
    const names = [slotName(c.slot), c.slot.kind === 'arg' ? `'${c.slot.name}'` : c.slot.flag];
    const readAsOption = (c.slot.kind === 'arg' && c.value.startsWith('-')) || c.value === '--';
    expect(readAsOption || names.some((n) => r.stderr.includes(n)), `error names ${slotName(c.slot)}\n${why}`).toBe(true);
  }
  if (r.code === 4) {
    expect(c.slot.kind === 'option' && CONFIG_FLAG.test(c.slot.flag), `exit 4 only for connection/config flags\n${why}`).toBe(true);
    expect(r.error instanceof CliError || hasCoreBrand(r.error, 'HuaweiCloudConfigError'), `exit 4 from a config error\n${why}`).toBe(true);
  }
  // Give a stray promise the chance to reject before the next case.
  await new Promise((resolve) => setImmediate(resolve));
  expect(uncaught, why).toEqual([]);
}

describe('fuzz: hostile values for every flag and argument, in-process', () => {
  it('walks the real command tree: at least 38 commands, each with a runnable example', async () => {
    expect(leaves.length).toBeGreaterThanOrEqual(38);
    const slots = leaves.reduce((n, l) => n + slotsOf(l).length, 0);
    expect(slots).toBeGreaterThan(leaves.length * 10);
    // Every example must itself be valid, or the mutations below would start from a broken command.
    for (const leaf of leaves) {
      const simulator = leaf.path[0] === 'simulator';
      const r = await runInProcess(['--dry-run', ...leaf.example], { env: profileEnv, signal: simulator ? AbortSignal.abort() : undefined });
      expect(r.code, `hcdr --dry-run ${leaf.example.join(' ')}\n${r.stderr}`).toBe(0);
    }
    console.log(`fuzz-inputs: ${leaves.length} commands, ${slots} flag/argument slots`);
  });

  it('covers discovery: dws clusters list and its filter, pair and recover whose network flags are overrides (their examples look it up)', () => {
    const leaf = (path: string) => leaves.find((l) => l.path.join(' ') === path);
    expect(slotsOf(leaf('dws clusters list') as LeafCommand)).toContainEqual({ kind: 'option', flag: '--enterprise-project-id' });
    for (const path of ['geminidb dr pair', 'geminidb dr recover']) {
      const l = leaf(path) as LeafCommand;
      for (const flag of ['--primary-subnet-cidr', '--primary-vpc-cidr', '--standby-subnet-cidr', '--standby-vpc-cidr']) {
        expect(slotsOf(l), `${path} ${flag}`).toContainEqual({ kind: 'option', flag });
        // Fuzzed values are added to an example that gives none: the lookup path and the override path both run.
        expect(l.example, `${path} example`).not.toContain(flag);
      }
    }
  });

  it(`--dry-run: ${DRY_RUNS} generated cases exit 0 or 2 (4 for config flags) with one error line naming the flag`, async () => {
    await fc.assert(
      fc.asyncProperty(caseArbitrary(DRY_RUN_MODE), async (c) => {
        counts.dryRun++;
        // The simulator command has nothing to dry-run: it starts and stops at once (pre-aborted signal).
        const simulator = c.command === 'simulator';
        const r = await runInProcess(['--dry-run', ...c.argv], { env: profileEnv, signal: simulator ? AbortSignal.abort() : undefined });
        expect([0, 2, 4], describeCase(c, r)).toContain(r.code);
        await checkCommon(c, r);
      }),
      { numRuns: DRY_RUNS, seed: 20260420, endOnFailure: true },
    );
    expect(counts.dryRun).toBe(DRY_RUNS);
  }, 60_000);

  it(`against a counting server: ${SERVER_RUNS} generated cases; exit 2 sends nothing, exit 1 only for an API error after a request`, async () => {
    const env = { ...profileEnv, HUAWEICLOUD_SDK_AK: 'FUZZAKFUZZAK', HUAWEICLOUD_SDK_SK: 'fuzz-secret-key-canary-7f3a', HUAWEICLOUD_SDK_PROJECT_ID: PROJECT, HCDR_DR_PASSWORD: 'Fuzz#DR-Passw0rd-canary' };
    await fc.assert(
      fc.asyncProperty(
        caseArbitrary(SERVER_MODE),
        async (c) => {
          counts.server++;
          server.reset();
          // `ops show|forget geminidb.pair+a1b2` (the examples) need that journal entry; forget removes it.
          if (c.command.startsWith('ops ')) await seedJournal();
          const r = await runInProcess(['--endpoint', server.url, ...c.argv], { env });
          const why = describeCase(c, r);
          expect([0, 1, 2, 4], why).toContain(r.code);
          if (r.code === 2) {
            expect(r.error instanceof UsageError || r.error instanceof CommanderError || hasCoreBrand(r.error, 'HuaweiCloudValidationError'), why).toBe(true);
            expect(server.count, `exit 2 but ${server.count} request(s) were sent\n${why}`).toBe(0);
          }
          if (r.code === 1) {
            expect(server.count, `exit 1 without a request: a crash?\n${why}`).toBeGreaterThan(0);
            expect(r.error instanceof CliError || hasCoreBrand(r.error, 'HuaweiCloudApiError'), `exit 1 from ${String(r.error)}\n${why}`).toBe(true);
          }
          for (const secret of [env.HUAWEICLOUD_SDK_SK, env.HCDR_DR_PASSWORD]) expect(r.stdout + r.stderr, why).not.toContain(secret);
          await checkCommon(c, r);
        },
      ),
      { numRuns: SERVER_RUNS, seed: 20260421, endOnFailure: true },
    );
    expect(counts.server).toBe(SERVER_RUNS);
  }, 60_000);

  it('no uncaught exception or unhandled rejection fired during the fuzz', () => {
    expect(uncaught).toEqual([]);
  });
});
