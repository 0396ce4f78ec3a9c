// `hcdr dws ...`: GaussDB(DWS) DR tasks, API v2 (+ /v1 progress, /v1.0 jobs and cluster list).
import type { Command } from 'commander';
import type { Runtime } from '../../context.js';
import { examples } from '../shared.js';
import { registerDwsClusters } from './clusters.js';
import { registerDwsDr } from './dr.js';
import { registerDwsJobs } from './jobs.js';
import { registerDwsReadiness } from './readiness.js';

/** Fills the `dws` group (created, with its description, by program.ts). */
export function registerDws(dws: Command, runtime: Runtime): void {
  examples(dws, 'hcdr dws clusters list', 'hcdr dws dr list', 'hcdr dws dr create --help');
  const dr = dws.command('dr').description('DR tasks between a primary and a standby cluster');
  examples(dr, 'hcdr dws dr list', 'hcdr dws dr show <dr-id>');
  registerDwsDr(dr, runtime);
  registerDwsReadiness(dr, runtime);
  const clusters = dws.command('clusters').description('The DWS clusters of a region and project');
  examples(clusters, 'hcdr dws clusters list');
  registerDwsClusters(clusters, runtime);
  const jobs = dws.command('jobs').description('DWS jobs (generic job API)');
  examples(jobs, 'hcdr dws jobs show <job-id>');
  registerDwsJobs(jobs, runtime);
}
