/**
 * HTTP(S) proxies for the node:http handler. Which proxy (if any) a URL takes follows the
 * environment conventions of curl and most tools — HTTPS_PROXY / HTTP_PROXY / ALL_PROXY and NO_PROXY,
 * lower case first — as implemented by `proxy-from-env`. https targets go through a CONNECT
 * tunnel, then TLS to the target inside it (verified against Node's trust store, so
 * NODE_EXTRA_CA_CERTS applies); plain http targets are sent to the proxy in absolute form.
 *
 * The tunnel is written here rather than taken from `https-proxy-agent` (9.1.0, Node >= 20): that
 * package and its dependencies (agent-base, debug, ms, proxy-agent-negotiate) add 6.3 kB min+gzip to
 * every client bundle, a third of a one-call client bundle and more than the whole headroom under
 * its budget; the CONNECT exchange below is about 0.8 kB.
 */
import http from 'node:http';
import https from 'node:https';
import { isIP, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import tls from 'node:tls';
import { getProxyForUrl } from 'proxy-from-env';
import { HuaweiCloudConfigError } from '../errors/errors.js';
import { bareHostname, type HttpRequest } from './http-handler.js';

/** `undefined`: from the environment; a URL: always that proxy; `false`: never. */
export type ProxySetting = string | false | undefined;

/** A CONNECT the proxy refused or broke off; nothing reached the target. */
export class ProxyConnectError extends Error {
  readonly code = 'ERR_PROXY_CONNECT';
  constructor(
    message: string,
    /** The proxy's answer to CONNECT, when it gave one. */
    readonly proxyStatus: number | undefined,
  ) {
    super(message);
    this.name = 'ProxyConnectError';
  }
}

interface ProxyTarget {
  /** The proxy URL without credentials (safe to show). */
  readonly origin: string;
  readonly host: string;
  readonly port: number;
  readonly secure: boolean;
  /** `Basic …` from the proxy URL's user info. Never logged or put in an error. */
  readonly authorization: string | undefined;
}

export interface ProxyRoute {
  request(request: HttpRequest): http.ClientRequest;
}

function parseProxy(raw: string): ProxyTarget {
  const url = URL.canParse(raw) ? new URL(raw) : undefined;
  // The value is not quoted: a proxy URL may carry a password.
  if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new HuaweiCloudConfigError([
      {
        setting: 'proxy',
        message: url ? `The proxy URL uses ${url.protocol}; only http:// and https:// proxies are supported.` : 'The proxy URL is not a valid URL.',
        fixes: ['Set HTTPS_PROXY / HTTP_PROXY (or the proxy option) to http://[user:password@]host:port, or unset it.'],
      },
    ]);
  }
  const secure = url.protocol === 'https:';
  const user = decodeURIComponent(url.username);
  const password = decodeURIComponent(url.password);
  return {
    origin: `${url.protocol}//${url.host}`,
    host: bareHostname(url.hostname),
    port: Number(url.port) || (secure ? 443 : 80),
    secure,
    authorization: user || password ? `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` : undefined,
  };
}

/** Options our requests hand the tunnel agent (Node passes request options through to createConnection). */
interface TunnelConnectOptions extends tls.ConnectionOptions {
  host: string;
  port: number;
  /** How long the CONNECT exchange may take (the attempt's timeout). */
  hcdrConnectTimeoutMs?: number;
}

/**
 * An https.Agent whose connections are CONNECT tunnels through the proxy. Kept-alive tunnels are
 * pooled per target like direct connections.
 */
class TunnelAgent extends https.Agent {
  constructor(
    private readonly proxy: ProxyTarget,
    options: https.AgentOptions,
  ) {
    super(options);
  }

