// @ts-check
// Benchmarks 1 and 2: one signed call end to end over loopback HTTP, ours vs a hand-written fetch
// and ours vs the official SDK. Before timing, every side's requests go through @hcdr/simulator's
// signature verifier (the check call and all warm-up rounds); timing then runs with verification
// off so the server's work is as small as possible (it is in a worker thread either way).
// Each side runs in its own worker thread (call-side.mjs): its own heap, so a side's garbage is
// collected within its own timed batches and not billed to the side measured after it.
import { startCallSide } from '../call-side.mjs';
import { interleave } from '../harness.mjs';
import { makeRow } from '../result-row.mjs';

const client = (/** @type {string} */ file) => new URL(`../clients/${file}`, import.meta.url);
/** The sides compared, as (module, factory, extra arguments after the endpoint). */
const SIDES = /** @type {const} */ ({
  ours: [client('ours.mjs'), 'createOurCalls', []],
  fetch: [client('raw-fetch.mjs'), 'createRawFetchCalls', []],
  safeFetch: [client('raw-fetch.mjs'), 'createRawFetchCalls', [{ safe: true }]],
  nodeHttp: [client('raw-node-http.mjs'), 'createRawNodeHttpCalls', []],
  official: [client('official-sdk.mjs'), 'createOfficialSdkCalls', []],
});

/** Calls per operation a fresh side makes before any comparison: a new isolate starts with cold JIT. */
const JIT_WARMUP_CALLS = 1500;

/**
 * Starts a side in its own worker and warms it up (every operation, unverified, untimed).
 * @param {LoopbackServer} server
 * @param {keyof typeof SIDES} name
 */
async function startSide(server, name) {
  const [module, factory, extra] = SIDES[name];
  const side = await startCallSide(module, factory, [server.endpoint, ...extra]);
  await server.setVerify(false);
  for (const { key } of OPERATIONS) await side.measure(key, JIT_WARMUP_CALLS)();
  await server.setVerify(true);
  return side;
}

/**
 * @typedef {import('../loopback-server.mjs').LoopbackServer} LoopbackServer
 * @typedef {import('../result-row.mjs').ResultRow} ResultRow
 * @typedef {import('../call-side.mjs').CallSide} CallSide
 * @typedef {{ batch: number, warmup: number, samples: number }} Sizes
 */

const OPERATIONS = /** @type {const} */ ([
  { key: 'createDisasterRecovery', label: 'GeminiDB createDisasterRecovery (POST, 202)' },
  { key: 'listDisasterRecover', label: 'DWS listDisasterRecover (GET ?query)' },
]);

/**
 * @param {object} options
 * @param {LoopbackServer} options.server
 * @param {CallSide} options.ours
 * @param {CallSide} options.baseline
 * @param {string} options.baselineName
 * @param {string} options.suffix
 * @param {number | null} options.target
 * @param {Sizes} options.sizes
 * @param {(line: string) => void} options.log
 * @returns {Promise<ResultRow[]>}
 */
async function compareCalls({ server, ours, baseline, baselineName, suffix, target, sizes, log }) {
  /** @type {ResultRow[]} */
  const rows = [];
  for (const { key, label } of OPERATIONS) {
    await server.setVerify(true);
    await server.reset();
    // Both sides must get the same (accepted) answer before anything is timed.
    const a = await ours.call(key);
    const b = await baseline.call(key);
    if (a !== b) throw new Error(`${label}: ours answered ${a}, ${baselineName} answered ${b}`);
    const warm = await interleave({
      ours: ours.measure(key, sizes.batch),
      baseline: baseline.measure(key, sizes.batch),
      warmup: 0,
      samples: sizes.warmup,
    });
    const checked = await server.stats();
    const expected = 2 + 2 * sizes.warmup * sizes.batch;
    if (checked.rejected !== 0 || checked.verified !== expected) {
      throw new Error(`${label}: signature check failed (${checked.verified}/${expected} verified; ${checked.rejections.join('; ')})`);
    }
    await server.setVerify(false);
    const timed = await interleave({
      ours: ours.measure(key, sizes.batch),
      baseline: baseline.measure(key, sizes.batch),
      warmup: 0,
      samples: sizes.samples,
    });
    await server.setVerify(true);
    log(`  ${label} ${suffix}: ${checked.verified} signed requests verified before timing (warm-up median ${warm.ours.median.toFixed(1)} / ${warm.baseline.median.toFixed(1)} µs)`);
    rows.push(
      makeRow({
        name: `${label} ${suffix}`,
        ours: timed.ours.median,
        baseline: timed.baseline.median,
        unit: 'µs/call',
        baselineName,
        target,
        p95s: { ours: timed.ours.p95, baseline: timed.baseline.p95 },
        samples: sizes.samples,
        note: `median of ${sizes.samples} interleaved samples, each the mean of ${sizes.batch} sequential calls`,
      }),
    );
  }
  return rows;
}

