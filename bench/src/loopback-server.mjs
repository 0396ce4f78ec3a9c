// @ts-check
// Main-thread handle on the loopback server worker (see loopback-worker.mjs).
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';

/**
 * @typedef {object} ServerStats
 * @property {number} requests
 * @property {number} verified signatures that matched
 * @property {number} rejected signatures that did not (answered 401)
 * @property {number} notFound
 * @property {string[]} rejections first few reasons
 * @property {Record<string, number>} byClient requests per User-Agent product token
 *
 * @typedef {object} LoopbackServer
 * @property {string} endpoint e.g. http://127.0.0.1:40123
 * @property {(on: boolean) => Promise<unknown>} setVerify
 * @property {() => Promise<ServerStats>} stats
 * @property {() => Promise<unknown>} reset
 * @property {() => Promise<void>} close
 */

/** @returns {Promise<LoopbackServer>} */
export async function startLoopbackServer() {
  const worker = new Worker(new URL('./loopback-worker.mjs', import.meta.url));
  /** @type {Map<number, (value: unknown) => void>} */
  const pending = new Map();
  let seq = 0;
  /** @type {(port: number) => void} */
  let onListening = () => {};
  const listening = new Promise((resolve) => {
    onListening = resolve;
  });
  worker.on('message', (message) => {
    if (message.type === 'listening') onListening(message.port);
    else {
      pending.get(message.id)?.(message.result);
      pending.delete(message.id);
    }
  });
  const failed = once(worker, 'error').then(([error]) => {
    throw error;
  });
  const port = await Promise.race([listening, failed]);

  /** @param {object} message */
  const call = (message) =>
    new Promise((resolve) => {
      const id = ++seq;
      pending.set(id, resolve);
      worker.postMessage({ ...message, id });
    });

  return {
    endpoint: `http://127.0.0.1:${port}`,
    setVerify: (on) => call({ type: 'verify', on }),
    stats: async () => /** @type {ServerStats} */ (await call({ type: 'stats' })),
    reset: () => call({ type: 'reset' }),
    close: async () => {
      await call({ type: 'close' });
      await worker.terminate();
    },
  };
}
