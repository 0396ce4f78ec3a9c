// @ts-check
// Benchmark 3: signer throughput on the same two requests (the GeminiDB POST with its JSON body and
// the DWS GET with a query), ours vs the official core's AKSKSigner.sign. Before timing, both
// signers sign the same request at the same X-Sdk-Date and must produce the same Authorization.
import { createRequire } from 'node:module';
import { computeSignature, signRequest } from '@hcdr/core';
import {
  ACCESS_KEY_ID,
  CONSTRUCTION_BODY,
  DWS_LIST_PATH,
  DWS_LIST_QUERY,
  GEMINIDB_CONSTRUCTION_PATH,
  PROJECT_ID,
  SECRET_ACCESS_KEY,
} from '../fixtures.mjs';
import { interleave } from '../harness.mjs';
import { makeRow } from '../result-row.mjs';

const require = createRequire(import.meta.url);
const { AKSKSigner } = /** @type {{ AKSKSigner: { sign: (request: OfficialRequest, credential: unknown) => Record<string, string> } }} */ (
  require('@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner')
);
/** @type {typeof import('@huaweicloud/huaweicloud-sdk-core')} */
const core = require('@huaweicloud/huaweicloud-sdk-core');

/**
 * The IHttpRequest shape that BaseCredentials.processAuthRequest hands to AKSKSigner.sign.
 * @typedef {{ endpoint: string, method: string, headers: Record<string, string>, data?: unknown, queryParams: Record<string, string> }} OfficialRequest
 */

const HOST = 'gaussdb-nosql.cn-north-4.myhuaweicloud.com';
const encoder = new TextEncoder();
const postBody = encoder.encode(JSON.stringify(CONSTRUCTION_BODY));
const getUrl = `https://${HOST}${DWS_LIST_PATH}?${new URLSearchParams(DWS_LIST_QUERY)}`;
const postUrl = `https://${HOST}${GEMINIDB_CONSTRUCTION_PATH}`;
const credentials = { accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET_ACCESS_KEY };
const officialCredential = new core.BasicCredentials().withAk(ACCESS_KEY_ID).withSk(SECRET_ACCESS_KEY).withProjectId(PROJECT_ID);

/** Both requests as the official signer receives them (headers: what HcClient + BasicCredentials set). */
function officialRequests() {
  return [
    /** @type {OfficialRequest} */ ({
      endpoint: postUrl,
      method: 'POST',
      headers: { 'content-type': 'application/json', 'X-Project-Id': PROJECT_ID },
      data: CONSTRUCTION_BODY,
      queryParams: {},
    }),
    /** @type {OfficialRequest} */ ({
      endpoint: `https://${HOST}${DWS_LIST_PATH}`,
      method: 'GET',
      headers: { 'content-type': 'application/json', 'X-Project-Id': PROJECT_ID },
      queryParams: { ...DWS_LIST_QUERY },
    }),
  ];
}

const signOfficial = (/** @type {OfficialRequest[]} */ requests) => {
  for (const request of requests) AKSKSigner.sign(request, officialCredential);
};

const postHeaders = () => ({ 'content-type': 'application/json', 'x-project-id': PROJECT_ID });

/** The two Requests the transport would hand to signRequest (built before the clock starts). */
function ourRequests() {
  return [new Request(postUrl, { method: 'POST', headers: postHeaders(), body: postBody }), new Request(getUrl, { headers: postHeaders() })];
}

/** Ours as the transport uses it: a Request in, a signed Request out (the body is read from a clone). */
const signOurs = async (/** @type {Request[]} */ requests) => {
  const date = new Date();
  for (const request of requests) await signRequest(request, credentials, { date });
};

/** Ours with the body bytes passed in, as a transport that holds them can (no clone + read). */
const signOursWithBody = async (/** @type {Request[]} */ requests) => {
  const date = new Date();
  for (const request of requests) await signRequest(request, credentials, { date, body: request.method === 'POST' ? postBody : undefined });
};

