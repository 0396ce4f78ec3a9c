// The exporter against a simulated fleet: scraped over HTTP, parsed with a Prometheus text-format
// parser, every value compared with what the simulator reports at the same instant.
import { get as httpGet, type IncomingHttpHeaders } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createExporter, type Exporter, parseExporterConfig } from '../../src/monitoring/index.js';
import { type Fleet, projectOf, startFleet, TEST_SK } from './helpers/fleet.js';
import { manualPollClock, type ManualPollClock, until } from './helpers/poll-clock.js';
import { scrape } from './helpers/scrape.js';

const REGIONS = ['ap-southeast-1', 'ap-southeast-3', 'cn-north-4', 'cn-east-3'];

function configFor(fleet: Fleet, services: readonly ('geminidb' | 'dws')[] = ['geminidb', 'dws']) {
  const scopes = services.flatMap((service) => REGIONS.map((region) => `  - { service: ${service}, region: ${region}, project_id: ${projectOf(region)}, endpoint: "${fleet.endpoint}" }`));
  return parseExporterConfig(`interval: 30s\nconcurrency: 4\nscopes:\n${scopes.join('\n')}\n`, 'test.yaml');
}

describe('exporter against a simulated fleet', () => {
  let fleet: Fleet;
  let clock: ManualPollClock;
  let exporter: Exporter;
  let url: string;
  const events: unknown[] = [];

  beforeAll(async () => {
    fleet = await startFleet({ pairs: 6, tasks: 4, regions: REGIONS });
    clock = manualPollClock(fleet.clock);
    exporter = await createExporter({
      config: configFor(fleet),
      clock,
      clientOptions: () => fleet.clientOptions(),
      version: '0.0.0-test',
      logger: (e) => events.push(e),
    });
    ({ url } = await exporter.listen('127.0.0.1:0'));
    await exporter.pollAll();
  });
  afterAll(async () => {
    await exporter?.close();
    await fleet?.close();
  });

  it('exports every GeminiDB DR instance with the values the API reports', async () => {
    const s = await scrape(url);
    for (const pair of fleet.pairs) {
      const status = await fleet.geminidb(pair.primaryRegion).showPauseResumeStutus({ instance_id: pair.primary });
      const labels = { instance_id: pair.primary, region: pair.primaryRegion };
      const failover = status.rto_and_rpo_indicators!.find((x) => x.scene === 'FAILOVER')!;
      expect(s.value('hcdr_geminidb_dr_lag_seconds', labels)).toBe(failover.rpo);
      expect(s.value('hcdr_geminidb_dr_sync_latency_seconds', labels)).toBe(status.data_sync_indicators!.rsync_push_cost! / 1e6);
      expect(s.value('hcdr_geminidb_dr_backlog_bytes', labels)).toBe(status.data_sync_indicators!.rsync_wal_size! * 1024 * 1024);
      expect(s.value('hcdr_geminidb_dr_rpo_seconds', { ...labels, scene: 'failover' })).toBe(failover.rpo);
      expect(s.value('hcdr_geminidb_dr_rto_seconds', { ...labels, scene: 'failover' })).toBe(failover.rto);
      expect(s.value('hcdr_geminidb_dr_sync_status', { ...labels, status: status.status! })).toBe(1);
      expect(s.find('hcdr_geminidb_dr_sync_status', labels).filter((x) => x.value === 1)).toHaveLength(1);
      expect(s.value('hcdr_geminidb_instance_role', { ...labels, role: 'master' })).toBe(1);
      expect(s.value('hcdr_geminidb_instance_role', { instance_id: pair.standby, region: pair.standbyRegion, role: 'slave' })).toBe(1);
      // The standby reports no lag indicators: no series rather than a made-up zero.
      expect(s.find('hcdr_geminidb_dr_lag_seconds', { instance_id: pair.standby })).toHaveLength(0);
      const drId = s.find('hcdr_geminidb_dr_info', { instance_id: pair.primary })[0]!.labels.dr_id;
      expect(s.find('hcdr_geminidb_dr_info', { instance_id: pair.standby })[0]!.labels.dr_id).toBe(drId);
    }
    expect(s.find('hcdr_geminidb_dr_info')).toHaveLength(fleet.pairs.length * 2);
  });

  it('exports every DWS DR task with status, last sync, RPO/RTO and sync period as reported', async () => {
    const s = await scrape(url);
    for (const task of fleet.tasks) {
      const client = fleet.dws(task.region);
      const detail = (await client.showDisasterDetail({ disaster_recovery_id: task.id })).disaster_recovery;
      const progress = (await client.showDisasterProgress({ disaster_recovery_id: task.id })).disaster_recovery_progress;
      const labels = { dr_id: task.id, region: task.region };
      expect(s.value('hcdr_dws_dr_task_status', { ...labels, status: detail.status })).toBe(1);
      expect(s.find('hcdr_dws_dr_task_status', labels).filter((x) => x.value === 1)).toHaveLength(1);
      expect(s.value('hcdr_dws_dr_sync_period_seconds', labels)).toBe(600);
      expect(s.value('hcdr_dws_dr_rpo_seconds', labels)).toBe(progress.recovery_point_object);
      expect(s.value('hcdr_dws_dr_rto_seconds', labels)).toBe(progress.recovery_time_object);
      expect(s.value('hcdr_dws_dr_last_sync_timestamp_seconds', labels)).toBe(Date.parse(detail.primary_cluster!.last_success_time!) / 1000);
      expect(s.value('hcdr_dws_dr_cluster_role', { ...labels, cluster_id: task.primaryClusterId, role: 'primary' })).toBe(1);
    }
  });

  it('reports scope freshness and API usage per scope', async () => {
    const s = await scrape(url);
    for (const region of REGIONS) {
      for (const service of ['geminidb', 'dws']) {
        const labels = { service, region, project_id: projectOf(region) };
        expect(s.value('hcdr_scope_up', labels)).toBe(1);
        expect(s.value('hcdr_scope_last_success_timestamp_seconds', labels)).toBe(fleet.clock.now() / 1000);
        expect(s.find('hcdr_api_requests_total', labels).length).toBeGreaterThan(0);
      }
    }
    expect(s.value('hcdr_exporter_build_info', { version: '0.0.0-test' })).toBe(1);
    expect(s.families.get('hcdr_api_requests_total')?.type).toBe('counter');
    expect(s.families.get('hcdr_scope_poll_duration_seconds')?.type).toBe('histogram');
  });

  it('serves scrapes from the cache: scraping sends no API request', async () => {
    const before = fleet.requests.length;
    for (let i = 0; i < 5; i++) await scrape(url);
    const health = (await (await fetch(`${url}/healthz`)).json()) as { status: string };
    expect(health.status).toBe('ok');
    expect(fleet.requests.length).toBe(before);
  });

  it('gzips /metrics for a scraper that accepts it (as Prometheus does): the same series, a fraction of the bytes', async () => {
    const get = (encoding: string) =>
      new Promise<{ headers: IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
        httpGet(`${url}/metrics`, { headers: { 'accept-encoding': encoding } }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
        }).on('error', reject);
      });
    const plain = await get('identity');
    const zipped = await get('gzip, deflate');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers.vary).toBe('accept-encoding');
    expect(zipped.body.length).toBeLessThan(plain.body.length / 3);
    const resources = (text: string) => text.split('\n').filter((l) => /^hcdr_(geminidb|dws)_/.test(l));
    const unzipped = gunzipSync(zipped.body).toString('utf8');
    expect(resources(unzipped).length).toBeGreaterThan(10);
    expect(resources(unzipped)).toEqual(resources(plain.body.toString('utf8')));
    expect(unzipped).toContain('hcdr_scope_up{');
    // A second gzip scrape reuses the compressed resources: still equal.
    expect(resources(gunzipSync((await get('gzip')).body).toString('utf8'))).toEqual(resources(unzipped));
    expect((await get('gzip;q=0')).headers['content-encoding']).toBeUndefined();
  });
});

