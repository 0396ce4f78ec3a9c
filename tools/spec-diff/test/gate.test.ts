import { afterAll, describe, expect, it } from 'vitest';
import { specs as registry } from '../../spec-tools/src/registry.mjs';
import { runGate } from '../src/gate.mjs';
import { renderGateText } from '../src/report.mjs';
import {
  addChangeset,
  addOptionalField,
  commitAll,
  createRepo,
  editFile,
  editSpec,
  git,
  makeAliasRequired,
  PKG,
  removeEnumValue,
  removeRepos,
  removeResponseField,
  SPEC,
  tightenPattern,
} from './helpers/repo.js';

afterAll(removeRepos);

// The real spec → package mapping; the temporary repos only contain the geminidb package.
const gate = (cwd: string, base?: string) => runGate({ cwd, entries: registry, base });
const geminidb = (r: ReturnType<typeof gate>) => r.packages.find((p) => p.name === PKG)!;

describe('gate: missing changesets', () => {
  it('passes when nothing changed', () => {
    const repo = createRepo();
    const r = gate(repo);
    expect(r.ok).toBe(true);
    expect(geminidb(r).status).toBe('unchanged');
    expect(geminidb(r).base).toMatchObject({ ok: true, source: 'merge-base' });
  });

  it('a spec change without a changeset fails and says how to add one', () => {
    const repo = createRepo();
    editSpec(repo, addOptionalField);
    const r = gate(repo);
    expect(r.ok).toBe(false);
    const [problem] = geminidb(r).problems;
    expect(problem).toMatch(/no changeset names @hcdr\/geminidb/);
    expect(problem).toContain('`npx changeset`, select @hcdr/geminidb');
    expect(problem).toMatch(/describe the change for users/);
    expect(problem).toMatch(/spec change changes the generated types/);
    expect(renderGateText(r)).toMatch(/check:changesets FAILED: 1 problem/);
  });

  it('a change under packages/ without a changeset fails; a changeset (or an explicit empty one) fixes it', () => {
    const repo = createRepo();
    editFile(repo, 'packages/geminidb/src/index.ts', 'export const version = 2;\n');
    commitAll(repo, 'change code');
    const r = gate(repo);
    expect(r.ok).toBe(false);
    expect(geminidb(r).changedFiles).toEqual(['packages/geminidb/src/index.ts']);
    expect(geminidb(r).problems[0]).toMatch(/no changeset names @hcdr\/geminidb, but 1 file\(s\) changed since merge base with main/);
    expect(geminidb(r).problems[0]).toMatch(/npx changeset --empty/);

    addChangeset(repo, 'nothing-to-release', {}, '');
    expect(gate(repo).ok).toBe(true);
    addChangeset(repo, 'nothing-to-release', { [PKG]: 'patch' }, 'Fix the version constant.');
    expect(gate(repo).ok).toBe(true);
  });

  it('an empty changeset does not cover a spec change', () => {
    const repo = createRepo();
    editSpec(repo, addOptionalField);
    addChangeset(repo, 'empty', {}, '');
    expect(gate(repo).ok).toBe(false);
  });

  it('other files under specs/ need a changeset too', () => {
    const repo = createRepo();
    editFile(repo, 'specs/README.md', '# specs, edited\n');
    const r = gate(repo);
    expect(r.ok).toBe(false);
    expect(r.other.changedFiles).toEqual(['specs/README.md']);
    expect(r.other.problems[0]).toMatch(/npx changeset/);
    addChangeset(repo, 'docs', {}, '');
    expect(gate(repo).ok).toBe(true);
  });

  it('a changeset for another package does not count', () => {
    const repo = createRepo();
    editSpec(repo, addOptionalField);
    addChangeset(repo, 'other', { '@hcdr/dws': 'minor' }, 'Something else.');
    expect(gate(repo).ok).toBe(false);
  });
});