/**
 * Benchmark 1: our clients vs a hand-written fetch + inline signer (target <= 0.6) and vs the floor,
 * a hand-written signed node:http request on a keep-alive agent (target <= 1.3), with reference rows
 * (no target) for what the safety features and the transport choice cost on their own.
 * @param {{ server: LoopbackServer, sizes: Sizes, log: (line: string) => void }} context
 */
export async function runCallOverhead({ server, sizes, log }) {
  const ours = await startSide(server, 'ours');
  const raw = await startSide(server, 'fetch');
  const floor = await startSide(server, 'nodeHttp');
  const safe = await startSide(server, 'safeFetch');
  const rawName = 'hand-written fetch + inline HMAC signer';
  try {
    return [
      ...(await compareCalls({ server, ours, baseline: raw, baselineName: rawName, suffix: 'vs raw fetch', target: 0.6, sizes, log })),
      ...(await compareCalls({
        server,
        ours,
        baseline: floor,
        baselineName: 'hand-written node:http keep-alive request + inline HMAC signer',
        suffix: 'vs a hand-written signed node:http keep-alive request',
        target: 1.3,
        sizes,
        log,
      })),
      // Reference: the transport alone — the same hand-written call on node:http vs on fetch.
      ...(await compareCalls({
        server,
        ours: floor,
        baseline: raw,
        baselineName: rawName,
        suffix: 'reference: hand-written node:http (as "ours") vs raw fetch',
        target: null,
        sizes,
        log,
      })),
      // Reference: what a per-call timeout and a buffered, size-checked body alone cost with fetch.
      ...(await compareCalls({
        server,
        ours: safe,
        baseline: raw,
        baselineName: rawName,
        suffix: 'reference: raw fetch + per-call timeout + buffered body (as "ours") vs raw fetch',
        target: null,
        sizes,
        log,
      })),
    ];
  } finally {
    for (const side of [ours, raw, floor, safe]) await side.close();
  }
}

const OFFICIAL = 'official SDK (gaussdbfornosql 3.1.215 / core HcClient 3.1.211)';

/**
 * Benchmark 2: our clients vs the official Huawei Cloud SDK. Target ratio <= 0.4 (2.5x faster).
 * A reference pair follows (no target): the hand-written fetch vs the same SDK, i.e. how fast
 * any fetch-based client could be relative to the SDK on this Node version.
 * @param {{ server: LoopbackServer, sizes: Sizes, log: (line: string) => void }} context
 */
export async function runOfficialSdk({ server, sizes, log }) {
  const official = await startSide(server, 'official');
  const ours = await startSide(server, 'ours');
  const raw = await startSide(server, 'fetch');
  try {
    return [
      ...(await compareCalls({ server, ours, baseline: official, baselineName: OFFICIAL, suffix: 'vs official SDK', target: 0.4, sizes, log })),
      ...(await compareCalls({
        server,
        ours: raw,
        baseline: official,
        baselineName: OFFICIAL,
        suffix: 'reference: raw fetch (as "ours") vs official SDK',
        target: null,
        sizes,
        log,
      })),
    ];
  } finally {
    for (const side of [official, ours, raw]) await side.close();
  }
}
