// The HTML report in headless Chromium, offline: no console error, the verdict, every objective,
// the timeline bars and the lag chart are visible.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_GEMINIDB_INSTANCES } from '@hcdr/simulator';
import { MemoryJournalStore } from '../../src/journal/index.ts';
import { buildDrillReport, GeminiDbDrillTarget, manualDrillClock, openDrillJournal, parseDrillPlan, runDrill, writeDrillReport } from '../../src/drills/index.ts';
import { A, B, startWorld } from './helpers/sim-world.ts';
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

  it('a real drill against the simulator (aborted by a lag spike, rolled back): verdict, deviation, timeline with the rollback, lag chart over the threshold', async () => {
    const world = await startWorld({ geminidb: { instances: DEFAULT_GEMINIDB_INSTANCES, relationships: [{ id: 'rel-html', alias: 'html', masterId: A, slaveId: B }] } });
    try {
      const plan = parseDrillPlan(
        `version: 1\nname: html-real\nservice: geminidb\ntarget:\n  primary: { instance: ${A}, region: ap-southeast-1 }\n  standby: { instance: ${B}, region: ap-southeast-3 }\nscenario: switchover-and-back\nobjectives: { rto: 10m, rpo: 1m }\nhold: 60s\nsample_interval: 10s\n`,
      );
      const clock = manualDrillClock(world.clock);
      const store = new MemoryJournalStore();
      const target = new GeminiDbDrillTarget({
        primary: { client: world.gemini('ap-southeast-1'), instanceId: A, region: 'ap-southeast-1' },
        standby: { client: world.gemini('ap-southeast-3'), instanceId: B, region: 'ap-southeast-3' },
        policy: { rpoObjectiveMs: 60_000, rtoObjectiveMs: 600_000 },
        journal: store,
        clock,
      });
      let samples = 0;
      const result = await runDrill({
        plan,
        target,
        journal: await openDrillJournal({ store, plan }),
        clock,
        tool: { name: 'hcdr', version: 'test' },
        onEvent: (e) => {
          if (e.type === 'sample' && e.sample.phase === 'hold' && ++samples === 3) world.sim.setLag({ relationshipId: 'rel-html', lagSeconds: 240, durationMs: 3_600_000 });
        },
      });
      const report = buildDrillReport({ plan, result, targets: await target.describe(), target, tool: { name: 'hcdr', version: 'test' }, operator: 'tester', host: 'ci', now: world.clock.now() });
      const { html } = await writeDrillReport(dir, report);
      const { page, errors, external } = await openOffline(browser, html.path);
      try {
        expect(await page.locator('#verdict').textContent()).toBe('ABORTED');
        expect(await page.locator('#verdict-reason').textContent()).toMatch(/Lag 4m00s during the hold is above the abort threshold 1m00s/);
        expect(await page.locator('#deviations li').first().textContent()).toContain('abort');
        const phases = await page.locator('#timeline g.phase').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-phase')));
        expect(phases).toEqual(['preflight', 'switchover', 'verify-switched', 'hold', 'rollback', 'rto']);
        expect(await page.locator('#timeline').isVisible()).toBe(true);
        expect(await page.locator('#lag-chart circle[fill="#c62828"]').count()).toBe(1); // the sample over the threshold
        expect(errors).toEqual([]);
        expect(external).toEqual([]);
      } finally {
        await page.close();
      }
    } finally {
      await world.close();
    }
  });
});