describe('gate: non-breaking spec edits', () => {
  it('pass with a minor changeset', () => {
    const repo = createRepo();
    editSpec(repo, addOptionalField);
    addChangeset(repo, 'vpc', { [PKG]: 'minor' }, 'Add the optional `vpc_id` field to createDisasterRecovery.');
    commitAll(repo, 'add vpc_id');
    const r = gate(repo);
    expect(r.ok, renderGateText(r)).toBe(true);
    expect(geminidb(r)).toMatchObject({ status: 'ok', bump: 'minor', changesets: ['.changeset/vpc.md'] });
    expect(geminidb(r).specs[0]!.changes.map((c) => [c.severity, c.kind])).toEqual([['non-breaking', 'request-property-added-optional']]);
  });
});

describe('gate: breaking spec edits', () => {
  const breakingEdits: [string, (d: any) => void, string][] = [
    ['removing a response field', removeResponseField, 'response-property-removed'],
    ['making an optional request field required', makeAliasRequired, 'request-property-became-required'],
    ['removing an enum value', removeEnumValue, 'request-enum-value-removed'],
  ];

  describe.each(breakingEdits)('%s', (_name, mutate, kind) => {
    it('fails without a changeset, and with a patch or a plain minor one', () => {
      const repo = createRepo();
      editSpec(repo, mutate);
      let r = gate(repo);
      expect(r.ok).toBe(false);
      expect(geminidb(r).specs[0]!.changes.find((c) => c.kind === kind)?.severity).toBe('breaking');
      expect(geminidb(r).problems.join('\n')).toMatch(/1 breaking spec change/);

      addChangeset(repo, 'change', { [PKG]: 'patch' }, 'Small fix.');
      r = gate(repo);
      expect(r.ok).toBe(false);
      expect(geminidb(r).problems).toHaveLength(1);
      expect(geminidb(r).problems[0]).toMatch(/bump @hcdr\/geminidb by "patch"\. Needs a major changeset/);
      expect(geminidb(r).problems[0]).toMatch(/below 1\.0\.0 \(it is 0\.1\.0\), a minor changeset whose text contains "BREAKING"/);

      addChangeset(repo, 'change', { [PKG]: 'minor' }, 'Change the construction call.');
      expect(gate(repo).ok).toBe(false);
    });

    it('passes with a major changeset', () => {
      const repo = createRepo();
      editSpec(repo, mutate);
      addChangeset(repo, 'change', { [PKG]: 'major' }, 'Change the construction call.');
      const r = gate(repo);
      expect(r.ok, renderGateText(r)).toBe(true);
    });

    it('passes with a minor changeset saying BREAKING while the package is 0.x', () => {
      const repo = createRepo();
      editSpec(repo, mutate);
      addChangeset(repo, 'change', { [PKG]: 'minor' }, 'BREAKING: the construction call changed; see the migration note.');
      commitAll(repo, 'breaking change');
      expect(gate(repo).ok).toBe(true);
    });

    it('does not accept minor + BREAKING once the package is 1.x', () => {
      const repo = createRepo({ version: '1.2.0' });
      editSpec(repo, mutate);
      addChangeset(repo, 'change', { [PKG]: 'minor' }, 'BREAKING: the construction call changed.');
      const r = gate(repo);
      expect(r.ok).toBe(false);
      expect(geminidb(r).problems[0]).not.toMatch(/below 1\.0\.0/);
      addChangeset(repo, 'change', { [PKG]: 'major' }, 'BREAKING: the construction call changed.');
      expect(gate(repo).ok).toBe(true);
    });
  });

  it('a "BREAKING" text on a patch changeset is not enough (0.x needs at least minor)', () => {
    const repo = createRepo();
    editSpec(repo, removeResponseField);
    addChangeset(repo, 'change', { [PKG]: 'patch' }, 'BREAKING: removed disaster_recovery_id.');
    expect(gate(repo).ok).toBe(false);
  });

  it('potentially breaking edits need a major, or a changeset that acknowledges them', () => {
    const repo = createRepo();
    editSpec(repo, tightenPattern);
    addChangeset(repo, 'pattern', { [PKG]: 'patch' }, 'Tighten the alias pattern.');
    let r = gate(repo);
    expect(r.ok).toBe(false);
    expect(geminidb(r).problems[0]).toMatch(/1 potentially breaking spec change/);
    addChangeset(repo, 'pattern', { [PKG]: 'patch' }, 'Potentially breaking: alias is now lower-case only, as the service already enforced.');
    r = gate(repo);
    expect(r.ok, renderGateText(r)).toBe(true);
  });
});

