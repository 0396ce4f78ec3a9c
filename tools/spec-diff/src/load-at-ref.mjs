// @ts-check
// Reads a spec as it is in the working tree or as it was at a commit.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { readAtCommit } from './git.mjs';

/**
 * @typedef {Record<string, any>} OpenApiDocument
 * @typedef {{ text: string; doc: OpenApiDocument }} LoadedDocument
 */

/**
 * @param {string} cwd repository root
 * @param {string | null} commit null = the working tree
 * @param {string} relPath posix path relative to the repository root
 * @returns {LoadedDocument | null} null when the file does not exist there
 */
export function loadSpecAt(cwd, commit, relPath) {
  let text;
  if (commit === null) {
    const file = path.join(cwd, relPath);
    if (!existsSync(file)) return null;
    text = readFileSync(file, 'utf8');
  } else {
    text = readAtCommit(cwd, commit, relPath);
    if (text === null) return null;
  }
  return { text, doc: parseSpec(text, commit === null ? relPath : `${relPath} at ${commit.slice(0, 9)}`) };
}

/**
 * @param {string} text
 * @param {string} label for error messages
 * @returns {OpenApiDocument}
 */
export function parseSpec(text, label) {
  let doc;
  try {
    doc = parse(text);
  } catch (error) {
    throw new Error(`${label} is not valid YAML/JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) throw new Error(`${label} is not an OpenAPI document (not an object)`);
  return doc;
}
