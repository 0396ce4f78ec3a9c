// Call observers see every method call once (request, then its final answer or its failure), can be
// attached and detached at any time, never break a call, and the raw client shares the pipeline.
import { describe, expect, it } from 'vitest';
import type { CallObserver } from '../src/client/call-observer.js';
import { createApiClient } from '../src/client/create-api-client.js';
import type { OperationTable } from '../src/client/operation-types.js';
import { createRawClient } from '../src/raw/index.js';
import { createFetchHandler } from '../src/transport/fetch-handler.js';
import { exampleDescriptor, getOperation, json, recordingFetch, TEST_AK, TEST_PROJECT, TEST_SK } from './helpers.js';

const TABLE: OperationTable = {
  ShowJob: getOperation('/v3/{project_id}/jobs/{job_id}', ['project_id', 'job_id']),
};
interface Ops {
  ShowJob: { parameters: { path: { project_id: string; job_id: string } }; responses: { 200: { content: { 'application/json': { job: { id: string } } } } } };
}
interface Paths {
  '/v3/{project_id}/jobs/{job_id}': { get: Ops['ShowJob'] };
}

function recorder() {
  const seen: string[] = [];
  const observer: CallObserver = {
    onRequest: (call) => seen.push(`request ${call.operation} ${call.method} ${call.path} ${new URL(call.url).pathname}`),
    onResponse: (call, response) => seen.push(`response ${call.operation} ${response.status} ${response.headers['x-request-id']} attempts=${response.metadata.attempts}`),
    onError: (call, error) => seen.push(`error ${call.operation} ${(error as Error).name}`),
  };
  return { seen, observer };
}

function client(answer: (url: string) => Response, observers: CallObserver[] = []) {
  const { fetch, calls } = recordingFetch((request) => answer(request.url));
  const api = createApiClient<Paths, Ops>(exampleDescriptor(TABLE), {
    endpoint: 'http://127.0.0.1:9',
    projectId: TEST_PROJECT,
    credentials: { accessKeyId: TEST_AK, secretAccessKey: TEST_SK },
    env: {},
    homeDir: '/nonexistent',
    httpHandler: createFetchHandler(fetch),
    maxRetries: 0,
    observers,
  });
  return { api, calls };
}

const ok = () => json(200, { job: { id: 'job-1' } }, { 'x-request-id': 'rq-1' });

describe('call observers', () => {
  it('an observer attached with observe() sees each call once (request, answer); after detaching it sees none', async () => {
    const { api, calls } = client(ok);
    const { seen, observer } = recorder();
    await api.ShowJob({ job_id: 'job-0' });
    const detach = api.observe(observer);
    expect(await api.ShowJob({ job_id: 'job-1' })).toEqual({ job: { id: 'job-1' } });
    await api.withResponse.ShowJob({ job_id: 'job-2' });
    detach();
    await api.ShowJob({ job_id: 'job-3' });
    expect(seen).toEqual([
      `request ShowJob GET /v3/{project_id}/jobs/{job_id} /v3/${TEST_PROJECT}/jobs/job-1`,
      'response ShowJob 200 rq-1 attempts=1',
      `request ShowJob GET /v3/{project_id}/jobs/{job_id} /v3/${TEST_PROJECT}/jobs/job-2`,
      'response ShowJob 200 rq-1 attempts=1',
    ]);
    expect(calls).toHaveLength(4);
  });

  it('an error status is an answer (onResponse, then the typed error); a network failure goes to onError', async () => {
    let fail = false;
    const { seen, observer } = recorder();
    const { api } = client((url) => {
      if (fail) throw Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } });
      return url.endsWith('/missing') ? json(404, { error_code: 'DBS.280004', error_msg: 'not found' }, { 'x-request-id': 'rq-404' }) : ok();
    }, [observer]);
    await expect(api.ShowJob({ job_id: 'missing' })).rejects.toMatchObject({ name: 'HuaweiCloudApiError', status: 404 });
    fail = true;
    await expect(api.ShowJob({ job_id: 'job-1' })).rejects.toMatchObject({ name: 'HuaweiCloudNetworkError' });
    expect(seen).toEqual([
      `request ShowJob GET /v3/{project_id}/jobs/{job_id} /v3/${TEST_PROJECT}/jobs/missing`,
      'response ShowJob 404 rq-404 attempts=1',
      `request ShowJob GET /v3/{project_id}/jobs/{job_id} /v3/${TEST_PROJECT}/jobs/job-1`,
      'error ShowJob HuaweiCloudNetworkError',
    ]);
  });

  it('observers given as an option and attached later both see calls; a throwing observer changes nothing', async () => {
    const first = recorder();
    const broken: CallObserver = {
      onRequest: () => {
        throw new Error('observer bug');
      },
      onResponse: () => {
        throw new Error('observer bug');
      },
    };
    const { api } = client(ok, [broken, first.observer]);
    const second = recorder();
    api.observe(second.observer);
    expect(await api.ShowJob({ job_id: 'job-1' })).toEqual({ job: { id: 'job-1' } });
    expect(first.seen).toHaveLength(2);
    expect(second.seen).toEqual(first.seen);
  });

  it('createRawClient sends through the same pipeline (signed, typed errors name the operation)', async () => {
    const { api, calls } = client(ok);
    const raw = createRawClient<Paths>(api);
    const { data } = await raw.GET('/v3/{project_id}/jobs/{job_id}', { params: { path: { project_id: TEST_PROJECT, job_id: 'job-9' } } });
    expect(data).toEqual({ job: { id: 'job-1' } });
    expect(calls[0]?.headers['authorization']).toMatch(/^SDK-HMAC-SHA256 Access=/);
    expect(() => createRawClient({})).toThrow(/createApiClient/);
  });
});
