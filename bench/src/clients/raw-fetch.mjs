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
 * @param {string} endpoint
 * @returns {{ createDisasterRecovery: () => Promise<string>, listDisasterRecover: () => Promise<number> }}
 */
export function createRawFetchCalls(endpoint) {
  return {
    async createDisasterRecovery() {
      const url = new URL(GEMINIDB_CONSTRUCTION_PATH, endpoint);
      const body = JSON.stringify(CONSTRUCTION_BODY);
      const headers = signInline('POST', url, { 'content-type': 'application/json', 'x-project-id': PROJECT_ID }, body);
      const response = await fetch(url, { method: 'POST', headers: { ...headers, 'user-agent': 'raw-fetch' }, body });
      const data = /** @type {{ job_id?: string }} */ (await response.json());
      if (response.status !== 202 || !data.job_id) throw new Error(`raw fetch: createDisasterRecovery answered ${response.status}`);
      return data.job_id;
    },
    async listDisasterRecover() {
      const url = new URL(DWS_LIST_PATH, endpoint);
      for (const [k, v] of Object.entries(DWS_LIST_QUERY)) url.searchParams.set(k, v);
      const headers = signInline('GET', url, { 'x-project-id': PROJECT_ID }, '');
      const response = await fetch(url, { headers: { ...headers, 'user-agent': 'raw-fetch' } });
      const data = /** @type {{ disaster_recovery?: unknown[] }} */ (await response.json());
      if (response.status !== 200 || !data.disaster_recovery) throw new Error(`raw fetch: listDisasterRecover answered ${response.status}`);
      return data.disaster_recovery.length;
    },
  };
}
