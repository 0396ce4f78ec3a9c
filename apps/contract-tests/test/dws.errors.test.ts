// DWS negative contract cases against the Prism mock:
// 1. requests that break the spec are rejected with the violation named (sent with the raw openapi-fetch
//    client or plain fetch, so the typed client's own checks cannot stop them);
// 2. every documented error response of a sample of operations surfaces as a typed HuaweiCloudApiError.
import { isHuaweiCloudApiError, isHuaweiCloudValidationError } from '@hcdr/core';
import type { DwsClient, OperationId } from '@hcdr/dws';
import { describe, expect, inject, it } from 'vitest';
import { dws } from './helpers/clients.ts';
import { AUTH_MODES, DWS, PROJECT_ID } from './helpers/constants.ts';
import { cases } from './helpers/dws-cases.ts';
import { expectEveryDocumentedError, expectRejected } from './helpers/negative.ts';
import { declaredErrorStatuses } from './helpers/specs.ts';

const SPEC = 'dws-dr';
const url = () => inject('dwsMockUrl');
const project = { project_id: PROJECT_ID };
const task = { name: 'test_dr4', dr_type: 'az', primary_cluster_id: DWS.primaryCluster, standby_cluster_id: DWS.standbyCluster, dr_sync_period: '5m' };
const CREATE = '/v2/{project_id}/disaster-recoveries';

describe.each(AUTH_MODES)('dws-dr: the mock rejects requests that break the spec [%s auth]', (auth) => {
  const { raw, recorder } = dws({ url: url(), auth });
  const create = (changes: Record<string, unknown>) =>
    raw.POST(CREATE, { params: { path: project }, body: { disaster_recovery: { ...task, ...changes } } as never });

  it('DR task name "1abc" (must start with a letter)', async () => {
    await expectRejected(SPEC, 'createDisasterRecovery', await create({ name: '1abc' }), 'name', recorder);
  });

  it('dr_sync_period "0m" (1 to 3000 + m|H|d)', async () => {
    await expectRejected(SPEC, 'createDisasterRecovery', await create({ dr_sync_period: '0m' }), 'dr_sync_period', recorder);
  });

  it('dr_sync_period "3001m"', async () => {
    await expectRejected(SPEC, 'createDisasterRecovery', await create({ dr_sync_period: '3001m' }), 'dr_sync_period', recorder);
  });

  it('dr_type "zone" (allowed: az, region)', async () => {
    await expectRejected(SPEC, 'createDisasterRecovery', await create({ dr_type: 'zone' }), 'dr_type', recorder);
  });

  it('a mistyped create field (additionalProperties: false)', async () => {
    await expectRejected(SPEC, 'createDisasterRecovery', await create({ sync_period: '5m' }), 'sync_period', recorder);
  });

  it('update with dr_sync_period "5 minutes"', async () => {
    const sent = await raw.PUT('/v2/{project_id}/disaster-recovery/{disaster_recovery_id}', {
      params: { path: { ...project, disaster_recovery_id: DWS.taskId } },
      body: { disaster_recovery: { dr_sync_period: '5 minutes' } },
    });
    await expectRejected(SPEC, 'updateDisasterInfo', sent, 'dr_sync_period', recorder);
  });

  it('check-name without the required dr_name', async () => {
    const sent = await raw.GET('/v2/{project_id}/disaster-recovery/check-name', { params: { path: project, query: {} as never } });
    await expectRejected(SPEC, 'checkDisasterName', sent, 'dr_name', recorder);
  });

  it('check-name with dr_name "1x"', async () => {
    const sent = await raw.GET('/v2/{project_id}/disaster-recovery/check-name', { params: { path: project, query: { dr_name: '1x' } } });
    await expectRejected(SPEC, 'checkDisasterName', sent, 'dr_name', recorder);
  });

  it('candidate clusters without the required standby_az_code', async () => {
    const sent = await raw.GET('/v2/{project_id}/disaster-recovery-clusters', {
      params: { path: project, query: { primary_cluster_id: DWS.primaryCluster } as never },
    });
    await expectRejected(SPEC, 'listAvailableDisasterClusters', sent, 'standby_az_code', recorder);
  });

  it('a job_id that breaks the path pattern', async () => {
    const sent = await raw.GET('/v1.0/{project_id}/job/{job_id}', { params: { path: { ...project, job_id: 'bad.id' } } });
    await expectRejected(SPEC, 'listJobDetails', sent, 'job_id', recorder);
  });
});

