// @ts-check
// An https server on loopback (the TLS_FIXTURES certificate for localhost) that forwards every
// request unchanged, Host included, to a plain-http upstream such as the simulator: a TLS endpoint
// for tests of private CAs and CONNECT proxies.
import { once } from 'node:events';
import http from 'node:http';
import https from 'node:https';
import { TLS_FIXTURES } from './tls-fixtures.mjs';

/**
 * @typedef {object} TlsFront
 * @property {string} url e.g. https://localhost:40123
 * @property {number} requests how many requests it forwarded
 * @property {() => Promise<void>} close
 */

/**
 * @param {string} upstream e.g. http://127.0.0.1:4010
 * @returns {Promise<TlsFront>}
 */
export async function startTlsFront(upstream) {
  const target = new URL(upstream);
  const front = { requests: 0 };
  const server = https.createServer({ cert: TLS_FIXTURES.cert, key: TLS_FIXTURES.key }, (req, res) => {
    front.requests++;
    const forward = http.request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on('error', () => res.writeHead(502).end());
    req.pipe(forward);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `https://localhost:${port}`,
    get requests() {
      return front.requests;
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(() => resolve(undefined)));
    },
  };
}
