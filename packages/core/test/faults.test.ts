// Fault tests: the real client stack (createApiClient → openapi-fetch → createTransport → undici)
// against a real local server that resets, stalls, truncates, lies about lengths, sends garbage,
// sends endless bodies and throttles. For every fault: the call ends within its deadline, with a
// typed error, and the server saw a bounded number of attempts (POST: exactly one).
import fc from 'fast-check';
import createClient from 'openapi-fetch';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApiClient, jsonResponseGuard, type ApiClientOptions } from '../src/client/create-api-client.js';
import type { OperationTable } from '../src/client/operation-types.js';
import { isHuaweiCloudApiError } from '../src/errors/api-error.js';
import { isHuaweiCloudError } from '../src/errors/base.js';
import { isHuaweiCloudAbortError, isHuaweiCloudNetworkError, isHuaweiCloudTimeoutError } from '../src/errors/errors.js';
import { isHuaweiCloudInvalidResponseError } from '../src/errors/invalid-response-error.js';
import { createTransport } from '../src/transport/create-transport.js';
import type { Sleep } from '../src/transport/timeouts.js';
import { FAULT_REQUEST_ID, startFaultServer, type FaultServer } from './fault-server.js';
import { HANDLERS } from './handlers.js';
import { TEST_AK, TEST_PROJECT, TEST_SK, exampleDescriptor } from './helpers.js';

interface Job {
  id: string;
  status: string;
}
interface FaultOps {
  ShowFault: {
    parameters: { path: { project_id: string; fault: string } };
    responses: { 200: { content: { 'application/json': { jobs: Job[] } } } };
  };
  CreateFault: {
    parameters: { path: { project_id: string; fault: string } };
    requestBody: { content: { 'application/json': { name: string } } };
    responses: { 202: { content: { 'application/json': { job_id: string } } } };
  };
}

const row = { summary: '', tag: 'faults', pathParams: ['project_id', 'fault'], queryParams: [], requiredQueryParams: [], async: null, waitStatuses: null, apiName: null } as const;
const TABLE: OperationTable = {
  ShowFault: { ...row, method: 'GET', path: '/v3/{project_id}/faults/{fault}', successStatuses: [200], body: 'none' },
  CreateFault: { ...row, method: 'POST', path: '/v3/{project_id}/faults/{fault}', successStatuses: [202], body: 'required' },
};

/** Per-attempt timeout and overall deadline of the fault calls: small, so stalls end fast. */
const TIMEOUT_MS = 400;
const DEADLINE_MS = 1_500;
/** Timer firing and teardown on a loaded 2-core CI machine. */
const SLACK_MS = 400;
const MAX_RETRIES = 3;

let server: FaultServer;
beforeAll(async () => {
  server = await startFaultServer();
});
afterAll(async () => {
  await server.close();
  // The numbers the report quotes: fault, method, attempts seen by the server, elapsed vs deadline.
  console.log(`fault measurements (${measurements.length} calls):\n${measurements.map((m) => `  ${m}`).join('\n')}`);
});
beforeEach(() => server.reset());

const measurements: string[] = [];
/** The handler of the describe block running now (each block runs once per handler). */
let active = HANDLERS[0] as (typeof HANDLERS)[number];

function faultClient(options: Partial<ApiClientOptions> = {}) {
  const waits: number[] = [];
  // Records each back-off wait and returns at once, so Retry-After values can be checked without waiting.
  const sleep: Sleep = (ms, signal) => {
    waits.push(ms);
    return signal?.aborted ? Promise.reject(signal.reason) : Promise.resolve();
  };
  const api = createApiClient<Record<string, never>, FaultOps>(exampleDescriptor(TABLE), {
    endpoint: server.url,
    credentials: { accessKeyId: TEST_AK, secretAccessKey: TEST_SK },
    projectId: TEST_PROJECT,
    region: 'ap-southeast-1',
    env: {},
    fs: { readFile: () => undefined, fileMode: () => undefined },
    timeoutMs: TIMEOUT_MS,
    deadlineMs: DEADLINE_MS,
    maxRetries: MAX_RETRIES,
    random: () => 0.5,
    sleep,
    ...active.options,
    ...options,
  });
  return { api, waits };
}

type Method = 'GET' | 'POST';

