// @ts-check
// Benchmark 7: the Prometheus exporter (@hcdr/dr-ops/monitoring) against a simulated estate of
// 500 GeminiDB relationships + 500 DWS tasks over 4 regions (8 scopes: 2 services x 4 regions),
// the simulator in a child process:
//  - scrape latency: GET /metrics over HTTP (keep-alive), p50/p99, while the cache is full;
//  - API calls per minute per scope at the default 30 s interval (requests per poll x 2);
//  - RSS after 10,000 scope polls vs right after warm-up (GC forced before each reading).
// Polls are driven back to back (pollAll), not on the 30 s timer. Warm-up and the scrape and call
// measurements use the simulator over HTTP; the 10,000 polls then replay the recorded answers from
// memory (the same clients, signing, parsing, collectors and rendering; no socket and no simulator
// CPU), which keeps the run to minutes on 2 shared cores.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createInterface } from 'node:readline';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createExporter, parseExporterConfig } from '@hcdr/dr-ops/monitoring';
import { DEFAULT_FLEET_REGIONS, defaultProjectId } from '@hcdr/simulator';
import { makeRow } from '../result-row.mjs';

setFlagsFromString('--expose-gc');
/** @type {() => void} */
const gc = runInNewContext('gc');

/** @param {number[]} values @param {number} q */
const quantile = (values, q) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
};
const rssMb = () => {
  gc();
  gc();
  const m = process.memoryUsage();
  if (process.env.BENCH_MEMORY_DEBUG) console.log(`    heap ${(m.heapUsed / 1048576).toFixed(0)} external ${(m.external / 1048576).toFixed(0)} arrayBuffers ${(m.arrayBuffers / 1048576).toFixed(0)} rss ${(m.rss / 1048576).toFixed(0)}`);
  return m.rss / 1024 / 1024;
};

/**
 * @param {{ log: (line: string) => void, sizes: { polls: number, warmupPolls: number, scrapes: number } }} options
 * @returns {Promise<import('../result-row.mjs').ResultRow[]>}
 */
