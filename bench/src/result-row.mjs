// @ts-check
// One row of bench/results/latest.json (and of the printed table).

/**
 * @typedef {object} ResultRow
 * @property {string} name
 * @property {number} ours median
 * @property {number} baseline median
 * @property {string} unit of `ours` / `baseline` (per operation)
 * @property {number} ratio ours / baseline; lower is better
 * @property {string} baselineName what the baseline is
 * @property {number | null} target the largest ratio that meets the goal (null: reported only)
 * @property {boolean | null} met ratio <= target (null without a target)
 * @property {{ ours: number, baseline: number } | null} p95s
 * @property {number} samples paired samples per side (1 for deterministic measurements)
 * @property {string} [note]
 */

/**
 * @param {Omit<ResultRow, 'ratio' | 'met'>} row
 * @returns {ResultRow}
 */
export function makeRow(row) {
  const ratio = row.ours / row.baseline;
  return {
    name: row.name,
    ours: round(row.ours),
    baseline: round(row.baseline),
    unit: row.unit,
    ratio: Math.round(ratio * 1000) / 1000,
    baselineName: row.baselineName,
    target: row.target,
    met: row.target === null ? null : ratio <= row.target,
    p95s: row.p95s ? { ours: round(row.p95s.ours), baseline: round(row.p95s.baseline) } : null,
    samples: row.samples,
    ...(row.note ? { note: row.note } : {}),
  };
}

/** Three significant decimals for small numbers, integers for big ones. */
function round(/** @type {number} */ n) {
  return Math.abs(n) >= 1000 ? Math.round(n) : Math.round(n * 1000) / 1000;
}
