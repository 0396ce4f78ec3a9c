// A real HTTP server on 127.0.0.1 (port 0) that misbehaves on purpose, for the fault tests.
// Faults are picked by the last path segment (`/v3/{project_id}/faults/{fault}`), so one server
// serves a whole suite; every request is counted server-side per `METHOD fault`.
//
// Raw faults write HTTP/1.1 bytes straight to the socket: node:http would refuse (or fix up) a
// Content-Length that does not match the body, and cannot send a TCP reset.
import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { gzipSync } from 'node:zlib';

export const FAULT_REQUEST_ID = 'fault-rq-0001';

/** What a fault handler gets. `attempt` is 1 for the first request of this `METHOD fault`. */
interface FaultContext {
  req: IncomingMessage;
  res: ServerResponse;
  socket: Socket;
  attempt: number;
  server: FaultServer;
}

export interface StreamRecord {
  /** Bytes the server handed to the socket (after back-pressure) before the client hung up. */
  bytesWritten: number;
  /** Resolves when the client closed the connection (or the server's safety cap ended it). */
  closed: Promise<void>;
  /** True when the safety cap, not the client, ended the stream. */
  hitSafetyCap: boolean;
}

export interface FaultServer {
  /** e.g. `http://127.0.0.1:41234` */
  readonly url: string;
  /** Requests received for `METHOD fault` since the last reset. */
  hits(method: string, fault: string): number;
  /** The streams started by the huge-body faults, in order. */
  readonly streams: StreamRecord[];
  reset(): void;
  close(): Promise<void>;
}

/** Endless streams stop here even if the client never hangs up, so a broken client cannot take the machine down. */
export const STREAM_SAFETY_CAP_BYTES = 600 * 1024 * 1024;
const CHUNK = Buffer.alloc(64 * 1024, '{"jobs":[{"id":"x","status":"Running"}]}'.repeat(10));

function raw(socket: Socket, head: string[], body = ''): void {
  socket.write(`${head.join('\r\n')}\r\n\r\n${body}`);
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), 'x-request-id': FAULT_REQUEST_ID, ...headers });
  res.end(text);
}

/** Writes CHUNKs with back-pressure until the peer goes away or the safety cap is reached. */
function pump(socket: Socket, server: FaultServer, preamble: string): void {
  const record: StreamRecord = { bytesWritten: 0, hitSafetyCap: false, closed: Promise.resolve() };
  // Not events.once: it rejects on 'error', and a client hanging up mid-stream is an ECONNRESET here.
  record.closed = new Promise((resolve) => socket.once('close', () => resolve()));
  server.streams.push(record);
  socket.on('error', () => {});
  socket.write(preamble);
  const step = () => {
    while (!socket.destroyed && socket.writable) {
      if (record.bytesWritten >= STREAM_SAFETY_CAP_BYTES) {
        record.hitSafetyCap = true;
        socket.destroy();
        return;
      }
      record.bytesWritten += CHUNK.byteLength;
      if (!socket.write(CHUNK)) {
        socket.once('drain', step);
        return;
      }
    }
  };
  step();
}

let gzipBomb: Buffer | undefined;
/** Built once, on first use; call it before measuring memory (building it allocates the 64 MiB input). */
export function gzipBombBytes(): Buffer {
  gzipBomb ??= gzipSync(Buffer.alloc(64 * 1024 * 1024, ' '), { level: 9 });
  return gzipBomb;
}

const textPage = (title: string) =>
  `<!DOCTYPE html><html><head><title>${title}</title><style>body{color:red}</style></head><body><h1>${title}</h1><p>nginx</p></body></html>`;

