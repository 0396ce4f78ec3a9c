// Clients for the contract tests: the real @hcdr/geminidb, @hcdr/dws and @hcdr/vpc clients, pointed at a mock,
// with a recorder observing every call, a wire tap under the transport, and nothing read from the
// machine's environment.
import type { IncomingHttpHeaders } from 'node:http';
import { createFetchHandler, type FetchLike } from '@hcdr/core';
import { type Client, createRawClient } from '@hcdr/core/raw';
import { type DwsClient, type DwsClientOptions, type paths as DwsPaths, createDwsClient } from '@hcdr/dws';
import { type GeminiDbClient, type GeminiDbClientOptions, type paths as GeminiDbPaths, createGeminiDbClient } from '@hcdr/geminidb';
import { verifySignature } from '@hcdr/simulator';
import { type VpcClient, type VpcClientOptions, type paths as VpcPaths, createVpcClient } from '@hcdr/vpc';
import { type AuthMode, PROJECT_ID, credentialsFor } from './constants.ts';
import { type Recorder, type Target, type WireAuth, createRecorder } from './recorder.ts';
import type { SpecName } from './specs.ts';

/** Transport settings for a local mock: no retries unless a test asks, short back-off. */
const FAST = { maxRetries: 0, backoffBaseMs: 20, backoffCapMs: 100, timeoutMs: 10_000, deadlineMs: 30_000 } as const;

type Credentials = { authToken: string } | { accessKeyId: string; secretAccessKey: string };

interface Common {
  url: string;
  /** Default: the constants' PROJECT_ID (the project of ap-southeast-1 in the simulator). */
  projectId?: string;
  auth: AuthMode;
  target?: Target;
  /** Override credentials (the simulator accepts only its own). */
  credentials?: Credentials;
  /** The fetch under the wire tap (default: the global one). */
  fetch?: FetchLike | undefined;
}

type Isolated<O> = Omit<O, 'endpoint' | 'projectId' | 'credentials' | 'env' | 'observers'>;

export interface WireRecord extends WireAuth {
  method: string;
  url: string;
  /** Request headers as sent (values included: test credentials only). */
  headers: Record<string, string>;
  /** The response body as received (set once it arrived). */
  responseText?: string;
}

/**
 * A fetch under the transport that sees each attempt exactly as it goes out (after signing). For AK/SK it
 * re-verifies the signature with the simulator's server-side verifier (an independent implementation),
 * over the bytes that are sent and the Host the URL implies.
 */
function wireTap(credentials: Credentials, inner: FetchLike, records: WireRecord[]): FetchLike {
  return async (request, init) => {
    const url = new URL(request.url);
    const headers: Record<string, string> = {};
    request.headers.forEach((value, name) => {
      headers[name] = value;
    });
    const record: WireRecord = { method: request.method, url: request.url, headers, scheme: 'none' };
    const authorization = headers.authorization ?? '';
    if (authorization.startsWith('SDK-HMAC-SHA256 ')) {
      record.scheme = 'SDK-HMAC-SHA256';
      record.signedHeaders = /SignedHeaders=([^,\s]+)/.exec(authorization)?.[1];
      const body = Buffer.from(await request.clone().arrayBuffer());
      const received: IncomingHttpHeaders = { host: url.host, ...headers };
      const check = verifySignature(
        { method: request.method, rawPath: url.pathname, rawQuery: url.search.slice(1), headers: received, body },
        {
          secretFor: (ak) => ('accessKeyId' in credentials && ak === credentials.accessKeyId ? credentials.secretAccessKey : undefined),
          // Skew is the server's business (and some tests skew the client clock on purpose).
          now: Date.parse(headers['x-sdk-date']?.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, '$1-$2-$3T$4:$5:$6Z') ?? '') || Date.now(),
        },
      );
      record.signatureOk = check.ok;
      if (!check.ok) record.signatureProblem = `${check.reason}: ${check.message}`;
    } else if (headers['x-auth-token']) {
      record.scheme = 'X-Auth-Token';
    }
    records.push(record);
    const response = await inner(request, init);
    record.responseText = await response.clone().text();
    return response;
  };
}

interface Built<C, P extends {}> {
  client: C;
  /** An openapi-fetch client over the same pipeline, recorded too (for requests the methods would refuse). */
  raw: Client<P>;
  recorder: Recorder;
  /** Every attempt as it went on the wire. */
  wire: WireRecord[];
}

function parts(specName: SpecName, options: Common & { fetch?: FetchLike | undefined }) {
  const { url, auth, target = 'mock', projectId = PROJECT_ID } = options;
  const credentials = options.credentials ?? credentialsFor(auth);
  const wire: WireRecord[] = [];
  const recorder = createRecorder({
    spec: specName,
    auth,
    target,
    lastWire: () => {
      const last = wire.at(-1);
      return last && { scheme: last.scheme, signatureOk: last.signatureOk, signatureProblem: last.signatureProblem, signedHeaders: last.signedHeaders };
    },
    lastResponseText: () => wire.at(-1)?.responseText ?? '',
  });
  const base = {
    endpoint: url,
    projectId,
    credentials,
    // Never pick up HUAWEICLOUD_SDK_* or a profile file from the machine running the tests.
    env: {},
    homeDir: '/nonexistent-hcdr-contract-tests',
    ...FAST,
    httpHandler: createFetchHandler(wireTap(credentials, options.fetch ?? ((input, init) => globalThis.fetch(input, init)), wire)),
    observers: [recorder.observer],
  };
  return { base, recorder, wire };
}

export function geminidb(options: Common & Isolated<GeminiDbClientOptions>): Built<GeminiDbClient, GeminiDbPaths> {
  const { url, auth, target, credentials, fetch, projectId, ...rest } = options;
  const { base, recorder, wire } = parts('geminidb-dr', { url, auth, target, credentials, fetch, projectId });
  const client = createGeminiDbClient({ ...base, ...rest });
  return { client, raw: createRawClient<GeminiDbPaths>(client, [recorder.middleware]), recorder, wire };
}

export function dws(options: Common & Isolated<DwsClientOptions>): Built<DwsClient, DwsPaths> {
  const { url, auth, target, credentials, fetch, projectId, ...rest } = options;
  const { base, recorder, wire } = parts('dws-dr', { url, auth, target, credentials, fetch, projectId });
  const client = createDwsClient({ ...base, ...rest });
  return { client, raw: createRawClient<DwsPaths>(client, [recorder.middleware]), recorder, wire };
}

export function vpc(options: Common & Isolated<VpcClientOptions>): Built<VpcClient, VpcPaths> {
  const { url, auth, target, credentials, fetch, projectId, ...rest } = options;
  const { base, recorder, wire } = parts('vpc', { url, auth, target, credentials, fetch, projectId });
  const client = createVpcClient({ ...base, ...rest });
  return { client, raw: createRawClient<VpcPaths>(client, [recorder.middleware]), recorder, wire };
}
