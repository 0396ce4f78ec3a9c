// @ts-check
// Checks on one packed tarball: what files it ships, whether its source maps resolve inside it,
// whether its manifest has local-only dependency specifiers, and what attw and publint say.
import path from 'node:path/posix';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import semver from 'semver';
import { exec } from './exec.mjs';

const require = createRequire(import.meta.url);

/**
 * @typedef {import('./tar.mjs').TarEntry} TarEntry
 * @typedef {import('./workspaces.mjs').Workspace} Workspace
 *
 * @typedef {object} CheckResult
 * @property {string} name short name, shown in the table
 * @property {boolean} ok
 * @property {string[]} problems one line each; empty when ok
 * @property {string[]} [notes] informational lines (e.g. ignored attw resolutions)
 */

/** Files that must never ship. Each pattern is tested against the path inside the tarball. */
export const FORBIDDEN_FILES = [
  { pattern: /(^|\/)(test|tests|__tests__|__mocks__|fixtures)\//, why: 'test folder' },
  { pattern: /\.(test|spec)\.[cm]?[jt]sx?$/, why: 'test file' },
  { pattern: /\.test-d\.[cm]?ts$/, why: 'type test file' },
  { pattern: /(^|\/)test-results\.json$/, why: 'vitest report' },
  { pattern: /\.tsbuildinfo$/, why: 'tsc incremental state' },
  { pattern: /(^|\/)tsconfig(\.[\w-]+)?\.json$/, why: 'build config' },
  { pattern: /(^|\/)vitest\.config\.[cm]?[jt]s$/, why: 'test config' },
  { pattern: /(^|\/)turbo\.json$/, why: 'build config' },
  { pattern: /(^|\/)\.turbo\//, why: 'turbo cache/logs' },
  { pattern: /(^|\/)node_modules\//, why: 'node_modules' },
  { pattern: /(^|\/)coverage\//, why: 'coverage report' },
  { pattern: /(^|\/)\.env(\..*)?$/, why: 'environment file' },
  { pattern: /\.tgz$/, why: 'nested tarball' },
];

/**
 * No test files, reports, build state or config in the tarball.
 * @param {TarEntry[]} entries
 * @returns {CheckResult}
 */
export function checkForbiddenFiles(entries) {
  const problems = [];
  for (const entry of entries) {
    const hit = FORBIDDEN_FILES.find(({ pattern }) => pattern.test(entry.path));
    if (hit) problems.push(`${entry.path} must not be published (${hit.why})`);
  }
  return { name: 'files', ok: problems.length === 0, problems };
}

/**
 * Links that do not work where a published README is read (npmjs.com, an editor's package view):
 * a repo-relative link (`../core`, `./docs/x.md`) points into a repository the reader does not have.
 * Absolute URLs, `mailto:` and in-page anchors (`#options`) work everywhere; links inside code are text.
 * @param {string} markdown
 * @returns {string[]}
 */
export function readmeLinkProblems(markdown) {
  /** @type {string[]} */
  const problems = [];
  // Code spans and fenced blocks are text, not links.
  markdown = markdown.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '');
  // Inline links and images `[text](target)`, reference definitions `[id]: target`, HTML href/src.
  const targets = [
    ...[...markdown.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1]),
    ...[...markdown.matchAll(/^\s*\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/gm)].map((m) => m[1]),
    ...[...markdown.matchAll(/\b(?:href|src)="([^"]+)"/g)].map((m) => m[1]),
  ];
  for (const target of targets) {
    if (target === undefined || target.startsWith('#') || /^[a-z][a-z0-9+.-]*:/i.test(target)) continue;
    problems.push(`link "${target}" is relative to the repository and breaks on npm; use an absolute URL`);
  }
  return problems;
}

/**
 * README and LICENSE at the package root (npm shows the README; Apache-2.0 §4(a) wants the licence
 * text to travel with every copy).
 * @param {TarEntry[]} entries
 * @param {Record<string, any>} manifest the package.json inside the tarball
 * @returns {CheckResult}
 */
export function checkReadmeAndLicense(entries, manifest) {
  const problems = [];
  const root = entries.filter((entry) => !entry.path.includes('/'));
  const readme = root.find((entry) => /^readme(\.md|\.markdown|\.txt)?$/i.test(entry.path));
  if (!readme) problems.push('README.md is missing');
  else if (readme.size < 100) problems.push(`${readme.path} is only ${readme.size} bytes`);
  else problems.push(...readmeLinkProblems(readme.data.toString('utf8')).map((p) => `${readme.path}: ${p}`));
  const license = root.find((entry) => /^licen[cs]e(\.md|\.txt)?$/i.test(entry.path));
  if (!license) problems.push('LICENSE is missing (npm only adds a LICENSE that sits in the package folder)');
  if (!manifest.license) problems.push('package.json has no "license"');
  else if (license && manifest.license === 'Apache-2.0' && !license.data.toString('utf8').includes('Apache License')) {
    problems.push(`${license.path} is not the Apache-2.0 text although package.json says "Apache-2.0"`);
  }
  return { name: 'readme+license', ok: problems.length === 0, problems };
}

/**
 * Every `.map` must point at sources that are inside the tarball (we ship `src/` so stack traces and
 * "go to definition" land on TypeScript); every `sourceMappingURL` comment must point at a shipped map.
 * @param {TarEntry[]} entries
 * @returns {CheckResult & { mapCount: number, sourceCount: number }}
 */
export function checkSourceMaps(entries) {
  const files = new Set(entries.map((entry) => entry.path));
  const problems = [];
  let mapCount = 0;
  const sources = new Set();
  for (const entry of entries) {
    if (entry.path.endsWith('.map')) {
      mapCount++;
      /** @type {{ sources?: string[], sourceRoot?: string, file?: string, sourcesContent?: unknown[] }} */
      let map;
      try {
        map = JSON.parse(entry.data.toString('utf8'));
      } catch {
        problems.push(`${entry.path}: not valid JSON`);
        continue;
      }
      const base = path.dirname(entry.path);
      if (map.file) {
        const generated = path.normalize(path.join(base, map.file));
        if (!files.has(generated)) problems.push(`${entry.path}: "file" ${map.file} → ${generated} is not in the tarball`);
      }
      for (const [index, source] of (map.sources ?? []).entries()) {
        if (/^[a-z][a-z0-9+.-]*:/i.test(source)) {
          problems.push(`${entry.path}: source ${source} is a URL, not a relative path`);
          continue;
        }
        const resolved = path.normalize(path.join(base, map.sourceRoot ?? '', source));
        if (resolved.startsWith('../') || path.isAbsolute(resolved)) {
          problems.push(`${entry.path}: source ${source} resolves to ${resolved}, outside the package`);
        } else if (!files.has(resolved) && map.sourcesContent?.[index] == null) {
          problems.push(`${entry.path}: source ${source} → ${resolved} is not in the tarball`);
        } else {
          sources.add(resolved);
        }
      }
    } else if (/\.(c|m)?js$|\.d\.(c|m)?ts$/.test(entry.path)) {
      const text = entry.data.toString('utf8');
      const match = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(text);
      if (match?.[1] && !match[1].startsWith('data:')) {
        const mapPath = path.normalize(path.join(path.dirname(entry.path), match[1]));
        if (!files.has(mapPath)) problems.push(`${entry.path}: sourceMappingURL ${match[1]} is not in the tarball`);
      }
    }
  }
  return { name: 'sourcemaps', ok: problems.length === 0, problems, mapCount, sourceCount: sources.size };
}

const DEPENDENCY_FIELDS = /** @type {const} */ (['dependencies', 'peerDependencies', 'optionalDependencies']);
const LOCAL_SPECIFIER = /^(workspace|file|link|portal|catalog):/;

/**
 * No `workspace:`/`file:`/`link:` specifiers (npm publishes them verbatim and installs then fail);
 * a dependency on a sibling workspace must accept the sibling's current version and name a public
 * package, or users would get an older release or a 404.
 * @param {Record<string, any>} manifest the package.json inside the tarball
 * @param {Workspace[]} workspaces
 * @returns {CheckResult}
 */
export function checkDependencies(manifest, workspaces) {
  const problems = [];
  const byName = new Map(workspaces.map((workspace) => [workspace.name, workspace]));
  for (const field of [...DEPENDENCY_FIELDS, 'devDependencies']) {
    for (const [name, spec] of Object.entries(manifest[field] ?? {})) {
      if (typeof spec !== 'string') continue;
      if (LOCAL_SPECIFIER.test(spec)) {
        problems.push(`${field}.${name} is "${spec}": local specifiers break installs from the registry`);
        continue;
      }
      if (field === 'devDependencies') continue; // never installed by users
      const sibling = byName.get(name);
      if (!sibling) continue;
      if (sibling.private) problems.push(`${field}.${name}: depends on a private workspace that is never published`);
      else if (!semver.satisfies(sibling.version, spec)) {
        problems.push(`${field}.${name} is "${spec}" but the workspace is at ${sibling.version}`);
      }
    }
  }
  return { name: 'deps', ok: problems.length === 0, problems };
}

/** attw resolution modes the `esm-only` profile leaves out (see README: "Why esm-only"). */
export const ESM_ONLY_IGNORED = ['node10', 'node16-cjs'];

/**
 * `attw <tarball> --profile esm-only`: types resolve under node16-from-ESM and bundler resolution.
 * @param {string} tarballPath
 * @returns {Promise<CheckResult>}
 */
export async function runAttw(tarballPath) {
  const manifestPath = require.resolve('@arethetypeswrong/cli/package.json');
  const bin = path.join(path.dirname(manifestPath), JSON.parse(readFileSync(manifestPath, 'utf8')).bin.attw);
  const result = await exec(process.execPath, [bin, tarballPath, '--profile', 'esm-only', '--format', 'json'], {
    env: { NO_COLOR: '1', FORCE_COLOR: '0' },
  });
  /** @type {{ problems?: Record<string, Array<{ kind: string, entrypoint?: string, resolutionKind?: string }>> }} */
  let report;
  try {
    report = JSON.parse(result.stdout);
  } catch {
    return { name: 'attw', ok: false, problems: [`attw did not print JSON (exit ${result.code}): ${result.stderr.slice(0, 500)}`] };
  }
  const problems = [];
  const notes = [];
  for (const list of Object.values(report.problems ?? {})) {
    for (const problem of list) {
      const where = `${problem.kind} at "${problem.entrypoint ?? '?'}"${problem.resolutionKind ? ` (${problem.resolutionKind})` : ''}`;
      if (problem.resolutionKind && ESM_ONLY_IGNORED.includes(problem.resolutionKind)) notes.push(`ignored by esm-only: ${where}`);
      else problems.push(where);
    }
  }
  if (result.code !== 0 && problems.length === 0) problems.push(`attw exited ${result.code}`);
  return { name: 'attw', ok: problems.length === 0, problems, notes };
}

/**
 * publint on the tarball itself (strict: warnings count as errors; suggestions are shown as notes).
 * @param {Uint8Array} tarball
 * @returns {Promise<CheckResult>}
 */
export async function runPublint(tarball) {
  const { publint } = await import('publint');
  const { formatMessage } = await import('publint/utils');
  const data = tarball.buffer.slice(tarball.byteOffset, tarball.byteOffset + tarball.byteLength);
  const { messages, pkg } = await publint({ pack: { tarball: /** @type {ArrayBuffer} */ (data) }, level: 'suggestion', strict: true });
  const problems = [];
  const notes = [];
  for (const message of messages) {
    const text = `${message.code}: ${formatMessage(message, pkg, { color: false }) ?? ''}`;
    if (message.type === 'suggestion') notes.push(text);
    else problems.push(text);
  }
  return { name: 'publint', ok: problems.length === 0, problems, notes };
}
