// Fault tests: the real clients and waiters against the stateful simulator, with faults injected by the
// simulator (no Prism in between, so the transport sees exactly what the fault produces). AK/SK signing is
// verified by the simulator's server-side verifier on every call here.
import {
  isHuaweiCloudApiError,
  isHuaweiCloudNetworkError,
  isHuaweiCloudTimeoutError,
  isHuaweiCloudWaiterError,
  type RequestLogEvent,
} from '@hcdr/core';
import { waitForTask, waitUntilTaskStatus } from '@hcdr/dws';
import { waitForJob, waitUntilJobCompleted } from '@hcdr/geminidb';
import { DEFAULT_DWS_CLUSTERS } from '@hcdr/simulator';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { dws, geminidb } from './helpers/clients.ts';
import { DWS_REGION, FAST_WAIT, projectOf, type RunningSimulator, SEED_A as A, SEED_B as B, SIM_AKSK, SIM_TOKEN, startSimulator } from './helpers/simulator.ts';

let env: RunningSimulator;

beforeAll(async () => {
  env = await startSimulator();
});
beforeEach(() => env.sim.reset());
afterAll(async () => {
  await env?.close();
});

/** Retries on (3), with a back-off short enough for a test. */
const RETRYING = { maxRetries: 3, backoffBaseMs: 10, backoffCapMs: 40 } as const;

function gemini(options: { retryBusy?: boolean; timeoutMs?: number; now?: () => number } = {}) {
  const events: RequestLogEvent[] = [];
  const built = geminidb({
    url: env.endpoint(A.region),
    auth: 'aksk',
    credentials: SIM_AKSK,
    target: 'simulator',
    ...RETRYING,
    ...options,
    logger: (e) => events.push(e),
  });
  return { ...built, events };
}

const precheckA = { instance_id: A.id, body: { operation: 'construction' as const, disaster_recovery_instance: { vpc_cidr: B.vpcCidr, spec_code: 'geminidb.redis.xlarge.4', node_ips: [...B.nodeIps] } } };
const constructA = {
  instance_id: A.id,
  body: {
    alias: 'fault DR',
    password: 'Dr-Cluster#2024',
    instance_role: 'master' as const,
    disaster_recovery_instance: { id: B.id, region_code: B.region, subnet_cidrs: [B.subnetCidr], node_ips: [...B.nodeIps] },
  },
};

