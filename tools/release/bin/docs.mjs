#!/usr/bin/env node
// @ts-check
// npm run docs — build the static API reference pages and print where they are.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildDocs } from '../src/docs.mjs';
import { kB } from '../src/format.mjs';
import { repoRoot } from '../src/workspaces.mjs';

const { outDir, pages, ms } = await buildDocs();
for (const { spec, file, bytes } of pages) {
  console.log(`${spec.title} v${spec.version}: ${spec.operations.length} operations, ${kB(bytes)} → ${path.relative(repoRoot, file)}`);
}
console.log(`API reference built in ${(ms / 1000).toFixed(1)} s: ${pathToFileURL(path.join(outDir, 'index.html'))}`);
