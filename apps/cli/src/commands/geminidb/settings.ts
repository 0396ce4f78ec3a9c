// `hcdr geminidb dr settings get|set`: DR switchover thresholds (failed-node ratio, max sync delay).
import type { Command } from 'commander';
import type { Runtime } from '../../context.js';
import { InputChecks } from '../../validation/checks.js';
import * as rules from '../../validation/rules.js';
import { action, examples } from '../shared.js';
import { runGeminiDb } from './run.js';

export function registerSettings(settings: Command, runtime: Runtime): void {
  examples(
    settings
      .command('get')
      .description('Show DR switchover thresholds (all instances, or one)')
      .option('--instance-id <id>', 'only this instance')
      .option('--limit <n>', 'page size, 1-50')
      .option('--offset <n>', 'index of the first record, from 0')
      .action(
        action<{ instanceId?: string; limit?: string; offset?: string }>(runtime, async (ctx, o) => {
          const c = new InputChecks();
          const instanceId = c.optional('--instance-id', o.instanceId, rules.id);
          const limit = c.integer('--limit', o.limit, rules.integer({ min: 1, max: 50 }));
          const offset = c.integer('--offset', o.offset, rules.integer({ min: 0 }));
          c.done();
          await runGeminiDb(ctx, {
            operationId: 'showDisasterRecoverySettings',
            calls: [{ label: 'settings', input: { query: { instance_id: instanceId, limit, offset } } }],
            table: { list: 'disaster_recovery_settings', columns: ['instance_id', 'switchover_ratio', 'sync_delay'], empty: 'No DR settings.' },
          });
        }),
      ),
    'hcdr geminidb dr settings get --instance-id a1b2c3d4e5f64a7b8c9d0e1f2a3b4c5din12',
  );

  examples(
    settings
      .command('set')
      .description('Set DR switchover thresholds for one or more instances')
      .argument('<instance-ids...>', 'instances to configure')
      .option('--switchover-ratio <percent>', 'failed-node percentage that triggers a DR switchover: 50, 60, 70, 80, 90 or 100')
      .option('--sync-delay <seconds>', 'no DR switchover while the standby lags more than this (seconds, at least 10)')
      .action(
        action<{ switchoverRatio?: string; syncDelay?: string }>(runtime, async (ctx, o, [ids]) => {
          const c = new InputChecks();
          const instanceIds = c.list('<instance-ids...>', ids as string[], { required: true }, rules.id);
          const ratio = c.integer('--switchover-ratio', o.switchoverRatio, rules.switchoverRatio);
          const syncDelay = c.integer('--sync-delay', o.syncDelay, rules.syncDelaySeconds);
          if (o.switchoverRatio === undefined && o.syncDelay === undefined) c.fail('--switchover-ratio', 'or --sync-delay is required (nothing to set)');
          c.done();
          await runGeminiDb(ctx, {
            operationId: 'setDisasterRecoverySettings',
            calls: [
              {
                label: 'settings',
                input: {
                  body: {
                    disaster_recovery_settings: instanceIds.map((instance_id) => ({
                      instance_id,
                      ...(ratio !== undefined ? { switchover_ratio: ratio as 50 | 60 | 70 | 80 | 90 | 100 } : {}),
                      ...(syncDelay !== undefined ? { sync_delay: syncDelay } : {}),
                    })),
                  },
                },
              },
            ],
            done: () => `DR settings applied to ${instanceIds.length} instance${instanceIds.length === 1 ? '' : 's'}.`,
          });
        }),
      ),
    'hcdr geminidb dr settings set a1b2c3d4e5f64a7b8c9d0e1f2a3b4c5din12 --switchover-ratio 80 --sync-delay 30',
  );
}
