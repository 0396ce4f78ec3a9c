// @ts-check
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './free-port.mjs';

const require = createRequire(import.meta.url);
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const prismBin = path.join(path.dirname(require.resolve('@stoplight/prism-cli/package.json')), 'dist/index.js');

/** Every server started here, so a crashed test run still stops them on exit. */
const running = new Set();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/**
 * @typedef {object} PrismOptions
 * @property {'geminidb-dr' | 'dws-dr' | 'vpc'} spec spec name under specs/
 * @property {string} [upstream] proxy to this URL (contract proxy) instead of mocking
 * @property {boolean} [errors] with a proxy: turn request/response violations into errors (default true)
 * @property {number} [startTimeoutMs] default 60 000 (Stainless waits 30 s; CI here runs suites in parallel)
 *
 * @typedef {object} PrismServer
 * @property {string} url e.g. http://127.0.0.1:43117
 * @property {number} port
 * @property {number} pid the Prism process id (for "no stray processes" checks)
 * @property {() => string} logs everything Prism printed so far (for failure messages)
 * @property {() => Promise<void>} stop kills the process and waits for it to exit
 */

/**
 * Starts `prism mock specs/<spec>.yaml` (or `prism proxy --errors` in front of `upstream`) on a free
 * loopback port and resolves once Prism says it is listening.
 * @param {PrismOptions} options
 * @returns {Promise<PrismServer>}
 */
export async function startPrism(options) {
  const specFile = path.join(repoRoot, 'specs', `${options.spec}.yaml`);
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    try {
      return await launch(specFile, port, options);
    } catch (error) {
      // Another process may grab the port between freePort() and Prism's listen.
      if (attempt >= 3 || !String(error).includes('EADDRINUSE')) throw error;
    }
  }
}

/**
 * @param {string} specFile
 * @param {number} port
 * @param {PrismOptions} options
 * @returns {Promise<PrismServer>}
 */
function launch(specFile, port, options) {
  const args = options.upstream
    ? ['proxy', specFile, options.upstream, ...(options.errors === false ? [] : ['--errors'])]
    : ['mock', specFile];
  args.push('--port', String(port), '--host', '127.0.0.1');
  const child = spawn(process.execPath, [prismBin, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
  });
  running.add(child);
  let output = '';
  const exited = new Promise((resolve) => child.once('exit', resolve));
  exited.then(() => running.delete(child));

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(timer);
    }
  };

  return new Promise((resolve, reject) => {
    const timeoutMs = options.startTimeoutMs ?? 60_000;
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`Prism did not start within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    /** @param {Buffer} chunk */
    const onData = (chunk) => {
      output += chunk.toString();
      if (output.includes('Prism is listening')) {
        clearTimeout(timer);
        resolve({ url: `http://127.0.0.1:${port}`, port, pid: child.pid ?? 0, logs: () => output, stop });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Prism exited (code ${code}) before listening:\n${output}`));
    });
  });
}
