// GeminiDB negative contract cases against the Prism mock:
// 1. requests that break the spec are rejected with the violation named (sent with the raw openapi-fetch
//    client or plain fetch, so the typed client's own checks cannot stop them);
// 2. every documented error response of a sample of operations surfaces as a typed HuaweiCloudApiError.
import { isHuaweiCloudValidationError } from '@hcdr/core';
import type { GeminiDbClient, OperationId as GeminiDbOperationId } from '@hcdr/geminidb';
import { describe, expect, inject, it } from 'vitest';
import { geminidb } from './helpers/clients.ts';
import { AUTH_MODES, GEMINIDB, PROJECT_ID } from './helpers/constants.ts';
import { cases } from './helpers/geminidb-cases.ts';
import { expectEveryDocumentedError, expectRejected } from './helpers/negative.ts';
import { declaredErrorStatuses } from './helpers/specs.ts';

const SPEC = 'geminidb-dr';
const { primary: A, standby: B } = GEMINIDB;
const url = () => inject('geminidbMockUrl');
const path = { project_id: PROJECT_ID, instance_id: A };
const peer = { id: B, region_code: 'ap-southeast-1', subnet_cidrs: ['10.1.1.0/24'], node_ips: ['10.1.1.2', '10.1.1.3', '10.1.1.4'] };
const construction = { alias: 'Video business DR', password: 'Dr-Cluster#2024', instance_role: 'master', disaster_recovery_instance: peer };

describe.each(AUTH_MODES)('geminidb-dr: the mock rejects requests that break the spec [%s auth]', (auth) => {
  const { raw, recorder } = geminidb({ url: url(), auth });
  const CONSTRUCTION = '/v3/{project_id}/instances/{instance_id}/disaster-recovery/construction';

  it('construction without alias', async () => {
    const { alias: _omitted, ...noAlias } = construction;
    const sent = await raw.POST(CONSTRUCTION, { params: { path }, body: noAlias as never });
    await expectRejected(SPEC, 'createDisasterRecovery', sent, 'alias', recorder);
  });

  it('construction with a subnet CIDR starting with 192 (192.168.0.0/24)', async () => {
    const body = { ...construction, disaster_recovery_instance: { ...peer, subnet_cidrs: ['192.168.0.0/24'] } };
    const sent = await raw.POST(CONSTRUCTION, { params: { path }, body: body as never });
    await expectRejected(SPEC, 'createDisasterRecovery', sent, 'subnet_cidrs', recorder);
  });

  it('construction with an unknown instance_role', async () => {
    const sent = await raw.POST(CONSTRUCTION, { params: { path }, body: { ...construction, instance_role: 'primary' } as never });
    await expectRejected(SPEC, 'createDisasterRecovery', sent, 'instance_role', recorder);
  });

  it('precheck with a node IP that is not IPv4 (10.1.1.300)', async () => {
    const sent = await raw.POST('/v3/{project_id}/instances/{instance_id}/disaster-recovery/precheck', {
      params: { path },
      body: { operation: 'construction', disaster_recovery_instance: { vpc_cidr: '10.1.0.0/16', spec_code: 'geminidb.redis.xlarge.4', node_ips: ['10.1.1.300'] } },
    });
    await expectRejected(SPEC, 'checkDisasterRecoveryOperation', sent, 'node_ips', recorder);
  });

  it('switchover-master with a mistyped field (additionalProperties: false)', async () => {
    const sent = await raw.POST('/v3/{project_id}/instances/{instance_id}/switchover-master', { params: { path }, body: { forced: true } as never });
    await expectRejected(SPEC, 'switchToMaster', sent, 'forced', recorder);
  });

  it('DR settings with switchover_ratio 75 and sync_delay 5', async () => {
    const sent = await raw.PUT('/v3/{project_id}/instances/disaster-recovery/settings', {
      params: { path: { project_id: PROJECT_ID } },
      body: { disaster_recovery_settings: [{ instance_id: A, switchover_ratio: 75 as 70, sync_delay: 5 }] },
    });
    const violations = await expectRejected(SPEC, 'setDisasterRecoverySettings', sent, 'switchover_ratio', recorder);
    expect(violations.some((v) => v.location.includes('sync_delay'))).toBe(true);
  });

  it('listJobs with limit=7 (allowed: 10, 20, 50)', async () => {
    const sent = await raw.GET('/v3/{project_id}/jobs', { params: { path: { project_id: PROJECT_ID }, query: { limit: 7 as 10 } } });
    await expectRejected(SPEC, 'listJobs', sent, 'limit', recorder);
  });

  it('an instance_id that breaks the path pattern', async () => {
    const sent = await raw.GET('/v3/{project_id}/instances/{instance_id}/instance-role', { params: { path: { ...path, instance_id: 'bad.id' } } });
    await expectRejected(SPEC, 'showInstanceRole', sent, 'instance_id', recorder);
  });
});

