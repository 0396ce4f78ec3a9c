// @ts-check
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { extractGo } from './extract-go.mjs';
import { extractNode } from './extract-node.mjs';
import { trimFacts } from './facts.mjs';
import { specOperations } from './compare.mjs';
import { checkSpec, formatReport, isClean } from './report.mjs';
import { factsPath, loadFacts, loadSpecDocument, specExistsAt, targets } from './targets.mjs';

const USAGE = `Usage:
  hcdr-sdk-parity report [--all] [--json] [--spec-ref <git ref>]
      Compare every operation of the specs with the committed SDK extracts (facts/*.json);
      --spec-ref reads the specs at a git revision (e.g. to count the differences before a change).
      Exit 1 when a difference is not declared in the spec (x-hcdr-sdk-differences with a reason)
      or a declaration no longer matches a difference. --all also lists the declared differences.
  hcdr-sdk-parity extract --go <huaweicloud-sdk-go-v3 checkout> --go-version <v> [--go-revision <sha>]
                          --node-gaussdbfornosql <unpacked npm package dir> --node-version <v>
      Re-extract the SDK facts for the operations the specs name and write facts/*.json.`;

/**
 * @param {string[]} argv
 * @param {{ log?: (s: string) => void; error?: (s: string) => void }} [io]
 * @returns {number} exit code
 */
export function main(argv, io = {}) {
  const log = io.log ?? ((s) => process.stdout.write(`${s}\n`));
  const error = io.error ?? ((s) => process.stderr.write(`${s}\n`));
  const [command, ...rest] = argv;
  try {
    if (command === 'report') return report(rest, log);
    if (command === 'extract') return extract(rest, log);
    if (command === '--help' || command === '-h' || command === 'help') {
      log(USAGE);
      return 0;
    }
    error(`hcdr-sdk-parity: unknown command ${command ? `"${command}"` : '(none)'}\n${USAGE}`);
    return 2;
  } catch (e) {
    error(`hcdr-sdk-parity: ${e instanceof Error ? e.message : String(e)}`);
    return 2;
  }
}

/** @param {string[]} args @param {(s: string) => void} log */
function report(args, log) {
  const { values } = parseArgs({
    args,
    options: { all: { type: 'boolean' }, json: { type: 'boolean' }, 'spec-ref': { type: 'string' } },
  });
  const ref = values['spec-ref'];
  // A spec added after the revision asked for is not there to compare: say so and skip it.
  const present = targets.filter((t) => !ref || specExistsAt(t.spec, ref));
  for (const t of targets) if (!present.includes(t)) log(`${t.spec}: not present at ${ref}; skipped`);
  const results = present.map((t) =>
    checkSpec(
      t.spec,
      loadSpecDocument(t.spec, ref),
      t.sources.map((s) => ({ sdk: s.sdk, facts: loadFacts(s.facts) })),
    ),
  );
  if (values.json) {
    log(
      JSON.stringify(
        results.map((r) => ({
          ...r,
          differences: r.differences.map(({ declared, ...d }) => ({ ...d, ...(declared ? { reason: declared.reason } : {}) })),
        })),
        null,
        2,
      ),
    );
  } else {
    log(formatReport(results, { all: Boolean(values.all) }));
  }
  return results.every(isClean) ? 0 : 1;
}

/** @param {string[]} args @param {(s: string) => void} log */
function extract(args, log) {
  const { values } = parseArgs({
    args,
    options: {
      go: { type: 'string' },
      'go-version': { type: 'string' },
      'go-revision': { type: 'string' },
      'node-gaussdbfornosql': { type: 'string' },
      'node-version': { type: 'string' },
    },
  });
  const need = /** @param {keyof typeof values} k */ (k) => {
    const v = values[k];
    if (typeof v !== 'string' || v === '') throw new Error(`--${k} is required for extract`);
    return v;
  };
  /** @type {Record<string, string>} npm package → unpacked directory (its `package/`) */
  const nodePackages = { '@huaweicloud/huaweicloud-sdk-gaussdbfornosql': need('node-gaussdbfornosql') };
  /** @type {Array<[string, import('./facts.mjs').Facts]>} */
  const outputs = [];
  for (const target of targets) {
    const apiNames = specOperations(loadSpecDocument(target.spec)).map(({ op }) => /** @type {string} */ (op['x-huawei-api-name']));
    for (const source of target.sources) {
      if (source.sdk === 'go') {
        const facts = extractGo(path.join(need('go'), source.service), {
          sdk: 'huaweicloud-sdk-go-v3',
          service: source.service,
          version: need('go-version'),
          ...(values['go-revision'] ? { revision: values['go-revision'] } : {}),
        });
        outputs.push([source.facts, trimFacts(facts, apiNames)]);
      } else {
        const dir = nodePackages[source.package];
        if (!dir) throw new Error(`no unpacked ${source.package} given`);
        const methods = apiNames.map((n) => n.charAt(0).toLowerCase() + n.slice(1));
        const facts = extractNode(path.join(dir, source.dir), source.client, methods, { sdk: source.package, service: source.dir, version: need('node-version') });
        outputs.push([source.facts, trimFacts(facts, apiNames)]);
      }
    }
  }
  for (const [file, facts] of outputs) {
    writeFileSync(factsPath(file), `${JSON.stringify(facts, null, 2)}\n`);
    log(`wrote facts/${file}: ${Object.keys(facts.operations).length} operations, ${Object.keys(facts.models).length} models`);
  }
  return 0;
}
