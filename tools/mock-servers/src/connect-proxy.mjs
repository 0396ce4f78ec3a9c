// @ts-check
// A forward proxy on loopback for proxy tests: CONNECT tunnels (https targets) and absolute-form
// requests (plain http targets), optionally demanding Proxy-Authorization. It only ever connects to
// loopback targets (anything else is answered 403), so a test can never reach the network through it.
import { once } from 'node:events';
import http from 'node:http';
import net from 'node:net';

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

/**
 * @typedef {object} ConnectProxy
 * @property {string} url e.g. http://127.0.0.1:40123
 * @property {string[]} connects `host:port` of every CONNECT, in order (accepted or not)
 * @property {string[]} forwarded absolute URLs of every plain-http request it forwarded
 * @property {Array<string | undefined>} authorizations the Proxy-Authorization header of each CONNECT / request
 * @property {() => Promise<void>} close
 */

/**
 * @param {{ auth?: string }} [options] `auth`: `user:password` the proxy demands (else 407)
 * @returns {Promise<ConnectProxy>}
 */
export async function startConnectProxy(options = {}) {
  /** @type {string[]} */
  const connects = [];
  /** @type {string[]} */
  const forwarded = [];
  /** @type {Array<string | undefined>} */
  const authorizations = [];
  const expected = options.auth ? `Basic ${Buffer.from(options.auth).toString('base64')}` : undefined;
  /** @type {Set<net.Socket>} */
  const sockets = new Set();

  const server = http.createServer((req, res) => {
    authorizations.push(req.headers['proxy-authorization']);
    if (expected && req.headers['proxy-authorization'] !== expected) {
      res.writeHead(407, { 'proxy-authenticate': 'Basic realm="test"' }).end();
      return;
    }
    const target = URL.canParse(req.url ?? '') ? new URL(req.url ?? '') : undefined;
    if (!target || target.protocol !== 'http:' || !LOOPBACK.has(target.hostname.replace(/^\[|\]$/g, ''))) {
      res.writeHead(403).end('only absolute http:// URLs to loopback');
      return;
    }
    forwarded.push(target.href);
    const headers = { ...req.headers };
    delete headers['proxy-authorization'];
    const upstream = http.request(target, { method: req.method, headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });

  server.on('connect', (req, client, head) => {
    const socket = /** @type {net.Socket} */ (client);
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    const target = req.url ?? '';
    connects.push(target);
    authorizations.push(req.headers['proxy-authorization']);
    if (expected && req.headers['proxy-authorization'] !== expected) {
      socket.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="test"\r\n\r\n');
      return;
    }
    const match = /^\[?([^\]]+?)\]?:(\d+)$/.exec(target);
    if (!match || !LOOPBACK.has(/** @type {string} */ (match[1]))) {
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    const upstream = net.connect(Number(match[2]), match[1] === 'localhost' ? '127.0.0.1' : match[1], () => {
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    upstream.on('error', () => socket.end('HTTP/1.1 502 Bad Gateway\r\n\r\n'));
  });

  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    connects,
    forwarded,
    authorizations,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(() => resolve(undefined)));
    },
  };
}
