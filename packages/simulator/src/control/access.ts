import { timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { ApiError } from '../http/api-error.js';
import { headerValue } from '../http/request.js';

/**
 * Who may use `/__sim/...`. The control plane changes the simulated world without AK/SK, so it
 * refuses what a browser can be tricked into sending: a foreign `Origin` (cross-site request
 * forgery, e.g. a text/plain POST from any web page), a `Sec-Fetch-Site` other than same-origin or
 * none, and a `Host` that is not the simulator's own name (DNS rebinding: evil.example resolving
 * to 127.0.0.1 makes the browser send `Host: evil.example`). With a control token configured, every
 * control call but /__sim/health also needs `Authorization: Bearer <token>`.
 */
export interface ControlAccessOptions {
  /** Host names (no port) the simulator answers to; loopback names are always included. */
  readonly hosts: () => readonly string[];
  readonly token: string | undefined;
}

const LOOPBACK = ['localhost', '127.0.0.1', '[::1]', '::1'];

const refuse = (status: number, message: string) => new ApiError(status, 'SIM.0403', message);

function hostName(host: string): string {
  const h = host.trim().toLowerCase();
  if (h.startsWith('[')) return h.slice(0, h.indexOf(']') + 1);
  const colon = h.lastIndexOf(':');
  return colon === -1 ? h : h.slice(0, colon);
}

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function checkControlAccess(headers: IncomingHttpHeaders, path: string, options: ControlAccessOptions): void {
  const allowed = new Set([...LOOPBACK, ...options.hosts().map((h) => h.toLowerCase())]);
  const host = headerValue(headers, 'host');
  if (host === undefined || !allowed.has(hostName(host))) {
    throw refuse(403, `control API refused: Host ${JSON.stringify(host ?? '')} is not this simulator (DNS rebinding protection)`);
  }
  const origin = headerValue(headers, 'origin');
  if (origin !== undefined) {
    let originHost: string | undefined;
    try {
      originHost = new URL(origin).host;
    } catch {
      originHost = undefined;
    }
    if (originHost === undefined || !allowed.has(hostName(originHost))) {
      throw refuse(403, `control API refused: cross-origin request from ${JSON.stringify(origin)}`);
    }
  }
  const site = headerValue(headers, 'sec-fetch-site');
  if (site !== undefined && site !== 'same-origin' && site !== 'none') {
    throw refuse(403, `control API refused: Sec-Fetch-Site ${site}`);
  }
  if (options.token !== undefined && path !== '/__sim/health') {
    const auth = headerValue(headers, 'authorization') ?? '';
    const given = auth.startsWith('Bearer ') ? auth.slice(7).trim() : '';
    if (!sameToken(given, options.token)) {
      throw refuse(401, 'control API refused: a control token is required (Authorization: Bearer <token>)');
    }
  }
}

/** A control call that carries a body must say it is JSON (a browser cannot send that cross-origin without a preflight). */
export function checkControlBodyType(headers: IncomingHttpHeaders, hasBody: boolean): void {
  if (!hasBody) return;
  const type = (headerValue(headers, 'content-type') ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') throw refuse(415, 'control API refused: a request body must be sent as Content-Type: application/json');
}