describe('dws-dr: requests the typed client would never send', () => {
  it('no credentials at all: 401 with a security violation', async () => {
    const response = await fetch(`${url()}/v2/${PROJECT_ID}/disaster-recoveries`);
    expect(response.status).toBe(401);
    await expectRejected(SPEC, 'listDisasterRecover', response, 'security');
  });

  it('the typed client refuses a missing required query parameter before sending anything', async () => {
    const { client, wire } = dws({ url: url(), auth: 'aksk' });
    const error = await client.checkDisasterName({ query: { dr_name: '' } }).catch((e: unknown) => e);
    expect(isHuaweiCloudValidationError(error)).toBe(true);
    expect(error).toMatchObject({ operation: 'checkDisasterName', field: 'query.dr_name' });
    expect(wire).toEqual([]);
  });
});

/** Operations whose documented errors are replayed: one per method and path prefix (/v2, /v1, /v1.0). */
const SAMPLE: OperationId[] = [
  'createDisasterRecovery',
  'showDisasterDetail',
  'updateDisasterInfo',
  'deleteDisasterRecovery',
  'switchoverDisasterRecovery',
  'showDisasterProgress',
  'listAvailableDisasterClusters',
  'listJobDetails',
];

describe.each(AUTH_MODES)('dws-dr: documented errors surface as HuaweiCloudApiError [%s auth]', (auth) => {
  const { client, recorder } = dws({ url: url(), auth });

  it.each(SAMPLE)('%s: every declared error status and example', async (id) => {
    const statuses = declaredErrorStatuses(SPEC, id);
    expect(statuses).toEqual([400, 401, 403, 404, 500, 503]);
    await expectEveryDocumentedError(SPEC, id, statuses, (prefer) => cases[id].call(client, { headers: { Prefer: prefer } }), recorder);
  });

  it('400 DWS.10101 means "task not found"', async () => {
    const error = await client.showDisasterDetail({ disaster_recovery_id: DWS.taskId }, { headers: { Prefer: 'code=400, example=not_found' } }).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 400, code: 'DWS.10101', operation: 'showDisasterDetail', busy: false, retryable: false });
  });

  it('401 APIGW.0301 carries the clock-skew hint', async () => {
    const error = await client.startDisasterRecovery({ disaster_recovery_id: DWS.taskId }, { headers: { Prefer: 'code=401, example=aksk_signature' } }).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 401, code: 'APIGW.0301', operation: 'startDisasterRecovery' });
    expect((error as { hint?: string }).hint).toMatch(/clock .*15 minutes/);
  });

  it('the nested {error: {code, message}} envelope (403) is parsed too', async () => {
    const error = await client.listDisasterRecover({}, { headers: { Prefer: 'code=403, example=nested_envelope' } }).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 403, code: '403', errorMessage: "Policy doesn't allow this operation to be performed." });
  });

  it('Prism cannot serve a status the spec does not declare: Prefer code=409 on DWS gives a 404 problem, still a typed error', async () => {
    const error = await client.startDisasterRecovery({ disaster_recovery_id: DWS.taskId }, { headers: { Prefer: 'code=409' } }).catch((e: unknown) => e);
    expect(isHuaweiCloudApiError(error)).toBe(true);
    expect(error).toMatchObject({ status: 404, code: undefined, operation: 'startDisasterRecovery' });
    const last = recorder.observations.at(-1);
    // Prism's own problem+json is not the spec's ErrorResponse: the recorder flags it.
    expect(last?.schemaErrors.length).toBeGreaterThan(0);
  });
});
