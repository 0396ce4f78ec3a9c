// Huge and endless response bodies against a real local server: the client must stop reading at
// maxResponseBytes, hang up, and throw a typed error, with memory bounded by the limit rather than
// by what the server is willing to send. A separate file, so memory is measured in its own worker.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApiClient, type ApiClientOptions } from '../src/client/create-api-client.js';
import type { OperationTable } from '../src/client/operation-types.js';
import { isHuaweiCloudError } from '../src/errors/base.js';
import { isHuaweiCloudInvalidResponseError } from '../src/errors/invalid-response-error.js';
import { TRANSPORT_DEFAULTS } from '../src/transport/create-transport.js';
import { gzipBombBytes, startFaultServer, type FaultServer } from './fault-server.js';
import { HANDLERS } from './handlers.js';
import { TEST_AK, TEST_PROJECT, TEST_SK, exampleDescriptor } from './helpers.js';

interface FaultOps {
  ShowFault: {
    parameters: { path: { project_id: string; fault: string } };
    responses: { 200: { content: { 'application/json': unknown } } };
  };
  CreateFault: {
    parameters: { path: { project_id: string; fault: string } };
    requestBody: { content: { 'application/json': { name: string } } };
    responses: { 202: { content: { 'application/json': unknown } } };
  };
}
const row = { summary: '', tag: 'faults', pathParams: ['project_id', 'fault'], queryParams: [], requiredQueryParams: [], async: null, waitStatuses: null, apiName: null } as const;
const TABLE: OperationTable = {
  ShowFault: { ...row, method: 'GET', path: '/v3/{project_id}/faults/{fault}', successStatuses: [200], body: 'none' },
  CreateFault: { ...row, method: 'POST', path: '/v3/{project_id}/faults/{fault}', successStatuses: [202], body: 'required' },
};

const MiB = 1024 * 1024;
const DEADLINE_MS = 10_000;
const SLACK_MS = 400;
/**
 * Loopback socket buffers (kernel send + receive, auto-tuned up to a few MiB each) hold data the
 * server "wrote" that the client never read. The bound below allows for them; without a limit the
 * server writes until its 600 MiB safety cap.
 */
const KERNEL_BUFFER_ALLOWANCE = 24 * MiB;

let server: FaultServer;
const measurements: string[] = [];
/** The handler of the describe block running now (each block runs once per handler). */
let active = HANDLERS[0] as (typeof HANDLERS)[number];
beforeAll(async () => {
  server = await startFaultServer();
  gzipBombBytes();
});
afterAll(async () => {
  await server.close();
  console.log(`huge-body measurements:\n${measurements.map((m) => `  ${m}`).join('\n')}`);
});
beforeEach(() => server.reset());

function client(options: Partial<ApiClientOptions> = {}) {
  return createApiClient<Record<string, never>, FaultOps>(exampleDescriptor(TABLE), {
    endpoint: server.url,
    credentials: { accessKeyId: TEST_AK, secretAccessKey: TEST_SK },
    projectId: TEST_PROJECT,
    env: {},
    fs: { readFile: () => undefined, fileMode: () => undefined },
    timeoutMs: DEADLINE_MS,
    deadlineMs: DEADLINE_MS,
    sleep: async () => {},
    ...active.options,
    ...options,
  });
}

/** Peak growth of memory while `run` is in flight, sampled every 5 ms. */
async function measurePeak<T>(run: () => Promise<T>) {
  const before = process.memoryUsage();
  let peakArrayBuffers = before.arrayBuffers;
  let peakRss = before.rss;
  const sample = () => {
    const m = process.memoryUsage();
    peakArrayBuffers = Math.max(peakArrayBuffers, m.arrayBuffers);
    peakRss = Math.max(peakRss, m.rss);
  };
  const timer = setInterval(sample, 5);
  const started = performance.now();
  try {
    return { outcome: await run().then((value) => ({ value }), (error: unknown) => ({ error })), elapsedMs: Math.round(performance.now() - started) };
  } finally {
    clearInterval(timer);
    sample();
    Object.assign(measurePeak, { last: { arrayBuffers: peakArrayBuffers - before.arrayBuffers, rss: peakRss - before.rss } });
  }
}
const lastPeak = () => (measurePeak as unknown as { last: { arrayBuffers: number; rss: number } }).last;

