// The HTML report in headless Chromium, offline: no console error, the verdict, every objective,
// the timeline bars and the lag chart are visible.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeDrillReport } from '../../src/drills/index.ts';
import { haveChromium, launchChromium, openOffline } from './helpers/chromium.ts';
import { sampleReport } from './helpers/sample-report.ts';

describe.skipIf(!haveChromium)('drill report HTML in headless Chromium', () => {
  let browser: Browser;
  let dir: string;

  beforeAll(async () => {
    browser = await launchChromium();
    dir = await mkdtemp(path.join(tmpdir(), 'hcdr-report-html-'));
  }, 40_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('a passed drill: verdict, objectives, timeline and lag chart visible, no console error, nothing fetched', async () => {
    const { html } = await writeDrillReport(dir, sampleReport());
    const { page, errors, external } = await openOffline(browser, html.path);
    try {
      await expect(page.title()).resolves.toBe('PASSED: DR drill redis-video-quarterly');
      const verdict = page.locator('#verdict');
      expect(await verdict.isVisible()).toBe(true);
      expect(await verdict.textContent()).toBe('PASSED');
      expect(await page.locator('.objective[data-objective="rto"] .big').textContent()).toBe('MET');
      expect(await page.locator('.objective[data-objective="rpo"] .big').textContent()).toBe('MET');

      const timeline = page.locator('#timeline');
      expect(await timeline.isVisible()).toBe(true);
      const bars = page.locator('#timeline g.phase rect');
      expect(await bars.count()).toBe(8);
      for (let i = 0; i < 8; i++) {
        const box = await bars.nth(i).boundingBox();
        expect(box?.width ?? 0).toBeGreaterThan(1);
      }
      expect(await page.locator('#timeline g.phase text').allTextContents()).toContain('✔ Hold');
      expect(await page.locator('#lag-chart').isVisible()).toBe(true);
      expect(await page.locator('#lag-chart circle').count()).toBe(6);
      expect(await page.locator('#phases tbody tr').count()).toBe(7);
      expect(errors).toEqual([]);
      expect(external).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('an aborted drill shows ABORTED, the missed objective and the deviation', async () => {
    const base = sampleReport();
    const report = sampleReport({
      drill_id: 'drill-0002',
      started_at: '2026-03-02T10:00:00.000Z',
      ended_at: '2026-03-02T10:03:44.000Z',
      verdict: 'aborted',
      verdict_reason: 'Aborted in hold: lag 95s above the abort threshold 1m; rolled back to the original roles.',
      objective_results: [base.objective_results[0] ?? ({} as never), { objective: 'rpo', target_seconds: 60, measured_seconds: 95, met: false, measured_as: 'lag at cutover' }],
      deviations: [{ at: '2026-03-02T10:02:00.000Z', kind: 'abort', phase: 'hold', message: 'lag 95s above the abort threshold 1m' }],
    });
    const { html } = await writeDrillReport(dir, report);
    const { page, errors, external } = await openOffline(browser, html.path);
    try {
      expect(await page.locator('#verdict').textContent()).toBe('ABORTED');
      expect(await page.evaluate("getComputedStyle(document.getElementById('verdict')).backgroundColor")).toBe('rgb(230, 81, 0)');
      expect(await page.locator('.objective[data-objective="rpo"] .big').textContent()).toBe('MISSED');
      expect(await page.locator('#deviations li').first().textContent()).toContain('lag 95s above the abort threshold');
      expect(errors).toEqual([]);
      expect(external).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
