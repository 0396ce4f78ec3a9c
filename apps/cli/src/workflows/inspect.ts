// Reads what `pair` needs to know about an instance before changing anything: its port (DR needs
// 8635 on both sides), region, node IPs, node specification, DR peer and running actions. One
// listInstances call per instance, filtered by ID.
import type { GeminiDbClient } from '@hcdr/geminidb';

export const DR_PORT = '8635';

export interface InstanceFacts {
  id: string;
  name: string;
  status?: string | undefined;
  port?: string | undefined;
  region?: string | undefined;
  nodeIps: string[];
  specCode?: string | undefined;
  drInstanceId?: string | undefined;
  actions: string[];
}

/** The instance's facts, or undefined when the API does not know it. */
export async function inspectInstance(client: GeminiDbClient, instanceId: string, signal?: AbortSignal): Promise<InstanceFacts | undefined> {
  const { data, error, response } = await client.raw.GET('/v3/{project_id}/instances', {
    params: { path: { project_id: client.config.projectId }, query: { id: instanceId } },
    signal,
  });
  if (error !== undefined || !response.ok) {
    const { toApiError } = await import('@hcdr/core');
    throw toApiError(response, error, 'listInstances');
  }
  const found = (data?.instances ?? []).find((i) => i.id === instanceId);
  if (!found) return undefined;
  const nodes = (found.groups ?? []).flatMap((g) => g.nodes ?? []);
  const specs = [...new Set(nodes.map((n) => n.spec_code).filter((s): s is string => !!s))];
  return {
    id: found.id,
    name: found.name,
    status: found.status,
    port: found.port,
    region: found.region,
    nodeIps: nodes.map((n) => n.private_ip).filter((ip): ip is string => !!ip),
    specCode: specs.length === 1 ? specs[0] : undefined,
    drInstanceId: found.dr_instance_id || undefined,
    actions: found.actions ?? [],
  };
}
