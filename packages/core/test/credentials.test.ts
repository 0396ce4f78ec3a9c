// Credential providers: the ECS/BMS metadata source against a fake metadata service on loopback,
// caching and refresh ahead of expiry, the default chain in resolveClientConfig, and a long wait
// whose temporary credentials expire several times along the way.
import { once } from 'node:events';
import http from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApiClient, type ApiClientOptions } from '../src/client/create-api-client.js';
import type { OperationTable } from '../src/client/operation-types.js';
import { resolveClientConfig } from '../src/config/resolve-config.js';
import { fromEcsMetadata } from '../src/credentials/ecs-metadata.js';
import { refreshingCredentials } from '../src/credentials/refreshing-credentials.js';
import type { CredentialIdentity } from '../src/credentials/types.js';
import { isHuaweiCloudApiError } from '../src/errors/api-error.js';
import { isHuaweiCloudConfigError } from '../src/errors/errors.js';
import { createTransport } from '../src/transport/create-transport.js';
import { poll } from '../src/waiters/poll.js';
import { exampleDescriptor, exampleService, getOperation, json, recordingFetch, sequence, TEST_PROJECT } from './helpers.js';

const MINUTE = 60_000;
/** A manual clock shared by the fake services and the client. */
const clock = { t: Date.UTC(2025, 0, 1), now: () => clock.t };

interface Issued {
  token: string;
  expiresAt: number;
}

/** The metadata service: PUT token (optional), GET securitykey issuing credentials valid `validMs`. */
function fakeMetadata() {
  const state = {
    validMs: 30 * MINUTE,
    tokenMode: 'ok' as 'ok' | 'unsupported',
    agency: true,
    failNext: 0,
    /** Session tokens the service accepts. */
    sessionTokens: new Set<string>(),
    tokenRequests: 0,
    keyRequests: 0,
    keyHeaders: [] as Array<string | undefined>,
    issued: [] as Issued[],
  };
  const server = http.createServer((req, res) => {
    if (req.method === 'PUT' && req.url === '/meta-data/latest/api/token') {
      state.tokenRequests++;
      if (state.tokenMode === 'unsupported') return res.writeHead(404).end();
      expect(req.headers['x-metadata-token-ttl-seconds']).toBe('21600');
      const token = `session-${state.tokenRequests}`;
      state.sessionTokens.add(token);
      return res.writeHead(200).end(token);
    }
    if (req.method === 'GET' && req.url === '/openstack/latest/securitykey') {
      state.keyRequests++;
      const header = req.headers['x-metadata-token'] as string | undefined;
      state.keyHeaders.push(header);
      if (state.failNext > 0) {
        state.failNext--;
        return res.writeHead(500).end('oops');
      }
      if (!state.agency) return res.writeHead(404).end('{"error":"Please configure Cloud Service Agency first"}');
      if (state.tokenMode === 'ok' && (!header || !state.sessionTokens.has(header))) return res.writeHead(401).end('token expired');
      const n = state.issued.length + 1;
      const issued = { token: `temporary-security-token-${n}`, expiresAt: clock.now() + state.validMs };
      state.issued.push(issued);
      const body = { credential: { access: `TEMPAK${n}`, secret: `temporary-secret-${n}`, securitytoken: issued.token, expires_at: new Date(issued.expiresAt).toISOString() } };
      return res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    }
    res.writeHead(404).end();
  });
  return { server, state };
}

let metadata: ReturnType<typeof fakeMetadata>;
let metadataUrl: string;
let api: http.Server;
let apiUrl: string;
const apiLog = { accepted: 0, rejected: 0, polls: 0 };

/** The API: one job; accepts only credentials the metadata service issued and that are valid now. */
function startApi(): http.Server {
  return http.createServer((req, res) => {
    const token = req.headers['x-security-token'];
    const issued = metadata.state.issued.find((i) => i.token === token);
    if (!issued || issued.expiresAt <= clock.now()) {
      apiLog.rejected++;
      return res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ error_code: 'APIGW.0307', error_msg: 'The token expires.' }));
    }
    apiLog.accepted++;
    apiLog.polls++;
    const status = apiLog.polls >= 13 ? 'Completed' : 'Running';
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ job: { id: 'job-1', status } }));
  });
}