async function serverBytesAfterHangUp(): Promise<number> {
  const stream = server.streams.at(-1);
  if (!stream) throw new Error('the fault did not start a stream');
  // The client hung up (or the server's cap ended it); only then is the count final.
  await Promise.race([stream.closed, new Promise((r) => setTimeout(r, 5_000))]);
  expect(stream.hitSafetyCap).toBe(false);
  return stream.bytesWritten;
}

const mib = (n: number) => `${(n / MiB).toFixed(1)} MiB`;

for (const handler of HANDLERS) {
describe(handler.name, () => {
  beforeAll(() => {
    active = handler;
  });

  describe('response bodies over maxResponseBytes', () => {
    it('endless body, default limit: typed too-large error, one attempt, bounded bytes and memory', async () => {
      const limit = TRANSPORT_DEFAULTS.maxResponseBytes;
      const { outcome, elapsedMs } = await measurePeak(() => client().ShowFault({ fault: 'huge-unbounded' }));
      const error = 'error' in outcome ? outcome.error : undefined;
      expect(isHuaweiCloudInvalidResponseError(error), String(error)).toBe(true);
      expect(error).toMatchObject({ kind: 'too-large', status: 200, limitBytes: limit, operation: 'ShowFault', attempts: 1 });
      const bytesRead = (error as { bytesRead: number }).bytesRead;
      expect(bytesRead).toBeGreaterThan(limit);
      expect(bytesRead).toBeLessThanOrEqual(limit + 1 * MiB);
      // Too large is not transient: even a GET is not repeated.
      expect(server.hits('GET', 'huge-unbounded')).toBe(1);
      const written = await serverBytesAfterHangUp();
      const peak = lastPeak();
      measurements.push(
        `[${active.name}] GET huge-unbounded, limit ${mib(limit)}: client read ${mib(bytesRead)}, server wrote ${mib(written)} before the hang-up, ` +
          `peak arrayBuffers +${mib(peak.arrayBuffers)}, peak rss +${mib(peak.rss)}, elapsed ${elapsedMs} ms (deadline ${DEADLINE_MS} ms)`,
      );
      expect(written).toBeLessThanOrEqual(limit + KERNEL_BUFFER_ALLOWANCE);
      // Chunks plus one copy of the limit, with room for undici's own buffers.
      expect(peak.arrayBuffers).toBeLessThan(3 * limit + 16 * MiB);
      expect(peak.rss).toBeLessThan(4 * limit + 96 * MiB);
      expect(elapsedMs).toBeLessThanOrEqual(DEADLINE_MS + SLACK_MS);
    });

    it('endless body, 64 KiB limit, POST: one attempt, the server is cut off after a few MiB at most', async () => {
      const limit = 64 * 1024;
      const { outcome, elapsedMs } = await measurePeak(() => client({ maxResponseBytes: limit }).CreateFault({ fault: 'huge-unbounded', body: { name: 'x' } }));
      const error = 'error' in outcome ? outcome.error : undefined;
      expect(error).toMatchObject({ kind: 'too-large', limitBytes: limit, operation: 'CreateFault' });
      expect(server.hits('POST', 'huge-unbounded')).toBe(1);
      const written = await serverBytesAfterHangUp();
      const peak = lastPeak();
      measurements.push(
        `POST huge-unbounded, limit 64 KiB: client read ${(error as { bytesRead: number }).bytesRead} B, server wrote ${mib(written)}, ` +
          `peak arrayBuffers +${mib(peak.arrayBuffers)}, elapsed ${elapsedMs} ms`,
      );
      expect(written).toBeLessThanOrEqual(limit + KERNEL_BUFFER_ALLOWANCE);
      expect(peak.arrayBuffers).toBeLessThan(16 * MiB);
    });

    it('Content-Length of 512 MiB: fails fast from the header without reading the body', async () => {
      const { outcome, elapsedMs } = await measurePeak(() => client().ShowFault({ fault: 'huge-length' }));
      const error = 'error' in outcome ? outcome.error : undefined;
      expect(error).toMatchObject({ kind: 'too-large', declaredBytes: 512 * MiB, bytesRead: 0, limitBytes: TRANSPORT_DEFAULTS.maxResponseBytes });
      expect((error as Error).message).toContain('the server announced 536870912 bytes');
      expect(server.hits('GET', 'huge-length')).toBe(1);
      const written = await serverBytesAfterHangUp();
      measurements.push(`[${active.name}] GET huge-length (512 MiB announced): client read 0 B, server wrote ${mib(written)}, peak arrayBuffers +${mib(lastPeak().arrayBuffers)}, elapsed ${elapsedMs} ms`);
      expect(written).toBeLessThanOrEqual(KERNEL_BUFFER_ALLOWANCE);
    });

    it('an endless 500 page is cut off the same way (error bodies are buffered too)', async () => {
      const { outcome } = await measurePeak(() => client({ maxResponseBytes: MiB }).ShowFault({ fault: 'huge-error' }));
      const error = 'error' in outcome ? outcome.error : undefined;
      expect(isHuaweiCloudError(error)).toBe(true);
      expect(error).toMatchObject({ kind: 'too-large', status: 500, contentType: 'text/html' });
      const written = await serverBytesAfterHangUp();
      measurements.push(`[${active.name}] GET huge-error (endless 500), limit 1 MiB: server wrote ${mib(written)}`);
      expect(written).toBeLessThanOrEqual(MiB + KERNEL_BUFFER_ALLOWANCE);
    });

    it('gzip bomb (64 KiB on the wire, 64 MiB decoded): the limit counts decoded bytes', async () => {
      const limit = MiB;
      const { outcome, elapsedMs } = await measurePeak(() => client({ maxResponseBytes: limit }).ShowFault({ fault: 'gzip-bomb' }));
      const error = 'error' in outcome ? outcome.error : undefined;
      expect(error).toMatchObject({ kind: 'too-large', limitBytes: limit });
      const { bytesRead, declaredBytes } = error as { bytesRead: number; declaredBytes: number };
      // The announced (compressed) length is far below the limit; the decoded stream is not.
      expect(declaredBytes).toBeLessThan(limit);
      expect(bytesRead).toBeGreaterThan(limit);
      expect(bytesRead).toBeLessThan(limit + MiB);
      measurements.push(`[${active.name}] GET gzip-bomb, limit 1 MiB: ${declaredBytes} B on the wire, decoded ${mib(bytesRead)} before stopping, peak arrayBuffers +${mib(lastPeak().arrayBuffers)}, elapsed ${elapsedMs} ms`);
      expect(lastPeak().arrayBuffers).toBeLessThan(16 * MiB);
    });

    it('a body exactly at the limit is accepted', async () => {
      const body = JSON.stringify({ pad: 'x'.repeat(1000 - 10) });
      expect(body).toHaveLength(1000);
      const data = await client({ maxResponseBytes: 1000 }).ShowFault(
        { fault: 'echo' },
        { headers: { 'x-fault-body': Buffer.from(body).toString('base64') } },
      );
      expect(data).toEqual(JSON.parse(body));
      await expect(
        client({ maxResponseBytes: 999 }).ShowFault({ fault: 'echo' }, { headers: { 'x-fault-body': Buffer.from(body).toString('base64') } }),
      ).rejects.toMatchObject({ kind: 'too-large', declaredBytes: 1000, bytesRead: 0 });
    });
  });
});
}
