// A 45-minute life of a small DR estate, scraped once a minute from a running exporter: healthy at
// first, then (at minute 5) a paused GeminiDB pair, a planned switchover, a failover, a stopped DWS
// task and a DWS switchover; from minute 30 the DWS API throttles (503) and one scope is unreachable
// all along. The alert rules and the dashboard are checked against these real scrapes.
import { createServer } from 'node:net';
import { createExporter, parseExporterConfig } from '../../../src/monitoring/index.js';
import { projectOf, startFleet, type Fleet } from './fleet.js';
import { manualPollClock, until } from './poll-clock.js';
import { parseScrape, type Scrape } from './scrape.js';

export const SCENARIO_REGIONS = ['ap-southeast-1', 'cn-north-4'];
export const UNREACHABLE_REGION = 'eu-west-101';

export interface Scenario {
  readonly fleet: Fleet;
  /** One scrape per minute, index = minute. */
  readonly scrapes: readonly Scrape[];
  /** Simulator time of minute 0 (ms). */
  readonly startMs: number;
  readonly close: () => Promise<void>;
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

export async function recordScenario(minutes = 45): Promise<Scenario> {
  const fleet = await startFleet({ pairs: 4, tasks: 3, regions: SCENARIO_REGIONS });
  const clock = manualPollClock(fleet.clock);
  const scopes = ['geminidb', 'dws'].flatMap((service) =>
    SCENARIO_REGIONS.map((region) => `  - { service: ${service}, region: ${region}, project_id: ${projectOf(region)}, endpoint: "${fleet.endpoint}" }`),
  );
  scopes.push(`  - { service: geminidb, region: ${UNREACHABLE_REGION}, project_id: ${projectOf(UNREACHABLE_REGION)}, endpoint: "http://127.0.0.1:${await closedPort()}" }`);
  const config = parseExporterConfig(`interval: 1m\nscopes:\n${scopes.join('\n')}\n`);
  const exporter = await createExporter({ config, clock, clientOptions: () => fleet.clientOptions() });
  const idle = () => until(() => clock.sleepers === config.scopes.length, 'every poller to be waiting');
  exporter.start();
  await idle();
  clock.advance(5_000);
  await idle();

  const startMs = fleet.clock.now();
  const scrapes: Scrape[] = [];
  const [paused, switched, failedOver] = fleet.pairs;
  const [stopped, dwsSwitched] = fleet.tasks;
  for (let minute = 0; minute < minutes; minute++) {
    scrapes.push(await parseScrape(await exporter.metrics()));
    if (minute === 5) {
      const g = fleet.geminidb;
      await g(paused!.primaryRegion).pauseResumeDataSynchronization({ instance_id: paused!.primary, body: { action: 'pause' } });
      await g(paused!.standbyRegion).pauseResumeDataSynchronization({ instance_id: paused!.standby, body: { action: 'pause' } });
      await g(switched!.primaryRegion).switchOverDisasterRecovery({ instance_id: switched!.primary });
      await g(failedOver!.standbyRegion).switchToMaster({ instance_id: failedOver!.standby, body: { force: true } });
      await fleet.dws(stopped!.region).pauseDisasterRecovery({ disaster_recovery_id: stopped!.id });
      await fleet.dws(dwsSwitched!.region).switchoverDisasterRecovery({ disaster_recovery_id: dwsSwitched!.id });
    }
    if (minute === 30) fleet.sim.faults.add({ match: { service: 'dws' }, times: 'unlimited', fault: { kind: 'status', status: 503, body: { error_code: 'DWS.0503', error_msg: 'busy' } } });
    clock.advance(60_000); // one interval: every scope polls once (the jitter is 0 with random() = 0.5)
    await idle();
  }
  return {
    fleet,
    scrapes,
    startMs,
    close: async () => {
      await exporter.close();
      await fleet.close();
    },
  };
}
