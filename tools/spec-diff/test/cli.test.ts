import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli.mjs';
import { addChangeset, addOptionalField, commitAll, createRepo, editSpec, git, PKG, removeRepos, removeResponseField, tightenPattern } from './helpers/repo.js';

afterAll(removeRepos);

const bin = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../bin/hcdr-spec-diff.mjs');

/** Runs the CLI in-process and captures its output. */
function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = main(argv, { io: { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) } });
  return { code, stdout, stderr };
}

describe('usage errors exit 2', () => {
  it.each([
    [[]],
    [['frobnicate']],
    [['diff', '--no-such-flag']],
    [['diff', 'extra-positional']],
    [['diff', '--fail-on', 'sometimes']],
    [['diff', '--spec', 'nope']],
    [['gate', '--fail-on', 'never']],
    [['gate', '--base']],
  ])('%j', (argv) => {
    const r = run(...argv);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/usage: hcdr-spec-diff|--fail-on|unknown spec|--base/);
  });

  it('--help prints usage and exits 0', () => {
    const r = run('--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/hcdr-spec-diff gate/);
  });
});

describe('diff', () => {
  it('reports a breaking change per spec, with severity, location and what changed, and exits 1', () => {
    const repo = createRepo();
    editSpec(repo, removeResponseField);
    editSpec(repo, addOptionalField);
    const r = run('diff', '--root', repo);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`specs/geminidb-dr.yaml (${PKG}): compared with merge base with main`);
    expect(r.stdout).toMatch(
      /^ {2}BREAKING +POST \/v3\/\{project_id\}\/instances\/\{instance_id\}\/disaster-recovery\/construction response 202 body: field "disaster_recovery_id": field removed$/m,
    );
    expect(r.stdout).toMatch(/^ {2}non-breaking +POST .*construction request body: field "vpc_id": new optional field$/m);
    expect(r.stdout).toMatch(/1 breaking, 0 potentially breaking, 1 non-breaking/);
    // the dws spec is not in this repo: reported, not an error
    expect(r.stdout).toMatch(/specs\/dws-dr\.yaml: not present here nor at the base/);
  });

  it('--fail-on never only reports; --fail-on potentially-breaking trips on tightened rules', () => {
    const repo = createRepo();
    editSpec(repo, tightenPattern);
    expect(run('diff', '--root', repo).code).toBe(0);
    expect(run('diff', '--root', repo, '--fail-on', 'potentially-breaking').code).toBe(1);
    editSpec(repo, removeResponseField);
    expect(run('diff', '--root', repo, '--fail-on', 'never').code).toBe(0);
  });

  it('--json gives the changes with severity, kind and location', () => {
    const repo = createRepo();
    editSpec(repo, removeResponseField);
    const r = run('diff', '--root', repo, '--json', '--spec', 'geminidb-dr');
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout);
    expect(json).toMatchObject({ command: 'diff', ok: false, failOn: 'breaking' });
    expect(json.specs).toHaveLength(1);
    expect(json.specs[0]).toMatchObject({
      spec: 'specs/geminidb-dr.yaml',
      package: PKG,
      status: 'changed',
      base: { ok: true, source: 'merge-base', ref: 'main' },
      counts: { breaking: 1, 'potentially-breaking': 0, 'non-breaking': 0 },
    });
    expect(json.specs[0].changes[0]).toMatchObject({
      severity: 'breaking',
      kind: 'response-property-removed',
      location: 'POST /v3/{project_id}/instances/{instance_id}/disaster-recovery/construction response 202 body: field "disaster_recovery_id"',
      operation: 'POST /v3/{project_id}/instances/{instance_id}/disaster-recovery/construction',
    });
  });

  it('a spec that did not exist at the base is "new" (non-breaking, still needs a changeset)', () => {
    const repo = createRepo({ branch: null });
    const original = git(repo, 'show', 'HEAD:specs/geminidb-dr.yaml');
    git(repo, 'rm', '--quiet', 'specs/geminidb-dr.yaml');
    commitAll(repo, 'no spec on main');
    git(repo, 'checkout', '--quiet', '-b', 'add-spec');
    writeFileSync(path.join(repo, 'specs/geminidb-dr.yaml'), original);
    const r = run('diff', '--root', repo, '--spec', 'geminidb-dr');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/non-breaking +specs\/geminidb-dr\.yaml: new spec \(not present at merge base with main/);
    expect(run('gate', '--root', repo).code).toBe(1);
    addChangeset(repo, 'spec', { [PKG]: 'minor' }, 'Add the GeminiDB DR spec.');
    expect(run('gate', '--root', repo).code).toBe(0);
  });
});

