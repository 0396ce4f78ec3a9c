import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

/** A free TCP port on 127.0.0.1 (bind to 0, read it, release it). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

export interface PrismProxy {
  readonly url: string;
  /** Everything Prism printed, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

/** Starts `prism proxy --errors <spec> <upstream>` and resolves once it listens. */
export async function startPrismProxy(prismBin: string, spec: string, upstream: string, timeoutMs = 30_000): Promise<PrismProxy> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [prismBin, 'proxy', '--errors', '-h', '127.0.0.1', '-p', String(port), spec, upstream], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
  });
  let out = '';
  child.stdout?.on('data', (c: Buffer) => (out += c.toString('utf8')));
  child.stderr?.on('data', (c: Buffer) => (out += c.toString('utf8')));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  };

  const deadline = Date.now() + timeoutMs;
  while (!out.includes('Prism is listening')) {
    if (child.exitCode !== null) throw new Error(`prism exited early (${child.exitCode}):\n${out}`);
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`prism did not start within ${timeoutMs} ms:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return { url: `http://127.0.0.1:${port}`, output: () => out, stop };
}
