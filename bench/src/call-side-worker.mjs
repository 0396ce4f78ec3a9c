// @ts-check
// One side of a call comparison, in its own worker thread: its own V8 heap, so the garbage a side
// makes is collected (and paid for) inside that side's own timed batches, never in its partner's.
// In one shared heap a scavenge runs in whichever batch happens to fill the young generation, so a
// garbage-heavy baseline (fetch) had part of its collection cost billed to the side measured next.
import { parentPort, workerData } from 'node:worker_threads';

/** @typedef {{ module: string, factory: string, args: unknown[] }} SideSpec */

const spec = /** @type {SideSpec} */ (workerData);
const mod = await import(spec.module);
/** @type {Record<string, () => Promise<unknown>>} */
const calls = mod[spec.factory](...spec.args);
const port = /** @type {import('node:worker_threads').MessagePort} */ (parentPort);

port.on('message', async (/** @type {{ id: number, type: 'call' | 'batch', key: string, batch?: number }} */ message) => {
  try {
    const op = calls[message.key];
    if (typeof op !== 'function') throw new Error(`${spec.factory}: no call named ${message.key}`);
    if (message.type === 'call') {
      port.postMessage({ id: message.id, value: await op() });
      return;
    }
    const batch = message.batch ?? 1;
    const start = process.hrtime.bigint();
    for (let i = 0; i < batch; i++) await op();
    port.postMessage({ id: message.id, value: Number(process.hrtime.bigint() - start) / 1e3 / batch });
  } catch (error) {
    port.postMessage({ id: message.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
});
port.postMessage({ ready: true });
