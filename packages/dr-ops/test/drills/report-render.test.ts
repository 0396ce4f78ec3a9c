import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderDrillReportHtml, renderDrillReportJson, renderDrillReportMarkdown, validateDrillReport, writeDrillReport } from '../../src/drills/index.ts';
import { sampleReport } from './helpers/sample-report.ts';

const HOSTILE = '<script>alert(1)</script> | `x` ** [link](http://evil.example) \n# heading';

describe('drill report renderings', () => {
  it('the sample conforms to the report schema, and the schema can fail', () => {
    expect(validateDrillReport(sampleReport())).toEqual([]);
    const broken = { ...sampleReport(), verdict: 'green', measured: { ...sampleReport().measured, rto_seconds: -1 } };
    const fields = validateDrillReport(broken).map((p) => p.field);
    expect(fields).toContain('verdict');
    expect(fields).toContain('measured.rto_seconds');
    const { phases, ...noPhases } = sampleReport();
    expect(phases.length).toBeGreaterThan(0);
    expect(validateDrillReport(noPhases)).toContainEqual({ field: 'phases', message: 'is required' });
  });

  it('JSON carries the promised fields', () => {
    const json = JSON.parse(renderDrillReportJson(sampleReport()));
    expect(json).toMatchObject({ verdict: 'passed', objectives: { rto_seconds: 600, rpo_seconds: 60 }, measured: { rto_seconds: 93, rpo_seconds: 2 } });
    expect(Object.keys(json.phases[0])).toEqual(expect.arrayContaining(['name', 'started_at', 'ended_at', 'duration_seconds', 'status']));
  });

  it('Markdown states the verdict, each objective, every phase and the final state', () => {
    const text = renderDrillReportMarkdown(sampleReport());
    expect(text).toMatch(/^# DR drill report: redis-video-quarterly$/m);
    expect(text).toContain('**Verdict: PASSED**');
    expect(text).toMatch(/\| RTO \| 10m00s \| 1m33s \| \*\*MET\*\* \|/);
    expect(text).toMatch(/\| RPO \| 1m00s \| 2s \| \*\*MET\*\* \|/);
    for (const phase of ['preflight', 'switchover', 'verify-switched', 'hold', 'failback', 'verify-restored', 'postflight']) expect(text).toContain(`\`${phase}\``);
    expect(text).toContain('Roles restored: **YES**');
    expect(text).toContain('request id `req-switchover`');
  });

  it('Markdown of a failed objective and an aborted drill says so', () => {
    const report = sampleReport({
      verdict: 'aborted',
      verdict_reason: 'Lag 95s above the abort threshold 1m.',
      objective_results: [{ objective: 'rto', target_seconds: 60, measured_seconds: 93, met: false, measured_as: 'x' }, { objective: 'rpo', target_seconds: 60, measured_seconds: null, met: null, measured_as: 'y' }],
      deviations: [{ at: '2026-03-02T09:01:00.000Z', kind: 'abort', phase: 'hold', message: 'lag 95s above 1m' }],
    });
    const text = renderDrillReportMarkdown(report);
    expect(text).toContain('**Verdict: ABORTED**');
    expect(text).toContain('**MISSED**');
    expect(text).toContain('**NOT MEASURED**');
    expect(text).toContain('**abort** in `hold`: lag 95s above 1m');
  });

  it('user text cannot inject markup into the Markdown or the HTML', () => {
    const report = sampleReport({ plan: { ...sampleReport().plan, description: HOSTILE, labels: { note: HOSTILE } }, verdict_reason: HOSTILE });
    const md = renderDrillReportMarkdown(report);
    expect(md).not.toContain('<script>');
    expect(md).not.toMatch(/^# heading/m);
    const html = renderDrillReportHtml(report);
    expect(html).not.toContain('<script');
    expect(html).toContain('&#60;script&#62;');
  });

  it('HTML is self-contained: no external reference, a CSP that forbids any, inline SVG charts', () => {
    const html = renderDrillReportHtml(sampleReport());
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`);
    expect(html).not.toMatch(/\b(src|href)=["']?(https?:)?\/\//i);
    expect(html).not.toMatch(/@import|url\(/);
    expect(html).toContain('<svg id="timeline"');
    expect(html).toContain('<svg id="lag-chart"');
    expect(html.match(/<g class="phase" data-phase=/g)).toHaveLength(8); // 7 phases + the measured RTO row
    // a null lag sample breaks the line into two polylines
    expect(html.match(/<polyline/g)).toHaveLength(2);
  });

  it('writes three files named after the plan and the start time, atomically, and refuses a report that breaks its schema', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'hcdr-report-'));
    const written = await writeDrillReport(dir, sampleReport());
    expect((await readdir(dir)).sort()).toEqual(['redis-video-quarterly-20260302T090000Z.html', 'redis-video-quarterly-20260302T090000Z.json', 'redis-video-quarterly-20260302T090000Z.md']);
    expect(written.json.bytes).toBe((await readFile(written.json.path)).byteLength);
    expect(JSON.parse(await readFile(written.json.path, 'utf8')).drill_id).toBe('drill-0001');
    await expect(writeDrillReport(dir, { ...sampleReport(), verdict: 'green' as 'passed' })).rejects.toThrow(/does not conform.*verdict/);
  });
});
