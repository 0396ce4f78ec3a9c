// @ts-check
// The success example a spec documents for an operation: what the consumer test's mock answers.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { specsDir } from './docs.mjs';

/**
 * @param {any} document
 * @param {any} node
 */
function deref(document, node) {
  let current = node;
  for (let depth = 0; current && typeof current === 'object' && typeof current.$ref === 'string' && depth < 10; depth++) {
    /** @type {string[]} */
    const pointer = current.$ref.replace(/^#\//, '').split('/').map((/** @type {string} */ part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
    current = pointer.reduce((/** @type {any} */ value, key) => value?.[key], document);
  }
  return current;
}

/**
 * @param {string} spec e.g. `geminidb-dr`
 * @param {string} operationId
 * @returns {{ method: string, path: string, pattern: RegExp, status: number, body: unknown }}
 */
export function successExample(spec, operationId) {
  const document = parse(readFileSync(path.join(specsDir, `${spec}.yaml`), 'utf8'));
  for (const [route, item] of Object.entries(document.paths ?? {})) {
    for (const [method, operation] of Object.entries(/** @type {Record<string, any>} */ (item))) {
      if (operation?.operationId !== operationId) continue;
      for (const [status, response] of Object.entries(operation.responses ?? {})) {
        if (!/^2\d\d$/.test(status)) continue;
        const media = deref(document, response)?.content?.['application/json'];
        if (!media) continue;
        const named = Object.values(media.examples ?? {})[0];
        const body = media.example ?? deref(document, named)?.value;
        if (body === undefined) continue;
        const pattern = new RegExp(`^${route.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`);
        return { method: method.toUpperCase(), path: route, pattern, status: Number(status), body };
      }
      throw new Error(`${spec} ${operationId} documents no 2xx application/json example`);
    }
  }
  throw new Error(`${spec} has no operation ${operationId}`);
}
