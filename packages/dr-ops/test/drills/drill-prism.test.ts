// Drills through `prism proxy --errors` in front of the simulator: Prism checks every request the
// drill sends and every answer against the specs. A violation reaches the client as an error (the
// drill would abort) and is also collected from the sl-violations header here, so the test fails
// on any. Real clock, short jobs.
import type { CallObserver } from '@hcdr/core';
import { createDwsClient } from '@hcdr/dws';
import { createGeminiDbClient } from '@hcdr/geminidb';
import { startPrism } from '@hcdr/mock-servers';
import { createSimulator, DEFAULT_DWS_CLUSTERS, DEFAULT_GEMINIDB_INSTANCES, type Simulator } from '@hcdr/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryJournalStore } from '../../src/journal/index.ts';
import {
  buildDrillReport,
  type DrillTarget,
  DwsDrillTarget,
  GeminiDbDrillTarget,
  openDrillJournal,
  parseDrillPlan,
  runDrill,
  systemClock,
  validateDrillReport,
} from '../../src/drills/index.ts';
import { A, B, DWS_PRIMARY, DWS_STANDBY, SK } from './helpers/sim-world.ts';

const TASK = 'c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f';
const TIMING = 'hold: 600ms\nsample_interval: 200ms\npoll_interval: 100ms\n';

interface Proxied {
  sim: Simulator;
  proxyUrl(region: string): string;
  violations: string[];
  observer: CallObserver;
  stop(): Promise<void>;
}

/** The simulator behind one `prism proxy --errors` per region, as each region is its own endpoint. */
async function behindPrism(spec: 'geminidb-dr' | 'dws-dr', regions: readonly string[]): Promise<Proxied> {
  const sim = createSimulator({
    credentials: { secretAccessKey: SK },
    seed: 'drill-prism',
    jobDurationMs: 150,
    geminidb: { instances: DEFAULT_GEMINIDB_INSTANCES, relationships: [{ id: 'rel-video', alias: 'video-dr', masterId: A, slaveId: B }] },
    dws: { clusters: DEFAULT_DWS_CLUSTERS, tasks: [{ id: TASK, name: 'sales_dr', drType: 'az', primaryClusterId: DWS_PRIMARY, standbyClusterId: DWS_STANDBY, drSyncPeriod: '1m', startedAt: Date.now() - 20_000 }] },
  });
  const { url } = await sim.listen();
  const proxies: Record<string, Awaited<ReturnType<typeof startPrism>>> = {};
  for (const region of regions) {
    const prism = await startPrism({ spec, upstream: `${url}/${region}` });
    sim.trustSignedHost(new URL(prism.url).host);
    proxies[region] = prism;
  }
  const violations: string[] = [];
  return {
    sim,
    proxyUrl: (region) => proxies[region]?.url ?? '',
    violations,
    observer: {
      onResponse(call, response) {
        const v = response.headers['sl-violations'];
        if (v) violations.push(`${call.method} ${call.url}: ${v}`);
        if (response.status === 422 || response.status >= 500) violations.push(`${call.method} ${call.url}: HTTP ${response.status}`);
      },
    },
    async stop() {
      for (const prism of Object.values(proxies)) await prism.stop();
      await sim.close();
    },
  };
}

async function run(target: DrillTarget, planText: string) {
  const plan = parseDrillPlan(planText);
  const store = new MemoryJournalStore();
  const journal = await openDrillJournal({ store, plan });
  const result = await runDrill({ plan, target, journal, clock: systemClock, tool: { name: 'hcdr', version: 'test' }, operator: 'tester', host: 'ci' });
  return buildDrillReport({ plan, result, targets: await target.describe(), target, tool: { name: 'hcdr', version: 'test' }, operator: 'tester', host: 'ci', now: Date.now() });
}

describe('GeminiDB drill through prism proxy --errors', () => {
  let p: Proxied;
  beforeAll(async () => {
    p = await behindPrism('geminidb-dr', ['ap-southeast-1', 'ap-southeast-3']);
  }, 90_000);
  afterAll(async () => {
    await p?.stop();
  });

  it('switchover-and-back passes with no contract violation', async () => {
    const client = (region: string) =>
      createGeminiDbClient({ region, projectId: p.sim.projectId(region), endpoint: p.proxyUrl(region), credentials: { accessKeyId: p.sim.credentials.accessKeyId, secretAccessKey: SK }, env: {}, observers: [p.observer] });
    const plan = `version: 1\nname: prism-geminidb\nservice: geminidb\ntarget:\n  primary: { instance: ${A}, region: ap-southeast-1 }\n  standby: { instance: ${B}, region: ap-southeast-3 }\nscenario: switchover-and-back\nobjectives: { rto: 10m, rpo: 1m }\n${TIMING}`;
    const target = new GeminiDbDrillTarget({
      primary: { client: client('ap-southeast-1'), instanceId: A, region: 'ap-southeast-1' },
      standby: { client: client('ap-southeast-3'), instanceId: B, region: 'ap-southeast-3' },
      policy: { rpoObjectiveMs: 60_000, rtoObjectiveMs: 600_000 },
      clock: systemClock,
    });
    const report = await run(target, plan);
    expect(p.violations).toEqual([]);
    expect(validateDrillReport(report)).toEqual([]);
    expect(report.verdict, report.verdict_reason).toBe('passed');
    expect(report.phases.flatMap((ph) => ph.evidence.calls).length).toBeGreaterThan(30);
  });
});

describe('DWS drill through prism proxy --errors', () => {
  let p: Proxied;
  beforeAll(async () => {
    p = await behindPrism('dws-dr', ['cn-north-4']);
  }, 90_000);
  afterAll(async () => {
    await p?.stop();
  });

  it('switchover-and-back passes with no contract violation', async () => {
    const client = createDwsClient({ region: 'cn-north-4', projectId: p.sim.projectId('cn-north-4'), endpoint: p.proxyUrl('cn-north-4'), credentials: { accessKeyId: p.sim.credentials.accessKeyId, secretAccessKey: SK }, env: {}, observers: [p.observer] });
    const plan = `version: 1\nname: prism-dws\nservice: dws\ntarget: { task: ${TASK}, region: cn-north-4 }\nscenario: switchover-and-back\nobjectives: { rto: 10m, rpo: 2m }\n${TIMING}`;
    const target = new DwsDrillTarget({ client, taskId: TASK, region: 'cn-north-4', policy: { rpoObjectiveMs: 120_000, rtoObjectiveMs: 600_000 }, clock: systemClock });
    const report = await run(target, plan);
    expect(p.violations).toEqual([]);
    expect(report.verdict, report.verdict_reason).toBe('passed');
  });
});
