import { isHuaweiCloudApiError, isHuaweiCloudValidationError, createFetchHandler } from '@hcdr/core';
import { recordingFetch } from '@hcdr/core/testing';
import { describe, expect, it } from 'vitest';
import { createVpcClient, operations, type VpcClientOptions } from '../src/index.js';

const PROJECT = '0123456789abcdef0123456789abcdef';
const SUBNET = '8e7d6c5b-4a39-4281-90fe-dcba98765432';
const VPC = '3d2c1b0a-9f8e-4d7c-b6a5-0e1f2a3b4c5d';

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', 'x-request-id': 'req-1' } });

function client(handler: Parameters<typeof recordingFetch>[0], extra: VpcClientOptions = {}) {
  const recorder = recordingFetch(handler);
  const vpc = createVpcClient({
    region: 'ap-southeast-1',
    projectId: PROJECT,
    credentials: { accessKeyId: 'VPCTESTAK', secretAccessKey: 'vpc-test-sk-DO-NOT-LEAK' },
    env: {},
    httpHandler: createFetchHandler(recorder.fetch),
    ...extra,
  });
  return { vpc, calls: recorder.calls };
}

describe('createVpcClient', () => {
  it('reads a subnet from the regional /v1 path, signed with AK/SK', async () => {
    const { vpc, calls } = client(() => json(200, { subnet: { id: SUBNET, cidr: '10.0.1.0/24', vpc_id: VPC } }));
    const { subnet } = await vpc.showSubnet({ subnet_id: SUBNET });
    expect(subnet.cidr).toBe('10.0.1.0/24');
    expect(calls[0]?.url).toBe(`https://vpc.ap-southeast-1.myhuaweicloud.com/v1/${PROJECT}/subnets/${SUBNET}`);
    expect(calls[0]?.method).toBe('GET');
    expect(calls[0]?.headers.authorization).toMatch(/^SDK-HMAC-SHA256 Access=VPCTESTAK, SignedHeaders=/);
  });

  it('reads a VPC', async () => {
    const { vpc, calls } = client(() => json(200, { vpc: { id: VPC, cidr: '10.0.0.0/16' } }));
    expect((await vpc.showVpc({ vpc_id: VPC })).vpc.cidr).toBe('10.0.0.0/16');
    expect(new URL(calls[0]!.url).pathname).toBe(`/v1/${PROJECT}/vpcs/${VPC}`);
  });

  it('has exactly the two operations of the spec, reads retried like every GET', () => {
    const { vpc } = client(() => json(200, {}));
    expect(Object.keys(operations).sort()).toEqual(['showSubnet', 'showVpc']);
    for (const id of Object.keys(operations)) expect(typeof (vpc as unknown as Record<string, unknown>)[id]).toBe('function');
  });

  it('refuses an ID that could change the path before sending, naming the field', async () => {
    const { vpc, calls } = client(() => json(200, {}));
    const error = await vpc.showSubnet({ subnet_id: '../vpcs/x' }).catch((e: unknown) => e);
    expect(isHuaweiCloudValidationError(error)).toBe(true);
    expect(String(error)).toContain('subnet_id');
    expect(calls).toHaveLength(0);
  });

  it('reads the VPC pages’ {code, message} error envelope', async () => {
    const { vpc } = client(() => json(404, { code: 'VPC.0202', message: 'The subnet does not exist.' }));
    const error = await vpc.showSubnet({ subnet_id: SUBNET }).catch((e: unknown) => e);
    expect(isHuaweiCloudApiError(error)).toBe(true);
    expect(error).toMatchObject({ status: 404, code: 'VPC.0202', requestId: 'req-1' });
    expect(String(error)).toContain('The subnet does not exist.');
  });
});
