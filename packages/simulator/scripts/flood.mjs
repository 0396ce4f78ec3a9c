#!/usr/bin/env node
// Memory under a flood of unauthenticated 12 MB POSTs (issue 17): starts a simulator from a built
// dist in a child process, sends N parallel POSTs of 12 MB to an unknown path without credentials,
// and reports the child's RSS before, at peak and 2 s after. Not part of `npm test` (it is a
// measurement, and it is slow); run it after a build:
//   node packages/simulator/scripts/flood.mjs [path/to/dist/index.js] [parallel=40] [path=/v3/x/nothing]
import { fork } from 'node:child_process';
import { request } from 'node:http';
import { fileURLToPath, pathToFileURL } from 'node:url';

const MB = 1024 * 1024;
if (process.argv[2] === '--child') {
  const { createSimulator } = await import(process.argv[3]);
  const sim = createSimulator({ credentials: { secretAccessKey: 'flood-sk' } });
  const { url } = await sim.listen(0);
  process.on('message', (m) => {
    if (m === 'rss') process.send?.({ rss: process.memoryUsage().rss });
    if (m === 'stop') sim.close().then(() => process.exit(0));
  });
  process.send?.({ url });
} else {
  const dist = process.argv[2] ?? fileURLToPath(new URL('../dist/index.js', import.meta.url));
  const parallel = Number(process.argv[3] ?? 40);
  const path = process.argv[4] ?? '/v3/0123456789abcdef0123456789abcdef/nothing-here';
  const child = fork(fileURLToPath(import.meta.url), ['--child', pathToFileURL(dist).href], { stdio: 'inherit' });
  child.setMaxListeners(1000);
  const next = () => new Promise((resolve) => child.once('message', resolve));
  const { url } = await next();
  const rss = async () => {
    child.send('rss');
    return (await next()).rss;
  };
  const body = Buffer.alloc(12 * MB - 1, 0x61);
  const before = await rss();
  let peak = before;
  const sampler = setInterval(async () => {
    peak = Math.max(peak, await rss().catch(() => 0));
  }, 25);
  const started = Date.now();
  const statuses = await Promise.all(
    Array.from(
      { length: parallel },
      () =>
        new Promise((resolve) => {
          const target = new URL(path, url);
          const req = request(target, { method: 'POST', headers: { 'Content-Type': 'application/json', 'Content-Length': body.length } }, (res) => {
            res.resume();
            res.on('end', () => resolve(res.statusCode));
          });
          req.on('error', (e) => resolve(`error ${e.code ?? e.message}`));
          req.end(body);
        }),
    ),
  );
  const elapsed = Date.now() - started;
  await new Promise((r) => setTimeout(r, 2000));
  clearInterval(sampler);
  const after = await rss();
  child.send('stop');
  const count = statuses.reduce((m, s) => m.set(s, (m.get(s) ?? 0) + 1), new Map());
  console.log(
    JSON.stringify({ dist, parallel, path, statuses: Object.fromEntries(count), ms: elapsed, rssMB: { before: Math.round(before / MB), peak: Math.round(peak / MB), after2s: Math.round(after / MB) } }),
  );
}
