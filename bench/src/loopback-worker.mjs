// @ts-check
// The loopback API server, run in a worker thread so its work does not share the event loop (and,
// on a multi-core machine, the core) with the clients being measured. Answers canned JSON like the
// real GeminiDB / DWS endpoints and, while verification is on, checks every AK/SK signature with
// @hcdr/simulator's independent verifier (a 401 like API Gateway's when it does not match).
import { createServer } from 'node:http';
import { parentPort } from 'node:worker_threads';
import { verifySignature } from '@hcdr/simulator';
import {
  ACCESS_KEY_ID,
  CONSTRUCTION_RESPONSE,
  DWS_LIST_PATH,
  DWS_LIST_RESPONSE,
  GEMINIDB_CONSTRUCTION_PATH,
  SECRET_ACCESS_KEY,
} from './fixtures.mjs';

if (!parentPort) throw new Error('loopback-worker.mjs must run in a worker thread');
const port = parentPort;

/** @type {Map<string, { status: number, body: Buffer }>} */
const routes = new Map([
  [`POST ${GEMINIDB_CONSTRUCTION_PATH}`, { status: 202, body: Buffer.from(JSON.stringify(CONSTRUCTION_RESPONSE)) }],
  [`GET ${DWS_LIST_PATH}`, { status: 200, body: Buffer.from(JSON.stringify(DWS_LIST_RESPONSE)) }],
]);
const notFound = Buffer.from(JSON.stringify({ error_code: 'APIGW.0101', error_msg: 'The API does not exist or has not been published in the environment' }));

let verify = true;
/** @type {import('./loopback-server.mjs').ServerStats} */
const stats = { requests: 0, verified: 0, rejected: 0, notFound: 0, rejections: [], byClient: {} };
let requestSeq = 0;

const server = createServer((req, res) => {
  /** @type {Buffer[]} */
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    stats.requests++;
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const rawPath = q === -1 ? url : url.slice(0, q);
    const method = (req.method ?? 'GET').toUpperCase();
    const agent = String(req.headers['user-agent'] ?? '').split(/[/ ]/)[0] || 'unknown';
    stats.byClient[agent] = (stats.byClient[agent] ?? 0) + 1;
    const headers = { 'content-type': 'application/json', 'x-request-id': `bench-${++requestSeq}` };

    if (verify) {
      const check = verifySignature(
        { method, rawPath, rawQuery: q === -1 ? '' : url.slice(q + 1), headers: req.headers, body: Buffer.concat(chunks) },
        { secretFor: (ak) => (ak === ACCESS_KEY_ID ? SECRET_ACCESS_KEY : undefined), now: Date.now() },
      );
      if (!check.ok) {
        stats.rejected++;
        if (stats.rejections.length < 10) stats.rejections.push(`${method} ${rawPath} (${agent}): ${check.reason}`);
        const body = Buffer.from(JSON.stringify({ error_code: 'APIGW.0301', error_msg: check.message }));
        res.writeHead(401, { ...headers, 'content-length': body.length }).end(body);
        return;
      }
      stats.verified++;
    }
    const route = routes.get(`${method} ${rawPath}`);
    if (!route) {
      stats.notFound++;
      res.writeHead(404, { ...headers, 'content-length': notFound.length }).end(notFound);
      return;
    }
    res.writeHead(route.status, { ...headers, 'content-length': route.body.length }).end(route.body);
  });
});
server.keepAliveTimeout = 60_000;

port.on('message', (/** @type {{ id: number, type: string, on?: boolean }} */ message) => {
  switch (message.type) {
    case 'verify':
      verify = message.on === true;
      port.postMessage({ id: message.id, result: verify });
      break;
    case 'stats':
      port.postMessage({ id: message.id, result: structuredClone(stats) });
      break;
    case 'reset':
      Object.assign(stats, { requests: 0, verified: 0, rejected: 0, notFound: 0, rejections: [], byClient: {} });
      port.postMessage({ id: message.id, result: true });
      break;
    case 'close':
      server.closeAllConnections();
      server.close(() => port.postMessage({ id: message.id, result: true }));
      break;
  }
});

server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  port.postMessage({ type: 'listening', port: typeof address === 'object' && address ? address.port : 0 });
});
