// The tarball checks must catch what they claim to catch: pack a deliberately broken package and
// look at each finding. (pack.test.ts then shows the real packages pass.)
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkDependencies, checkForbiddenFiles, checkReadmeAndLicense, checkSourceMaps, readmeLinkProblems, runPublint } from '../src/checks.mjs';
import { packWorkspace, type PackedPackage } from '../src/pack.mjs';
import type { Workspace } from '../src/workspaces.mjs';

let dir: string;
let packed: PackedPackage;

function write(file: string, text: string) {
  const full = path.join(dir, 'pkg', file);
  mkdirSync(path.dirname(full), { recursive: true });
  writeFileSync(full, text);
}

function workspace(name: string, version: string, isPrivate = false): Workspace {
  return { name, version, dir: '/nowhere', relDir: 'x', private: isPrivate, manifest: { name, version } };
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'hcdr-release-checks-'));
  write(
    'package.json',
    JSON.stringify({
      name: '@fixture/broken',
      version: '1.0.0',
      type: 'module',
      license: 'Apache-2.0',
      exports: { '.': { types: './dist/index.d.ts', default: './dist/index.js' } },
      files: ['dist', 'test-results.json'],
      dependencies: { '@fixture/core': 'workspace:^', '@fixture/old': '^1.0.0', '@fixture/internal': '*', local: 'file:../local' },
    }),
  );
  write('README.md', 'tiny');
  write('LICENSE', 'MIT License, not the Apache text');
  write('dist/index.js', 'export const x = 1;\n//# sourceMappingURL=index.js.map\n');
  write('dist/index.js.map', JSON.stringify({ version: 3, file: 'index.js', sources: ['../src/index.ts'], mappings: '' }));
  write('dist/other.js', 'export {};\n//# sourceMappingURL=missing.js.map\n');
  write('dist/outside.js.map', JSON.stringify({ version: 3, file: 'outside.js', sources: ['../../../elsewhere/a.ts'], mappings: '' }));
  write('dist/index.test.js', 'export {};\n');
  write('dist/tsconfig.tsbuildinfo', '{}');
  write('test-results.json', '{}');
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function fixtureWorkspace(): Workspace {
  return { ...workspace('@fixture/broken', '1.0.0'), dir: path.join(dir, 'pkg') };
}

describe('tarball checks on a broken fixture', () => {
  beforeAll(async () => {
    packed = await packWorkspace(fixtureWorkspace(), dir);
  }, 30_000);

  it('reads the tarball npm wrote', () => {
    const paths = packed.entries.map((entry) => entry.path).sort();
    expect(paths).toContain('package.json');
    expect(paths).toContain('dist/index.js');
    expect(packed.size).toBeGreaterThan(0);
    expect(packed.manifest.name).toBe('@fixture/broken');
  });

  it('flags test files, reports and tsc state', () => {
    const result = checkForbiddenFiles(packed.entries);
    expect(result.ok).toBe(false);
    expect(result.problems.join('\n')).toMatch(/dist\/index\.test\.js.*test file/);
    expect(result.problems.join('\n')).toMatch(/test-results\.json.*vitest report/);
    expect(result.problems.join('\n')).toMatch(/tsconfig\.tsbuildinfo/);
  });

  it('flags a stub README and a LICENSE that is not the declared licence', () => {
    const result = checkReadmeAndLicense(packed.entries, packed.manifest);
    expect(result.problems).toEqual([
      'README.md is only 4 bytes',
      'LICENSE is not the Apache-2.0 text although package.json says "Apache-2.0"',
    ]);
  });

  it('flags README links that only work inside the repository', () => {
    const problems = readmeLinkProblems(
      [
        'See [core](../core), [spec](../../specs/x.yaml "the spec"), ![logo](./logo.png) and <a href="docs/a.md">a</a>.',
        '[ref]: ./ref.md',
        'Fine: [npm](https://www.npmjs.com/package/@hcdr/core), [below](#options), [mail](mailto:a@b.c).',
      ].join('\n'),
    );
    expect(problems).toEqual([
      'link "../core" is relative to the repository and breaks on npm; use an absolute URL',
      'link "../../specs/x.yaml" is relative to the repository and breaks on npm; use an absolute URL',
      'link "./logo.png" is relative to the repository and breaks on npm; use an absolute URL',
      'link "./ref.md" is relative to the repository and breaks on npm; use an absolute URL',
      'link "docs/a.md" is relative to the repository and breaks on npm; use an absolute URL',
    ]);
  });

  it('every published package README has links that work on npm', () => {
    const root = path.resolve(import.meta.dirname, '../../..');
    const dirs = ['packages', 'apps'].flatMap((group) => readdirSync(path.join(root, group)).map((name) => path.join(root, group, name)));
    let checked = 0;
    for (const dir of dirs) {
      let manifest: { private?: boolean };
      try {
        manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
      } catch {
        continue;
      }
      if (manifest.private) continue;
      checked++;
      expect(readmeLinkProblems(readFileSync(path.join(dir, 'README.md'), 'utf8')), dir).toEqual([]);
    }
    expect(checked).toBeGreaterThanOrEqual(5);
  });

  it('flags source maps whose sources are not shipped or lie outside the package', () => {
    const result = checkSourceMaps(packed.entries);
    expect(result.ok).toBe(false);
    const text = result.problems.join('\n');
    expect(text).toContain('dist/index.js.map: source ../src/index.ts → src/index.ts is not in the tarball');
    expect(text).toContain('dist/outside.js.map: source ../../../elsewhere/a.ts resolves to ../../elsewhere/a.ts, outside the package');
    expect(text).toContain('dist/outside.js.map: "file" outside.js → dist/outside.js is not in the tarball');
    expect(text).toContain('dist/other.js: sourceMappingURL missing.js.map is not in the tarball');
  });

  it('flags local specifiers, stale sibling ranges and private siblings', () => {
    const siblings = [workspace('@fixture/core', '1.0.0'), workspace('@fixture/old', '2.0.0'), workspace('@fixture/internal', '0.0.0', true)];
    const result = checkDependencies(packed.manifest, siblings);
    expect(result.problems).toEqual([
      'dependencies.@fixture/core is "workspace:^": local specifiers break installs from the registry',
      'dependencies.@fixture/old is "^1.0.0" but the workspace is at 2.0.0',
      'dependencies.@fixture/internal: depends on a private workspace that is never published',
      'dependencies.local is "file:../local": local specifiers break installs from the registry',
    ]);
  });

  it('runs publint on the tarball (the types file in exports is missing)', async () => {
    const result = await runPublint(packed.tarball);
    expect(result.ok).toBe(false);
    expect(result.problems.join('\n')).toMatch(/FILE_DOES_NOT_EXIST/);
  });
});

describe('readmeLinkProblems', () => {
  it('flags repository-relative links and accepts URLs, anchors and links inside code', () => {
    const readme = [
      'See [core](../core/README.md) and [spec](specs/x.yaml "the spec").',
      'Fine: [npm](https://www.npmjs.com/package/@hcdr/core), [below](#install), [mail](mailto:a@b.c).',
      '`[not a link](../x)` and',
      '```md',
      '[also code](../y)',
      '```',
      '[ref]: ./docs/guide.md',
    ].join('\n');
    expect(readmeLinkProblems(readme)).toEqual([
      expect.stringContaining('"../core/README.md"'),
      expect.stringContaining('"specs/x.yaml"'),
      expect.stringContaining('"./docs/guide.md"'),
    ]);
  });
});
