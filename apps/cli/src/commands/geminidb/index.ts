// `hcdr geminidb ...`: GeminiDB (Redis) DR relationships, API v3.
import type { Command } from 'commander';
import type { Runtime } from '../../context.js';
import { examples } from '../shared.js';
import { registerDr } from './dr.js';
import { registerDualActive } from './dual-active.js';
import { registerInstances } from './instances.js';
import { registerJobs } from './jobs.js';
import { registerPair } from './pair.js';
import { registerReadiness } from './readiness.js';
import { registerSettings } from './settings.js';
import { registerStatus } from './status.js';

/** Fills the `geminidb` group (created, with its description, by program.ts). */
export function registerGeminiDb(geminidb: Command, runtime: Runtime): void {
  examples(geminidb, 'hcdr geminidb instances list', 'hcdr geminidb dr pair --help', 'hcdr geminidb dr status <instance-id> --watch');

  const instances = geminidb.command('instances').description('GeminiDB instances and their DR peers');
  examples(instances, 'hcdr geminidb instances list');
  registerInstances(instances, runtime);

  const dr = geminidb.command('dr').description('DR relationships: pair/unpair (both sides), per-side operations, switchover, failover, sync, status');
  examples(dr, 'hcdr geminidb dr pair --help', 'hcdr geminidb dr status <instance-id>');
  registerPair(dr, runtime);
  registerDr(dr, runtime);
  registerStatus(dr, runtime);
  registerReadiness(dr, runtime);
  const settings = dr.command('settings').description('DR switchover thresholds (failed-node ratio, maximum sync delay)');
  examples(settings, 'hcdr geminidb dr settings get');
  registerSettings(settings, runtime);

  const dualActive = geminidb.command('dual-active').description('Cross-region dual-active (active-active) relationships');
  examples(dualActive, 'hcdr geminidb dual-active regions <instance-id>');
  registerDualActive(dualActive, runtime);

  const jobs = geminidb.command('jobs').description('Asynchronous jobs behind every mutating DR call');
  examples(jobs, 'hcdr geminidb jobs list --status Running');
  registerJobs(jobs, runtime);
}
