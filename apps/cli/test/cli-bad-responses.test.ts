// What hcdr prints when the endpoint answers with something that is not the API's JSON: one error
// line, a hint that fits the cause, exit 1, and no retry of a change whose answer was lost.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRIMARY, PROJECT } from './helpers/cli.js';
import { runInProcess, startCountingServer, type CountingServer } from './helpers/in-process.js';

const env = {
  HUAWEICLOUD_SDK_AK: 'AKBADRESPONSES0001',
  HUAWEICLOUD_SDK_SK: 'sk-bad-responses-canary-7f3a9c21',
  HUAWEICLOUD_SDK_PROJECT_ID: PROJECT,
  HUAWEICLOUD_SDK_REGION_ID: 'ap-southeast-1',
};

type Mode = 'truncated-json' | 'html-200' | 'huge' | 'stall';
let mode: Mode = 'truncated-json';
let server: CountingServer;

beforeAll(async () => {
  server = await startCountingServer((_req, res) => {
    if (mode === 'truncated-json') {
      res.writeHead(202, { 'content-type': 'application/json' });
      res.end('{"job_id": "job-1", "disaster_recovery_id": ');
    } else if (mode === 'html-200') {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html><body><h1>Please log in to the guest Wi-Fi</h1></body></html>');
    } else if (mode === 'stall') {
      // Headers, then nothing: the per-request timeout must also cover the body.
      res.writeHead(202, { 'content-type': 'application/json', 'content-length': '100' });
      res.write('{"job_id": ');
    } else {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(512 * 1024 * 1024) });
      res.write('{"jobs":[');
    }
  });
});
afterAll(() => server.close());

async function run(args: string[]) {
  server.reset();
  const result = await runInProcess(['--endpoint', server.url, ...args], { env });
  const errorLines = result.stderr.split('\n').filter((l) => l.startsWith('error:'));
  return { ...result, errorLines };
}

describe('responses that are not the API', () => {
  it('a cut-off JSON answer to a switchover: exit 1, says to check the state before repeating, sent once', async () => {
    mode = 'truncated-json';
    const r = await run(['geminidb', 'dr', 'demote', PRIMARY, '--yes']);
    expect(r.code).toBe(1);
    expect(r.errorLines).toHaveLength(1);
    expect(r.stderr).toMatch(/hint: .*check the current state before repeating it/);
    expect(server.count).toBe(1);
    expect(r.stderr).not.toContain(env.HUAWEICLOUD_SDK_SK);
  });

  it('an HTML page with 200 (captive portal): exit 1 and a hint about the endpoint or proxy', async () => {
    mode = 'html-200';
    const r = await run(['geminidb', 'dr', 'role', PRIMARY]);
    expect(r.code).toBe(1);
    expect(r.errorLines).toHaveLength(1);
    expect(r.stderr).toMatch(/hint: .*not the API/);
  });

  it('a body announced at 512 MiB: refused without reading it, exit 1, hint names the limit', async () => {
    mode = 'huge';
    const r = await run(['geminidb', 'jobs', 'list']);
    expect(r.code).toBe(1);
    expect(r.errorLines).toHaveLength(1);
    expect(r.stderr).toMatch(/hint: The response was larger than \d+ bytes/);
    expect(server.count).toBe(1);
  });

  it('a change whose answer stalls mid-body: ends at --timeout, exit 1, sent once, says to check the state first', async () => {
    mode = 'stall';
    const started = Date.now();
    const r = await run(['--timeout', '1s', 'geminidb', 'dr', 'demote', PRIMARY, '--yes']);
    const elapsed = Date.now() - started;
    expect(r.code).toBe(1);
    expect(r.errorLines).toHaveLength(1);
    expect(r.stderr).toMatch(/hint: .*check the current state before repeating it/);
    expect(server.count).toBe(1);
    expect(elapsed).toBeGreaterThanOrEqual(900);
    expect(elapsed).toBeLessThan(5_000);
  });
});
