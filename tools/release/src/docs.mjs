// @ts-check
// Static HTML API reference pages, one per spec, built with Redocly (`build-docs --inlineBundle`,
// so each page carries the Redoc script and works offline: no CDN request).
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parse } from 'yaml';
import { exec } from './exec.mjs';
import { repoRoot } from './workspaces.mjs';

const require = createRequire(import.meta.url);
export const specsDir = path.join(repoRoot, 'specs');
export const docsDir = path.join(repoRoot, 'tools/release/dist/docs');

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/**
 * @typedef {object} SpecInfo
 * @property {string} name file name without `.yaml`, e.g. `geminidb-dr`
 * @property {string} file absolute path
 * @property {string} title `info.title`
 * @property {string} version `info.version`
 * @property {Array<{ operationId: string, method: string, path: string, summary: string, tag: string | undefined }>} operations the first tag is where Redoc lists the operation
 */

/**
 * Every OpenAPI document in specs/ (files with a top-level `openapi:` key; `redocly.yaml` is config).
 * @returns {SpecInfo[]}
 */
export function listSpecs() {
  /** @type {SpecInfo[]} */
  const specs = [];
  for (const file of readdirSync(specsDir).filter((name) => name.endsWith('.yaml')).sort()) {
    const document = parse(readFileSync(path.join(specsDir, file), 'utf8'));
    if (!document || typeof document !== 'object' || !('openapi' in document)) continue;
    const operations = [];
    for (const [route, item] of Object.entries(document.paths ?? {})) {
      for (const method of HTTP_METHODS) {
        const operation = item?.[method];
        if (operation) operations.push({
          operationId: operation.operationId,
          method: method.toUpperCase(),
          path: route,
          summary: operation.summary,
          tag: operation.tags?.[0],
        });
      }
    }
    specs.push({ name: file.replace(/\.yaml$/, ''), file: path.join(specsDir, file), title: document.info?.title ?? file, version: document.info?.version ?? '', operations });
  }
  return specs;
}

/** @param {string} text */
function escapeHtml(text) {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/**
 * Builds `<docsDir>/<spec>.html` for each spec plus an `index.html` linking them.
 * @param {{ outDir?: string }} [options]
 * @returns {Promise<{ outDir: string, pages: Array<{ spec: SpecInfo, file: string, bytes: number, ms: number }>, ms: number }>}
 */
export async function buildDocs({ outDir = docsDir } = {}) {
  const started = performance.now();
  const redoclyManifest = require.resolve('@redocly/cli/package.json');
  const { bin } = JSON.parse(readFileSync(redoclyManifest, 'utf8'));
  const redocly = path.join(path.dirname(redoclyManifest), typeof bin === 'string' ? bin : bin.redocly);
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const specs = listSpecs();
  const pages = await Promise.all(
    specs.map(async (spec) => {
      const file = path.join(outDir, `${spec.name}.html`);
      const result = await exec(
        process.execPath,
        [redocly, 'build-docs', spec.file, '--output', file, '--inlineBundle', '--title', `${spec.title} ${spec.version} — hcdr API reference`],
        { cwd: repoRoot, env: { REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' } },
      );
      if (result.code !== 0) throw new Error(`redocly build-docs ${spec.name} failed:\n${result.stdout}\n${result.stderr}`);
      return { spec, file, bytes: readFileSync(file).length, ms: result.ms };
    }),
  );
  const links = pages
    .map(({ spec }) => `    <li><a href="${spec.name}.html">${escapeHtml(spec.title)}</a> (v${escapeHtml(spec.version)}, ${spec.operations.length} operations)</li>`)
    .join('\n');
  writeFileSync(
    path.join(outDir, 'index.html'),
    `<!doctype html>\n<html lang="en">\n<head><meta charset="utf-8"><title>hcdr API reference</title></head>\n<body>\n  <h1>hcdr API reference</h1>\n  <p>Generated from <code>specs/*.yaml</code> by <code>npm run docs</code>.</p>\n  <ul>\n${links}\n  </ul>\n</body>\n</html>\n`,
  );
  return { outDir, pages, ms: performance.now() - started };
}
