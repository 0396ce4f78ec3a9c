/**
 * The Node default handler: node:http/node:https with keep-alive agents, as aws-sdk-js-v3 and
 * Azure's core run in Node (on Node 20 a loopback call through node:http costs about a third of
 * fetch's). Proxies come from HTTPS_PROXY/HTTP_PROXY/NO_PROXY (see proxy.ts); TLS verification is
 * always on and uses Node's trust store, so NODE_EXTRA_CA_CERTS works, through a proxy too.
 */
import http from 'node:http';
import https from 'node:https';
import type { Readable } from 'node:stream';
import zlib from 'node:zlib';
import {
  AttemptTimedOut,
  bareHostname,
  BodyLimitExceeded,
  contentEncoding,
  declaredLength,
  MAX_TIMER_MS,
  type HandlerOptions,
  type HttpHandler,
  type HttpRequest,
  type HttpResponse,
} from './http-handler.js';
import { createProxyRoutes, type ProxySetting } from './proxy.js';

/** Options of the node:http/node:https handler: proxy and connection pool. */
export interface NodeHttpHandlerOptions {
  /**
   * `undefined` (default): from HTTPS_PROXY / HTTP_PROXY / ALL_PROXY / NO_PROXY (either case), read
   * from `process.env` as curl does. A URL string: always this proxy. `false`: never a proxy.
   */
  proxy?: ProxySetting;
  /**
   * An idle kept-alive socket is closed after this many ms (default 4 000). Shorter than the idle
   * timeouts servers use (Node 5 s, gateways 60 s), so a request is not written into a connection
   * the server is closing at that moment — a mutation that meets such a reset cannot be repeated.
   */
  keepAliveIdleMs?: number;
  /** Connections per host (default 50). */
  maxSockets?: number;
}

const DECODERS: Record<string, () => zlib.Gunzip | zlib.Inflate | zlib.BrotliDecompress> = {
  gzip: () => zlib.createGunzip(),
  'x-gzip': () => zlib.createGunzip(),
  deflate: () => zlib.createInflate(),
  br: () => zlib.createBrotliDecompress(),
};

/** Node's header object (string | string[] values) as the handler contract's plain strings. */
function flatHeaders(raw: http.IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name in raw) {
    const value = raw[name];
    if (value !== undefined) out[name] = typeof value === 'string' ? value : value.join(', ');
  }
  return out;
}

/**
 * The handler the clients use in Node unless given `fetch` or `httpHandler`: node:http/node:https with
 * keep-alive agents (one pair per handler), HTTPS_PROXY/HTTP_PROXY/NO_PROXY (CONNECT tunnels for
 * https), TLS verification always on, gzip/deflate/br decoding within `maxResponseBytes`. Create one
 * and pass it as `httpHandler` to several clients to share their connections.
 */
export function createNodeHttpHandler(options: NodeHttpHandlerOptions = {}): HttpHandler {
  const agentOptions: https.AgentOptions = {
    keepAlive: true,
    timeout: options.keepAliveIdleMs ?? 4_000,
    maxSockets: options.maxSockets ?? 50,
    // Reuse the most recently used socket: the others then idle out instead of all staying warm.
    scheduling: 'lifo',
  };
  const direct = { http: new http.Agent(agentOptions), https: new https.Agent(agentOptions) };
  const proxies = createProxyRoutes(options.proxy, agentOptions);

  return function nodeHttpHandler(request: HttpRequest, handlerOptions: HandlerOptions): Promise<HttpResponse> {
    return new Promise<HttpResponse>((resolve, reject) => {
      const { timeoutMs, maxResponseBytes, signal } = handlerOptions;
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      const url = request.url;
      const secure = url.protocol === 'https:';
      const route = proxies.routeFor(url, timeoutMs);
      const req = route
        ? route.request(request)
        : (secure ? https : http).request({
            method: request.method,
            host: bareHostname(url.hostname),
            port: url.port || (secure ? 443 : 80),
            path: url.pathname + url.search,
            headers: request.headers,
            agent: secure ? direct.https : direct.http,
          });

      let settled = false;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const cleanup = () => {
        if (timer !== undefined) clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
      };
      const fail = (error: unknown) => {
        if (settled) return;
        settled = true;
        cleanup();
        // Destroying closes the connection: a stalled or oversized body is not drained into the pool.
        req.destroy();
        reject(error);
      };
      const onAbort = () => fail(signal?.reason);
      if (Number.isFinite(timeoutMs) && timeoutMs <= MAX_TIMER_MS) {
        timer = setTimeout(() => fail(new AttemptTimedOut(timeoutMs)), Math.max(0, timeoutMs));
        // Do not keep a CLI alive just for the guard; the socket keeps the loop alive while it works.
        timer.unref();
      }
      signal?.addEventListener('abort', onAbort, { once: true });
      req.on('error', fail);

      req.on('response', (res: http.IncomingMessage) => {
        const headers = flatHeaders(res.headers);
        const status = res.statusCode ?? 0;
        const declared = declaredLength(headers);
        const encoding = contentEncoding(headers);
        const decoder = encoding === undefined ? undefined : DECODERS[encoding];
        if (declared !== undefined && encoding === undefined && declared > maxResponseBytes) {
          fail(new BodyLimitExceeded(0, declared, { status, headers }));
          return;
        }
        let body: Readable = res;
        if (decoder) {
          const decoding = decoder();
          decoding.on('error', fail);
          body = res.pipe(decoding);
        }
        const chunks: Buffer[] = [];
        let total = 0;
        res.on('error', fail);
        body.on('data', (chunk: Buffer) => {
          total += chunk.length;
          // Counted after decoding, so a small gzip body that inflates without end is stopped too.
          if (total > maxResponseBytes) fail(new BodyLimitExceeded(total, declared, { status, headers }));
          else chunks.push(chunk);
        });
        body.on('end', () => {
          if (settled) return;
          settled = true;
          cleanup();
          const bytes = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, total);
          if (decoder) {
            // The bytes are decoded: the old encoding and length no longer describe them.
            delete headers['content-encoding'];
            headers['content-length'] = String(total);
          }
          resolve({ status, statusText: res.statusMessage ?? '', headers, body: bytes });
        });
      });

      const body = request.body;
      if (body === undefined) req.end();
      else req.end(body);
    });
  };
}
