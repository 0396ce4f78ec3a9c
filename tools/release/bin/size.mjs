#!/usr/bin/env node
// @ts-check
// npm run size — measure every entry of size-budgets.json; exit 1 when one is over its budget.
// Measures the built dist: run `npm run build` first (npm test does).
import { kB, table } from '../src/format.mjs';
import { measureAll } from '../src/size.mjs';

const results = await measureAll();
const baseline = results.find((result) => result.entry.baseline);
let over = false;
const rows = results.map(({ entry, minified, gzip }) => {
  const budget = entry.budget;
  const status = budget === undefined ? (entry.baseline ? 'baseline' : 'info') : gzip <= budget ? `ok (${Math.round((gzip / budget) * 100)}% of budget)` : 'OVER BUDGET';
  if (budget !== undefined && gzip > budget) over = true;
  return [
    entry.name,
    kB(minified),
    `${gzip} B`,
    budget === undefined ? '-' : `${budget} B`,
    baseline && !entry.baseline ? `${(gzip / baseline.gzip).toFixed(1)}×` : '1.0×',
    status,
  ];
});
console.log(table(['entry', 'minified', 'min+gzip', 'budget', 'vs openapi-fetch', 'status'], rows, ['left', 'right', 'right', 'right', 'right', 'left']));
if (over) {
  console.error('\nAn entry is over its budget (tools/release/size-budgets.json). Shrink it, or raise the budget on purpose in the same change.');
  process.exit(1);
}
