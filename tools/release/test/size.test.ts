// Size budgets (size-budgets.json): CI fails when a one-operation import grows past its budget.
import { describe, expect, it } from 'vitest';
import { kB } from '../src/format.mjs';
import { measure, readBudgets } from '../src/size.mjs';

const { entries } = readBudgets();
const baselineEntry = entries.find((entry) => entry.baseline);

describe('size budgets (esbuild, minified, gzip -9, dependencies bundled)', () => {
  it('has an openapi-fetch baseline and a budget per client package', () => {
    expect(baselineEntry?.name).toMatch(/openapi-fetch/);
    const budgeted = entries.filter((entry) => entry.budget !== undefined).map((entry) => entry.name.split(':')[0]);
    expect(budgeted).toEqual(expect.arrayContaining(['@hcdr/geminidb', '@hcdr/dws']));
  });

  it.each(entries.filter((entry) => entry.budget !== undefined).map((entry) => [entry.name, entry] as const))(
    '%s stays within its budget',
    async (_name, entry) => {
      const [result, baseline] = await Promise.all([measure(entry), baselineEntry ? measure(baselineEntry) : undefined]);
      const ratio = baseline ? ` = ${(result.gzip / baseline.gzip).toFixed(1)}× openapi-fetch (${baseline.gzip} B)` : '';
      console.log(`${entry.name}: ${result.gzip} B min+gzip (${kB(result.minified)} minified), budget ${entry.budget} B${ratio}`);
      // The bundle really contains the client and its runtime, not an empty tree-shaken shell...
      const inputs = result.inputs.map((input) => input.path).join('\n');
      expect(inputs).toMatch(/packages\/core\/dist\/transport\/node-http-handler\.js/);
      expect(inputs).toMatch(/packages\/core\/dist\/signing\//);
      // ...and nothing a method call does not use: openapi-fetch only with @hcdr/core/raw, the fetch handler only with createFetchHandler.
      expect(inputs).not.toMatch(/openapi-fetch|fetch-handler|packages\/core\/dist\/raw\//);
      expect(result.gzip, `${entry.name} is over budget: shrink it, or raise the budget on purpose`).toBeLessThanOrEqual(entry.budget ?? 0);
    },
    30_000,
  );
});
