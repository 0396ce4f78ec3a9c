import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { repoRoot, specs } from '../../spec-tools/src/registry.mjs';
import { diffDocuments } from '../src/diff-spec.mjs';
import { resolveRef } from '../src/schema.mjs';

// Smoke tests on the real specs: whatever they contain today, the differ must read them, find no change
// against themselves, and see a response field removed behind their $refs.
describe.each(specs.filter((s) => existsSync(path.join(repoRoot, s.spec))))('$spec', ({ spec }) => {
  const load = () => parse(readFileSync(path.join(repoRoot, spec), 'utf8'));

  it('has no changes against itself', () => {
    expect(diffDocuments(load(), load())).toEqual([]);
  });

  it('reports a removed response field as breaking at the operation that returns it', () => {
    const head = load();
    let target: { label: string; field: string } | undefined;
    for (const [p, item] of Object.entries<any>(head.paths ?? {})) {
      for (const [method, op] of Object.entries<any>(item)) {
        for (const [code, raw] of Object.entries<any>(op?.responses ?? {})) {
          if (target || !/^2/.test(code)) continue;
          const response = resolveRef(head, raw).node;
          const schema = resolveRef(head, Object.values<any>(response?.content ?? {})[0]?.schema).node;
          const field = Object.keys(schema?.properties ?? {})[0];
          if (!field) continue;
          delete schema.properties[field];
          if (Array.isArray(schema.required)) schema.required = schema.required.filter((r: string) => r !== field);
          target = { label: `${method.toUpperCase()} ${p} response ${code} body: field "${field}"`, field };
        }
      }
    }
    expect(target).toBeDefined();
    const found = diffDocuments(load(), head);
    expect(found.find((c) => c.location === target!.label)).toMatchObject({ kind: 'response-property-removed', severity: 'breaking' });
  });
});
