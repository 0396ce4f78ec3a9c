// The methods skip openapi-fetch while no caller middleware is installed (the fast path), and go
// through it — so the middleware sees every call — as soon as one is, whether given to
// createApiClient or added later with `raw.use` (as the drills' evidence recorder does).
import type { Middleware } from 'openapi-fetch';
import { describe, expect, it } from 'vitest';
import { createApiClient } from '../src/client/create-api-client.js';
import type { OperationTable } from '../src/client/operation-types.js';
import { exampleDescriptor, getOperation, json, recordingFetch, TEST_AK, TEST_PROJECT, TEST_SK } from './helpers.js';

const TABLE: OperationTable = {
  ShowJob: getOperation('/v3/{project_id}/jobs/{job_id}', ['project_id', 'job_id']),
};
interface Ops {
  ShowJob: { parameters: { path: { project_id: string; job_id: string } }; responses: { 200: { content: { 'application/json': { job: { id: string } } } } } };
}

function observer() {
  const seen: string[] = [];
  const middleware: Middleware = {
    onResponse({ schemaPath, response }) {
      seen.push(`${schemaPath} ${response.status}`);
      return undefined;
    },
  };
  return { seen, middleware };
}

function client(middleware: Middleware[] = []) {
  const { fetch, calls } = recordingFetch(() => json(200, { job: { id: 'job-1' } }, { 'x-request-id': 'rq-1' }));
  const api = createApiClient<Record<string, never>, Ops>(exampleDescriptor(TABLE), {
    endpoint: 'http://127.0.0.1:9',
    projectId: TEST_PROJECT,
    credentials: { accessKeyId: TEST_AK, secretAccessKey: TEST_SK },
    env: {},
    homeDir: '/nonexistent',
    fetch,
    middleware,
  });
  return { api, calls };
}

describe('caller middleware and the direct call path', () => {
  it('middleware added with raw.use after creation sees the method calls; after eject it sees none', async () => {
    const { api, calls } = client();
    const { seen, middleware } = observer();
    await api.ShowJob({ job_id: 'job-1' });
    api.raw.use(middleware);
    expect(await api.ShowJob({ job_id: 'job-1' })).toEqual({ job: { id: 'job-1' } });
    await api.withResponse.ShowJob({ job_id: 'job-2' });
    api.raw.eject(middleware);
    await api.ShowJob({ job_id: 'job-3' });
    expect(seen).toEqual(['/v3/{project_id}/jobs/{job_id} 200', '/v3/{project_id}/jobs/{job_id} 200']);
    expect(calls.map((c) => new URL(c.url).pathname.split('/').pop())).toEqual(['job-1', 'job-1', 'job-2', 'job-3']);
  });

  it('middleware given to createApiClient sees every call; ejecting one of two keeps the other seeing them', async () => {
    const first = observer();
    const second = observer();
    const { api } = client([first.middleware]);
    api.raw.use(second.middleware);
    await api.ShowJob({ job_id: 'job-1' });
    api.raw.eject(first.middleware);
    await api.ShowJob({ job_id: 'job-2' });
    expect(first.seen).toHaveLength(1);
    expect(second.seen).toHaveLength(2);
  });
});
