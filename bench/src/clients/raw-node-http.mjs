// @ts-check
// The floor: what a careful user would write with node:http and a keep-alive agent, no SDK. One
// request per call, signed by the same minimal inline signer as the fetch baseline
// (raw-fetch.mjs), the whole body collected and parsed. No timeout, no size limit, no retries:
// the least a call can cost on Node.
import http from 'node:http';
import { CONSTRUCTION_BODY, DWS_LIST_PATH, DWS_LIST_QUERY, GEMINIDB_CONSTRUCTION_PATH, PROJECT_ID } from '../fixtures.mjs';
import { signInline } from './raw-fetch.mjs';

/**
 * @param {http.Agent} agent
 * @param {URL} url
 * @param {string} method
 * @param {Record<string, string>} headers
 * @param {string} [body]
 * @returns {Promise<{ status: number, data: any }>}
 */
function request(agent, url, method, headers, body) {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers, agent }, (res) => {
      /** @type {Buffer[]} */
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, data: JSON.parse(Buffer.concat(chunks).toString('utf8')) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * @param {string} endpoint
 * @returns {{ createDisasterRecovery: () => Promise<string>, listDisasterRecover: () => Promise<number> }}
 */
export function createRawNodeHttpCalls(endpoint) {
  const agent = new http.Agent({ keepAlive: true });
  return {
    async createDisasterRecovery() {
      const url = new URL(GEMINIDB_CONSTRUCTION_PATH, endpoint);
      const body = JSON.stringify(CONSTRUCTION_BODY);
      const headers = signInline('POST', url, { 'content-type': 'application/json', 'x-project-id': PROJECT_ID }, body);
      const { status, data } = await request(agent, url, 'POST', { ...headers, 'user-agent': 'raw-node-http' }, body);
      if (status !== 202 || !data.job_id) throw new Error(`raw node:http: createDisasterRecovery answered ${status}`);
      return data.job_id;
    },
    async listDisasterRecover() {
      const url = new URL(DWS_LIST_PATH, endpoint);
      for (const [k, v] of Object.entries(DWS_LIST_QUERY)) url.searchParams.set(k, v);
      const headers = signInline('GET', url, { 'x-project-id': PROJECT_ID }, '');
      const { status, data } = await request(agent, url, 'GET', { ...headers, 'user-agent': 'raw-node-http' });
      if (status !== 200 || !data.disaster_recovery) throw new Error(`raw node:http: listDisasterRecover answered ${status}`);
      return data.disaster_recovery.length;
    },
  };
}
