// @hcdr/core must name no service: a new API is a new client package with a service descriptor, never
// an edit to core. This reads every source file of core and looks for the services' names, their
// endpoint hosts and their error-code prefixes (taken from each client package's descriptor, plus the
// product names of the services this repository ships).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const packagesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const coreSrc = path.join(packagesDir, 'core/src');

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(path.join(dir, entry.name)) : [path.join(dir, entry.name)],
  );
}

/** Names, endpoint-override keys and hosts from every client package's hand-written service descriptor. */
function descriptorWords(): string[] {
  const words: string[] = [];
  for (const pkg of readdirSync(packagesDir)) {
    let text: string;
    try {
      text = readFileSync(path.join(packagesDir, pkg, 'src/service.ts'), 'utf8');
    } catch {
      continue;
    }
    for (const m of text.matchAll(/\b(?:name|endpointEnvKey):\s*'([^']+)'/g)) words.push(m[1] as string);
  }
  const endpointFiles = readdirSync(packagesDir).flatMap((pkg) => {
    try {
      return [readFileSync(path.join(packagesDir, pkg, 'src/endpoints.ts'), 'utf8')];
    } catch {
      return [];
    }
  });
  for (const text of endpointFiles) for (const m of text.matchAll(/https:\/\/([a-z-]+)\./g)) words.push(m[1] as string);
  return [...new Set(words)];
}

describe('@hcdr/core is service-agnostic', () => {
  const words = [...descriptorWords(), 'geminidb', 'gemini', 'gaussdb', 'nosql', 'dws', 'redis', 'DBS.', 'DWS.'];

  it('finds the client packages’ descriptors (so the check below is not vacuous)', () => {
    expect(words).toEqual(expect.arrayContaining(['geminidb', 'GAUSSDBFORNOSQL', 'gaussdb-nosql', 'dws', 'DWS', 'vpc', 'VPC']));
  });

  it('no source file of packages/core/src names a service, its endpoint host or its error codes', () => {
    const hits: string[] = [];
    const files = filesUnder(coreSrc);
    expect(files.length).toBeGreaterThan(20);
    for (const file of files) {
      const lines = readFileSync(file, 'utf8').split('\n');
      lines.forEach((line, i) => {
        for (const word of words) {
          const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
          if (new RegExp(`(^|[^A-Za-z])${escaped}`, 'i').test(line)) hits.push(`${path.relative(packagesDir, file)}:${i + 1}: ${word}: ${line.trim()}`);
        }
      });
    }
    expect(hits).toEqual([]);
  });
});