describe('exporter polling over time (manual clock)', () => {
  let fleet: Fleet;
  let clock: ManualPollClock;
  let exporter: Exporter;
  let url: string;
  const events: { type: string }[] = [];
  const SCOPES = REGIONS.length * 2;
  const polls = () => exporter.scopes.reduce((n, s) => n + s.poller.state.polls, 0);
  /** Every loop is asleep again: the polls that were due have finished. */
  const idle = () => until(() => clock.sleepers === SCOPES, 'every poller to be waiting');

  beforeAll(async () => {
    fleet = await startFleet({ pairs: 4, tasks: 4, regions: REGIONS });
    clock = manualPollClock(fleet.clock);
    exporter = await createExporter({ config: configFor(fleet), clock, clientOptions: () => fleet.clientOptions(), logger: (e) => events.push(e) });
    ({ url } = await exporter.listen('127.0.0.1:0'));
    exporter.start();
    await idle(); // first polls are spread over up to 5 s
    clock.advance(5_000);
    await until(() => polls() === SCOPES, 'the first poll of every scope');
    await idle();
  });
  afterAll(async () => {
    await exporter?.close();
    await fleet?.close();
  });

  it('shows a lag change within one interval (interval 30 s, ±10 % jitter)', async () => {
    const pair = fleet.pairs[0]!;
    const labels = { instance_id: pair.primary, region: pair.primaryRegion };
    const before = await scrape(url);
    expect(before.value('hcdr_geminidb_dr_sync_status', { ...labels, status: 'SYNCING' })).toBe(1);
    expect(before.value('hcdr_geminidb_dr_sync_paused', labels)).toBe(0);

    // Pause synchronisation on both sides; the backlog and the failover RPO then grow with time.
    await fleet.geminidb(pair.primaryRegion).pauseResumeDataSynchronization({ instance_id: pair.primary, body: { action: 'pause' } });
    await fleet.geminidb(pair.standbyRegion).pauseResumeDataSynchronization({ instance_id: pair.standby, body: { action: 'pause' } });
    // Let the pause jobs finish (the simulator settles jobs on its next request).
    clock.advance(1_000);
    expect((await fleet.geminidb(pair.primaryRegion).showPauseResumeStutus({ instance_id: pair.primary })).status).toBe('SUSPENDED');
    const pollsBefore = polls();
    clock.advance(33_000); // one interval plus the largest jitter
    await until(() => polls() === pollsBefore + SCOPES, 'one more poll of every scope');
    await idle();

    const after = await scrape(url);
    const truth = await fleet.geminidb(pair.primaryRegion).showPauseResumeStutus({ instance_id: pair.primary });
    expect(truth.status).toBe('SUSPENDED');
    expect(after.value('hcdr_geminidb_dr_sync_status', { ...labels, status: 'SUSPENDED' })).toBe(1);
    expect(after.value('hcdr_geminidb_dr_sync_status', { ...labels, status: 'SYNCING' })).toBe(0);
    expect(after.value('hcdr_geminidb_dr_sync_paused', labels)).toBe(1);
    const rpo = truth.rto_and_rpo_indicators!.find((x) => x.scene === 'FAILOVER')!.rpo!;
    expect(rpo).toBeGreaterThan(2);
    expect(after.value('hcdr_geminidb_dr_rpo_seconds', { ...labels, scene: 'failover' })).toBe(rpo);
    expect(after.value('hcdr_geminidb_dr_backlog_bytes', labels)).toBe(truth.data_sync_indicators!.rsync_wal_size! * 1024 * 1024);
    expect(after.value('hcdr_geminidb_dr_backlog_bytes', labels)).toBeGreaterThan(before.value('hcdr_geminidb_dr_backlog_bytes', labels));
  });

  it('shows a lag spike within one interval, and its end', async () => {
    const pair = fleet.pairs[2]!;
    const labels = { instance_id: pair.primary, region: pair.primaryRegion };
    expect((await scrape(url)).value('hcdr_geminidb_dr_lag_seconds', labels)).toBeLessThan(60);
    fleet.sim.setLag({ relationshipId: pair.relationshipId!, lagSeconds: 420, durationMs: 60_000 });
    let pollsBefore = polls();
    clock.advance(33_000);
    await until(() => polls() === pollsBefore + SCOPES, 'one more poll of every scope');
    await idle();
    const during = await scrape(url);
    expect(during.value('hcdr_geminidb_dr_lag_seconds', labels)).toBe(420);
    expect(during.value('hcdr_geminidb_dr_rpo_seconds', { ...labels, scene: 'failover' })).toBe(420);
    // Two more intervals: the spike (60 s) is over.
    for (let i = 0; i < 2; i++) {
      pollsBefore = polls();
      clock.advance(33_000);
      await until(() => polls() === pollsBefore + SCOPES, 'one more poll of every scope');
      await idle();
    }
    const after = await scrape(url);
    const truth = await fleet.geminidb(pair.primaryRegion).showPauseResumeStutus({ instance_id: pair.primary });
    expect(after.value('hcdr_geminidb_dr_lag_seconds', labels)).toBe(truth.rto_and_rpo_indicators!.find((x) => x.scene === 'FAILOVER')!.rpo);
    expect(after.value('hcdr_geminidb_dr_lag_seconds', labels)).toBeLessThan(60);
  });

  it('removes the series of relationships and tasks that disappear', async () => {
    const pair = fleet.pairs[1]!;
    const task = fleet.tasks[1]!;
    // Unpair: deconstruction precheck and deconstruction on both sides.
    for (const [id, region] of [
      [pair.primary, pair.primaryRegion],
      [pair.standby, pair.standbyRegion],
    ] as const) {
      const client = fleet.geminidb(region);
      await client.checkDisasterRecoveryOperation({ instance_id: id, body: { operation: 'deconstruction' } });
      await client.deleteDisasterRecovery({ instance_id: id });
    }
    // DWS: stop the task, then delete it.
    await fleet.dws(task.region).pauseDisasterRecovery({ disaster_recovery_id: task.id });
    clock.advance(1_000);
    await fleet.dws(task.region).deleteDisasterRecovery({ disaster_recovery_id: task.id });
    const seen = await scrape(url);
    expect(seen.find('hcdr_geminidb_dr_info', { instance_id: pair.primary })).toHaveLength(1);
    expect(seen.find('hcdr_dws_dr_info', { dr_id: task.id })).toHaveLength(1);

    const pollsBefore = polls();
    clock.advance(33_000);
    await until(() => polls() === pollsBefore + SCOPES, 'one more poll of every scope');
    await idle();
    const s = await scrape(url);
    for (const id of [pair.primary, pair.standby]) expect(s.samples.filter((x) => x.labels.instance_id === id)).toEqual([]);
    expect(s.samples.filter((x) => x.labels.dr_id === task.id)).toEqual([]);
    // The others are still there.
    expect(s.find('hcdr_geminidb_dr_info')).toHaveLength((fleet.pairs.length - 1) * 2);
    expect(s.find('hcdr_dws_dr_info')).toHaveLength(fleet.tasks.length - 1);
  });

  it('slows down under a 429 storm instead of failing scrapes, then recovers', async () => {
    const gdb = (s: Awaited<ReturnType<typeof scrape>>) =>
      s.samples.filter((x) => x.name === 'hcdr_geminidb_dr_info').map((x) => `${x.labels.instance_id}`).sort();
    const before = await scrape(url);
    const lastGood = before.value('hcdr_scope_last_success_timestamp_seconds', { service: 'geminidb', region: REGIONS[0]!, project_id: projectOf(REGIONS[0]!) });
    const countRequests = (service: 'gdb' | 'dws') => fleet.requests.filter((l) => (service === 'gdb' ? l.includes('/v3/') : !l.includes('/v3/'))).length;
    const rule = fleet.sim.faults.add({
      match: { service: 'geminidb' },
      times: 'unlimited',
      fault: { kind: 'status', status: 429, body: { error_code: 'APIGW.0308', error_msg: 'The throttling threshold has been reached' } },
    });
    const gdbPollsBefore = exporter.scopes.filter((s) => s.config.service === 'geminidb').reduce((n, s) => n + s.poller.state.polls, 0);
    const dwsPollsBefore = exporter.scopes.filter((s) => s.config.service === 'dws').reduce((n, s) => n + s.poller.state.polls, 0);
    const gdbRequestsBefore = countRequests('gdb');

    // Ten simulated minutes, in 5 s steps; every scrape in the storm must still answer with data.
    for (let t = 0; t < 600_000; t += 5_000) {
      clock.advance(5_000);
      await idle();
      if (t % 60_000 === 0) {
        const s = await scrape(url);
        expect(gdb(s)).toEqual(gdb(before));
      }
    }
    const gdbPolls = exporter.scopes.filter((s) => s.config.service === 'geminidb').reduce((n, s) => n + s.poller.state.polls, 0) - gdbPollsBefore;
    const dwsPolls = exporter.scopes.filter((s) => s.config.service === 'dws').reduce((n, s) => n + s.poller.state.polls, 0) - dwsPollsBefore;
    // Healthy scopes poll every ~30 s (about 20 times in 10 min); throttled ones back off exponentially.
    expect(dwsPolls).toBeGreaterThanOrEqual(4 * 18);
    expect(gdbPolls).toBeLessThanOrEqual(dwsPolls / 3);
    // One request per throttled poll: the first 429 stops the poll.
    expect(countRequests('gdb') - gdbRequestsBefore).toBe(gdbPolls);

    const during = await scrape(url);
    const scope = { service: 'geminidb', region: REGIONS[0]!, project_id: projectOf(REGIONS[0]!) };
    expect(during.value('hcdr_scope_up', scope)).toBe(0);
    expect(during.value('hcdr_scope_last_success_timestamp_seconds', scope)).toBe(lastGood);
    expect(during.value('hcdr_scope_backoff_seconds', scope)).toBeGreaterThan(30);
    expect(during.value('hcdr_api_errors_total', { ...scope, code: 'APIGW.0308' })).toBeGreaterThan(0);
    expect(events.some((e) => e.type === 'throttled')).toBe(true);

    fleet.sim.faults.remove(rule.id);
    for (let t = 0; t < 20 * 60_000 && exporter.scopes.some((s) => s.poller.state.lastFailure); t += 10_000) {
      clock.advance(10_000);
      await idle();
    }
    const recovered = await scrape(url);
    expect(recovered.value('hcdr_scope_up', scope)).toBe(1);
    expect(recovered.value('hcdr_scope_backoff_seconds', scope)).toBe(0);
    expect(recovered.value('hcdr_scope_last_success_timestamp_seconds', scope)).toBeGreaterThan(lastGood);
    expect(events.some((e) => e.type === 'recovered')).toBe(true);
  });

  it('never puts a secret in a scrape, the health report or a log event', async () => {
    const outputs = [(await scrape(url)).text, await (await fetch(`${url}/healthz`)).text(), await (await fetch(`${url}/`)).text(), JSON.stringify(events)];
    for (const text of outputs) {
      expect(text).not.toContain(TEST_SK);
      expect(text).not.toContain('Dr-pass-123!');
    }
  });
});
