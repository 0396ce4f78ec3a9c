// `hcdr drill history`: past and interrupted drills from the journal, newest first, with their
// verdict and where the report went. Local: nothing is sent.
import type { Command } from 'commander';
import type { Runtime } from '../../context.js';
import { InputChecks } from '../../validation/checks.js';
import * as rules from '../../validation/rules.js';
import { action, examples } from '../shared.js';
import { openJournalStore } from './journal-store.js';

export function registerDrillHistory(drill: Command, runtime: Runtime): void {
  examples(
    drill
      .command('history')
      .description('List past drills (newest first): plan, scenario, targets, verdict, when, and the report directory; an unfinished drill shows the command that continues it')
      .option('--limit <n>', 'show at most this many drills (1-1000)', '20')
      .action(
        action<{ limit: string }>(runtime, async (ctx, o) => {
          const c = new InputChecks();
          const limit = c.integer('--limit', o.limit, rules.integer({ min: 1, max: 1000 })) ?? 20;
          c.done();
          const { listDrillHistory } = await import('@hcdr/dr-ops');
          const store = await openJournalStore(ctx);
          const drills = (await listDrillHistory(store)).slice(0, limit).map((d) => ({
            started_at: d.startedAt ?? null,
            plan: d.plan ?? null,
            scenario: d.scenario ?? null,
            service: d.kind.split('.')[0] ?? null,
            targets: d.targets.join(' '),
            state: d.state,
            verdict: d.verdict ?? (d.state === 'in-progress' ? 'unfinished' : null),
            report_dir: d.reportDir ?? null,
            updated_at: d.updatedAt ?? null,
            continue_with: d.state === 'in-progress' ? (d.rerun ?? null) : null,
          }));
          ctx.out.data({ drills }, { list: 'drills', columns: ['started_at', 'plan', 'scenario', 'verdict', 'targets', 'report_dir'], empty: 'No drills in the journal yet (hcdr drill run <plan> records one).' });
        }),
      ),
    'hcdr drill history',
    'hcdr drill history --limit 5 -o json',
  );
}
