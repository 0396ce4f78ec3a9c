// The two HTTP handlers every fault test runs against: node:http (the Node default) and fetch (what
// an injected fetch gets). They report some connection faults with different codes.
import type { ApiClientOptions } from '../src/client/create-api-client.js';

export interface HandlerCase {
  name: string;
  /** Client/transport options that select the handler. */
  options: Pick<ApiClientOptions, 'fetch' | 'httpHandler'>;
  /** The error code a connection that closes before or during the response is reported with. */
  closedCode: string;
}

export const HANDLERS: readonly HandlerCase[] = [
  { name: 'node:http handler', options: {}, closedCode: 'ECONNRESET' },
  // A wrapper, so the global fetch is injected (the fetch handler) rather than left to the default.
  { name: 'fetch handler', options: { fetch: (request: Request) => globalThis.fetch(request) }, closedCode: 'UND_ERR_SOCKET' },
];
