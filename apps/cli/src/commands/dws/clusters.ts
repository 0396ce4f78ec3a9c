// `hcdr dws clusters list`: every DWS cluster of the region and project (GET /v1.0/{project_id}/clusters),
// so the cluster IDs and availability zones the DR commands take can be found with nothing but a region.
import type { Command } from 'commander';
import type { Runtime } from '../../context.js';
import { InputChecks } from '../../validation/checks.js';
import * as rules from '../../validation/rules.js';
import { action, examples } from '../shared.js';
import { runDws } from './run.js';

export const CLUSTER_COLUMNS = ['id', 'name', 'status', 'sub_status', 'availability_zone', 'version', 'number_of_node', 'node_type', 'task_status'] as const;

export function registerDwsClusters(clusters: Command, runtime: Runtime): void {
  examples(
    clusters
      .command('list')
      .description('List the DWS clusters of the region and project: IDs, status, availability zone, version, nodes (what dr create and dr candidates take)')
      .option('--enterprise-project-id <id>', 'only clusters of this enterprise project (0 = default, all_granted_eps = every one you may see)')
      .action(
        action<{ enterpriseProjectId?: string }>(runtime, async (ctx, o) => {
          const c = new InputChecks();
          const enterpriseProjectId = c.optional('--enterprise-project-id', o.enterpriseProjectId, rules.enterpriseProjectId);
          c.done();
          await runDws(ctx, {
            operationId: 'listClusters',
            input: { query: { enterprise_project_id: enterpriseProjectId } },
            table: {
              list: 'clusters',
              columns: CLUSTER_COLUMNS,
              headings: { availability_zone: 'az', number_of_node: 'nodes' },
              empty: 'No DWS clusters in this region and project.',
            },
          });
        }),
      ),
    'hcdr dws clusters list --region cn-north-4',
    "hcdr dws clusters list -o json --query 'clusters[].[id, name, availability_zone]' -o text",
    '# then: hcdr dws dr candidates --primary-cluster <id> --standby-az <az of another cluster>',
  );
}
