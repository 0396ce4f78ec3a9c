// @ts-check
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { repoRoot } from './registry.mjs';

/**
 * @typedef {Record<string, any>} OpenApiDocument
 * @typedef {{ file: string; relPath: string; text: string; sha256: string; doc: OpenApiDocument }} LoadedSpec
 */

/**
 * Reads a spec once: its text (hashed into generated headers) and the parsed document.
 * @param {string} relPath path relative to the repository root (or absolute)
 * @returns {LoadedSpec}
 */
export function loadSpec(relPath) {
  const file = path.resolve(repoRoot, relPath);
  const text = readFileSync(file, 'utf8');
  return { file, relPath, text, sha256: sha256(text), doc: parse(text) };
}

/** @param {string} text */
export function sha256(text) {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export const HTTP_METHODS = /** @type {const} */ (['get', 'put', 'post', 'delete', 'patch', 'head', 'options']);

/**
 * Follows a local `#/...` reference; the specs are single files so nothing else is needed.
 * @param {OpenApiDocument} doc
 * @param {any} node
 * @returns {any}
 */
export function deref(doc, node) {
  let current = node;
  for (let hops = 0; current && typeof current === 'object' && typeof current.$ref === 'string'; hops++) {
    if (hops > 32) throw new Error(`reference cycle at ${node.$ref}`);
    current = resolvePointer(doc, current.$ref);
  }
  return current;
}

/**
 * @param {OpenApiDocument} doc
 * @param {string} ref
 */
export function resolvePointer(doc, ref) {
  if (!ref.startsWith('#/')) throw new Error(`only local references are supported: ${ref}`);
  /** @type {any} */
  let node = doc;
  for (const raw of ref.slice(2).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    node = node?.[key];
    if (node === undefined) throw new Error(`unresolved reference ${ref}`);
  }
  return node;
}

/**
 * Every operation in document order.
 * @param {OpenApiDocument} doc
 */
export function listOperations(doc) {
  /** @type {{ operationId: string; method: string; path: string; operation: any; pathItem: any }[]} */
  const out = [];
  for (const [p, item] of Object.entries(doc.paths ?? {})) {
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (!operation) continue;
      if (typeof operation.operationId !== 'string') throw new Error(`${method.toUpperCase()} ${p} has no operationId`);
      out.push({ operationId: operation.operationId, method, path: p, operation, pathItem: item });
    }
  }
  return out;
}
