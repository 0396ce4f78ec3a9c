// @ts-check
// Benchmark 6: CPU cost of waiting. 1,000 polls of GeminiDB listJobs?id= — "Running" 999 times,
// then "Completed" — with an instant sleep, a frozen clock and an in-memory fetch (no network), so
// only the client-side work is left:
//  - waitForJob (@hcdr/geminidb: poll + acceptor + the full client: validation,
//    transport with timeouts and signing) vs a minimal hand-written loop that signs (inline HMAC
//    signer), fetches, parses and checks each of the same 1,000 calls;
//  - poll() from @hcdr/core around exactly the hand loop's call, vs the hand loop: the cost of the
//    waiter machinery alone.
import { createFetchHandler, poll } from '@hcdr/core';
import { createGeminiDbClient, waitForJob } from '@hcdr/geminidb';
import { signInline } from '../clients/raw-fetch.mjs';
import { ACCESS_KEY_ID, JOB_ID, PROJECT_ID, SECRET_ACCESS_KEY } from '../fixtures.mjs';
import { cpuMillis, interleave } from '../harness.mjs';
import { makeRow } from '../result-row.mjs';

const POLLS = 1000;
const ENDPOINT = 'https://gaussdb-nosql.cn-north-4.myhuaweicloud.com';
const JOBS_URL = `${ENDPOINT}/v3/${PROJECT_ID}/jobs`;
const running = JSON.stringify({ jobs: [{ id: JOB_ID, name: 'ConstructDisasterRecovery', status: 'Running', progress: '40%' }], total_count: 1 });
const completed = JSON.stringify({ jobs: [{ id: JOB_ID, name: 'ConstructDisasterRecovery', status: 'Completed', progress: '' }], total_count: 1 });

/** An in-memory listJobs endpoint: Running for the first POLLS-1 calls of a run, then Completed. */
function createJobsEndpoint() {
  let calls = 0;
  return {
    reset() {
      calls = 0;
    },
    get calls() {
      return calls;
    },
    /** @param {Request} request */
    fetch: async (request) => {
      if (!request.headers.get('authorization')?.startsWith('SDK-HMAC-SHA256 ')) throw new Error('unsigned request');
      calls++;
      return new Response(calls < POLLS ? running : completed, { status: 200, headers: { 'content-type': 'application/json' } });
    },
  };
}

const instantSleep = async () => {};
const frozenClock = () => 0;

/** The body of one hand-written poll: sign, fetch, parse, pick the job. */
async function handPoll(/** @type {(request: Request) => Promise<Response>} */ fetchJobs) {
  const url = new URL(`${JOBS_URL}?id=${JOB_ID}`);
  const headers = signInline('GET', url, { 'x-project-id': PROJECT_ID }, '');
  const response = await fetchJobs(new Request(url, { headers }));
  if (!response.ok) throw new Error(`listJobs answered ${response.status}`);
  const page = /** @type {{ jobs?: Array<{ id?: string, status?: string }> }} */ (await response.json());
  return page.jobs?.find((job) => job.id === JOB_ID);
}

/** The minimal hand-written wait loop. */
async function handLoop(/** @type {(request: Request) => Promise<Response>} */ fetchJobs) {
  for (let attempt = 1; ; attempt++) {
    const job = await handPoll(fetchJobs);
    if (job?.status === 'Completed') return attempt;
    if (job?.status === 'Failed') throw new Error('job failed');
    await instantSleep();
  }
}

/**
 * @param {{ sizes: { warmup: number, samples: number }, log: (line: string) => void }} context
 * @returns {Promise<import('../result-row.mjs').ResultRow[]>}
 */
export async function runWaiter({ sizes, log }) {
  const ours = createJobsEndpoint();
  const hand = createJobsEndpoint();
  const client = createGeminiDbClient({
    region: 'cn-north-4',
    projectId: PROJECT_ID,
    credentials: { accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET_ACCESS_KEY },
    endpoint: ENDPOINT,
    env: {},
    httpHandler: createFetchHandler(ours.fetch),
    sleep: instantSleep,
    now: frozenClock,
  });

  const expectPolls = (/** @type {number} */ attempts, /** @type {{ calls: number }} */ endpoint, /** @type {string} */ who) => {
    if (attempts !== POLLS || endpoint.calls !== POLLS) throw new Error(`${who}: ${attempts} attempts, ${endpoint.calls} calls (expected ${POLLS})`);
  };
  const runWaitForJob = async () => {
    ours.reset();
    const result = await waitForJob(client, JOB_ID, { sleep: instantSleep, now: frozenClock, initialDelayMs: 0, minIntervalMs: 1 });
    if (result.state !== 'succeeded') throw new Error(`waitForJob ended ${result.state}`);
    expectPolls(result.attempts, ours, 'waitForJob');
  };
  const runPoll = async () => {
    ours.reset();
    const result = await poll({
      fetchState: () => handPoll(ours.fetch),
      // The same decision the hand loop makes (GeminiDB's own acceptor is internal to @hcdr/geminidb).
      classify: (job) => (job?.status === 'Completed' ? 'success' : job?.status === 'Failed' ? 'failure' : 'pending'),
      sleep: instantSleep,
      now: frozenClock,
      initialDelayMs: 0,
      minIntervalMs: 1,
    });
    if (result.state !== 'succeeded') throw new Error(`poll ended ${result.state}`);
    expectPolls(result.attempts, ours, 'poll');
  };
  const runHand = async () => {
    hand.reset();
    expectPolls(await handLoop(hand.fetch), hand, 'hand loop');
  };

  const rows = [];
  for (const [label, op] of /** @type {const} */ ([
    ['waitForJob (full client)', runWaitForJob],
    ['poll() around the hand-written call', runPoll],
  ])) {
    const result = await interleave({ ours: cpuMillis(op), baseline: cpuMillis(runHand), warmup: sizes.warmup, samples: sizes.samples });
    rows.push(
      makeRow({
        name: `waiter: ${label}, ${POLLS} polls vs hand loop`,
        ours: result.ours.median,
        baseline: result.baseline.median,
        unit: `CPU ms/${POLLS} polls`,
        baselineName: 'hand-written loop: inline signer + fetch + JSON + status check',
        target: null,
        p95s: { ours: result.ours.p95, baseline: result.baseline.p95 },
        samples: sizes.samples,
      }),
    );
  }
  log(`  every run: ${POLLS} signed polls answered in memory, ended "Completed" on poll ${POLLS}`);
  return rows;
}
