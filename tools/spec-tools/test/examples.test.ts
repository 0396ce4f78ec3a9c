import { describe, expect, it } from 'vitest';
import { collectExamples, createExampleValidator, findInvalidExamples, listOperations, loadSpec, specs } from '../src/index.mjs';

describe.each(specs.map((s) => [s.name, s] as const))('%s examples', (_name, entry) => {
  const { doc } = loadSpec(entry.spec);

  it('every example validates against its schema (draft-07, as Prism validates)', () => {
    const invalid = findInvalidExamples(doc).map((r) => `${r.case.where}: ${r.errors.join('; ')}`);
    expect(invalid).toEqual([]);
  });

  it('every operation has a request example (when it takes a body) and an example per JSON response', () => {
    const examples = collectExamples(doc);
    const missing: string[] = [];
    for (const { operationId, operation } of listOperations(doc)) {
      const has = (fragment: string) => examples.some((e) => e.where.startsWith(`${operationId} ${fragment}`));
      if (operation.requestBody && !has('request')) missing.push(`${operationId}: request body`);
      for (const [code, response] of Object.entries<Record<string, unknown>>(operation.responses)) {
        if (response.$ref || !response.content) continue;
        if (!has(code)) missing.push(`${operationId}: response ${code}`);
      }
    }
    expect(missing).toEqual([]);
  });
});

describe('example validator', () => {
  it('rejects an example that breaks its schema, naming the field', () => {
    const { doc } = loadSpec('specs/geminidb-dr.yaml');
    const validate = createExampleValidator(doc);
    const pointer =
      '/paths/~1v3~1{project_id}~1instances~1{instance_id}~1disaster-recovery~1construction/post/requestBody/content/application~1json/schema';
    const good = {
      alias: 'dr',
      password: 'Secret#1234',
      instance_role: 'master',
      disaster_recovery_instance: { id: 'x', region_code: 'ap-southeast-1', subnet_cidrs: ['10.0.1.0/24'], node_ips: ['10.0.1.2'] },
    };
    expect(validate(pointer, good).ok).toBe(true);

    const { alias: _dropped, ...withoutAlias } = good;
    const missingAlias = validate(pointer, withoutAlias);
    expect(missingAlias.ok).toBe(false);
    expect(missingAlias.errors.join()).toContain('alias');

    const badRole = validate(pointer, { ...good, instance_role: 'primary' });
    expect(badRole.ok).toBe(false);

    const forbiddenCidr = validate(pointer, {
      ...good,
      disaster_recovery_instance: { ...good.disaster_recovery_instance, subnet_cidrs: ['192.168.0.0/24'] },
    });
    expect(forbiddenCidr.ok).toBe(false);
  });
});
