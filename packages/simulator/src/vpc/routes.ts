import { ApiError } from '../http/api-error.js';
import { pathParam as param, type ServiceRoute } from '../http/context.js';
import { uuidFrom } from '../random.js';
import { visible } from '../regions/scope.js';
import type { NetworkView, SubnetFacts, VpcFacts } from './network.js';

/** Simulator choice: the VPC pages document no code for an unknown subnet or VPC (the spec's example code). */
const notFound = (what: 'subnet' | 'VPC', id: string) => new ApiError(404, 'VPC.0202', `The ${what} does not exist: ${id}`);

/** Times the simulated networks report: UTC without a zone suffix, as the VPC API answers. */
const CREATED = '2025-03-01T07:59:00';

function ipv4(cidr: string): { address: number; prefix: number } {
  const [address = '0.0.0.0', prefix = '32'] = cidr.split('/');
  const n = address.split('.').reduce((acc, octet) => acc * 256 + Number(octet), 0);
  return { address: n, prefix: Number(prefix) };
}

const dotted = (n: number) => [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join('.');

function renderSubnet(s: SubnetFacts): Record<string, unknown> {
  const { address, prefix } = ipv4(s.cidr);
  return {
    id: s.id,
    name: `subnet-${s.id.slice(0, 8)}`,
    description: '',
    cidr: s.cidr,
    gateway_ip: dotted(address + 1),
    ipv6_enable: false,
    dhcp_enable: true,
    primary_dns: '100.125.1.250',
    secondary_dns: '100.125.21.250',
    dnsList: ['100.125.1.250', '100.125.21.250'],
    availability_zone: s.availabilityZone,
    vpc_id: s.vpcId,
    status: 'ACTIVE',
    neutron_network_id: uuidFrom('hcdr-simulator-neutron-network', s.id),
    neutron_subnet_id: uuidFrom('hcdr-simulator-neutron-subnet', s.id),
    extra_dhcp_opts: [],
    scope: 'center',
    tenant_id: s.projectId,
    created_at: CREATED,
    updated_at: CREATED,
    enable_network_address_usage_metrics: false,
    // The cloud keeps 5 addresses of every subnet (network, gateway, DHCP/DNS, broadcast).
    available_ip_address_count: Math.max(0, 2 ** (32 - prefix) - 5 - s.usedIps),
  };
}

function renderVpc(v: VpcFacts): Record<string, unknown> {
  return {
    id: v.id,
    name: `vpc-${v.id.slice(0, 8)}`,
    cidr: v.cidr,
    description: '',
    routes: [],
    status: 'OK',
    enterprise_project_id: '0',
    tenant_id: v.projectId,
    created_at: CREATED,
    updated_at: CREATED,
    block_service_endpoint_states: 'off',
    enable_network_address_usage_metrics: false,
  };
}

/** The VPC route table: one row per operation of specs/vpc.yaml (reads of the networks the resources use). */
export function vpcRoutes(network: () => NetworkView): ServiceRoute[] {
  /** One read: the resource must exist in the request's region and project, as in the cloud. */
  const show = <F extends SubnetFacts | VpcFacts>(
    operationId: string,
    path: string,
    idParam: string,
    what: 'subnet' | 'VPC',
    find: (view: NetworkView, id: string) => F | undefined,
    render: (facts: F) => Record<string, unknown>,
  ): ServiceRoute => ({
    service: 'vpc',
    method: 'GET',
    path,
    operationId,
    handler: (ctx) => {
      const id = param(ctx, idParam);
      const found = find(network(), id);
      if (!found || !visible(ctx.scope, found)) throw notFound(what, id);
      return { status: 200, body: render(found) };
    },
  });
  return [
    show('showSubnet', '/v1/{project_id}/subnets/{subnet_id}', 'subnet_id', 'subnet', (v, id) => v.subnets.get(id), (s) => ({ subnet: renderSubnet(s) })),
    show('showVpc', '/v1/{project_id}/vpcs/{vpc_id}', 'vpc_id', 'VPC', (v, id) => v.vpcs.get(id), (v) => ({ vpc: renderVpc(v) })),
  ];
}
