// @ts-check
// Main-thread handle on a call side running in its own worker (see call-side-worker.mjs).
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';

/**
 * @typedef {import('./call-side-worker.mjs').SideSpec} SideSpec
 * @typedef {object} CallSide
 * @property {(key: string) => Promise<unknown>} call one call; resolves to the value it read from the answer
 * @property {(key: string, batch: number) => () => Promise<number>} measure a Measure: µs per call of `batch` sequential calls
 * @property {() => Promise<void>} close
 */

/**
 * @param {URL} module the client module (bench/src/clients/*.mjs)
 * @param {string} factory its export creating the calls object
 * @param {unknown[]} args
 * @returns {Promise<CallSide>}
 */
export async function startCallSide(module, factory, args) {
  const worker = new Worker(new URL('./call-side-worker.mjs', import.meta.url), { workerData: { module: module.href, factory, args } });
  /** @type {Map<number, { resolve: (value: any) => void, reject: (error: Error) => void }>} */
  const pending = new Map();
  let seq = 0;
  const failed = once(worker, 'error').then(([error]) => {
    for (const p of pending.values()) p.reject(error);
    throw error;
  });
  failed.catch(() => {});
  const ready = new Promise((resolve) => {
    worker.on('message', (message) => {
      if (message.ready) {
        resolve(undefined);
        return;
      }
      const p = pending.get(message.id);
      pending.delete(message.id);
      if (message.error) p?.reject(new Error(message.error));
      else p?.resolve(message.value);
    });
  });
  await Promise.race([ready, failed]);
  /** @param {object} message */
  const ask = (message) =>
    new Promise((resolve, reject) => {
      const id = ++seq;
      pending.set(id, { resolve, reject });
      worker.postMessage({ ...message, id });
    });
  return {
    call: (key) => ask({ type: 'call', key }),
    measure: (key, batch) => async () => /** @type {number} */ (await ask({ type: 'batch', key, batch })),
    close: async () => {
      await worker.terminate();
    },
  };
}
