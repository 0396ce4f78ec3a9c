// The exporter's HTTP endpoint on node:http: `/metrics` (Prometheus text format, from the cache),
// `/healthz` (JSON: the process is up, and how fresh each scope is) and a small index page.
// Nothing else is served, no request body is read, and slow clients are timed out.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ListenAddress } from './listen-address.js';

export interface MetricsEndpoint {
  /** The exposition as UTF-8 bytes, in parts written one after the other (no copy of cached parts); gzip members when `gzip`. */
  metricsParts(gzip: boolean): Promise<Buffer[]>;
  readonly contentType: string;
  health(): unknown;
}

export interface RunningServer {
  readonly url: string;
  readonly host: string;
  readonly port: number;
  close(): Promise<void>;
}

const INDEX = `hcdr exporter: DR relationships and tasks of Huawei Cloud GeminiDB and DWS.
  /metrics   Prometheus metrics (served from the last poll of each scope)
  /healthz   liveness and the age of each scope's data (JSON)
`;

export async function startServer(endpoint: MetricsEndpoint, address: ListenAddress): Promise<RunningServer> {
  const server = createServer((req, res) => {
    handle(endpoint, req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('internal error\n');
    });
  });
  server.requestTimeout = 10_000;
  server.headersTimeout = 5_000;
  server.keepAliveTimeout = 65_000; // longer than Prometheus' idle connection, so scrapes reuse it
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(address.port, address.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const bound = server.address() as AddressInfo;
  const host = bound.family === 'IPv6' ? `[${bound.address}]` : bound.address;
  return {
    url: `http://${host}:${bound.port}`,
    host: bound.address,
    port: bound.port,
    close: () => close(server),
  };
}

async function handle(endpoint: MetricsEndpoint, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = (req.url ?? '/').split('?')[0];
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' });
    res.end('method not allowed\n');
    return;
  }
  let status = 200;
  let type = 'text/plain; charset=utf-8';
  let body: string | Buffer[];
  const headers: Record<string, string> = {};
  if (path === '/metrics') {
    const gzip = acceptsGzip(req.headers['accept-encoding']);
    body = await endpoint.metricsParts(gzip);
    if (gzip) headers['content-encoding'] = 'gzip';
    headers.vary = 'accept-encoding';
    type = endpoint.contentType;
  } else if (path === '/healthz') {
    body = `${JSON.stringify(endpoint.health())}\n`;
    type = 'application/json';
  } else if (path === '/') body = INDEX;
  else {
    status = 404;
    body = 'not found: try /metrics or /healthz\n';
  }
  const parts = typeof body === 'string' ? [Buffer.from(body, 'utf8')] : body;
  const length = parts.reduce((n, p) => n + p.length, 0);
  res.writeHead(status, { 'content-type': type, 'content-length': length, 'cache-control': 'no-store', ...headers });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  for (const part of parts.slice(0, -1)) res.write(part);
  res.end(parts.at(-1));
}

/** `gzip` listed in Accept-Encoding without `q=0` (RFC 9110 §12.5.3); `*` counts too. */
export function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  for (const part of header.toLowerCase().split(',')) {
    const [coding, ...params] = part.trim().split(';');
    if (coding?.trim() !== 'gzip' && coding?.trim() !== '*') continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return q === undefined || Number(q.slice(2)) > 0;
  }
  return false;
}

function close(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeIdleConnections();
  });
}
