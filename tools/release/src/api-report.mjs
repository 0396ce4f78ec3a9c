// @ts-check
// API reports (api-extractor): one reviewed `review/<name>.api.md` per public entry point (each
// `exports` subpath with types) of every package listed in release.config.json `apiReports`.
// `npm run api` rewrites them after an intended change; a test in `npm test` fails when the built
// .d.ts and the committed report disagree, so every change of a public signature shows up in review.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Extractor, ExtractorConfig, ExtractorLogLevel } from '@microsoft/api-extractor';
import { readReleaseConfig } from './release-config.mjs';
import { listWorkspaces } from './workspaces.mjs';

/**
 * @typedef {object} ReportEntry
 * @property {import('./workspaces.mjs').Workspace} workspace
 * @property {string} subpath the `exports` key, e.g. `.` or `./testing`
 * @property {string} dts absolute path of the entry point's built declarations
 * @property {string} reportName e.g. `core` or `core-testing` (the file is `review/<reportName>.api.md`)
 * @property {string} reportFile absolute path of the committed report
 */

/**
 * Every reported entry point.
 * @param {string} [root]
 * @returns {ReportEntry[]}
 */
export function reportEntries(root) {
  const { apiReports } = readReleaseConfig();
  const workspaces = listWorkspaces(root);
  return apiReports.flatMap((name) => {
    const workspace = workspaces.find((w) => w.name === name);
    if (!workspace) throw new Error(`release.config.json apiReports: no workspace named ${name}`);
    const unscoped = name.replace(/^@[^/]+\//, '');
    /** @type {Record<string, unknown>} */
    const exportsMap = workspace.manifest.exports ?? {};
    return Object.entries(exportsMap).flatMap(([subpath, target]) => {
      const types = typeof target === 'object' && target !== null ? /** @type {{ types?: string }} */ (target).types : undefined;
      if (!types) return [];
      const reportName = subpath === '.' ? unscoped : `${unscoped}-${subpath.replace(/^\.\//, '').replace(/[^A-Za-z0-9]+/g, '-')}`;
      return [{ workspace, subpath, dts: path.join(workspace.dir, types), reportName, reportFile: path.join(workspace.dir, 'review', `${reportName}.api.md`) }];
    });
  });
}

/**
 * Runs api-extractor on one entry point. With `update`, the committed report is rewritten; without,
 * the fresh report goes to a temporary folder and `changed` says whether it differs.
 * @param {ReportEntry} entry
 * @param {{ update: boolean }} options
 * @returns {{ changed: boolean, succeeded: boolean, problems: string[] }}
 */
export function runApiReport(entry, { update }) {
  if (update) mkdirSync(path.dirname(entry.reportFile), { recursive: true });
  const temp = mkdtempSync(path.join(tmpdir(), 'hcdr-api-'));
  try {
    /** @type {import('@microsoft/api-extractor').IConfigFile} */
    const configObject = {
      projectFolder: entry.workspace.dir,
      mainEntryPointFilePath: entry.dts,
      compiler: {
        overrideTsconfig: {
          compilerOptions: { target: 'ES2022', lib: ['ES2023', 'DOM'], module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, skipLibCheck: true, types: ['node'] },
          files: [entry.dts],
        },
      },
      apiReport: { enabled: true, reportFolder: path.dirname(entry.reportFile), reportTempFolder: temp, reportFileName: entry.reportName },
      docModel: { enabled: false },
      dtsRollup: { enabled: false },
      tsdocMetadata: { enabled: false },
      newlineKind: 'lf',
      messages: {
        // Doc-comment syntax (openapi-typescript's @description, @enum) is not the API surface.
        tsdocMessageReporting: { default: { logLevel: ExtractorLogLevel.None } },
        // Release tags (@public/@beta) are not used: everything exported is public.
        extractorMessageReporting: {
          default: { logLevel: ExtractorLogLevel.Warning, addToApiReportFile: true },
          'ae-missing-release-tag': { logLevel: ExtractorLogLevel.None, addToApiReportFile: false },
          // Reported with source line numbers, which would churn the report on every edit.
          'ae-undocumented': { logLevel: ExtractorLogLevel.None, addToApiReportFile: false },
        },
        compilerMessageReporting: { default: { logLevel: ExtractorLogLevel.Warning } },
      },
    };
    const config = ExtractorConfig.prepare({
      configObject,
      configObjectFullPath: path.join(entry.workspace.dir, 'api-extractor.json'),
      packageJsonFullPath: path.join(entry.workspace.dir, 'package.json'),
    });
    /** @type {string[]} */
    const problems = [];
    const result = Extractor.invoke(config, {
      localBuild: update,
      messageCallback: (message) => {
        // Differences are reported through `changed`; the report itself records ae-* warnings for review.
        if (message.logLevel === ExtractorLogLevel.Error || (message.logLevel === ExtractorLogLevel.Warning && !/^(ae|console)-/.test(message.messageId))) {
          problems.push(`${message.messageId}: ${message.text}`);
        }
        message.handled = true;
      },
    });
    return { changed: result.apiReportChanged, succeeded: result.succeeded || (!update && result.apiReportChanged && problems.length === 0), problems };
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}
