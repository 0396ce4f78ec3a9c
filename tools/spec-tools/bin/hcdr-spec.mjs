#!/usr/bin/env node
// @ts-check
import { findDrift, writeGenerated } from '../src/drift.mjs';
import { findSpec, specs } from '../src/registry.mjs';

const usage = `usage: hcdr-spec generate [--spec <name>]   regenerate code from specs/
       hcdr-spec check    [--spec <name>]   fail if committed generated code differs from the specs
specs: ${specs.map((s) => s.name).join(', ')}`;

const [command, ...rest] = process.argv.slice(2);
const specFlag = rest.indexOf('--spec');
const selected = specFlag >= 0 ? [findSpec(rest[specFlag + 1] ?? '')] : specs;

if (command === 'generate') {
  for (const entry of selected) {
    const written = await writeGenerated(entry);
    console.log(`generated ${written.length} files from ${entry.spec} -> ${entry.outDir}`);
  }
} else if (command === 'check') {
  let failures = 0;
  for (const entry of selected) {
    const drift = await findDrift(entry);
    failures += drift.length;
    for (const d of drift) console.error(`drift: ${d.file} is ${d.problem} (spec: ${entry.spec})`);
    if (drift.length === 0) console.log(`ok: ${entry.outDir} matches ${entry.spec}`);
  }
  if (failures > 0) {
    console.error(`\n${failures} generated file(s) out of date. Run \`npm run generate\` and commit the result.`);
    process.exit(1);
  }
} else {
  console.error(usage);
  process.exit(2);
}
