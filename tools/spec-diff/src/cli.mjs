// @ts-check
// Argument handling for bin/hcdr-spec-diff.mjs, kept importable so tests can drive it in-process.
// Exit codes: 0 OK, 1 gate failed (or a base is missing and not allowed, or an error), 2 usage error.
import { parseArgs } from 'node:util';
import { repoRoot as defaultRoot, specs as registry } from '../../spec-tools/src/registry.mjs';
import { meetsThreshold } from './classify.mjs';
import { readChangesetConfig } from './changesets.mjs';
import { diffAllSpecs } from './compare.mjs';
import { runGate } from './gate.mjs';
import { diffJson, gateJson, renderDiffText, renderGateText } from './report.mjs';

export const USAGE = `usage: hcdr-spec-diff diff [--base <ref>] [--spec <name>]... [--fail-on breaking|potentially-breaking|never] [--json] [--allow-missing-base]
       hcdr-spec-diff gate [--base <ref>] [--json] [--allow-missing-base]

  diff   compare each spec in specs/ with its version at a base ref and classify every change
         (exit 1 when a change at or above --fail-on is found; default: breaking)
  gate   fail unless every change under packages/ and specs/ has a changeset, and breaking spec
         changes bump the client package by a major (below 1.0.0: a minor whose text says BREAKING)

  --base <ref>            compare with this ref instead of: the package's last release tag
                          (<pkg>@x.y.z), else the merge base with origin/main (or main), else the
                          first commit that contains the spec
  --allow-missing-base    when no base can be found (shallow clone, no history), skip with a warning
                          instead of failing
  --json                  machine-readable output on stdout
  --root <dir>            repository root (default: this repository)
specs: ${registry.map((s) => s.name).join(', ')}`;

/**
 * @typedef {{ stdout: (s: string) => void; stderr: (s: string) => void }} Io
 * @typedef {import('../../spec-tools/src/registry.mjs').SpecEntry} SpecEntry
 */

/**
 * @param {string[]} argv arguments after the program name
 * @param {{ io?: Io; entries?: readonly SpecEntry[] }} [options]
 * @returns {number} exit code
 */
export function main(argv, { io = defaultIo(), entries = registry } = {}) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        base: { type: 'string' },
        spec: { type: 'string', multiple: true },
        'fail-on': { type: 'string' },
        json: { type: 'boolean', default: false },
        'allow-missing-base': { type: 'boolean', default: false },
        root: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    io.stderr(`${error instanceof Error ? error.message : String(error)}\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [command, ...extra] = positionals;
  if (values.help || command === 'help') {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  if ((command !== 'diff' && command !== 'gate') || extra.length > 0) {
    io.stderr(`${command ? `unknown command or extra argument: ${[command, ...extra].join(' ')}` : 'missing command'}\n${USAGE}\n`);
    return 2;
  }
  if (values.base !== undefined && values.base.trim() === '') {
    io.stderr(`--base needs a ref\n${USAGE}\n`);
    return 2;
  }
  const cwd = values.root ?? defaultRoot;

  try {
    if (command === 'diff') {
      const failOn = values['fail-on'] ?? 'breaking';
      if (failOn !== 'breaking' && failOn !== 'potentially-breaking' && failOn !== 'never') {
        io.stderr(`--fail-on must be breaking, potentially-breaking or never (got "${failOn}")\n`);
        return 2;
      }
      let selected = entries;
      if (values.spec) {
        const unknown = values.spec.filter((n) => !entries.some((e) => e.name === n));
        if (unknown.length) {
          io.stderr(`unknown spec ${unknown.join(', ')}; known: ${entries.map((e) => e.name).join(', ')}\n`);
          return 2;
        }
        selected = entries.filter((e) => values.spec?.includes(e.name));
      }
      const { baseBranch } = readChangesetConfig(cwd);
      const diffs = diffAllSpecs({ cwd, entries: selected, base: values.base, baseBranch });
      const missing = diffs.filter((d) => !d.base.ok);
      const tripped = diffs.some((d) => d.changes.some((c) => meetsThreshold(c.severity, failOn)));
      const ok = !tripped && (missing.length === 0 || values['allow-missing-base']);
      if (values.json) io.stdout(`${JSON.stringify(diffJson(diffs, { ok, failOn }), null, 2)}\n`);
      else {
        io.stdout(renderDiffText(diffs));
        if (missing.length && values['allow-missing-base']) io.stderr(`warning: ${missing.length} spec(s) not compared (--allow-missing-base)\n`);
        else if (missing.length) io.stderr(`error: ${missing.length} spec(s) could not be compared: no base (see above). CI must fetch history and tags; --allow-missing-base skips instead.\n`);
        if (tripped) io.stderr(`spec:diff: changes at or above "${failOn}" found (use --fail-on never to only report)\n`);
      }
      return ok ? 0 : 1;
    }

    if (values['fail-on'] !== undefined || values.spec !== undefined) {
      io.stderr(`--fail-on and --spec apply to "diff" only\n${USAGE}\n`);
      return 2;
    }
    const result = runGate({ cwd, entries, base: values.base, allowMissingBase: values['allow-missing-base'] });
    if (values.json) io.stdout(`${JSON.stringify(gateJson(result), null, 2)}\n`);
    else (result.ok ? io.stdout : io.stderr)(renderGateText(result));
    return result.ok ? 0 : 1;
  } catch (error) {
    io.stderr(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

/** @returns {Io} */
function defaultIo() {
  return { stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s) };
}
