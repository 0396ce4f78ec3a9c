// @ts-check
// The hand-written baseline: what a careful user would write without any SDK. One `fetch` per call,
// signed by a minimal inline SDK-HMAC-SHA256 signer (below; deliberately NOT @hcdr/core's
// signRequest, so that our signer's cost is part of what is compared). It handles exactly these
// requests: paths and query values made of unreserved characters, a fixed set of signed headers.
import { createHash, createHmac } from 'node:crypto';
import {
  ACCESS_KEY_ID,
  CONSTRUCTION_BODY,
  DWS_LIST_PATH,
  DWS_LIST_QUERY,
  GEMINIDB_CONSTRUCTION_PATH,
  PROJECT_ID,
  SECRET_ACCESS_KEY,
} from '../fixtures.mjs';

const sha256Hex = (/** @type {string} */ text) => createHash('sha256').update(text).digest('hex');

/** `YYYYMMDDTHHmmssZ`. */
function sdkDate() {
  return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
}

/**
 * Adds X-Sdk-Date and Authorization to `headers` (lower-case names) for a request to `url`.
 * @param {string} method
 * @param {URL} url
 * @param {Record<string, string>} headers
 * @param {string} body
 */
export function signInline(method, url, headers, body) {
  headers['x-sdk-date'] = sdkDate();
  const signed = { ...headers, host: url.host };
  const names = Object.keys(signed).sort();
  const query = [...url.searchParams].map(([k, v]) => `${k}=${v}`).sort().join('&');
  const canonical = [
    method,
    url.pathname.endsWith('/') ? url.pathname : `${url.pathname}/`,
    query,
    names.map((n) => `${n}:${signed[/** @type {keyof typeof signed} */ (n)]}\n`).join(''),
    names.join(';'),
    sha256Hex(body),
  ].join('\n');
  const toSign = `SDK-HMAC-SHA256\n${headers['x-sdk-date']}\n${sha256Hex(canonical)}`;
  const signature = createHmac('sha256', SECRET_ACCESS_KEY).update(toSign).digest('hex');
  headers.authorization = `SDK-HMAC-SHA256 Access=${ACCESS_KEY_ID}, SignedHeaders=${names.join(';')}, Signature=${signature}`;
  return headers;
}

/**
 * The same fetch with the safety every hcdr call has, and nothing else: a per-call timeout (an
 * AbortController + timer, covering the body too), no redirects, and the body read into memory and
 * size-checked before it is parsed. The gap between this and the plain baseline is the price of
 * those guarantees; the gap between ours and this is the rest of our client.
 * @param {string} url
 * @param {RequestInit} init
 */
async function safeFetchJson(url, init) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new Error('timed out')), 30_000);
  try {
    const response = await fetch(url, { ...init, signal: controller.signal, redirect: 'manual' });
    const bytes = new Uint8Array(await response.arrayBuffer());
    if (bytes.byteLength > 10 * 1024 * 1024) throw new Error('response too large');
    return { status: response.status, data: JSON.parse(decoder.decode(bytes)) };
  } finally {
    clearTimeout(timer);
  }
}
const decoder = new TextDecoder();

/**
 * @param {string} endpoint
 * @param {{ safe?: boolean }} [options] `safe`: with the per-call timeout and buffered, size-checked body of safeFetchJson
 * @returns {{ createDisasterRecovery: () => Promise<string>, listDisasterRecover: () => Promise<number> }}
 */
export function createRawFetchCalls(endpoint, options = {}) {
  /** @type {(url: URL, init: RequestInit) => Promise<{ status: number, data: any }>} */
  const call = options.safe
    ? (url, init) => safeFetchJson(url.href, init)
    : async (url, init) => {
        const response = await fetch(url, init);
        return { status: response.status, data: await response.json() };
      };
  return {
    async createDisasterRecovery() {
      const url = new URL(GEMINIDB_CONSTRUCTION_PATH, endpoint);
      const body = JSON.stringify(CONSTRUCTION_BODY);
      const headers = signInline('POST', url, { 'content-type': 'application/json', 'x-project-id': PROJECT_ID }, body);
      const { status, data } = await call(url, { method: 'POST', headers: { ...headers, 'user-agent': 'raw-fetch' }, body });
      if (status !== 202 || !data.job_id) throw new Error(`raw fetch: createDisasterRecovery answered ${status}`);
      return data.job_id;
    },
    async listDisasterRecover() {
      const url = new URL(DWS_LIST_PATH, endpoint);
      for (const [k, v] of Object.entries(DWS_LIST_QUERY)) url.searchParams.set(k, v);
      const headers = signInline('GET', url, { 'x-project-id': PROJECT_ID }, '');
      const { status, data } = await call(url, { headers: { ...headers, 'user-agent': 'raw-fetch' } });
      if (status !== 200 || !data.disaster_recovery) throw new Error(`raw fetch: listDisasterRecover answered ${status}`);
      return data.disaster_recovery.length;
    },
  };
}
