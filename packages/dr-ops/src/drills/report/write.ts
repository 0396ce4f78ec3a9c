// Writes the three report files (JSON, Markdown, HTML) into the report directory, each atomically
// (temporary file, fsync, rename), so a crash never leaves half a report that looks complete.
import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { DRILL_REPORT_SCHEMA_FILE, validateAgainst } from '../schemas.js';
import { renderDrillReportHtml } from './html.js';
import { renderDrillReportMarkdown } from './markdown.js';
import type { DrillReport } from './model.js';

export interface WrittenReport {
  json: { path: string; bytes: number };
  markdown: { path: string; bytes: number };
  html: { path: string; bytes: number };
}

/** The report as its JSON document (two-space indent, final newline). */
export function renderDrillReportJson(report: DrillReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

/** Problems of a report against drill-report.v1.schema.json (empty when it conforms). */
export function validateDrillReport(report: unknown) {
  return validateAgainst(DRILL_REPORT_SCHEMA_FILE, report);
}

/** `<plan name>-<UTC start, compact>`: unique per drill, sorted by time in a directory listing. */
export function reportBaseName(report: Pick<DrillReport, 'plan' | 'started_at'>): string {
  const stamp = report.started_at.replace(/\.\d+Z$/, 'Z').replace(/[-:]/g, '');
  return `${report.plan.name}-${stamp}`;
}

async function writeAtomic(file: string, text: string): Promise<number> {
  const tmp = `${file}.${randomBytes(4).toString('hex')}.tmp`;
  const handle = await open(tmp, 'wx', 0o644);
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(tmp, file);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
  return Buffer.byteLength(text, 'utf8');
}

/**
 * Renders and writes the report. A report that does not conform to its schema is a bug: it is
 * refused here rather than handed to an auditor.
 */
export async function writeDrillReport(dir: string, report: DrillReport): Promise<WrittenReport> {
  const problems = validateDrillReport(report);
  if (problems.length > 0) throw new Error(`drill report does not conform to ${DRILL_REPORT_SCHEMA_FILE}: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}`);
  await mkdir(dir, { recursive: true });
  const base = path.join(dir, reportBaseName(report));
  const files = { json: `${base}.json`, markdown: `${base}.md`, html: `${base}.html` };
  const [json, markdown, html] = await Promise.all([
    writeAtomic(files.json, renderDrillReportJson(report)),
    writeAtomic(files.markdown, renderDrillReportMarkdown(report)),
    writeAtomic(files.html, renderDrillReportHtml(report)),
  ]);
  return { json: { path: files.json, bytes: json }, markdown: { path: files.markdown, bytes: markdown }, html: { path: files.html, bytes: html } };
}
