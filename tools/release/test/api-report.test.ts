// The committed API reports (review/*.api.md) match what api-extractor reads from the built
// declarations: a change to any public signature fails here until the report is updated
// (`npm run api`) and so shows up in review.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { reportEntries, runApiReport } from '../src/api-report.mjs';
import { readReleaseConfig } from '../src/release-config.mjs';

const entries = reportEntries();

describe('API reports', () => {
  it('cover every public entry point of every reported package', () => {
    const { apiReports } = readReleaseConfig();
    expect(apiReports).toEqual(expect.arrayContaining(['@hcdr/core', '@hcdr/geminidb', '@hcdr/dws', '@hcdr/simulator', '@hcdr/dr-ops']));
    expect(new Set(entries.map((e) => e.workspace.name))).toEqual(new Set(apiReports));
    expect(entries.map((e) => `${e.workspace.name} ${e.subpath}`)).toContain('@hcdr/core ./testing');
    for (const entry of entries) expect(existsSync(entry.reportFile), `${entry.reportFile} is committed`).toBe(true);
  });

  it.each(entries.map((e) => [`${e.workspace.name} ${e.subpath}`, e] as const))('%s: the committed report matches the built declarations', (_name, entry) => {
    const { changed, succeeded, problems } = runApiReport(entry, { update: false });
    expect(problems).toEqual([]);
    expect(changed, `${entry.reportFile} is out of date: review the API change, then run \`npm run api\` and commit it`).toBe(false);
    expect(succeeded).toBe(true);
  });

  it('the client and core reports have no forgotten exports (every type a signature uses is exported)', () => {
    for (const entry of entries.filter((e) => ['@hcdr/core', '@hcdr/geminidb', '@hcdr/dws'].includes(e.workspace.name))) {
      expect(readFileSync(entry.reportFile, 'utf8'), entry.reportFile).not.toContain('ae-forgotten-export');
    }
  });
});
