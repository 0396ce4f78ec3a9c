// `hcdr geminidb dual-active create|delete|regions`: cross-region active-active relationships.
import type { Command } from 'commander';
import type { Runtime } from '../../context.js';
import { confirm } from '../../io/confirm.js';
import { InputChecks } from '../../validation/checks.js';
import * as rules from '../../validation/rules.js';
import { action, addWaitOptions, examples, readWaitSettings, short, type WaitFlags } from '../shared.js';
import { runGeminiDb } from './run.js';

const WAIT_DEFAULT = '30m';

export function registerDualActive(group: Command, runtime: Runtime): void {
  examples(
    addWaitOptions(
      group
        .command('create')
        .description('Build a cross-region dual-active relationship with an instance in another region')
        .argument('<instance-id>', 'the local instance')
        .requiredOption('--peer-id <instance-id>', 'the instance in the other region')
        .requiredOption('--peer-region <region>', 'region of the peer instance'),
      WAIT_DEFAULT,
    ).action(
      action<{ peerId: string; peerRegion: string } & WaitFlags>(runtime, async (ctx, o, [id]) => {
        const c = new InputChecks();
        const instanceId = c.required('<instance-id>', id as string, rules.id);
        const peerId = c.required('--peer-id', o.peerId, rules.id);
        const peerRegion = c.required('--peer-region', o.peerRegion, rules.regionCode);
        if (peerId === instanceId) c.fail('--peer-id', 'must be a different instance than <instance-id>');
        const wait = readWaitSettings(c, o, WAIT_DEFAULT);
        c.done();
        await runGeminiDb(ctx, {
          operationId: 'createGeminiDbDualActive',
          wait,
          calls: [{ label: `dual-active ${short(instanceId)} ↔ ${short(peerId)}`, input: { instance_id: instanceId, body: { destination_instance_id: peerId, destination_region: peerRegion } } }],
        });
      }),
    ),
    'hcdr geminidb dual-active create 9c8b7a6f5e4d4c3b2a1f0e9d8c7b6a5fin06 --peer-id a1b2c3d4e5f64a7b8c9d0e1f2a3b4c5din12 --peer-region ap-southeast-1 --wait',
  );

  examples(
    addWaitOptions(group.command('delete').description('Release the dual-active relationship of an instance').argument('<instance-id>', 'an instance of the relationship'), WAIT_DEFAULT).action(
      action<WaitFlags>(runtime, async (ctx, o, [id]) => {
        const c = new InputChecks();
        const instanceId = c.required('<instance-id>', id as string, rules.id);
        const wait = readWaitSettings(c, o, WAIT_DEFAULT);
        c.done();
        await confirm(ctx.term, ctx.paint, ctx.globals, { action: `release the dual-active relationship of GeminiDB instance ${instanceId}` });
        await runGeminiDb(ctx, { operationId: 'deleteGeminiDbDualActive', wait, calls: [{ label: `dual-active release of ${short(instanceId)}`, input: { instance_id: instanceId } }] });
      }),
    ),
    'hcdr geminidb dual-active delete 9c8b7a6f5e4d4c3b2a1f0e9d8c7b6a5fin06 --yes',
  );

  examples(
    group
      .command('regions')
      .description('List the regions where a dual-active peer of an instance can be created')
      .argument('<instance-id>', 'the local instance')
      .action(
        action(runtime, async (ctx, _o, [id]) => {
          const c = new InputChecks();
          const instanceId = c.required('<instance-id>', id as string, rules.id);
          c.done();
          await runGeminiDb(ctx, { operationId: 'showInstanceBiactiveRegions', calls: [{ label: 'regions', input: { instance_id: instanceId } }], table: { list: 'region_codes', empty: 'No regions.' } });
        }),
      ),
    'hcdr geminidb dual-active regions 9c8b7a6f5e4d4c3b2a1f0e9d8c7b6a5fin06',
  );
}
