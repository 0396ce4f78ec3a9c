// @ts-check
// A small interleaved harness. Why not tinybench: it runs one task's samples to completion before
// the next task starts, so a drift in machine load (CI neighbours, thermal, GC of an earlier task)
// lands on one side of the comparison. Here every sample of "ours" is paired with a sample of the
// baseline taken right before or after it (ABBA order), and the same harness measures wall time,
// CPU time and whole processes.

/** @param {number[]} values */
export function median(values) {
  return quantile(values, 0.5);
}

/** @param {number[]} values */
export function p95(values) {
  return quantile(values, 0.95);
}

/**
 * Linear-interpolated quantile of the samples.
 * @param {number[]} values
 * @param {number} q in [0, 1]
 */
export function quantile(values, q) {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const a = /** @type {number} */ (sorted[lo]);
  const b = /** @type {number} */ (sorted[hi]);
  return a + (b - a) * (pos - lo);
}

/**
 * @typedef {object} SideStats
 * @property {number} median per operation, in the pair's unit
 * @property {number} p95
 * @property {number[]} samples per operation, in the pair's unit
 *
 * @typedef {object} PairResult
 * @property {SideStats} ours
 * @property {SideStats} baseline
 */

/** @param {number[]} samples */
function summarize(samples) {
  return { median: median(samples), p95: p95(samples), samples };
}

/**
 * Measures one side's batch of operations and returns the cost per operation.
 * @callback Measure
 * @returns {Promise<number>}
 */

/**
 * Runs `warmup` rounds then `samples` rounds; each round measures both sides once, alternating
 * which side goes first (ABBA), so slow drifts cancel out.
 * @param {{ ours: Measure, baseline: Measure, warmup: number, samples: number }} options
 * @returns {Promise<PairResult>}
 */
export async function interleave({ ours, baseline, warmup, samples }) {
  /** @type {number[]} */
  const a = [];
  /** @type {number[]} */
  const b = [];
  for (let round = 0; round < warmup + samples; round++) {
    const oursFirst = round % 4 === 0 || round % 4 === 3;
    const first = oursFirst ? await ours() : await baseline();
    const second = oursFirst ? await baseline() : await ours();
    if (round < warmup) continue;
    a.push(oursFirst ? first : second);
    b.push(oursFirst ? second : first);
  }
  return { ours: summarize(a), baseline: summarize(b) };
}

/**
 * CPU time (user + system, this process) in milliseconds of one run of `op`.
 * @param {() => Promise<unknown>} op
 * @returns {Measure}
 */
export function cpuMillis(op) {
  return async () => {
    const before = process.cpuUsage();
    await op();
    const used = process.cpuUsage(before);
    return (used.user + used.system) / 1e3;
  };
}
