// @ts-check
import { createServer } from 'node:net';

/** Asks the OS for a free loopback port (Prism cannot listen on port 0 and report it). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(/** @type {number} */ (port)));
    });
  });
}
