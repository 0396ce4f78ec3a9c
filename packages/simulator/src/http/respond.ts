import type { ServerResponse } from 'node:http';

/**
 * Writers for every kind of response the simulator sends. `X-Request-Id` is set by the server before
 * any of these run, so each response carries it without the writers having to remember.
 */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const payload = Buffer.from(JSON.stringify(body), 'utf8');
  res.writeHead(status, { ...headers, 'Content-Type': 'application/json', 'Content-Length': String(payload.length) });
  res.end(payload);
}

export function sendEmpty(res: ServerResponse, status: number): void {
  res.writeHead(status);
  res.end();
}

export function sendText(res: ServerResponse, status: number, contentType: string, text: string): void {
  const payload = Buffer.from(text, 'utf8');
  res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': String(payload.length) });
  res.end(payload);
}

/** What a route handler returns; the server writes it. `body: undefined` means no body (e.g. 204). */
export interface HandlerResult {
  readonly status: number;
  readonly body?: unknown;
}

export function writeResult(res: ServerResponse, result: HandlerResult): void {
  if (result.body === undefined) sendEmpty(res, result.status);
  else sendJson(res, result.status, result.body);
}
