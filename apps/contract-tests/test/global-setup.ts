// Starts one Prism mock per spec for the whole run, hands their URLs to the tests (provide/inject), and
// always stops them. Teardown fails the run if a Prism process or port survives.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { type TrackedPrism, startTrackedPrism, stopAndCheck } from './helpers/prism-processes.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    geminidbMockUrl: string;
    dwsMockUrl: string;
    vpcMockUrl: string;
    /** PIDs of the Prism mocks (empty where /proc is unavailable). */
    mockPids: number[];
    /** Directory where every test file appends its call records (JSON lines) for the coverage gate. */
    recordDir: string;
  }
}

export default async function setup(project: TestProject) {
  const recordDir = mkdtempSync(path.join(tmpdir(), 'hcdr-contract-'));
  const started = await Promise.allSettled([startTrackedPrism({ spec: 'geminidb-dr' }), startTrackedPrism({ spec: 'dws-dr' }), startTrackedPrism({ spec: 'vpc' })]);
  const servers = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const failed = started.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) {
    await stopAndCheck(servers);
    rmSync(recordDir, { recursive: true, force: true });
    throw failed.reason;
  }
  const [gemini, dws, vpc] = servers as [TrackedPrism, TrackedPrism, TrackedPrism];
  project.provide('geminidbMockUrl', gemini.server.url);
  project.provide('dwsMockUrl', dws.server.url);
  project.provide('vpcMockUrl', vpc.server.url);
  project.provide('mockPids', [...gemini.pids, ...dws.pids, ...vpc.pids]);
  project.provide('recordDir', recordDir);

  return async () => {
    const problems = await stopAndCheck(servers);
    rmSync(recordDir, { recursive: true, force: true });
    if (problems.length > 0) {
      // Vitest 4 only logs an error thrown here ("error during close") and still exits 0: fail the run explicitly.
      process.exitCode = 1;
      throw new Error(`Prism mocks were not stopped cleanly:\n${problems.join('\n')}`);
    }
  };
}
