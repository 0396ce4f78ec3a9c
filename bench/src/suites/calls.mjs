// @ts-check
// Benchmarks 1 and 2: one signed call end to end over loopback HTTP, ours vs a hand-written fetch
// and ours vs the official SDK. Before timing, every side's requests go through @hcdr/simulator's
// signature verifier (the check call and all warm-up rounds); timing then runs with verification
// off so the server's work is as small as possible (it is in a worker thread either way).
import { createOfficialSdkCalls } from '../clients/official-sdk.mjs';
import { createOurCalls } from '../clients/ours.mjs';
import { createRawFetchCalls } from '../clients/raw-fetch.mjs';
import { createRawNodeHttpCalls } from '../clients/raw-node-http.mjs';
import { interleave, wallMicros } from '../harness.mjs';
import { makeRow } from '../result-row.mjs';

/**
 * @typedef {import('../loopback-server.mjs').LoopbackServer} LoopbackServer
 * @typedef {import('../result-row.mjs').ResultRow} ResultRow
 * @typedef {{ createDisasterRecovery: () => Promise<string>, listDisasterRecover: () => Promise<number> }} Calls
 * @typedef {{ batch: number, warmup: number, samples: number }} Sizes
 */

const OPERATIONS = /** @type {const} */ ([
  { key: 'createDisasterRecovery', label: 'GeminiDB createDisasterRecovery (POST, 202)' },
  { key: 'listDisasterRecover', label: 'DWS listDisasterRecover (GET ?query)' },
]);

/**
 * @param {object} options
 * @param {LoopbackServer} options.server
 * @param {Calls} options.ours
 * @param {Calls} options.baseline
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
    const a = await ours[key]();
    const b = await baseline[key]();
    if (a !== b) throw new Error(`${label}: ours answered ${a}, ${baselineName} answered ${b}`);
    const warm = await interleave({
      ours: wallMicros(ours[key], sizes.batch),
      baseline: wallMicros(baseline[key], sizes.batch),
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
      ours: wallMicros(ours[key], sizes.batch),
      baseline: wallMicros(baseline[key], sizes.batch),
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
  const raw = createRawFetchCalls(server.endpoint);
  const floor = createRawNodeHttpCalls(server.endpoint);
  const ours = createOurCalls(server.endpoint);
  const rawName = 'hand-written fetch + inline HMAC signer';
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
      ours: createRawFetchCalls(server.endpoint, { safe: true }),
      baseline: raw,
      baselineName: rawName,
      suffix: 'reference: raw fetch + per-call timeout + buffered body (as "ours") vs raw fetch',
      target: null,
      sizes,
      log,
    })),
  ];
}

const OFFICIAL = 'official SDK (gaussdbfornosql 3.1.215 / core HcClient 3.1.211)';

/**
 * Benchmark 2: our clients vs the official Huawei Cloud SDK. Target ratio <= 0.4 (2.5x faster).
 * A reference pair follows (no target): the hand-written fetch vs the same SDK, i.e. how fast
 * any fetch-based client could be relative to the SDK on this Node version.
 * @param {{ server: LoopbackServer, sizes: Sizes, log: (line: string) => void }} context
 */
export async function runOfficialSdk({ server, sizes, log }) {
  const official = createOfficialSdkCalls(server.endpoint);
  return [
    ...(await compareCalls({ server, ours: createOurCalls(server.endpoint), baseline: official, baselineName: OFFICIAL, suffix: 'vs official SDK', target: 0.4, sizes, log })),
    ...(await compareCalls({
      server,
      ours: createRawFetchCalls(server.endpoint),
      baseline: official,
      baselineName: OFFICIAL,
      suffix: 'reference: raw fetch (as "ours") vs official SDK',
      target: null,
      sizes,
      log,
    })),
  ];
}
