// `hcdr dws jobs show`: the generic DWS job API (/v1.0/{project_id}/job/{job_id}). DR operations do
// not return job IDs (they are followed through the task status); other DWS APIs do.
import type { Command } from 'commander';
import type { Runtime } from '../../context.js';
import { InputChecks } from '../../validation/checks.js';
import * as rules from '../../validation/rules.js';
import { action, examples } from '../shared.js';
import { runDws } from './run.js';

export function registerDwsJobs(jobs: Command, runtime: Runtime): void {
  examples(
    jobs
      .command('show')
      .description('Show a DWS job (status, progress, failure code and detail)')
      .argument('<job-id>', 'job ID returned by a DWS API')
      .action(
        action(runtime, async (ctx, _o, [id]) => {
          const c = new InputChecks();
          const jobId = c.required('<job-id>', id as string, rules.id);
          c.done();
          await runDws(ctx, { operationId: 'listJobDetails', input: { job_id: jobId } });
        }),
      ),
    'hcdr dws jobs show ff80808287d8d4a30187e15ce9b00c1f',
  );
}
