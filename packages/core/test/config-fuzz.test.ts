// Config fuzz: hostile region, project ID, endpoint and credentials through options, environment and a
// profile file. createApiClient is what every client package's factory calls (the client packages fuzz
// their own factories with their real region tables too).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createApiClient } from '../src/client/create-api-client.js';
import type { OperationTable } from '../src/client/operation-types.js';
import { isHuaweiCloudConfigError } from '../src/errors/errors.js';
import { knownRegions } from '../src/regions/resolve-endpoint.js';
import { configCaseArbitrary, runConfigCase, type ConfigFuzzStats } from './config-fuzz-harness.js';
import { exampleDescriptor, getOperation } from './helpers.js';

const RUNS = 400;

const table: OperationTable = {
  listJobs: getOperation('/v3/{project_id}/jobs', ['project_id']),
};

const service = exampleDescriptor(table);

describe.each<[string, number]>([
  ['ap-southeast-1', 0x5eed01],
  ['cn-north-4', 0x5eed02],
])('config fuzz: region %s', (region, seed) => {
  it(`names every bad setting in one HuaweiCloudConfigError without quoting secrets (${RUNS} cases)`, async () => {
    const stats: ConfigFuzzStats = { runs: 0, accepted: 0, refused: 0, bySetting: {} };
    const known = new Set(knownRegions(service));
    await fc.assert(
      fc.asyncProperty(configCaseArbitrary(region), (c) =>
        runConfigCase({
          c,
          create: (options) => createApiClient(service, options),
          call: (client) => (client as { listJobs: () => Promise<unknown> }).listJobs(),
          isConfigError: isHuaweiCloudConfigError,
          isKnownRegion: (r) => known.has(r),
          stats,
        }),
      ),
      { seed, numRuns: RUNS },
    );
    console.info(`[config-fuzz] ${region}: ${stats.runs} cases, ${stats.accepted} accepted, ${stats.refused} refused`, stats.bySetting);
    expect(stats.runs).toBe(RUNS);
    // Both outcomes and every setting must actually have been exercised.
    expect(stats.accepted).toBeGreaterThan(RUNS / 20);
    for (const setting of ['region', 'projectId', 'endpoint', 'credentials']) expect(stats.bySetting[setting] ?? 0).toBeGreaterThan(10);
  });
});
