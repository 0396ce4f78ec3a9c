// The transport plugged into openapi-fetch, as @hcdr/geminidb and @hcdr/dws do it.
import createClient from 'openapi-fetch';
import { describe, expect, it } from 'vitest';
import { resolveClientConfig } from '../src/config/resolve-config.js';
import { isHuaweiCloudApiError } from '../src/errors/api-error.js';
import { isHuaweiCloudAbortError, isHuaweiCloudNetworkError } from '../src/errors/errors.js';
import { toApiError } from '../src/errors/to-api-error.js';
import { computeSignature } from '../src/signing/sign-request.js';
import { createTransport } from '../src/transport/create-transport.js';
import { fakeTime, json, networkError, recordingFetch, sequence, TEST_AK, TEST_PROJECT, TEST_SK, exampleService } from './helpers.js';

interface paths {
  '/v3/{project_id}/jobs': {
    get: {
      parameters: { path: { project_id: string }; query?: { id?: string; limit?: number } };
      responses: {
        200: { content: { 'application/json': { jobs: Array<{ id: string; status: string }> } } };
        400: { content: { 'application/json': { error_code: string; error_msg: string } } };
      };
    };
  };
  '/v2/{project_id}/disaster-recoveries': {
    post: {
      parameters: { path: { project_id: string } };
      requestBody: { content: { 'application/json': { disaster_recovery: { name: string } } } };
      responses: { 200: { content: { 'application/json': { disaster_recovery: { id: string } } } } };
    };
  };
}

function client(handler: Parameters<typeof recordingFetch>[0], extra: Partial<Parameters<typeof createTransport>[0]> = {}) {
  const config = resolveClientConfig({
    service: exampleService,
    env: { HUAWEICLOUD_SDK_AK: TEST_AK, HUAWEICLOUD_SDK_SK: TEST_SK, HUAWEICLOUD_SDK_PROJECT_ID: TEST_PROJECT, HUAWEICLOUD_SDK_REGION_ID: 'ap-southeast-1' },
    fs: { readFile: () => undefined, fileMode: () => undefined },
  });
  const rec = recordingFetch(handler);
  const time = fakeTime();
  const fetch = createTransport({ auth: config.credentials, projectId: config.projectId, fetch: rec.fetch, sleep: time.sleep, now: time.now, ...extra });
  return { api: createClient<paths>({ baseUrl: config.baseUrl, fetch }), calls: rec.calls, config };
}

describe('createTransport as the openapi-fetch `fetch` option', () => {
  it('sends a correctly signed GET with an encoded query', async () => {
    const { api, calls } = client(() => json(200, { jobs: [{ id: 'job 1/2', status: 'Running' }] }));
    const { data, error } = await api.GET('/v3/{project_id}/jobs', { params: { path: { project_id: TEST_PROJECT }, query: { id: 'job 1/2', limit: 10 } } });
    expect(error).toBeUndefined();
    expect(data?.jobs[0]?.status).toBe('Running');
    const call = calls[0]!;
    expect(call.url).toBe(`https://example.ap-southeast-1.myhuaweicloud.com/v3/${TEST_PROJECT}/jobs?id=job%201%2F2&limit=10`);
    const check = computeSignature({ method: 'GET', url: call.url, headers: new Headers(call.headers), body: undefined, accessKeyId: TEST_AK, secretAccessKey: TEST_SK });
    expect(call.headers['authorization']).toBe(check.authorization);
    expect(check.canonicalRequest.split('\n')[2]).toBe('id=job%201%2F2&limit=10');
  });

  it('signs the JSON body openapi-fetch serialised, byte for byte', async () => {
    const { api, calls } = client(() => json(200, { disaster_recovery: { id: 'dr-1' } }));
    const { data } = await api.POST('/v2/{project_id}/disaster-recoveries', { params: { path: { project_id: TEST_PROJECT } }, body: { disaster_recovery: { name: 'dr é' } } });
    expect(data?.disaster_recovery.id).toBe('dr-1');
    const call = calls[0]!;
    expect(call.body).toBe('{"disaster_recovery":{"name":"dr é"}}');
    const check = computeSignature({ method: 'POST', url: call.url, headers: new Headers(call.headers), body: new TextEncoder().encode(call.body), accessKeyId: TEST_AK, secretAccessKey: TEST_SK });
    expect(call.headers['authorization']).toBe(check.authorization);
    expect(check.signedHeaders).toBe('content-type;host;x-project-id;x-sdk-date');
  });

  it('returns HTTP errors as {error}, which toApiError turns into a typed error', async () => {
    const { api } = client(() => json(400, { error_code: 'DBS.200001', error_msg: 'Parameter error' }, { 'x-request-id': 'rq-9' }));
    const { error, response } = await api.GET('/v3/{project_id}/jobs', { params: { path: { project_id: TEST_PROJECT } } });
    expect(error).toEqual({ error_code: 'DBS.200001', error_msg: 'Parameter error' });
    const e = toApiError(response, error, 'ListJobs');
    expect(isHuaweiCloudApiError(e)).toBe(true);
    expect(e).toMatchObject({ status: 400, code: 'DBS.200001', requestId: 'rq-9', operation: 'ListJobs' });
  });

  it('passes a gateway HTML page through as text', async () => {
    const { api } = client(() => new Response('<html><body><h1>502 Bad Gateway</h1></body></html>', { status: 502, headers: { 'content-type': 'text/html' } }), { maxRetries: 0 });
    const { error, response } = await api.GET('/v3/{project_id}/jobs', { params: { path: { project_id: TEST_PROJECT } } });
    expect(toApiError(response, error, 'ListJobs').errorMessage).toBe('HTTP 502: 502 Bad Gateway');
  });

  it('retries a GET transparently and POSTs never after a response', async () => {
    const get = client(sequence(() => json(503, {}), () => json(200, { jobs: [] })));
    expect((await get.api.GET('/v3/{project_id}/jobs', { params: { path: { project_id: TEST_PROJECT } } })).data).toEqual({ jobs: [] });
    expect(get.calls).toHaveLength(2);
    const post = client(sequence(() => json(503, {}), () => json(200, {})));
    const r = await post.api.POST('/v2/{project_id}/disaster-recoveries', { params: { path: { project_id: TEST_PROJECT } }, body: { disaster_recovery: { name: 'x' } } });
    expect(r.response.status).toBe(503);
    expect(post.calls).toHaveLength(1);
  });

  it('throws typed network and abort errors through openapi-fetch', async () => {
    const { api } = client(() => {
      throw networkError('ECONNRESET');
    }, { maxRetries: 0 });
    await expect(api.GET('/v3/{project_id}/jobs', { params: { path: { project_id: TEST_PROJECT } } })).rejects.toSatisfy(isHuaweiCloudNetworkError);
    const hanging = client(() => new Promise<Response>(() => {}));
    await expect(hanging.api.GET('/v3/{project_id}/jobs', { params: { path: { project_id: TEST_PROJECT } }, signal: AbortSignal.timeout(10) })).rejects.toSatisfy(isHuaweiCloudAbortError);
  });
});
