// `npm run version` (bin/version.mjs) on a throwaway monorepo with this repo's .changeset/config.json:
// versions, changelogs, internal ranges AND package-lock.json move together. Also pins down why the
// second step exists: `changeset version` alone leaves the lockfile behind.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { envOutsideRepo, exec, npmCommand } from '../src/exec.mjs';
import { lockfileProblems } from '../src/lockfile.mjs';
import { repoRoot } from '../src/workspaces.mjs';

const require = createRequire(import.meta.url);
const versionScript = fileURLToPath(new URL('../bin/version.mjs', import.meta.url));
const changesetBin = path.join(path.dirname(require.resolve('@changesets/cli/package.json')), 'bin.js');
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function readJson(root: string, file: string) {
  return JSON.parse(readFileSync(path.join(root, file), 'utf8'));
}

/** Root + @fx/a + @fx/b (depends on a ^0.1.0) + a private tool, a changeset "a: minor", and a lockfile. */
async function fixture() {
  const root = mkdtempSync(path.join(tmpdir(), 'hcdr-version-'));
  dirs.push(root);
  const files: Record<string, unknown> = {
    'package.json': { name: 'fx-root', private: true, workspaces: ['packages/*', 'tools/*'] },
    'packages/a/package.json': { name: '@fx/a', version: '0.1.0', license: 'Apache-2.0' },
    'packages/b/package.json': { name: '@fx/b', version: '0.1.0', license: 'Apache-2.0', dependencies: { '@fx/a': '^0.1.0' } },
    'tools/t/package.json': { name: '@fx/tool', version: '0.0.0', private: true, devDependencies: { '@fx/a': '*' } },
  };
  // The repo's real changesets config; only the changelog module is made absolute (it is resolved
  // relative to .changeset/, and the fixture has no node_modules).
  const config = readJson(repoRoot, '.changeset/config.json');
  config.changelog = require.resolve('@changesets/cli/changelog');
  files['.changeset/config.json'] = config;
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), `${JSON.stringify(content, null, 2)}\n`);
  }
  writeFileSync(path.join(root, '.changeset/brave-cats-dance.md'), '---\n"@fx/a": minor\n---\n\nAdd a thing.\n');
  const env = { ...envOutsideRepo(), npm_config_offline: 'true' };
  await exec(npmCommand, ['install', '--package-lock-only', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: root, baseEnv: env, check: true });
  expect(lockfileProblems({ root })).toEqual([]);
  return { root, env };
}

describe('npm run version', () => {
  it('`changeset version` alone bumps package.json files but leaves package-lock.json stale', async () => {
    const { root, env } = await fixture();
    await exec(process.execPath, [changesetBin, 'version'], { cwd: root, baseEnv: env, check: true });
    expect(readJson(root, 'packages/a/package.json').version).toBe('0.2.0');
    expect(lockfileProblems({ root })).toEqual(
      expect.arrayContaining(['@fx/a: package.json is 0.2.0, package-lock.json says 0.1.0']),
    );
  }, 30_000);

  it('bin/version.mjs updates versions, changelogs, internal ranges and the lockfile in one step', async () => {
    const { root, env } = await fixture();
    const result = await exec(process.execPath, [versionScript], { cwd: root, baseEnv: env });
    expect(result.code, result.stdout + result.stderr).toBe(0);

    // Independent versions: a minor for a; b gets a patch because its range on a had to move
    // (0.2.0 is outside ^0.1.0); the private tool is neither versioned nor given a changelog.
    expect(readJson(root, 'packages/a/package.json').version).toBe('0.2.0');
    expect(readJson(root, 'packages/b/package.json')).toMatchObject({ version: '0.1.1', dependencies: { '@fx/a': '^0.2.0' } });
    expect(readJson(root, 'tools/t/package.json')).toMatchObject({ version: '0.0.0', devDependencies: { '@fx/a': '*' } });
    expect(readFileSync(path.join(root, 'packages/a/CHANGELOG.md'), 'utf8')).toMatch(/## 0\.2\.0[\s\S]*Add a thing\./);
    expect(readFileSync(path.join(root, 'packages/b/CHANGELOG.md'), 'utf8')).toMatch(/## 0\.1\.1[\s\S]*@fx\/a@0\.2\.0/);

    const lock = readJson(root, 'package-lock.json');
    expect(lock.packages['packages/a'].version).toBe('0.2.0');
    expect(lock.packages['packages/b']).toMatchObject({ version: '0.1.1', dependencies: { '@fx/a': '^0.2.0' } });
    expect(lockfileProblems({ root })).toEqual([]);
  }, 30_000);
});
