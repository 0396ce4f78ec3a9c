// VPC negative contract cases against the Prism mock: requests that break the spec are rejected with the
// violation named, and every documented error response surfaces as a typed HuaweiCloudApiError (the VPC
// pages' {code, message} envelope included).
import { isHuaweiCloudValidationError } from '@hcdr/core';
import type { OperationId } from '@hcdr/vpc';
import { describe, expect, inject, it } from 'vitest';
import { vpc } from './helpers/clients.ts';
import { AUTH_MODES, PROJECT_ID, VPC } from './helpers/constants.ts';
import { expectEveryDocumentedError, expectRejected } from './helpers/negative.ts';
import { declaredErrorStatuses } from './helpers/specs.ts';
import { cases } from './helpers/vpc-cases.ts';

const SPEC = 'vpc';
const url = () => inject('vpcMockUrl');

describe.each(AUTH_MODES)('vpc: the mock rejects requests that break the spec [%s auth]', (auth) => {
  const { raw, recorder } = vpc({ url: url(), auth });

  it('a subnet_id that breaks the path pattern', async () => {
    const sent = await raw.GET('/v1/{project_id}/subnets/{subnet_id}', { params: { path: { project_id: PROJECT_ID, subnet_id: 'bad.id' } } });
    await expectRejected(SPEC, 'showSubnet', sent, 'subnet_id', recorder);
  });

  it('a vpc_id that breaks the path pattern', async () => {
    const sent = await raw.GET('/v1/{project_id}/vpcs/{vpc_id}', { params: { path: { project_id: PROJECT_ID, vpc_id: 'a'.repeat(65) } } });
    await expectRejected(SPEC, 'showVpc', sent, 'vpc_id', recorder);
  });
});

describe('vpc: requests the typed client would never send', () => {
  it('no credentials at all: 401 with a security violation', async () => {
    const response = await fetch(`${url()}/v1/${PROJECT_ID}/subnets/${VPC.subnet}`);
    expect(response.status).toBe(401);
    await expectRejected(SPEC, 'showSubnet', response, 'security');
  });

  it('the typed client refuses an ID with a dot before sending anything', async () => {
    const { client, wire } = vpc({ url: url(), auth: 'aksk' });
    const error = await client.showVpc({ vpc_id: '..' }).catch((e: unknown) => e);
    expect(isHuaweiCloudValidationError(error)).toBe(true);
    expect(error).toMatchObject({ operation: 'showVpc', field: 'vpc_id' });
    expect(wire).toEqual([]);
  });
});

const SAMPLE: OperationId[] = ['showSubnet', 'showVpc'];

describe.each(AUTH_MODES)('vpc: documented errors surface as HuaweiCloudApiError [%s auth]', (auth) => {
  const { client, recorder } = vpc({ url: url(), auth });

  it.each(SAMPLE)('%s: every declared error status and example', async (id) => {
    const statuses = declaredErrorStatuses(SPEC, id);
    expect(statuses).toEqual([400, 401, 403, 404, 500, 503]);
    await expectEveryDocumentedError(SPEC, id, statuses, (prefer) => cases[id].call(client, { headers: { Prefer: prefer } }), recorder);
  });

  it('404 in the VPC pages’ {code, message} envelope: code and message are read', async () => {
    const error = await client.showSubnet({ subnet_id: VPC.subnet }, { headers: { Prefer: 'code=404, example=not_found' } }).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 404, code: 'VPC.0202', errorMessage: 'The subnet or VPC does not exist.', operation: 'showSubnet', retryable: false });
  });
});
