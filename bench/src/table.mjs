// @ts-check
// Plain-text and Markdown renderings of the result rows.

/** @typedef {import('./result-row.mjs').ResultRow} ResultRow */

function num(/** @type {number} */ n, /** @type {string} */ unit) {
  if (unit === 'bytes') return n.toLocaleString('en-US');
  return n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2);
}

/** @param {ResultRow} row */
function cells(row) {
  return [
    row.name,
    num(row.ours, row.unit),
    num(row.baseline, row.unit),
    row.unit,
    row.ratio.toFixed(3),
    row.target === null ? '—' : `≤ ${row.target}`,
    row.met === null ? '—' : row.met ? 'yes' : 'NO',
    row.p95s ? `${num(row.p95s.ours, row.unit)} / ${num(row.p95s.baseline, row.unit)}` : '—',
  ];
}

const HEAD = ['benchmark', 'ours (median)', 'baseline (median)', 'unit', 'ratio', 'target', 'met', 'p95 ours / baseline'];

/** @param {ResultRow[]} rows */
export function textTable(rows) {
  const all = [HEAD, ...rows.map(cells)];
  const widths = HEAD.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  const line = (/** @type {string[]} */ r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  return [line(HEAD), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map((r) => line(cells(r)))].join('\n');
}

/** @param {ResultRow[]} rows */
export function markdownTable(rows) {
  return [
    `| ${HEAD.join(' | ')} |`,
    `|${HEAD.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`,
    ...rows.map((r) => `| ${cells(r).join(' | ')} |`),
  ].join('\n');
}