describe('instance busy (409 DBS.200019)', () => {
  it('is not retried by default: the caller gets a busy, retryable HuaweiCloudApiError after one attempt', async () => {
    env.sim.faults.add({ match: { service: 'geminidb', operationId: 'checkDisasterRecoveryOperation' }, fault: 'busy' });
    const { client, wire } = gemini();
    const error = await client.checkDisasterRecoveryOperation(precheckA).catch((e: unknown) => e);
    expect(isHuaweiCloudApiError(error)).toBe(true);
    expect(error).toMatchObject({ status: 409, code: 'DBS.200019', busy: true, retryable: true, operation: 'checkDisasterRecoveryOperation' });
    expect((error as { requestId?: string }).requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(wire).toHaveLength(1);
    // The one-shot fault was used up by that single attempt.
    expect(env.sim.faults.list()).toEqual([]);
  });

  it('is retried with retryBusy: true (opt-in), for a POST too, and then succeeds', async () => {
    env.sim.faults.add({ match: { service: 'geminidb', operationId: 'checkDisasterRecoveryOperation' }, times: 2, fault: 'busy' });
    const { client, wire, events } = gemini({ retryBusy: true });
    await expect(client.checkDisasterRecoveryOperation(precheckA)).resolves.toBeUndefined();
    expect(wire.map((w) => w.method)).toEqual(['POST', 'POST', 'POST']);
    expect(events.map((e) => e.status)).toEqual([409, 409, 204]);
    expect(events[0]?.retry?.reason).toMatch(/busy|DBS\.200019/i);
    // Every attempt is signed afresh and verifies.
    expect(wire.every((w) => w.signatureOk)).toBe(true);
  });
});

describe('500 with an HTML body (a gateway error page)', () => {
  it('becomes a useful HuaweiCloudApiError: status, a short tag-free excerpt, the operation, the request id', async () => {
    env.sim.faults.add({ match: { service: 'geminidb', operationId: 'listJobs' }, fault: 'html500' });
    const { client, wire } = gemini();
    const error = await client.listJobs({ query: { id: 'any' } }).catch((e: unknown) => e);
    expect(isHuaweiCloudApiError(error)).toBe(true);
    const e = error as { status: number; code?: string; errorMessage: string; message: string; operation: string; retryable: boolean };
    expect(e).toMatchObject({ status: 500, code: undefined, operation: 'listJobs', retryable: false });
    expect(e.errorMessage).toMatch(/^HTTP 500/);
    expect(e.errorMessage.length).toBeGreaterThan('HTTP 500'.length + 5);
    expect(e.errorMessage).not.toMatch(/[<>]/);
    expect(e.message).toContain('listJobs');
    // 500 is not transient: not retried even for a GET.
    expect(wire).toHaveLength(1);
  });
});

describe('slow responses and timeouts', () => {
  it('a POST slower than timeoutMs throws HuaweiCloudTimeoutError and is NOT retried', async () => {
    env.sim.faults.add({ match: { service: 'geminidb', operationId: 'checkDisasterRecoveryOperation' }, fault: { kind: 'slow', delayMs: 1500 } });
    const { client, wire } = gemini({ timeoutMs: 250 });
    const started = Date.now();
    const error = await client.checkDisasterRecoveryOperation(precheckA).catch((e: unknown) => e);
    expect(isHuaweiCloudTimeoutError(error)).toBe(true);
    expect(error).toMatchObject({ scope: 'attempt', timeoutMs: 250, attempts: 1, operation: 'checkDisasterRecoveryOperation' });
    expect(wire).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('a slow GET is retried after its attempt times out, and the retry succeeds', async () => {
    env.sim.faults.add({ match: { service: 'geminidb', operationId: 'showInstanceRole' }, fault: { kind: 'slow', delayMs: 1500 } });
    const { client, wire } = gemini({ timeoutMs: 250 });
    const error = await client.showInstanceRole({ instance_id: A.id }).catch((e: unknown) => e);
    // A is not in a DR pair yet: the retry reached the simulator and got its answer.
    expect(error).toMatchObject({ status: 400, operation: 'showInstanceRole' });
    expect(wire).toHaveLength(2);
  });
});

describe('connection reset', () => {
  it('on a GET is retried and the call succeeds', async () => {
    env.sim.faults.add({ match: { service: 'geminidb', operationId: 'listInstances' }, fault: 'reset' });
    const { client, wire, events } = gemini();
    const result = await client.listInstances({ query: { datastore_type: 'redis' } });
    expect(result.instances?.map((i) => i.id)).toContain(A.id);
    expect(wire).toHaveLength(2);
    expect(events[0]).toMatchObject({ type: 'error', attempt: 1 });
    expect(events[0]?.retry).toBeDefined();
    expect(events[1]).toMatchObject({ type: 'response', status: 200, attempt: 2 });
  });

  it('on a POST is NOT retried (it may have reached the server): HuaweiCloudNetworkError after one attempt', async () => {
    env.sim.faults.add({ match: { service: 'geminidb', operationId: 'checkDisasterRecoveryOperation' }, fault: 'reset' });
    const { client, wire } = gemini();
    const error = await client.checkDisasterRecoveryOperation(precheckA).catch((e: unknown) => e);
    expect(isHuaweiCloudNetworkError(error)).toBe(true);
    expect(error).toMatchObject({ attempts: 1, beforeSend: false, operation: 'checkDisasterRecoveryOperation' });
    expect(wire).toHaveLength(1);
  });
});

describe('jobs that end Failed', () => {
  it('GeminiDB: the waiter fails with the job fail_reason', async () => {
    const { client } = gemini();
    await client.checkDisasterRecoveryOperation(precheckA);
    env.sim.faults.add({ match: { service: 'geminidb', operationId: 'createDisasterRecovery' }, fault: { kind: 'jobFails', failReason: 'simulated: peer instance unreachable' } });
    const { job_id } = await client.createDisasterRecovery(constructA);
    const error = await waitUntilJobCompleted(client, job_id!, FAST_WAIT).catch((e: unknown) => e);
    expect(isHuaweiCloudWaiterError(error)).toBe(true);
    expect(error).toMatchObject({ kind: 'failed', reason: expect.stringContaining('simulated: peer instance unreachable') });
    expect((error as Error).message).toContain('simulated: peer instance unreachable');
    // The non-throwing waiter reports the same outcome as data.
    const result = await waitForJob(client, job_id!, FAST_WAIT);
    expect(result).toMatchObject({ state: 'failed', reason: expect.stringContaining('peer instance unreachable') });
  });

  it('DWS: a failed start ends the waiter with the failure status', async () => {
    type Cluster = (typeof DEFAULT_DWS_CLUSTERS)[number];
    const [P, S] = DEFAULT_DWS_CLUSTERS as [Cluster, Cluster];
    const { client } = dws({ url: env.endpoint(DWS_REGION), projectId: projectOf(DWS_REGION), auth: 'aksk', credentials: SIM_AKSK, target: 'simulator' });
    const { disaster_recovery } = await client.createDisasterRecovery({
      body: { disaster_recovery: { name: 'fault_dr', dr_type: 'az', primary_cluster_id: P.id, standby_cluster_id: S.id, dr_sync_period: '5m' } },
    });
    await waitUntilTaskStatus(client, disaster_recovery.id, { targets: ['unstart'], ...FAST_WAIT });
    env.sim.faults.add({ match: { service: 'dws', operationId: 'startDisasterRecovery' }, fault: 'jobFails' });
    await client.startDisasterRecovery({ disaster_recovery_id: disaster_recovery.id });
    const error = await waitUntilTaskStatus(client, disaster_recovery.id, { targets: ['running'], ...FAST_WAIT }).catch((e: unknown) => e);
    expect(isHuaweiCloudWaiterError(error)).toBe(true);
    expect(error).toMatchObject({ kind: 'failed', reason: expect.stringContaining('start_failed') });
    expect(await waitForTask(client, disaster_recovery.id, { targets: ['running'], ...FAST_WAIT })).toMatchObject({ state: 'failed' });
  });
});

describe('clock skew (401 APIGW.0301)', () => {
  it('injected by the simulator: a typed 401 with the clock-skew hint, not retried', async () => {
    env.sim.faults.add({ match: { service: 'geminidb', operationId: 'listInstances' }, fault: 'clockSkew' });
    const { client, wire } = gemini();
    const error = await client.listInstances({}).catch((e: unknown) => e);
    expect(isHuaweiCloudApiError(error)).toBe(true);
    expect(error).toMatchObject({ status: 401, code: 'APIGW.0301', operation: 'listInstances', retryable: false });
    expect((error as { hint?: string }).hint).toMatch(/clock .*15 minutes/);
    expect((error as Error).message).toMatch(/signature expired/);
    expect(wire).toHaveLength(1);
  });

  it('real: a client clock 20 minutes slow gets "signature expired" with the hint; the same client with a good clock passes', async () => {
    const skewed = gemini({ now: () => Date.now() - 20 * 60_000 });
    const error = await skewed.client.listInstances({}).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 401, code: 'APIGW.0301' });
    expect((error as { hint?: string }).hint).toMatch(/clock/);
    expect((error as Error).message).toMatch(/signature expired/);
    await expect(gemini().client.listInstances({})).resolves.toHaveProperty('instances');
  });

  it('a token the gateway does not accept is APIGW.0301 too (token auth)', async () => {
    const { client } = geminidb({ url: env.endpoint(A.region), auth: 'token', credentials: { authToken: 'wrong' }, target: 'simulator' });
    await expect(client.listInstances({})).rejects.toMatchObject({ status: 401, code: 'APIGW.0301' });
    const good = geminidb({ url: env.endpoint(A.region), auth: 'token', credentials: SIM_TOKEN, target: 'simulator' });
    await expect(good.client.listInstances({})).resolves.toHaveProperty('instances');
  });
});