/** Ours without the Request round trip: the pure signature over headers + body bytes. */
function computeOurs(/** @type {string} */ sdkDate) {
  const post = computeSignature({
    method: 'POST',
    url: postUrl,
    headers: new Headers({ 'content-type': 'application/json', 'x-project-id': PROJECT_ID, 'x-sdk-date': sdkDate }),
    body: postBody,
    ...credentials,
  });
  const get = computeSignature({
    method: 'GET',
    url: getUrl,
    headers: new Headers({ 'content-type': 'application/json', 'x-project-id': PROJECT_ID, 'x-sdk-date': sdkDate }),
    body: undefined,
    ...credentials,
  });
  return [post.authorization, get.authorization];
}

function formatDate(/** @type {Date} */ d) {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
}

/** Same request, same date → same Authorization from both signers, or the comparison is meaningless. */
function checkSameSignatures() {
  const official = officialRequests().map((request) => AKSKSigner.sign(request, officialCredential));
  const sdkDate = official[0]?.['X-Sdk-Date'];
  if (!sdkDate || official[1]?.['X-Sdk-Date'] !== sdkDate) return false; // crossed a second boundary; try again
  const ours = computeOurs(sdkDate);
  official.forEach((headers, i) => {
    if (headers['Authorization'] !== ours[i]) {
      throw new Error(`signer mismatch on request ${i}: official ${headers['Authorization']} vs ours ${ours[i]}`);
    }
  });
  return true;
}

/**
 * Per-request µs of `batch` iterations of `sign` (each signs both requests). The inputs are built
 * before the clock starts: building a Request is the caller's cost, not the signer's.
 * @template T
 * @param {() => T} prepare
 * @param {(input: T) => unknown} sign
 * @param {number} batch
 */
function microsPerRequest(prepare, sign, batch) {
  return async () => {
    const inputs = Array.from({ length: batch }, prepare);
    const start = process.hrtime.bigint();
    for (const input of inputs) await sign(input);
    return Number(process.hrtime.bigint() - start) / 1e3 / (batch * 2);
  };
}

/**
 * @param {{ sizes: { batch: number, warmup: number, samples: number }, log: (line: string) => void }} context
 * @returns {Promise<import('../result-row.mjs').ResultRow[]>}
 */
export async function runSigner({ sizes, log }) {
  let checked = false;
  for (let i = 0; i < 3 && !checked; i++) checked = checkSameSignatures();
  if (!checked) throw new Error('could not sign both requests within one second');
  log('  signers agree: identical Authorization for both requests at the same X-Sdk-Date');

  const sdkDate = formatDate(new Date());
  const rows = [];
  /** @type {Array<[string, () => Promise<number>]>} */
  const variants = [
    ['signRequest (Request in, signed Request out)', microsPerRequest(ourRequests, signOurs, sizes.batch)],
    ['signRequest with { body } bytes given', microsPerRequest(ourRequests, signOursWithBody, sizes.batch)],
    ['computeSignature (headers + body bytes)', microsPerRequest(() => sdkDate, computeOurs, sizes.batch)],
  ];
  for (const [label, ours] of variants) {
    const result = await interleave({
      ours,
      baseline: microsPerRequest(officialRequests, signOfficial, sizes.batch),
      warmup: sizes.warmup,
      samples: sizes.samples,
    });
    rows.push(
      makeRow({
        name: `signer: ${label} vs AKSKSigner.sign`,
        ours: result.ours.median,
        baseline: result.baseline.median,
        unit: 'µs/request',
        baselineName: 'official core AKSKSigner.sign (3.1.211)',
        target: null,
        p95s: { ours: result.ours.p95, baseline: result.baseline.p95 },
        samples: sizes.samples,
        note: `ops/s: ours ${Math.round(1e6 / result.ours.median)}, official ${Math.round(1e6 / result.baseline.median)}`,
      }),
    );
  }
  return rows;
}
