// `hcdr geminidb jobs list|show|wait`: the asynchronous jobs behind every mutating DR call.
// `jobs wait` is also how an interrupted or timed-out --wait is resumed: a job ID is all it needs.
import type { Command } from 'commander';
import { connectionArgs, geminiDbClient, globalConnection } from '../../config/client-options.js';
import type { Runtime } from '../../context.js';
import { createDryRunRecorder, printDryRun } from '../../io/dry-run.js';
import { CliError } from '../../io/errors.js';
import { renderCommand } from '../../io/shell.js';
import { InputChecks } from '../../validation/checks.js';
import * as rules from '../../validation/rules.js';
import { choice } from '../option-metadata.js';
import { action, examples, readWaitSettings } from '../shared.js';
import { outcomesError, reportOutcomes, waitJobs } from './job-wait.js';
import { runGeminiDb } from './run.js';

const JOB_COLUMNS = ['id', 'name', 'status', 'progress', 'instance.name', 'start_time', 'end_time', 'fail_reason'];
const JOB_NAMES_HINT = 'e.g. ConstructDisasterRecovery, DeConstructDisasterRecovery, SwitchOverDisasterRecovery';

export function registerJobs(jobs: Command, runtime: Runtime): void {
  examples(
    jobs
      .command('list')
      .description('List asynchronous jobs (the last 30 days unless --start-time/--end-time)')
      .option('--id <job-id>', 'only this job')
      .addOption(choice('--status <status>', 'only jobs in this state', ['Running', 'Completed', 'Failed']))
      .option('--name <name>', `job type, ${JOB_NAMES_HINT}`)
      .option('--start-time <time>', 'from, yyyy-mm-ddThh:mm:ssZ')
      .option('--end-time <time>', 'to, yyyy-mm-ddThh:mm:ssZ (at most 30 days after --start-time)')
      .option('--limit <n>', 'page size: 10, 20 or 50')
      .option('--offset <n>', 'index of the first job, from 0')
      .action(
        action<{ id?: string; status?: string; name?: string; startTime?: string; endTime?: string; limit?: string; offset?: string }>(runtime, async (ctx, o) => {
          const c = new InputChecks();
          const query = {
            id: c.optional('--id', o.id, rules.id),
            status: c.optional('--status', o.status, rules.oneOf(['Running', 'Completed', 'Failed'])) as 'Running' | 'Completed' | 'Failed' | undefined,
            name: c.optional('--name', o.name),
            start_time: c.optional('--start-time', o.startTime, rules.jobTime),
            end_time: c.optional('--end-time', o.endTime, rules.jobTime),
            limit: c.integer('--limit', o.limit, rules.integer({ allowed: [10, 20, 50] })) as 10 | 20 | 50 | undefined,
            offset: c.integer('--offset', o.offset, rules.integer({ min: 0 })),
          };
          c.done();
          await runGeminiDb(ctx, { operationId: 'listJobs', calls: [{ label: 'jobs', input: { query } }], table: { list: 'jobs', columns: JOB_COLUMNS, empty: 'No jobs.' } });
        }),
      ),
    'hcdr geminidb jobs list --status Running',
    'hcdr geminidb jobs list --name ConstructDisasterRecovery --limit 10 -o json',
  );

  examples(
    jobs
      .command('show')
      .description('Show one job (status, progress, failure reason)')
      .argument('<job-id>', 'job ID returned by a DR command')
      .action(
        action(runtime, async (ctx, _o, [id]) => {
          const c = new InputChecks();
          const jobId = c.required('<job-id>', id as string, rules.id);
          c.done();
          if (ctx.globals.dryRun) {
            await runGeminiDb(ctx, { operationId: 'listJobs', calls: [{ label: 'job', input: { query: { id: jobId } } }] });
            return;
          }
          const client = await geminiDbClient(ctx);
          const data = await client.listJobs({ query: { id: jobId } }, { signal: ctx.signal });
          const job = (data.jobs ?? []).find((j) => j.id === jobId);
          if (!job) throw new CliError(`Job ${jobId} was not found (jobs are kept for 30 days; check --region and --project-id).`);
          ctx.out.data(job);
        }),
      ),
    'hcdr geminidb jobs show c010abd0-48cf-4fa8-8cbc-090f093eaa2f',
  );

  examples(
    jobs
      .command('wait')
      .description('Wait until jobs finish (exit 0 all completed, 1 one failed, 3 timed out)')
      .argument('<job-ids...>', 'job IDs (of the same region and project)')
      .option('--wait-timeout <duration>', 'give up after this long (exit code 3; the jobs keep running)', '30m')
      .option('--poll-interval <duration>', 'fixed polling interval (default: 5s, growing to 30s)')
      .action(
        action<{ waitTimeout: string; pollInterval?: string }>(runtime, async (ctx, o, [ids]) => {
          const c = new InputChecks();
          const jobIds = c.list('<job-ids...>', ids as string[], { required: true }, rules.id);
          const settings = readWaitSettings(c, { ...o, wait: true }, '30m');
          c.done();
          if (ctx.globals.dryRun) {
            const recorder = await createDryRunRecorder();
            const client = await geminiDbClient(ctx, globalConnection(ctx), recorder);
            for (const id of jobIds) await client.listJobs({ query: { id } });
            printDryRun(ctx, recorder.requests, ['each request is repeated until the job is Completed or Failed']);
            return;
          }
          const client = await geminiDbClient(ctx);
          const outcomes = await waitJobs(
            ctx,
            jobIds.map((jobId) => ({ client, jobId, label: `job ${jobId.slice(0, 8)}` })),
            settings,
          );
          reportOutcomes(ctx, outcomes);
          ctx.out.data(
            { jobs: outcomes.map((o) => ({ id: o.jobId, wait: o.state, ...(o.job ? { job: o.job } : {}), ...(o.reason ? { reason: o.reason } : {}) })) },
            { list: 'jobs', columns: ['id', 'wait', 'job.name', 'job.status', 'job.instance.name', 'reason'] },
          );
          const error = outcomesError(outcomes, renderCommand(['hcdr', 'geminidb', 'jobs', 'wait', ...jobIds, ...connectionArgs(globalConnection(ctx))]));
          if (error) throw error;
        }),
      ),
    'hcdr geminidb jobs wait c010abd0-48cf-4fa8-8cbc-090f093eaa2f',
    'hcdr geminidb jobs wait <primary-job> <standby-job> --wait-timeout 1h && echo "DR pair ready"',
  );
}