describe('geminidb-dr: requests the typed client would never send', () => {
  const headers = { 'X-Auth-Token': 'contract-test-token' };

  it('no credentials at all: 401 with a security violation', async () => {
    const response = await fetch(`${url()}/v3/${PROJECT_ID}/instances/${A}/instance-role`);
    expect(response.status).toBe(401);
    await expectRejected(SPEC, 'showInstanceRole', response, 'security');
  });

  it('a literal "+" in start_time reaches the server as a space and breaks the pattern (the client percent-encodes it)', async () => {
    const response = await fetch(`${url()}/v3/${PROJECT_ID}/jobs?start_time=2024-05-20T00:00:00+0800`, { headers });
    await expectRejected(SPEC, 'listJobs', response, 'start_time');
  });

  it('a body that is not JSON: 4xx with a content-type violation', async () => {
    const response = await fetch(`${url()}/v3/${PROJECT_ID}/instances/${A}/disaster-recovery/data-synchronization`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'text/plain' },
      body: 'action=pause',
    });
    await expectRejected(SPEC, 'pauseResumeDataSynchronization', response, 'application/json');
  });

  it('the typed client refuses a missing path parameter before sending anything', async () => {
    const { client, wire } = geminidb({ url: url(), auth: 'token' });
    const error = await client.showInstanceRole({ instance_id: '' }).catch((e: unknown) => e);
    expect(isHuaweiCloudValidationError(error)).toBe(true);
    expect(error).toMatchObject({ operation: 'showInstanceRole', field: 'instance_id' });
    expect(wire).toEqual([]);
  });
});

/** Operations whose documented errors are replayed: one per method, with and without a body. */
const SAMPLE: GeminiDbOperationId[] = [
  'createDisasterRecovery',
  'switchToSlave',
  'switchOverDisasterRecovery',
  'showInstanceRole',
  'setDisasterRecoverySettings',
  'deleteGeminiDbDualActive',
  'listJobs',
];

describe.each(AUTH_MODES)('geminidb-dr: documented errors surface as HuaweiCloudApiError [%s auth]', (auth) => {
  const { client, recorder } = geminidb({ url: url(), auth });

  it.each(SAMPLE)('%s: every declared error status and example', async (id) => {
    const statuses = declaredErrorStatuses(SPEC, id);
    expect(statuses).toEqual(expect.arrayContaining([400, 401, 403, 404, 500, 503]));
    await expectEveryDocumentedError(SPEC, id, statuses, (prefer) => cases[id].call(client, { headers: { Prefer: prefer } }), recorder);
  });

  it('409 DBS.200019 (instance busy) is flagged busy and retryable', async () => {
    const error = await client.switchToSlave({ instance_id: A }, { headers: { Prefer: 'code=409' } }).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 409, code: 'DBS.200019', busy: true, retryable: true, operation: 'switchToSlave' });
  });

  it('401 APIGW.0301 carries the clock-skew hint', async () => {
    const error = await client.listJobs({ query: { id: GEMINIDB.jobId } }, { headers: { Prefer: 'code=401' } }).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 401, code: 'APIGW.0301', operation: 'listJobs' });
    expect((error as { hint?: string }).hint).toMatch(/clock .*15 minutes/);
  });

  it('the nested {error: {code, message}} envelope is parsed too', async () => {
    const error = await client
      .showInstanceRole({ instance_id: A }, { headers: { Prefer: 'code=400, example=nested-envelope' } })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 400, code: 'DBS.200001', errorMessage: 'Parameter error' });
  });
});
