// `hcdr geminidb instances list`: the only way to see DR relationships (dr_instance_id) and busy
// instances (actions), since GeminiDB has no "list DR relationships" API.
import type { Command } from 'commander';
import type { Runtime } from '../../context.js';
import { InputChecks } from '../../validation/checks.js';
import * as rules from '../../validation/rules.js';
import { action, examples } from '../shared.js';
import { runGeminiDb } from './run.js';

export const INSTANCE_COLUMNS = ['id', 'name', 'status', 'region', 'port', 'mode', 'dr_instance_id', 'actions'] as const;

export function registerInstances(instances: Command, runtime: Runtime): void {
  examples(
    instances
      .command('list')
      .description('List GeminiDB instances with their DR peer (dr_instance_id) and running actions')
      .option('--id <instance-id>', 'only this instance')
      .option('--name <name>', 'only instances with this name (a leading * matches the rest fuzzily)')
      .option('--limit <n>', 'page size, 1-100')
      .option('--offset <n>', 'index of the first instance, from 0')
      .action(
        action<{ id?: string; name?: string; limit?: string; offset?: string }>(runtime, async (ctx, o) => {
          const c = new InputChecks();
          const id = c.optional('--id', o.id, rules.id);
          const name = c.optional('--name', o.name);
          const limit = c.integer('--limit', o.limit, rules.integer({ min: 1, max: 100 }));
          const offset = c.integer('--offset', o.offset, rules.integer({ min: 0 }));
          c.done();
          await runGeminiDb(ctx, {
            operationId: 'listInstances',
            calls: [{ label: 'list', input: { query: { id, name, limit, offset } } }],
            table: { list: 'instances', columns: INSTANCE_COLUMNS, empty: 'No instances.' },
          });
        }),
      ),
    'hcdr geminidb instances list --region ap-southeast-1',
    "hcdr geminidb instances list -o json | jq '.instances[] | select(.dr_instance_id) | {id, dr_instance_id}'",
  );
}
