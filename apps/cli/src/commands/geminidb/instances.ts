// `hcdr geminidb instances list`: the only way to see DR relationships (dr_instance_id) and busy
// instances (actions), since GeminiDB has no "list DR relationships" API; with the subnet and VPC
// CIDR blocks of each instance (read from the VPC API), which a DR pairing needs.
import type { Command } from 'commander';
import { geminiDbClient, globalConnection, vpcClient } from '../../config/client-options.js';
import type { AppContext, Runtime } from '../../context.js';
import { createDryRunRecorder, printDryRun } from '../../io/dry-run.js';
import { describeError } from '../../io/errors.js';
import { InputChecks } from '../../validation/checks.js';
import * as rules from '../../validation/rules.js';
import { action, examples } from '../shared.js';

export const INSTANCE_COLUMNS = ['id', 'name', 'status', 'region', 'port', 'mode', 'subnet_cidrs', 'vpc_cidr', 'dr_instance_id', 'actions'] as const;

interface ListFlags {
  id?: string;
  name?: string;
  limit?: string;
  offset?: string;
  cidrs?: boolean;
}

export function registerInstances(instances: Command, runtime: Runtime): void {
  examples(
    instances
      .command('list')
      .description('List GeminiDB instances with their subnet and VPC CIDR blocks, DR peer (dr_instance_id) and running actions')
      .option('--id <instance-id>', 'only this instance')
      .option('--name <name>', 'only instances with this name (a leading * matches the rest fuzzily)')
      .option('--limit <n>', 'page size, 1-100')
      .option('--offset <n>', 'index of the first instance, from 0')
      .option('--no-cidrs', 'do not read the subnet and VPC CIDR blocks (VPC API: showSubnet, showVpc)')
      .action(
        action<ListFlags>(runtime, async (ctx, o) => {
          const c = new InputChecks();
          const id = c.optional('--id', o.id, rules.id);
          const name = c.optional('--name', o.name);
          const limit = c.integer('--limit', o.limit, rules.integer({ min: 1, max: 100 }));
          const offset = c.integer('--offset', o.offset, rules.integer({ min: 0 }));
          c.done();
          await listInstances(ctx, { query: { id, name, limit, offset }, cidrs: o.cidrs !== false });
        }),
      ),
    'hcdr geminidb instances list --region ap-southeast-1',
    "hcdr geminidb instances list -o json | jq '.instances[] | select(.dr_instance_id) | {id, dr_instance_id}'",
    "hcdr geminidb instances list --query 'instances[].[id, subnet_cidrs[0], vpc_cidr]' -o text",
  );
}

type Query = { id?: string | undefined; name?: string | undefined; limit?: number | undefined; offset?: number | undefined };

async function listInstances(ctx: AppContext, options: { query: Query; cidrs: boolean }): Promise<void> {
  const connection = globalConnection(ctx);
  const table = { list: 'instances', columns: INSTANCE_COLUMNS, empty: 'No instances.' };
  if (ctx.globals.dryRun) {
    const recorder = await createDryRunRecorder();
    const client = await geminiDbClient(ctx, connection, recorder);
    await client.listInstances({ query: options.query });
    printDryRun(ctx, recorder.requests, options.cidrs ? ['then showSubnet and showVpc (VPC API, same region and project) once for each distinct subnet and VPC of the instances listed'] : []);
    return;
  }
  const client = await geminiDbClient(ctx, connection);
  const listing = await client.listInstances({ query: options.query }, { signal: ctx.signal });
  const instances = listing.instances ?? [];
  if (!options.cidrs || instances.length === 0) {
    ctx.out.data(listing, table);
    return;
  }
  const { readListedInstanceNetworks } = await import('@hcdr/dr-ops');
  let vpc: Awaited<ReturnType<typeof vpcClient>>;
  try {
    vpc = await vpcClient(ctx, connection);
  } catch (error) {
    // The listing itself worked: a VPC endpoint this region lacks must not hide it.
    ctx.out.warn(`Subnet and VPC CIDR blocks not read: ${describeError(error).message}`);
    ctx.out.data({ ...listing, instances: instances.map((i) => ({ ...i, subnet_cidrs: [], vpc_cidr: null })) }, table);
    return;
  }
  const { byInstance, failures } = await readListedInstanceNetworks(vpc, instances, { signal: ctx.signal });
  if (failures.length) {
    const first = failures[0] as (typeof failures)[number];
    ctx.out.warn(
      `Could not read ${failures.length} subnet/VPC CIDR block${failures.length === 1 ? '' : 's'} (shown as null): ${first.operation} ${first.resourceId}: ${describeError(first.error).message}. ` +
        'These credentials may lack vpc:subnets:get / vpc:vpcs:get; --no-cidrs skips the lookup.',
    );
  }
  const withCidrs = instances.map((i) => {
    const network = byInstance.get(i.id);
    return { ...i, subnet_cidrs: network?.subnetCidrs ?? [], vpc_cidr: network?.vpcCidr ?? null };
  });
  ctx.out.data({ ...listing, instances: withCidrs }, table);
}