describe('gate: base ref', () => {
  it('prefers the last release tag of the package over the merge base', () => {
    const repo = createRepo({ branch: null });
    git(repo, 'tag', `${PKG}@0.1.0`);
    editSpec(repo, removeResponseField);
    commitAll(repo, 'breaking change straight on main');
    // merge base of main with main is HEAD: nothing would be seen without the tag
    const r = gate(repo);
    expect(geminidb(r).base).toMatchObject({ ok: true, source: 'release-tag', ref: `${PKG}@0.1.0` });
    expect(r.ok).toBe(false);
    expect(geminidb(r).changedFiles).toEqual([SPEC]);
  });

  it('picks the highest released version reachable from HEAD', () => {
    const repo = createRepo({ branch: null });
    git(repo, 'tag', `${PKG}@0.9.0`);
    editFile(repo, 'packages/geminidb/src/index.ts', 'export const version = 10;\n');
    commitAll(repo, 'release 0.10.0');
    git(repo, 'tag', `${PKG}@0.10.0`);
    const r = gate(repo);
    expect(geminidb(r).base).toMatchObject({ source: 'release-tag', ref: `${PKG}@0.10.0` });
    expect(r.ok).toBe(true);
  });

  it('accepts a version commit: consumed changesets still cover the release; version/CHANGELOG edits need none', () => {
    const repo = createRepo({ branch: null });
    git(repo, 'tag', `${PKG}@0.1.0`);
    editSpec(repo, removeResponseField);
    addChangeset(repo, 'drop-id', { [PKG]: 'major' }, 'BREAKING: drop disaster_recovery_id.');
    commitAll(repo, 'breaking change with changeset');
    // what `changeset version` does
    git(repo, 'rm', '--quiet', '.changeset/drop-id.md');
    editFile(repo, 'packages/geminidb/package.json', `${JSON.stringify({ name: PKG, version: '1.0.0', type: 'module' }, null, 2)}\n`);
    editFile(repo, 'packages/geminidb/CHANGELOG.md', '# @hcdr/geminidb\n\n## 1.0.0\n\n- BREAKING: drop disaster_recovery_id.\n');
    commitAll(repo, 'Version Packages');
    const r = gate(repo);
    expect(r.ok, renderGateText(r)).toBe(true);
    expect(geminidb(r).changedFiles).toEqual([SPEC]);
    expect(geminidb(r).bump).toBe('major');
  });

  it('an explicit --base wins, and a missing one fails closed', () => {
    const repo = createRepo();
    editSpec(repo, addOptionalField);
    commitAll(repo, 'one');
    const first = git(repo, 'rev-parse', 'HEAD').trim();
    editFile(repo, 'packages/geminidb/src/index.ts', 'export const version = 3;\n');
    commitAll(repo, 'two');
    const r = gate(repo, first);
    expect(geminidb(r).base).toMatchObject({ source: 'explicit' });
    expect(geminidb(r).changedFiles).toEqual(['packages/geminidb/src/index.ts']);

    const missing = gate(repo, 'origin/does-not-exist');
    expect(missing.ok).toBe(false);
    expect(missing.problems[0]).toMatch(/the base ref "origin\/does-not-exist" does not exist in this clone/);
    const allowed = runGate({ cwd: repo, entries: registry, base: 'origin/does-not-exist', allowMissingBase: true });
    expect(allowed.ok).toBe(true);
    expect(allowed.warnings[0]).toMatch(/not checked \(--allow-missing-base\)/);
  });
});