const FAULTS: Record<string, (c: FaultContext) => void> = {
  ok: ({ res }) => json(res, 200, { jobs: [{ id: 'job-1', status: 'Running' }] }),
  // TCP RST after the request arrived, before any response byte.
  'reset-before-headers': ({ socket }) => socket.resetAndDestroy(),
  // A clean close (FIN) after the request arrived, before any response byte.
  'close-before-headers': ({ socket }) => socket.end(),
  // Headers and part of the body, then a TCP RST.
  'reset-mid-body': ({ socket }) => {
    raw(socket, ['HTTP/1.1 200 OK', 'Content-Type: application/json', 'Content-Length: 2000'], '{"jobs":[{"id":"job-1",');
    setTimeout(() => socket.resetAndDestroy(), 20);
  },
  // Never answers (the client's timers must end the call).
  stall: () => {},
  // Headers and a little body, then nothing more.
  'stall-body': ({ socket }) => raw(socket, ['HTTP/1.1 200 OK', 'Content-Type: application/json', 'Content-Length: 2000'], '{"jobs":['),
  // A byte every 50 ms, forever: never idle long, never over the size limit, never done.
  trickle: ({ socket }) => {
    raw(socket, ['HTTP/1.1 200 OK', 'Content-Type: application/json', 'Content-Length: 100000'], '[');
    const timer = setInterval(() => (socket.destroyed ? clearInterval(timer) : socket.write(' ')), 50);
    socket.once('close', () => clearInterval(timer));
  },
  // Content-Length larger than what is sent, then a clean close (FIN).
  'short-length': ({ socket }) => {
    raw(socket, ['HTTP/1.1 200 OK', 'Content-Type: application/json', 'Content-Length: 1000', `X-Request-Id: ${FAULT_REQUEST_ID}`], '{"jobs":[{"id":"job-1"');
    socket.end();
  },
  // Correct length, syntactically truncated JSON that holds a secret-looking value.
  'truncated-json': ({ res }) => {
    const body = '{"jobs":[{"id":"job-1","password":"Hunter2-DO-NOT-LEAK","status":"Runn';
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'x-request-id': FAULT_REQUEST_ID });
    res.end(body);
  },
  'invalid-json-200': ({ res }) => {
    res.writeHead(200, { 'content-type': 'application/json', 'x-request-id': FAULT_REQUEST_ID });
    res.end('OK, but not JSON');
  },
  'invalid-json-202': ({ res }) => {
    res.writeHead(202, { 'content-type': 'application/json;charset=UTF-8', 'x-request-id': FAULT_REQUEST_ID });
    res.end('{"job_id": ');
  },
  // A captive portal or proxy login page answering 200.
  'html-200': ({ res }) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(textPage('Proxy login required'));
  },
  'html-500': ({ res }) => {
    res.writeHead(500, { 'content-type': 'text/html', 'x-request-id': FAULT_REQUEST_ID });
    res.end(textPage('500 Internal Server Error'));
  },
  'html-502': ({ res }) => {
    res.writeHead(502, { 'content-type': 'text/html', 'x-request-id': FAULT_REQUEST_ID });
    res.end(textPage('502 Bad Gateway'));
  },
  // No length: the body runs until the connection closes, and never does.
  'huge-unbounded': ({ socket, server }) =>
    pump(socket, server, ['HTTP/1.1 200 OK', 'Content-Type: application/json', 'Connection: close', '', ''].join('\r\n')),
  // Announces 512 MiB up front (and would send it).
  'huge-length': ({ socket, server }) =>
    pump(socket, server, ['HTTP/1.1 200 OK', 'Content-Type: application/json', `Content-Length: ${512 * 1024 * 1024}`, '', ''].join('\r\n')),
  // 64 KiB on the wire that fetch decodes into 64 MiB: only a limit on decoded bytes stops it.
  'gzip-bomb': ({ res }) => {
    const bomb = gzipBombBytes();
    res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip', 'content-length': bomb.byteLength });
    res.end(bomb);
  },
  // The same as error responses: a 500 page that never ends.
  'huge-error': ({ socket, server }) =>
    pump(socket, server, ['HTTP/1.1 500 Internal Server Error', 'Content-Type: text/html', 'Connection: close', '', ''].join('\r\n')),
  '429-seconds': ({ res, attempt }) =>
    attempt === 1
      ? json(res, 429, { error_code: 'APIGW.0308', error_msg: 'The throttling threshold has been reached' }, { 'retry-after': '2' })
      : json(res, 200, { jobs: [] }),
  '429-date': ({ res, attempt }) =>
    attempt === 1
      ? json(res, 429, { error_code: 'APIGW.0308', error_msg: 'The throttling threshold has been reached' }, { 'retry-after': new Date(Date.now() + 5_000).toUTCString() })
      : json(res, 200, { jobs: [] }),
  '429-beyond-cap': ({ res, attempt }) =>
    attempt === 1
      ? json(res, 429, { error_code: 'APIGW.0308', error_msg: 'The throttling threshold has been reached' }, { 'retry-after': '3600' })
      : json(res, 200, { jobs: [] }),
  '429-always': ({ res }) => json(res, 429, { error_code: 'APIGW.0308', error_msg: 'The throttling threshold has been reached' }, { 'retry-after': '1' }),
  // Answers with the body, status and content type the request asks for (base64 in x-fault-body).
  echo: ({ req, res }) => {
    const body = Buffer.from(String(req.headers['x-fault-body'] ?? ''), 'base64');
    res.writeHead(Number(req.headers['x-fault-status'] ?? 200), {
      'content-type': String(req.headers['x-fault-type'] ?? 'application/json'),
      'content-length': body.byteLength,
      'x-request-id': FAULT_REQUEST_ID,
    });
    res.end(body);
  },
  '503': ({ res }) => json(res, 503, { error_code: 'DBS.280001', error_msg: 'Service unavailable' }),
  '503-then-ok': ({ res, attempt }) => (attempt <= 2 ? json(res, 503, { error_code: 'DBS.280001', error_msg: 'Service unavailable' }) : json(res, 200, { jobs: [] })),
};

export const FAULT_NAMES = Object.keys(FAULTS);

export async function startFaultServer(): Promise<FaultServer> {
  const counts = new Map<string, number>();
  const sockets = new Set<Socket>();
  const http = createServer({ keepAliveTimeout: 1_000 });
  http.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  const server: FaultServer = {
    url: '',
    streams: [],
    hits: (method, fault) => counts.get(`${method.toUpperCase()} ${fault}`) ?? 0,
    reset() {
      counts.clear();
      server.streams.length = 0;
    },
    async close() {
      for (const s of sockets) s.destroy();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
  http.on('request', (req, res) => {
    const fault = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname.split('/').pop() ?? '');
    const key = `${req.method} ${fault}`;
    const attempt = (counts.get(key) ?? 0) + 1;
    counts.set(key, attempt);
    // Handle the fault only once the request body is in, as a real server would.
    req.resume();
    req.on('end', () => {
      const handler = FAULTS[fault];
      if (!handler) return json(res, 404, { error_code: 'TEST.404', error_msg: `unknown fault ${fault}` });
      handler({ req, res, socket: req.socket, attempt, server });
    });
  });
  http.listen(0, '127.0.0.1');
  await once(http, 'listening');
  Object.assign(server, { url: `http://127.0.0.1:${(http.address() as AddressInfo).port}` });
  return server;
}
