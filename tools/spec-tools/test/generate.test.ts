import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { findDrift, loadSpec, renderOperations, renderTypes, repoRoot, sha256, specs } from '../src/index.mjs';

describe.each(specs.map((s) => [s.name, s] as const))('%s generated code', (_name, entry) => {
  it('records the SHA-256 of the spec it was generated from', () => {
    const spec = readFileSync(path.join(repoRoot, entry.spec), 'utf8');
    for (const file of ['types.ts', 'operations.ts']) {
      const generated = readFileSync(path.join(repoRoot, entry.outDir, file), 'utf8');
      expect(generated.startsWith('// DO NOT EDIT.')).toBe(true);
      expect(generated).toContain(`// spec-sha256: ${sha256(spec)}`);
    }
  });

  it('is up to date with the spec (what check:generated enforces)', async () => {
    expect(await findDrift(entry)).toEqual([]);
  });
});

describe('drift detection', () => {
  it('notices a property added to a spec, and regeneration carries it into the types', async () => {
    const entry = specs[0]!;
    const dir = mkdtempSync(path.join(tmpdir(), 'hcdr-drift-'));
    const specCopy = path.join(dir, path.basename(entry.spec));
    copyFileSync(path.join(repoRoot, entry.spec), specCopy);

    const doc = parse(readFileSync(specCopy, 'utf8'));
    const schemas = doc.components.schemas as Record<string, { properties?: Record<string, unknown> }>;
    const [schemaName, schema] = Object.entries(schemas).find(([, s]) => s.properties)!;
    schema.properties!.hcdr_added_in_test = { type: 'string', description: 'added by the drift test' };
    writeFileSync(specCopy, stringify(doc));

    const drift = await findDrift({ ...entry, spec: specCopy });
    expect(drift.map((d) => d.problem)).toContain('differs');

    const types = await renderTypes(loadSpec(specCopy));
    expect(types).toContain('hcdr_added_in_test?: string');
    expect(types).toContain(`export type ${schemaName} =`);
  });

  it('lists every operation in the operation table with method, path and success statuses', () => {
    for (const entry of specs) {
      const spec = loadSpec(entry.spec);
      const table = renderOperations(spec);
      for (const [p, item] of Object.entries<Record<string, { operationId?: string; responses: object }>>(spec.doc.paths)) {
        for (const op of Object.values(item)) {
          if (!op?.operationId) continue;
          expect(table).toContain(`  ${op.operationId}: {\n    method: "`);
          expect(table).toContain(JSON.stringify(p));
        }
      }
    }
  });
});
