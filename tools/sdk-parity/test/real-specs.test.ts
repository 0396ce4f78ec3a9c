import { describe, expect, it } from 'vitest';
import { specOperations } from '../src/compare.mjs';
import { checkSpec, formatReport } from '../src/report.mjs';
import { loadFacts, loadSpecDocument, targets } from '../src/targets.mjs';

// The real specs against the committed SDK extracts: every difference is declared in the spec with a
// reason, or is a place where the two SDKs disagree and the spec follows one of them.
describe.each(targets)('$spec against the official SDKs', ({ spec, sources }) => {
  const doc = loadSpecDocument(spec);
  const loaded = sources.map((s) => ({ sdk: s.sdk, facts: loadFacts(s.facts) }));
  const result = checkSpec(spec, doc, loaded);
  const report = () => formatReport([result]);

  it('every difference is declared or follows another SDK', () => {
    const open = result.differences.filter((d) => !d.declared && !d.followsSdk);
    expect(open.map((d) => `[${d.sdk}] ${d.operationId} ${d.at}: ${d.kind}: ${d.message}`), report()).toEqual([]);
  });

  it('no declaration is stale or lacks a reason', () => {
    expect(result.stale, report()).toEqual([]);
    expect(result.unexplained, report()).toEqual([]);
  });

  it('every operation is compared with at least one SDK, and each extract names its SDK version', () => {
    for (const { op } of specOperations(doc)) {
      expect(loaded.some(({ facts }) => facts.operations[op['x-huawei-api-name']]), op.operationId).toBe(true);
    }
    for (const { facts } of loaded) expect(facts.source.version).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