/** Runs one call, measures it and records the line for the report. */
async function call(method: Method, fault: string, options: Partial<ApiClientOptions> = {}) {
  const { api, waits } = faultClient(options);
  const deadline = options.deadlineMs ?? DEADLINE_MS;
  const started = performance.now();
  let value: unknown;
  let error: unknown;
  try {
    value = method === 'GET' ? await api.ShowFault({ fault }) : await api.CreateFault({ fault, body: { name: 'dr-1' } });
  } catch (e) {
    error = e;
  }
  const elapsedMs = Math.round(performance.now() - started);
  const attempts = server.hits(method, fault);
  const kind = error === undefined ? 'ok' : isHuaweiCloudError(error) ? error.name : `UNTYPED ${String(error)}`;
  measurements.push(`[${active.name}] ${method} ${fault}: ${kind}, server attempts ${attempts}, elapsed ${elapsedMs} ms (deadline ${deadline} ms), waits [${waits.join(', ')}]`);
  // Every call, whatever the fault, ends within its deadline.
  expect(elapsedMs).toBeLessThanOrEqual(deadline + SLACK_MS);
  // Nothing but our typed errors escapes (no SyntaxError, no TypeError: terminated).
  if (error !== undefined) expect(isHuaweiCloudError(error), `untyped error: ${String(error)}`).toBe(true);
  return { value, error, elapsedMs, attempts, waits };
}

