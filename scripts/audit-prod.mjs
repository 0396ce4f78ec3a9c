#!/usr/bin/env node
// npm run audit:prod — vulnerabilities in what users install (published packages' production closure).
//
// Runs `npm audit --omit=dev`, and separately lists the third-party closure of the published
// packages from package-lock.json, so the run says exactly what was (or could not be) checked.
// The npm registry mirror on our CI machines answers the audit endpoints with 405; that is reported
// as "not checked" (exit 3 with --strict, exit 0 otherwise) — never as "no vulnerabilities".
// Exit codes: 0 clean (or unchecked without --strict), 1 high/critical found, 3 audit unavailable (--strict).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const strict = process.argv.includes('--strict');
const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8'));
/** @type {Record<string, {version?: string, link?: boolean, resolved?: string, dependencies?: Record<string,string>, optionalDependencies?: Record<string,string>, peerDependencies?: Record<string,string>, private?: boolean, name?: string, dev?: boolean}>} */
const packages = lock.packages;

/** npm's lookup: `<dependent>/node_modules/<name>`, then the same in each enclosing package, then the root. */
function locate(from, name) {
  let dir = from;
  for (;;) {
    const candidate = dir === '' ? `node_modules/${name}` : `${dir}/node_modules/${name}`;
    if (packages[candidate]) return candidate;
    if (dir === '') return undefined;
    const idx = dir.lastIndexOf('/node_modules/');
    dir = idx === -1 ? '' : dir.slice(0, idx);
  }
}

// The lockfile does not record `private`; the workspace's own package.json does.
const isPublished = (key) => JSON.parse(readFileSync(path.join(root, key, 'package.json'), 'utf8')).private !== true;
const published = Object.entries(packages).filter(([key, meta]) => key !== '' && !key.includes('node_modules') && meta.name?.startsWith('@hcdr/') && isPublished(key));
const closure = new Map();
const queue = published.map(([key]) => key);
const seen = new Set(queue);
while (queue.length) {
  const key = /** @type {string} */ (queue.shift());
  const meta = packages[key] ?? {};
  for (const name of Object.keys({ ...meta.dependencies, ...meta.optionalDependencies })) {
    let target = locate(key, name);
    if (!target) continue;
    const linked = packages[target];
    if (linked?.link && linked.resolved) target = linked.resolved;
    if (seen.has(target)) continue;
    seen.add(target);
    queue.push(target);
    const resolvedMeta = packages[target] ?? {};
    if (target.includes('node_modules')) closure.set(`${name}@${resolvedMeta.version}`, target);
  }
}

console.log(`Published packages: ${published.map(([, m]) => `${m.name}@${m.version}`).join(', ')}`);
console.log(`Third-party production closure (${closure.size}): ${[...closure.keys()].sort().join(', ') || '(none)'}`);

// A deprecation notice is the one advisory-like signal the registry serves without the audit endpoint.
for (const id of closure.keys()) {
  const view = spawnSync('npm', ['view', id, 'deprecated'], { cwd: root, encoding: 'utf8', env: { ...process.env, npm_config_loglevel: 'error' } });
  if (view.stdout.trim() !== '') console.log(`deprecated: ${id}: ${view.stdout.trim()}`);
}

const audit = spawnSync('npm', ['audit', '--omit=dev', '--json'], { cwd: root, encoding: 'utf8', env: { ...process.env, npm_config_loglevel: 'error' } });
let report;
try {
  report = JSON.parse(audit.stdout);
} catch {
  report = undefined;
}
const meta = report?.metadata?.vulnerabilities;
if (!report || report.error || !meta) {
  const reason = report?.message || report?.error?.summary || audit.stderr.trim().split('\n').find((l) => /audit|error/i.test(l)) || 'no JSON answer';
  console.log(`npm audit --omit=dev: NOT CHECKED — the registry's audit endpoint is unavailable (${reason}).`);
  process.exit(strict ? 3 : 0);
}
const high = (meta.high ?? 0) + (meta.critical ?? 0);
console.log(`npm audit --omit=dev: ${meta.critical ?? 0} critical, ${meta.high ?? 0} high, ${meta.moderate ?? 0} moderate, ${meta.low ?? 0} low`);
process.exit(high > 0 ? 1 : 0);
