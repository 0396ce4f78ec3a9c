// Temporary git repositories shaped like this monorepo: specs/geminidb-dr.yaml → packages/geminidb.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '../../../..');
export const SPEC = 'specs/geminidb-dr.yaml';
export const PKG = '@hcdr/geminidb';

const created: string[] = [];

export function git(cwd: string, ...args: string[]) {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

function write(root: string, rel: string, text: string) {
  const file = path.join(root, rel);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

/** A repo with the fixture spec, a fake @hcdr/geminidb package and the real changesets config, committed on main. */
export function createRepo({ version = '0.1.0', branch = 'feature' }: { version?: string; branch?: string | null } = {}) {
  const root = mkdtempSync(path.join(tmpdir(), 'hcdr-spec-diff-'));
  created.push(root);
  git(root, 'init', '--quiet', '--initial-branch=main');
  git(root, 'config', 'user.email', 'test@example.invalid');
  git(root, 'config', 'user.name', 'spec-diff test');
  git(root, 'config', 'commit.gpgsign', 'false');
  write(root, '.changeset/config.json', readFileSync(path.join(repoRoot, '.changeset/config.json'), 'utf8'));
  write(root, '.changeset/README.md', '# Changesets\n');
  write(root, SPEC, readFileSync(path.join(here, '../fixtures/mini-geminidb.yaml'), 'utf8'));
  write(root, 'specs/README.md', '# specs\n');
  write(root, 'packages/geminidb/package.json', `${JSON.stringify({ name: PKG, version, type: 'module' }, null, 2)}\n`);
  write(root, 'packages/geminidb/src/index.ts', 'export const version = 1;\n');
  commitAll(root, 'base');
  if (branch) git(root, 'checkout', '--quiet', '-b', branch);
  return root;
}

export function commitAll(root: string, message: string) {
  git(root, 'add', '-A');
  git(root, 'commit', '--quiet', '--allow-empty', '-m', message);
}

/** Edits the spec in the working tree. */
export function editSpec(root: string, mutate: (doc: any) => void) {
  const file = path.join(root, SPEC);
  const doc = parse(readFileSync(file, 'utf8'));
  mutate(doc);
  writeFileSync(file, stringify(doc));
}

export function editFile(root: string, rel: string, text: string) {
  write(root, rel, text);
}

/** Writes `.changeset/<id>.md` like `npx changeset` does. */
export function addChangeset(root: string, id: string, releases: Record<string, 'major' | 'minor' | 'patch'>, summary: string) {
  const front = Object.entries(releases)
    .map(([name, type]) => `"${name}": ${type}`)
    .join('\n');
  write(root, `.changeset/${id}.md`, `---\n${front}${front ? '\n' : ''}---\n\n${summary}\n`);
}

export function removeRepos() {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
}

// Mutations used by several tests.
export const schemas = (d: any) => d.components.schemas;
export const removeResponseField = (d: any) => delete schemas(d).CreateDisasterRecoveryResponse.properties.disaster_recovery_id;
export const makeAliasRequired = (d: any) => schemas(d).ConstructDisasterRecoveryBody.required.push('alias');
export const removeEnumValue = (d: any) => (schemas(d).ConstructDisasterRecoveryBody.properties.instance_role.enum = ['master']);
export const addOptionalField = (d: any) => (schemas(d).ConstructDisasterRecoveryBody.properties.vpc_id = { type: 'string' });
export const tightenPattern = (d: any) => (schemas(d).ConstructDisasterRecoveryBody.properties.alias.pattern = '^[a-z]+$');