for (const handler of HANDLERS) {
describe(handler.name, () => {
  beforeAll(() => {
    active = handler;
  });

  describe('connection faults', () => {
    it.each([
      ['reset-before-headers', 'ECONNRESET'],
      ['close-before-headers', 'closed'],
      ['reset-mid-body', 'ECONNRESET'],
      ['short-length', 'closed'],
    ])('%s: GET is retried to the limit, then throws HuaweiCloudNetworkError (%s)', async (fault, expected) => {
      const code = expected === 'closed' ? active.closedCode : expected;
      const { error, attempts } = await call('GET', fault);
      expect(isHuaweiCloudNetworkError(error)).toBe(true);
      expect(error).toMatchObject({ errorCode: code, beforeSend: false, attempts: MAX_RETRIES + 1, operation: 'ShowFault' });
      expect(attempts).toBe(MAX_RETRIES + 1);
    });

    it.each(['reset-before-headers', 'close-before-headers', 'reset-mid-body', 'short-length'])('%s: POST is sent exactly once', async (fault) => {
      const { error, attempts } = await call('POST', fault);
      expect(isHuaweiCloudNetworkError(error)).toBe(true);
      expect(error).toMatchObject({ beforeSend: false, attempts: 1, operation: 'CreateFault' });
      expect(attempts).toBe(1);
    });

    it.each(['stall', 'stall-body'])('%s: GET retries per-attempt timeouts and stops before the deadline', async (fault) => {
      const { error, attempts, elapsedMs, waits } = await call('GET', fault);
      expect(isHuaweiCloudTimeoutError(error)).toBe(true);
      // 400 ms attempts in a 1 500 ms deadline; after the third (at ~1 200 ms) the next back-off
      // (1 000 ms) would pass the deadline, so the transport gives up rather than start a doomed attempt.
      expect(error).toMatchObject({ scope: 'attempt', timeoutMs: TIMEOUT_MS, attempts: 3, operation: 'ShowFault' });
      expect(attempts).toBe(3);
      expect(waits).toEqual([250, 500]);
      expect(elapsedMs).toBeGreaterThanOrEqual(3 * TIMEOUT_MS - 50);
    });

    it('trickling body (a byte every 50 ms): the per-attempt timeout covers the whole body, not idle gaps', async () => {
      const post = await call('POST', 'trickle');
      expect(post.error).toMatchObject({ name: 'HuaweiCloudTimeoutError', scope: 'attempt', attempts: 1 });
      expect(post.attempts).toBe(1);
      expect(post.elapsedMs).toBeLessThanOrEqual(TIMEOUT_MS + SLACK_MS);
      const get = await call('GET', 'trickle');
      expect(isHuaweiCloudTimeoutError(get.error)).toBe(true);
      expect(get.attempts).toBe(3);
    });

    it('the caller aborting while the body stalls ends the call at once with HuaweiCloudAbortError', async () => {
      const { api } = faultClient({ timeoutMs: 5_000, deadlineMs: 5_000 });
      const started = performance.now();
      const call = api.ShowFault({ fault: 'stall-body' }, { signal: AbortSignal.timeout(200) });
      await expect(call).rejects.toSatisfy(isHuaweiCloudAbortError);
      const elapsedMs = Math.round(performance.now() - started);
      measurements.push(`[${active.name}] GET stall-body aborted by the caller at 200 ms: elapsed ${elapsedMs} ms, server attempts ${server.hits('GET', 'stall-body')}`);
      expect(elapsedMs).toBeLessThanOrEqual(200 + SLACK_MS);
      expect(server.hits('GET', 'stall-body')).toBe(1);
    });

    it('stall with a deadline shorter than the attempt timeout: the deadline ends it', async () => {
      const { error, attempts, elapsedMs } = await call('GET', 'stall', { timeoutMs: 5_000, deadlineMs: 700 });
      expect(error).toMatchObject({ scope: 'deadline', timeoutMs: 700, attempts: 1 });
      expect(attempts).toBe(1);
      expect(elapsedMs).toBeGreaterThanOrEqual(650);
    });

    it.each(['stall', 'stall-body'])('%s: POST times out once and is not repeated', async (fault) => {
      const { error, attempts, elapsedMs } = await call('POST', fault);
      expect(isHuaweiCloudTimeoutError(error)).toBe(true);
      expect(error).toMatchObject({ scope: 'attempt', timeoutMs: TIMEOUT_MS, attempts: 1 });
      expect(attempts).toBe(1);
      expect(elapsedMs).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
      expect(elapsedMs).toBeLessThanOrEqual(TIMEOUT_MS + SLACK_MS);
    });
  });

  describe('bodies that are not the JSON they claim to be', () => {
    it.each([
      ['GET', 'truncated-json', 200],
      ['POST', 'truncated-json', 200],
      ['GET', 'invalid-json-200', 200],
      ['POST', 'invalid-json-202', 202],
      ['GET', 'html-200', 200],
    ] as const)('%s %s: typed HuaweiCloudInvalidResponseError (HTTP %i), one attempt', async (method, fault, status) => {
      const { error, attempts } = await call(method, fault);
      expect(isHuaweiCloudInvalidResponseError(error), String(error)).toBe(true);
      expect(error).toMatchObject({ kind: 'invalid-json', status, operation: method === 'GET' ? 'ShowFault' : 'CreateFault' });
      if (fault !== 'html-200') expect(error).toMatchObject({ requestId: FAULT_REQUEST_ID });
      expect(attempts).toBe(1);
    });

    it('never copies a JSON-looking body (which may hold DR passwords) into the error', async () => {
      const { error } = await call('GET', 'truncated-json');
      expect(isHuaweiCloudInvalidResponseError(error)).toBe(true);
      const everything = `${String(error)} ${JSON.stringify(error)} ${(error as Error).stack} ${String((error as Error).cause)}`;
      expect(everything).not.toContain('Hunter2');
      expect(everything).not.toContain('"jobs"');
      expect(error).toMatchObject({ excerpt: undefined, bytesRead: 70, endsEarly: true });
      expect((error as Error).message).toMatch(/ShowFault.*HTTP 200.*not valid JSON.*ends early.*fault-rq-0001/);
    });

    it('quotes a short excerpt of an HTML page (a proxy login page answering 200)', async () => {
      const { error } = await call('GET', 'html-200');
      expect(error).toMatchObject({ excerpt: 'Proxy login required Proxy login required nginx', contentType: 'text/html' });
    });

    it('rejects with the typed error through withResponse too; a good answer gives { data, response }', async () => {
      const api = createApiClient<Record<string, never>, FaultOps>(exampleDescriptor(TABLE), {
        endpoint: server.url,
        credentials: { accessKeyId: TEST_AK, secretAccessKey: TEST_SK },
        projectId: TEST_PROJECT,
        env: {},
        fs: { readFile: () => undefined, fileMode: () => undefined },
        ...active.options,
      });
      await expect(api.withResponse.ShowFault({ fault: 'invalid-json-200' })).rejects.toSatisfy(isHuaweiCloudInvalidResponseError);
      const ok = await api.withResponse.ShowFault({ fault: 'ok' });
      expect(ok.data.jobs[0]?.id).toBe('job-1');
      expect(ok.response.status).toBe(200);
    });

    it('createTransport + openapi-fetch directly: jsonResponseGuard() gives the same typed error', async () => {
      const fetch = createTransport({ auth: { type: 'none' }, maxRetries: 0, ...active.options });
      const api = createClient<{ '/v3/{project_id}/faults/{fault}': { get: FaultOps['ShowFault'] } }>({ baseUrl: server.url, fetch });
      const params = { path: { project_id: TEST_PROJECT, fault: 'invalid-json-200' } };
      // Without the guard, openapi-fetch's response.json() throws a bare SyntaxError (the gap this closes).
      await expect(api.GET('/v3/{project_id}/faults/{fault}', { params })).rejects.toThrow(SyntaxError);
      api.use(jsonResponseGuard());
      await expect(api.GET('/v3/{project_id}/faults/{fault}', { params })).rejects.toMatchObject({
        name: 'HuaweiCloudInvalidResponseError',
        operation: 'GET /v3/{project_id}/faults/{fault}',
        excerpt: 'OK, but not JSON',
      });
    });

    it('leaves callers who asked for text alone (parseAs: "text" on the raw client)', async () => {
      const { api } = faultClient();
      const { data } = await api.raw.GET('/v3/{project_id}/faults/{fault}' as never, {
        params: { path: { project_id: TEST_PROJECT, fault: 'invalid-json-200' } },
        parseAs: 'text',
      } as never);
      expect(data).toBe('OK, but not JSON');
    });

    it('property: any 2xx body either parses as openapi-fetch would or throws the typed error; secrets never leak', async () => {
      const SECRET = 'S3cret-DO-NOT-LEAK-42';
      const { api } = faultClient();
      const bodies = fc.oneof(
        fc.string({ maxLength: 60 }),
        fc.json({ maxDepth: 2 }),
        // Valid JSON cut anywhere, with a secret inside.
        fc.tuple(fc.json({ maxDepth: 2 }), fc.nat()).map(([j, n]) => {
          const full = `{"password":"${SECRET}","data":${j}}`;
          return full.slice(0, n % full.length);
        }),
      );
      let ran = 0;
      let typed = 0;
      await fc.assert(
        fc.asyncProperty(bodies, fc.constantFrom(200, 201, 202), fc.constantFrom('application/json', 'text/plain'), async (body, status, type) => {
          ran++;
          let expected: unknown;
          let parses = true;
          try {
            expected = body === '' ? undefined : JSON.parse(body);
          } catch {
            parses = false;
          }
          const headers = { 'x-fault-body': Buffer.from(body).toString('base64'), 'x-fault-status': String(status), 'x-fault-type': type };
          try {
            const data = await api.ShowFault({ fault: 'echo' }, { headers });
            expect(parses, `accepted invalid JSON ${JSON.stringify(body)}`).toBe(true);
            expect(data).toEqual(expected);
          } catch (error) {
            expect(isHuaweiCloudInvalidResponseError(error), String(error)).toBe(true);
            expect(parses, `rejected valid JSON ${JSON.stringify(body)}`).toBe(false);
            expect(`${String(error)} ${JSON.stringify(error)}`).not.toContain(SECRET);
            typed++;
          }
        }),
        { numRuns: 150, seed: 20240601 },
      );
      console.log(`invalid-JSON property: ${ran} generated bodies, ${typed} rejected with the typed error`);
      expect(ran).toBe(150);
      expect(typed).toBeGreaterThan(20);
    });
  });

  describe('maxResponseBytes option', () => {
    it.each([-1, Number.NaN])('rejects %d', (value) => {
      expect(() => createTransport({ auth: { type: 'none' }, maxResponseBytes: value })).toThrow(/maxResponseBytes must be a non-negative number/);
    });
  });

  describe('HTTP error pages', () => {
    it('HTML 500: HuaweiCloudApiError with a tag-free excerpt; not transient, so one attempt', async () => {
      for (const method of ['GET', 'POST'] as const) {
        const { error, attempts } = await call(method, 'html-500');
        expect(isHuaweiCloudApiError(error)).toBe(true);
        expect(error).toMatchObject({ status: 500, code: undefined, retryable: false, requestId: FAULT_REQUEST_ID });
        expect((error as { errorMessage: string }).errorMessage).toBe('HTTP 500 Internal Server Error: 500 Internal Server Error 500 Internal Server Error nginx');
        expect(attempts).toBe(1);
      }
    });

    it('HTML 502: GET is retried to the limit, POST is sent once', async () => {
      const get = await call('GET', 'html-502');
      expect(get.error).toMatchObject({ status: 502, retryable: true });
      expect(get.attempts).toBe(MAX_RETRIES + 1);
      const post = await call('POST', 'html-502');
      expect(isHuaweiCloudApiError(post.error)).toBe(true);
      expect(post.attempts).toBe(1);
    });

    it('503 with a JSON error body: status and code on the error; GET 4 attempts, POST 1', async () => {
      const get = await call('GET', '503');
      expect(isHuaweiCloudApiError(get.error)).toBe(true);
      expect(get.error).toMatchObject({ status: 503, code: 'DBS.280001', retryable: true, operation: 'ShowFault' });
      expect(get.attempts).toBe(MAX_RETRIES + 1);
      // Full jitter with random() = 0.5: half of 500, 1000, 2000 ms.
      expect(get.waits).toEqual([250, 500, 1000]);
      const post = await call('POST', '503');
      expect(post.error).toMatchObject({ status: 503, code: 'DBS.280001' });
      expect(post.attempts).toBe(1);
      expect(post.waits).toEqual([]);
    });

    it('503, 503, then 200: GET recovers on the third attempt', async () => {
      const { value, attempts, waits } = await call('GET', '503-then-ok');
      expect(value).toEqual({ jobs: [] });
      expect(attempts).toBe(3);
      expect(waits).toEqual([250, 500]);
    });
  });

  describe('429 with Retry-After', () => {
    // The recorded sleep returns at once, so a deadline this long costs nothing; it only has to exceed the waits.
    const patient = { deadlineMs: 10_000 };

    it('delta-seconds: GET waits exactly that long, then succeeds', async () => {
      const { value, attempts, waits } = await call('GET', '429-seconds', patient);
      expect(value).toEqual({ jobs: [] });
      expect(attempts).toBe(2);
      expect(waits).toEqual([2_000]);
    });

    it('HTTP date: GET waits until that date (second resolution), then succeeds', async () => {
      const { value, attempts, waits } = await call('GET', '429-date', patient);
      expect(value).toEqual({ jobs: [] });
      expect(attempts).toBe(2);
      expect(waits).toHaveLength(1);
      expect(waits[0]).toBeGreaterThanOrEqual(3_500);
      expect(waits[0]).toBeLessThanOrEqual(5_000);
    });

    it('beyond the cap: the wait is capped at retryAfterCapMs', async () => {
      const { value, waits, attempts } = await call('GET', '429-beyond-cap', { ...patient, retryAfterCapMs: 1_000 });
      expect(value).toEqual({ jobs: [] });
      expect(waits).toEqual([1_000]);
      expect(attempts).toBe(2);
      // Default cap (60 s) with the default 120 s deadline: the wait is 60 s, not the 3 600 s asked for.
      server.reset();
      const defaults = await call('GET', '429-beyond-cap', { deadlineMs: 120_000 });
      expect(defaults.attempts).toBe(2);
      expect(defaults.waits).toEqual([60_000]);
    });

    it('a capped wait that would still pass the deadline: no retry, the 429 is returned as HuaweiCloudApiError', async () => {
      const { error, attempts, waits } = await call('GET', '429-beyond-cap', { deadlineMs: 1_500, retryAfterCapMs: 60_000 });
      expect(error).toMatchObject({ status: 429, code: 'APIGW.0308', retryable: true });
      expect(attempts).toBe(1);
      expect(waits).toEqual([]);
    });

    it('always 429: GET gives up after maxRetries with every wait honoured; POST is never retried', async () => {
      const get = await call('GET', '429-always', patient);
      expect(get.error).toMatchObject({ status: 429, code: 'APIGW.0308' });
      expect(get.attempts).toBe(MAX_RETRIES + 1);
      expect(get.waits).toEqual([1_000, 1_000, 1_000]);
      const post = await call('POST', '429-seconds', patient);
      expect(post.error).toMatchObject({ status: 429 });
      expect(post.attempts).toBe(1);
      expect(post.waits).toEqual([]);
    });
  });
});
}