async function listen(server: http.Server): Promise<string> {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
}

beforeAll(async () => {
  metadata = fakeMetadata();
  metadataUrl = await listen(metadata.server);
  api = startApi();
  apiUrl = await listen(api);
});
afterAll(async () => {
  metadata.server.closeAllConnections();
  api.closeAllConnections();
  await Promise.all([new Promise((r) => metadata.server.close(r)), new Promise((r) => api.close(r))]);
});
beforeEach(() => {
  clock.t = Date.UTC(2025, 0, 1);
  Object.assign(metadata.state, { validMs: 30 * MINUTE, tokenMode: 'ok', agency: true, failNext: 0, tokenRequests: 0, keyRequests: 0, keyHeaders: [], issued: [] });
  metadata.state.sessionTokens.clear();
  Object.assign(apiLog, { accepted: 0, rejected: 0, polls: 0 });
});

describe('fromEcsMetadata', () => {
  it('gets a session token, then temporary AK/SK + security token; later calls are served from the cache', async () => {
    const provider = fromEcsMetadata({ endpoint: metadataUrl, now: clock.now });
    const identity = await provider();
    expect(identity).toMatchObject({ type: 'aksk', accessKeyId: 'TEMPAK1', secretAccessKey: 'temporary-secret-1', securityToken: 'temporary-security-token-1' });
    expect(identity.expiresAt).toBe(clock.now() + 30 * MINUTE);
    expect(metadata.state.keyHeaders).toEqual(['session-1']);
    await provider();
    await provider();
    expect(metadata.state.keyRequests).toBe(1);
    // Printing the identity shows no secret.
    expect(JSON.stringify(identity)).not.toContain('temporary-secret-1');
    expect(JSON.stringify(identity)).not.toContain('temporary-security-token-1');
  });

  it('works without session tokens when the service has none (PUT answers 404)', async () => {
    metadata.state.tokenMode = 'unsupported';
    const identity = await fromEcsMetadata({ endpoint: metadataUrl, now: clock.now })();
    expect(identity.type === 'aksk' && identity.accessKeyId).toBe('TEMPAK1');
    expect(metadata.state.keyHeaders).toEqual([undefined]);
  });

  it('renews an expired session token once on 401', async () => {
    const provider = fromEcsMetadata({ endpoint: metadataUrl, now: clock.now });
    await provider();
    metadata.state.sessionTokens.clear(); // the service forgot the session token
    clock.t += 29 * MINUTE;
    const identity = await provider();
    expect(identity.type === 'aksk' && identity.accessKeyId).toBe('TEMPAK2');
    expect(metadata.state.tokenRequests).toBe(2);
    expect(metadata.state.keyHeaders).toEqual(['session-1', 'session-1', 'session-2']);
  });

  it('no agency, or nothing listening: a config error listing every other way, quoting no answer', async () => {
    metadata.state.agency = false;
    const noAgency = await fromEcsMetadata({ endpoint: metadataUrl, now: clock.now })().catch((e: unknown) => e);
    expect(isHuaweiCloudConfigError(noAgency)).toBe(true);
    expect(String(noAgency)).toMatch(/no agency/);
    expect(String(noAgency)).toMatch(/HUAWEICLOUD_SDK_AK/);

    const started = Date.now();
    const closed = await fromEcsMetadata({ endpoint: 'http://127.0.0.1:9', now: clock.now })().catch((e: unknown) => e);
    expect(isHuaweiCloudConfigError(closed)).toBe(true);
    expect(String(closed)).toMatch(/ECONNREFUSED \(not running on an ECS\/BMS\?\)/);
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});

describe('refreshingCredentials', () => {
  const counting = (validMs: number) => {
    let n = 0;
    const source = async (): Promise<CredentialIdentity> => {
      n++;
      return { type: 'token', token: `token-${n}`, expiresAt: clock.now() + validMs };
    };
    return { source, calls: () => n };
  };

  it('refreshes 5 minutes ahead of expiry, once for all concurrent callers', async () => {
    const { source, calls } = counting(60 * MINUTE);
    const provider = refreshingCredentials(source, { now: clock.now });
    await provider();
    clock.t += 54 * MINUTE;
    expect(await provider()).toMatchObject({ token: 'token-1' });
    clock.t += 2 * MINUTE; // now inside the 5-minute window
    const all = await Promise.all([provider(), provider(), provider()]);
    expect(all.map((i) => (i.type === 'token' ? i.token : ''))).toEqual(['token-2', 'token-2', 'token-2']);
    expect(calls()).toBe(2);
  });

  it('keeps a still-valid identity when a refresh fails, and fails once it has expired', async () => {
    let fail = false;
    let n = 0;
    const provider = refreshingCredentials(
      async () => {
        if (fail) throw new Error('metadata down');
        n++;
        return { type: 'token', token: `token-${n}`, expiresAt: clock.now() + 10 * MINUTE };
      },
      { now: clock.now },
    );
    await provider();
    fail = true;
    clock.t += 6 * MINUTE; // inside the refresh window, still valid
    expect(await provider()).toMatchObject({ token: 'token-1' });
    clock.t += 5 * MINUTE; // expired
    await expect(provider()).rejects.toThrow('metadata down');
    fail = false;
    expect(await provider()).toMatchObject({ token: 'token-2' });
  });

  it('forceRefresh ignores the cache', async () => {
    const { source, calls } = counting(60 * MINUTE);
    const provider = refreshingCredentials(source, { now: clock.now });
    await provider();
    await provider({ forceRefresh: true });
    expect(calls()).toBe(2);
  });
});

describe('the default chain: options → env → profile → metadata', () => {
  const base = { service: exampleService, region: 'cn-north-4', projectId: TEST_PROJECT, homeDir: '/nonexistent', fs: { readFile: () => undefined, fileMode: () => undefined } };

  it('with nothing configured, credentials come from the metadata service and requests carry its security token', async () => {
    const config = resolveClientConfig({ ...base, env: { HCDR_METADATA_ENDPOINT: metadataUrl } });
    expect(config.sources.credentials).toBe('metadata');
    expect(config.auth).toBeUndefined();
    const rec = recordingFetch(sequence(() => json(200, {})));
    const transport = createTransport({ auth: config.credentials, projectId: config.projectId, fetch: rec.fetch });
    await transport(`${config.baseUrl}/v3/${TEST_PROJECT}/jobs`);
    expect(rec.calls[0]?.headers['x-security-token']).toBe('temporary-security-token-1');
    expect(rec.calls[0]?.headers['authorization']).toContain('Access=TEMPAK1');
  });

  it('static credentials win, and the metadata service is not asked', () => {
    const config = resolveClientConfig({ ...base, env: { HCDR_METADATA_ENDPOINT: metadataUrl, HUAWEICLOUD_SDK_AUTH_TOKEN: 'tok' } });
    expect(config.sources.credentials).toBe('env');
    expect(metadata.state.keyRequests).toBe(0);
  });

  it('a loopback endpoint (mock, simulator) never falls back to the metadata service unless it is named; "off" disables it', () => {
    const local = { ...base, endpoint: 'http://127.0.0.1:4010' };
    expect(() => resolveClientConfig({ ...local, env: {} })).toThrow(/No credentials \(.*; the metadata service is not asked for a loopback endpoint\)/);
    expect(resolveClientConfig({ ...local, env: { HCDR_METADATA_ENDPOINT: metadataUrl } }).sources.credentials).toBe('metadata');
    expect(() => resolveClientConfig({ ...base, env: { HCDR_METADATA_ENDPOINT: 'off' } })).toThrow(/No credentials \(.*; HCDR_METADATA_ENDPOINT=off\)/);
    expect(() => resolveClientConfig({ ...base, env: { HCDR_METADATA_ENDPOINT: 'ftp://x' } })).toThrow(/HCDR_METADATA_ENDPOINT must be an http\(s\) URL/);
  });

  it('a provider function in `credentials` is used as given', async () => {
    const config = resolveClientConfig({ ...base, env: {}, credentials: async () => ({ type: 'token', token: 'from-provider' }) });
    expect(config.sources.credentials).toBe('option');
    expect(await config.credentials()).toEqual({ type: 'token', token: 'from-provider' });
  });
});

describe('a wait that outlives its credentials', () => {
  const TABLE: OperationTable = {
    ShowJob: getOperation('/v3/{project_id}/jobs/{job_id}', ['project_id', 'job_id']),
  };
  interface Ops {
    ShowJob: { parameters: { path: { project_id: string; job_id: string } }; responses: { 200: { content: { 'application/json': { job: { id: string; status: string } } } } } };
  }

  /** A 2-hour wait (a poll every 10 simulated minutes) with credentials valid for 30 minutes each. */
  async function waitTwoHours(credentials: ApiClientOptions['credentials']) {
    const client = createApiClient<Record<string, never>, Ops>(exampleDescriptor(TABLE), {
      endpoint: apiUrl,
      projectId: TEST_PROJECT,
      credentials,
      env: {},
      homeDir: '/nonexistent',
      now: clock.now,
      maxRetries: 0,
    });
    return poll({
      fetchState: () => client.ShowJob({ job_id: 'job-1' }),
      classify: (state: { job: { status: string } }) => (state.job.status === 'Completed' ? 'success' : 'pending'),
      initialDelayMs: 0,
      minIntervalMs: 10 * MINUTE,
      maxIntervalMs: 10 * MINUTE,
      maxWaitMs: 3 * 60 * MINUTE,
      now: clock.now,
      sleep: async (ms) => {
        clock.t += ms;
      },
    });
  }

  it('keeps working: the credentials are refreshed ahead of expiry, and the API never sees an expired one', async () => {
    const result = await waitTwoHours(fromEcsMetadata({ endpoint: metadataUrl, now: clock.now }));
    expect(result.state).toBe('succeeded');
    expect(apiLog).toMatchObject({ polls: 13, rejected: 0 });
    // 120 simulated minutes with 30-minute credentials refreshed 5 minutes early: 5 issued.
    expect(metadata.state.issued).toHaveLength(5);
  });

  it('(control) the same wait with the first credentials fixed fails once they expire', async () => {
    const first = await fromEcsMetadata({ endpoint: metadataUrl, now: clock.now })();
    const error = await waitTwoHours(first as { accessKeyId: string; secretAccessKey: string; securityToken: string }).catch((e: unknown) => e);
    expect(isHuaweiCloudApiError(error)).toBe(true);
    expect(error).toMatchObject({ status: 401, code: 'APIGW.0307' });
    expect(apiLog.polls).toBe(3); // minutes 0, 10, 20; at 30 the credentials have expired
  });
});

describe('a 401 to temporary credentials', () => {
  it('refreshes them and repeats the request once, even a POST; a second 401 is returned', async () => {
    const requests: Array<{ forceRefresh?: boolean | undefined } | undefined> = [];
    let n = 0;
    const provider = async (request?: { forceRefresh?: boolean | undefined }) => {
      requests.push(request);
      n++;
      return { type: 'aksk' as const, accessKeyId: `AK${n}`, secretAccessKey: 'sk', securityToken: `st${n}`, expiresAt: clock.now() + 60 * MINUTE };
    };
    const rec = recordingFetch(sequence(() => json(401, { error_code: 'APIGW.0307' }), () => json(202, { job_id: 'j' })));
    const transport = createTransport({ auth: provider, fetch: rec.fetch });
    const response = await transport('https://dws.cn-north-4.myhuaweicloud.com/v2/p/x', { method: 'POST', body: '{}' });
    expect(response.status).toBe(202);
    expect(rec.calls.map((c) => c.headers['x-security-token'])).toEqual(['st1', 'st2']);
    expect(requests[1]?.forceRefresh).toBe(true);

    const always = recordingFetch(sequence(() => json(401, {})));
    const again = await createTransport({ auth: provider, fetch: always.fetch })('https://dws.cn-north-4.myhuaweicloud.com/v2/p/x', { method: 'POST', body: '{}' });
    expect(again.status).toBe(401);
    expect(always.calls).toHaveLength(2);
  });

  it('static credentials are not retried on 401 (nothing to refresh)', async () => {
    const rec = recordingFetch(sequence(() => json(401, {}), () => json(200, {})));
    const response = await createTransport({ auth: { type: 'aksk', accessKeyId: 'AK', secretAccessKey: 'SK' }, fetch: rec.fetch })('https://x.example/a');
    expect(response.status).toBe(401);
    expect(rec.calls).toHaveLength(1);
  });
});
