// The coverage gate. Runs last (see vitest.config.ts): reads the calls every other file recorded and FAILS
// when an operation of a spec has no accepted contract call against the mock in both auth modes.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type OperationCoverage, coverage, formatTable, gatedSpecs, readObservations } from './helpers/coverage.ts';
import { isAlive } from './helpers/prism-processes.ts';
import type { Observation } from './helpers/recorder.ts';
import { OPERATION_TABLES, specOperationIds } from './helpers/specs.ts';

const specs = gatedSpecs();
let observations: Observation[] = [];
let rows: OperationCoverage[] = [];

beforeAll(() => {
  observations = readObservations(inject('recordDir'));
  rows = coverage(observations, specs);
});

afterAll(() => {
  // The table is printed whether the gate passes or not.
  process.stdout.write(`\nContract coverage (accepted calls per operation; "covered by" lists the tests)\n${formatTable(rows)}\n\n`);
});

describe('contract coverage gate', () => {
  it('the other test files recorded their calls', () => {
    expect(observations.length, 'no calls recorded: run the whole suite (the gate runs last), not this file alone').toBeGreaterThan(0);
  });

  it.each(specs)('%s: the generated operations table lists exactly the spec operations', (spec) => {
    expect(Object.keys(OPERATION_TABLES[spec]).sort()).toEqual(specOperationIds(spec).sort());
  });

  it.each(specs)('%s: every operation has an accepted contract call with token auth', (spec) => {
    const missing = rows.filter((r) => r.spec === spec && r.token === 0).map((r) => `${r.operationId} (${r.method} ${r.path})`);
    expect(missing, `operations without a contract test (token auth) in ${spec}`).toEqual([]);
  });

  it.each(specs)('%s: every operation has an accepted contract call with AK/SK auth (signature verified)', (spec) => {
    const missing = rows.filter((r) => r.spec === spec && r.aksk === 0).map((r) => `${r.operationId} (${r.method} ${r.path})`);
    expect(missing, `operations without a contract test (AK/SK auth) in ${spec}`).toEqual([]);
  });

  it('every recorded call hit an operation of its spec', () => {
    const stray = observations.filter((o) => o.operationId === null).map((o) => `${o.spec} ${o.method} ${o.route} (${o.file} > ${o.test})`);
    expect(stray).toEqual([]);
  });

  it('no accepted call against the mock carried sl-violations or a non-conforming body', () => {
    const bad = observations.filter((o) => o.target === 'mock' && o.success && (o.violations !== null || o.schemaErrors.length > 0));
    expect(bad.map((o) => `${o.spec} ${o.operationId}: ${o.violations ?? o.schemaErrors.join('; ')}`)).toEqual([]);
  });

  it('the shared Prism mocks are tracked by PID and still running (global teardown checks they are gone)', () => {
    const pids = inject('mockPids');
    if (process.platform === 'linux') expect(pids.length).toBe(3);
    for (const pid of pids) expect(isAlive(pid), `Prism mock PID ${pid}`).toBe(true);
  });
});