export async function runMonitoring({ log, sizes }) {
  const sk = randomBytes(24).toString('base64url');
  const child = spawn(process.execPath, [new URL('../monitoring-sim.mjs', import.meta.url).pathname], {
    env: { ...process.env, BENCH_SIM_SK: sk },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const first = await new Promise((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', (code) => reject(new Error(`simulator exited (${code})`)));
      createInterface({ input: /** @type {import('node:stream').Readable} */ (child.stdout) }).once('line', (line) => resolve(JSON.parse(line)));
    });
    const { url, accessKeyId } = /** @type {{ url: string, accessKeyId: string }} */ (first);
    const regions = [...DEFAULT_FLEET_REGIONS];
    const scopes = ['geminidb', 'dws'].flatMap((service) =>
      regions.map((region) => `  - { service: ${service}, region: ${region}, project_id: ${defaultProjectId(region)}, endpoint: "${url}/${region}" }`),
    );
    const replay = recordReplayFetch();
    const config = parseExporterConfig(`interval: 30s\nconcurrency: 8\nscopes:\n${scopes.join('\n')}\n`, 'bench');
    const exporter = await createExporter({
      config,
      clientOptions: () => ({ credentials: { accessKeyId, secretAccessKey: sk }, env: {}, homeDir: '/nonexistent-bench-home', fetch: replay.fetch }),
      version: 'bench',
    });
    const server = await exporter.listen('127.0.0.1:0');
    const scopeCount = exporter.scopes.length;
    const pollsDone = () => exporter.scopes.reduce((n, s) => n + s.poller.state.polls, 0);

    // Warm-up: fill the cache, JIT the paths, let the heap settle.
    const t0 = Date.now();
    while (pollsDone() < sizes.warmupPolls) await exporter.pollAll();
    const failures = exporter.scopes.filter((s) => s.poller.state.lastFailure).map((s) => `${s.poller.identity.key}: ${s.poller.state.lastFailure?.message}`);
    if (failures.length) throw new Error(`polls failed: ${failures.join('; ')}`);
    const resources = exporter.scopes.map((s) => ({ service: s.poller.identity.service, n: s.poller.state.reading?.resources.length ?? 0 }));
    const warmRss = rssMb();
    log(`  warm-up: ${pollsDone()} polls in ${((Date.now() - t0) / 1000).toFixed(1)} s; ${resources.reduce((n, r) => n + r.n, 0)} resources; RSS ${warmRss.toFixed(1)} MB`);

    // Scrape latency, cache full.
    const scrape = async () => {
      const started = performance.now();
      const res = await fetch(`${server.url}/metrics`);
      const text = await res.text();
      if (res.status !== 200 || !text.includes('hcdr_scope_up')) throw new Error(`scrape answered ${res.status}`);
      return { ms: performance.now() - started, bytes: text.length, series: text.split('\n').filter((l) => l && !l.startsWith('#')).length };
    };
    for (let i = 0; i < 10; i++) await scrape();
    /** @type {number[]} */
    const latencies = [];
    /** @type {number[]} */
    const renders = [];
    let size = { bytes: 0, series: 0 };
    for (let i = 0; i < sizes.scrapes; i++) {
      const s = await scrape();
      latencies.push(s.ms);
      size = s;
      // The server's share: building the body from the cache, without HTTP and the client's parsing.
      const r0 = performance.now();
      await exporter.metricsBody();
      renders.push(performance.now() - r0);
    }
    log(
      `  scrapes: ${sizes.scrapes}, ${size.series} series, ${(size.bytes / 1024).toFixed(0)} KiB; HTTP p50 ${quantile(latencies, 0.5).toFixed(1)} ms, p99 ${quantile(latencies, 0.99).toFixed(1)} ms; body from cache p50 ${quantile(renders, 0.5).toFixed(1)} ms, p99 ${quantile(renders, 0.99).toFixed(1)} ms`,
    );

    // API calls per poll, per scope (counted by the exporter itself).
    const metrics = await exporter.metrics();
    /** @type {Record<string, number>} */
    const requests = {};
    for (const line of metrics.split('\n')) {
      const m = /^hcdr_api_requests_total\{service="(\w+)",region="([\w-]+)",[^}]*\} (\d+)/.exec(line);
      if (m) requests[`${m[1]}/${m[2]}`] = (requests[`${m[1]}/${m[2]}`] ?? 0) + Number(m[3]);
    }
    const perMinute = (/** @type {string} */ service) => {
      const scopesOf = exporter.scopes.filter((s) => s.poller.identity.service === service);
      const rates = scopesOf.map((s) => ((requests[`${service}/${s.poller.identity.region}`] ?? 0) / s.poller.state.polls) * 2);
      const resourcesPerScope = scopesOf.map((s) => s.poller.state.reading?.resources.length ?? 0);
      return { rate: rates.reduce((a, b) => a + b, 0) / rates.length, resources: resourcesPerScope.reduce((a, b) => a + b, 0) / resourcesPerScope.length };
    };
    const gdb = perMinute('geminidb');
    const dws = perMinute('dws');

    // Many more polls: memory must stay flat.
    replay.replaying = true;
    const t1 = Date.now();
    let next = sizes.polls / 10;
    /** @type {number[]} */
    const rssTrail = [];
    while (pollsDone() < sizes.polls) {
      await exporter.pollAll();
      // Replayed answers never wait for I/O: without a turn of the event loop the whole run would be
      // one job, and V8 keeps every WeakRef target of a job alive until it ends (undici's Request
      // holds one per call), which reads as a leak. Real polls wait for sockets and timers.
      await new Promise((resolve) => setImmediate(resolve));
      if (pollsDone() >= next) {
        rssTrail.push(rssMb());
        next += sizes.polls / 10;
      }
    }
    const pollSeconds = (Date.now() - t1) / 1000;
    // Past the 10 s request timeout: per-request guards of the last polls are released by then.
    await new Promise((r) => setTimeout(r, 12_000));
    const finalRss = rssMb();
    log(`  ${pollsDone()} polls in all (${(pollsDone() / scopeCount).toFixed(0)} per scope, ${replay.replayed} answers replayed), ${pollSeconds.toFixed(1)} s; RSS trail ${rssTrail.map((r) => r.toFixed(0)).join(' ')} MB`);
    const pollDurations = exporter.scopes.map((s) => s.poller.state.lastDurationMs ?? 0);
    await exporter.close();

    const fleet = `${resources.filter((r) => r.service === 'geminidb').reduce((n, r) => n + r.n, 0)} GeminiDB DR instances + ${resources.filter((r) => r.service === 'dws').reduce((n, r) => n + r.n, 0)} DWS task views, 4 regions`;
    return [
      makeRow({
        name: 'exporter: scrape latency p99 (cache full)',
        ours: quantile(latencies, 0.99),
        baseline: 50,
        unit: 'ms',
        baselineName: 'goal: 50 ms',
        target: 1,
        p95s: { ours: quantile(latencies, 0.95), baseline: 50 },
        samples: latencies.length,
        note: `${fleet}; ${size.series} series, ${(size.bytes / 1024).toFixed(0)} KiB; HTTP GET /metrics (gzip, as Prometheus asks) incl. the client in the same process inflating and reading 5 MB; p50 ${quantile(latencies, 0.5).toFixed(1)} ms; building the body from the cache alone: p50 ${quantile(renders, 0.5).toFixed(1)} ms, p99 ${quantile(renders, 0.99).toFixed(1)} ms`,
      }),
      makeRow({
        name: `exporter: RSS after ${sizes.polls} polls vs after warm-up`,
        ours: finalRss,
        baseline: warmRss,
        unit: 'MB',
        baselineName: `RSS after ${sizes.warmupPolls} warm-up polls`,
        target: 1.1,
        p95s: null,
        samples: 1,
        note: `trail ${rssTrail.map((r) => r.toFixed(0)).join(', ')} MB while polling back to back (${(sizes.polls / pollSeconds).toFixed(1)} polls/s); final value 12 s after the last poll`,
      }),
      makeRow({
        name: 'exporter: API calls per minute, GeminiDB scope (30 s)',
        ours: gdb.rate,
        baseline: gdb.resources * 2,
        unit: 'calls/min',
        baselineName: 'one call per DR instance per poll',
        target: null,
        p95s: null,
        samples: 1,
        note: `${gdb.resources.toFixed(0)} DR instances per scope; listing pages + one sync-status call each (+ role only when the status names neither side)`,
      }),
      makeRow({
        name: 'exporter: API calls per minute, DWS scope (30 s)',
        ours: dws.rate,
        baseline: dws.resources * 2,
        unit: 'calls/min',
        baselineName: 'one call per task per poll',
        target: null,
        p95s: null,
        samples: 1,
        note: `${dws.resources.toFixed(0)} tasks per scope; one listing + show-progress per synchronising task (+ detail when new or changed); last poll ${Math.max(...pollDurations)} ms`,
      }),
    ];
  } finally {
    child.kill('SIGTERM');
  }
}

/**
 * A fetch for the clients: records the simulator's answers (by method and URL) while `replaying` is
 * false, then answers from the recording. Requests are still built and signed by the clients.
 */
function recordReplayFetch() {
  /** @type {Map<string, { status: number, body: string, type: string }>} */
  const answers = new Map();
  const state = {
    replaying: false,
    replayed: 0,
    /** @param {Request} request */
    fetch: async (request) => {
      const key = `${request.method} ${request.url}`;
      if (state.replaying) {
        const a = answers.get(key);
        if (!a) throw new Error(`no recorded answer for ${key}`);
        state.replayed++;
        // One event-loop turn per answer, as a socket read takes: without it the whole poll runs in
        // microtasks and the runtime never gets to its macrotask work (FinalizationRegistry
        // callbacks that release undici's per-Request signal listeners), which no real client sees.
        await new Promise((resolve) => setImmediate(resolve));
        return new Response(a.body, { status: a.status, headers: { 'content-type': a.type } });
      }
      const res = await fetch(request);
      const body = await res.text();
      answers.set(key, { status: res.status, body, type: res.headers.get('content-type') ?? 'application/json' });
      return new Response(body, { status: res.status, headers: res.headers });
    },
  };
  return state;
}