describe('gate CLI', () => {
  it('exits 0 with a matching changeset and 1 without, printing how to add one', () => {
    const repo = createRepo();
    editSpec(repo, addOptionalField);
    const failed = run('gate', '--root', repo);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/FAIL @hcdr\/geminidb@0\.1\.0: 1 changed file\(s\) since merge base with main/);
    expect(failed.stderr).toMatch(/run `npx changeset`, select @hcdr\/geminidb/);
    addChangeset(repo, 'vpc', { [PKG]: 'minor' }, 'Add vpc_id.');
    const passed = run('gate', '--root', repo);
    expect(passed.code).toBe(0);
    expect(passed.stdout).toMatch(/check:changesets passed\./);
  });

  it('--json', () => {
    const repo = createRepo();
    editSpec(repo, removeResponseField);
    addChangeset(repo, 'x', { [PKG]: 'minor' }, 'Remove a field.');
    const r = run('gate', '--root', repo, '--json');
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout);
    expect(json.ok).toBe(false);
    const pkg = json.packages.find((p: any) => p.name === PKG);
    expect(pkg).toMatchObject({ status: 'fail', bump: 'minor', changedFiles: ['specs/geminidb-dr.yaml'] });
    expect(pkg.specs[0].counts.breaking).toBe(1);
  });
});

describe('without history', () => {
  it('a shallow clone with no tag and no main fails closed, and --allow-missing-base skips with a warning', () => {
    const repo = createRepo();
    editSpec(repo, removeResponseField);
    commitAll(repo, 'breaking change on the branch');
    const clone = path.join(mkdtempSync(path.join(tmpdir(), 'hcdr-shallow-')), 'clone');
    git(tmpdir(), 'clone', '--quiet', '--depth', '1', '--branch', 'feature', `file://${repo}`, clone);
    expect(git(clone, 'rev-parse', '--is-shallow-repository').trim()).toBe('true');

    const gate = run('gate', '--root', clone);
    expect(gate.code).toBe(1);
    expect(gate.stderr).toMatch(/cannot find a base to compare @hcdr\/geminidb with: no release tag of @hcdr\/geminidb and no merge base with main in this shallow clone/);
    expect(gate.stderr).toMatch(/fetch-depth: 0/);
    const allowed = run('gate', '--root', clone, '--allow-missing-base');
    expect(allowed.code).toBe(0);
    expect(allowed.stdout).toMatch(/not checked \(--allow-missing-base\)/);

    const diff = run('diff', '--root', clone);
    expect(diff.code).toBe(1);
    expect(diff.stdout).toMatch(/specs\/geminidb-dr\.yaml \(@hcdr\/geminidb\): NOT COMPARED/);
    expect(diff.stderr).toMatch(/could not be compared: no base/);
    expect(run('diff', '--root', clone, '--allow-missing-base').code).toBe(0);

    // the same clone with an explicit, fetched base works
    git(clone, 'fetch', '--quiet', '--depth', '2', 'origin', 'feature');
    const withBase = run('gate', '--root', clone, '--base', 'HEAD~1');
    expect(withBase.code).toBe(1);
    expect(withBase.stderr).toMatch(/no changeset names @hcdr\/geminidb/);
    rmSync(path.dirname(clone), { recursive: true, force: true });
  });

  it('a directory that is not a git checkout fails closed', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'hcdr-nogit-'));
    mkdirSync(path.join(dir, 'packages/geminidb'), { recursive: true });
    writeFileSync(path.join(dir, 'packages/geminidb/package.json'), JSON.stringify({ name: PKG, version: '0.1.0' }));
    const gate = run('gate', '--root', dir);
    expect(gate.code).toBe(1);
    expect(gate.stderr).toMatch(/this directory is not a git checkout/);
    expect(run('gate', '--root', dir, '--allow-missing-base').code).toBe(0);
    expect(run('diff', '--root', dir).code).toBe(1);
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('bin', () => {
  it('runs as a program with the documented exit codes', () => {
    const repo = createRepo();
    const ok = spawnSync(process.execPath, [bin, 'gate', '--root', repo], { encoding: 'utf8' });
    expect(ok.status, ok.stderr).toBe(0);
    editSpec(repo, removeResponseField);
    const failed = spawnSync(process.execPath, [bin, 'diff', '--root', repo], { encoding: 'utf8' });
    expect(failed.status).toBe(1);
    expect(failed.stdout).toMatch(/BREAKING/);
    const usage = spawnSync(process.execPath, [bin, 'nope'], { encoding: 'utf8' });
    expect(usage.status).toBe(2);
  });
});