  override createConnection(requestOptions: http.RequestOptions, callback?: (error: Error | null, stream: Duplex) => void): undefined {
    // Node hands the request's options through, ours (hcdrConnectTimeoutMs) included.
    const options = requestOptions as unknown as TunnelConnectOptions;
    const proxy = this.proxy;
    const target = `${options.host.includes(':') ? `[${options.host}]` : options.host}:${options.port}`;
    const headers: Record<string, string> = { host: target };
    if (proxy.authorization) headers['proxy-authorization'] = proxy.authorization;
    const connect = (proxy.secure ? https : http).request({
      host: proxy.host,
      port: proxy.port,
      method: 'CONNECT',
      path: target,
      headers,
      agent: false,
      ...(proxy.secure ? { servername: isIP(proxy.host) ? undefined : proxy.host } : {}),
    });
    let done = false;
    const finish = (error: Error | null, socket?: Duplex) => {
      if (done) return;
      done = true;
      if (timer !== undefined) clearTimeout(timer);
      callback?.(error, socket as Duplex);
    };
    const limit = options.hcdrConnectTimeoutMs;
    const timer =
      limit !== undefined && Number.isFinite(limit) && limit < 2_147_483_647
        ? setTimeout(() => {
            connect.destroy();
            finish(new ProxyConnectError(`no answer from proxy ${proxy.origin} to CONNECT ${target} within ${limit} ms`, undefined));
          }, limit)
        : undefined;
    timer?.unref();
    connect.once('connect', (res: http.IncomingMessage, socket: Socket, head: Buffer) => {
      if (res.statusCode !== 200) {
        socket.destroy();
        finish(new ProxyConnectError(`proxy ${proxy.origin} refused CONNECT ${target}: HTTP ${res.statusCode} ${res.statusMessage ?? ''}`.trim(), res.statusCode));
        return;
      }
      if (head.length > 0) socket.unshift(head);
      const { host, port: _port, hcdrConnectTimeoutMs: _limit, ...tlsOptions } = options;
      // TLS to the target inside the tunnel, verified as a direct connection would be.
      const secureSocket = tls.connect({ ...tlsOptions, socket, servername: options.servername ?? (isIP(host) ? undefined : host) });
      finish(null, secureSocket);
    });
    connect.once('error', (error) => finish(new ProxyConnectError(`cannot reach proxy ${proxy.origin}: ${(error as NodeJS.ErrnoException).code ?? error.message}`, undefined)));
    connect.end();
    return undefined;
  }
}

/** Decides per URL whether and how to go through a proxy; agents are made once per proxy and kept. */
export function createProxyRoutes(setting: ProxySetting, agentOptions: https.AgentOptions) {
  const fixed = typeof setting === 'string' && setting !== '' ? setting : undefined;
  const tunnels = new Map<string, TunnelAgent>();
  const forwarders = new Map<string, http.Agent>();
  /** The proxy decision per protocol+host+port; the environment is read once per target. */
  const decided = new Map<string, ProxyTarget | undefined>();

  const proxyFor = (url: URL): ProxyTarget | undefined => {
    if (setting === false) return undefined;
    const key = url.protocol + url.host;
    if (decided.has(key)) return decided.get(key);
    const raw = fixed ?? getProxyForUrl(url);
    const target = raw ? parseProxy(raw) : undefined;
    decided.set(key, target);
    return target;
  };

  return {
    routeFor(url: URL, timeoutMs: number): ProxyRoute | undefined {
      const proxy = proxyFor(url);
      if (!proxy) return undefined;
      if (url.protocol === 'https:') {
        const tunnel = tunnels.get(proxy.origin) ?? new TunnelAgent(proxy, agentOptions);
        tunnels.set(proxy.origin, tunnel);
        return {
          request: (request) =>
            https.request({
              method: request.method,
              host: bareHostname(url.hostname),
              port: url.port || 443,
              path: url.pathname + url.search,
              headers: request.headers,
              agent: tunnel,
              hcdrConnectTimeoutMs: timeoutMs,
            } as https.RequestOptions),
        };
      }
      // Plain http: the proxy gets the request itself, with the absolute URL as its target.
      const forwarder = forwarders.get(proxy.origin) ?? (proxy.secure ? new https.Agent(agentOptions) : new http.Agent(agentOptions));
      forwarders.set(proxy.origin, forwarder);
      return {
        request: (request) => {
          const headers: Record<string, string> = { ...request.headers, host: url.host };
          if (proxy.authorization) headers['proxy-authorization'] = proxy.authorization;
          return (proxy.secure ? https : http).request({
            method: request.method,
            host: proxy.host,
            port: proxy.port,
            path: url.href,
            headers,
            agent: forwarder,
          });
        },
      };
    },
  };
}
