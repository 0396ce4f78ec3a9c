// The pair/unpair orchestration as a library, with an injected fetch (no server, no mocking
// library) and an instant clock: every request it sends, in order, and what it reports on a stop.
import { fakeTime, recordingFetch } from '@hcdr/core/testing';
import { createGeminiDbClient, type GeminiDbClient } from '@hcdr/geminidb';
import { describe, expect, it } from 'vitest';
import type { WorkflowEvent } from '../src/workflows/types.js';
import { pairInstances, PairWorkflowError, type InstanceDescription, type PairStep } from '../src/workflows/pair.js';
import { unpairInstances, UnpairWorkflowError } from '../src/workflows/unpair.js';

const A = 'a1b2c3d4e5f64a7b8c9d0e1f2a3b4c5din12';
const B = 'f0e1d2c3b4a54968a7b6c5d4e3f2a1b0in12';
const DR = '04efe8e2-9255-44ae-a98b-d87cae411890';
const PASSWORD = 'Workflow#Passw0rd';

const json = (status: number, body?: unknown) =>
  new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'content-type': 'application/json', 'x-request-id': 'req-1' } });

interface World {
  /** Status answered for each job id by listJobs. */
  jobs: Record<string, string | (() => string)>;
  /** Overrides: `POST construction B` → response. */
  fail?: Record<string, () => Response | Promise<Response>>;
}

/** A tiny fake of both regions: routes by method + last path segment + instance. */
function fakeApi(world: World) {
  let jobCounter = 0;
  return recordingFetch(async (request) => {
    const url = new URL(request.url);
    const segments = url.pathname.split('/');
    const instance = segments[4] === A ? 'A' : segments[4] === B ? 'B' : '';
    const what = url.pathname.endsWith('/jobs') ? 'jobs' : (segments.at(-1) ?? '');
    const key = `${request.method} ${what} ${instance}`.trim();
    const override = world.fail?.[key];
    if (override) return override();
    if (what === 'precheck') return new Response(null, { status: 204 });
    if (what === 'construction') return json(202, { job_id: `job-construct-${instance}-${++jobCounter}`, disaster_recovery_id: DR });
    if (what === 'deconstruction') return json(202, { job_id: `job-deconstruct-${instance}-${++jobCounter}` });
    if (what === 'jobs') {
      const id = url.searchParams.get('id') ?? '';
      const s = world.jobs[id] ?? 'Completed';
      const status = typeof s === 'function' ? s() : s;
      return json(200, { jobs: [{ id, name: 'ConstructDisasterRecovery', status, progress: status === 'Running' ? '50%' : '', fail_reason: status === 'Failed' ? 'disk full' : '' }], total_count: 1 });
    }
    return json(404, { error_code: 'APIGW.0101', error_msg: 'not found' });
  });
}

function clients(world: World) {
  const api = fakeApi(world);
  // Two regions, two projects, two key pairs: each side's requests must use its own.
  const primary = createGeminiDbClient({ region: 'ap-southeast-1', projectId: 'projectprimary', credentials: { accessKeyId: 'AK-PRIMARY', secretAccessKey: 'sk-primary-123' }, env: {}, fetch: api.fetch });
  const standby = createGeminiDbClient({ region: 'ap-southeast-3', projectId: 'projectstandby', credentials: { accessKeyId: 'AK-STANDBY', secretAccessKey: 'sk-standby-456' }, env: {}, fetch: api.fetch });
  return { api, primary, standby };
}

const describeA: InstanceDescription = { instanceId: A, regionCode: 'ap-southeast-1', subnetCidrs: ['10.0.1.0/24'], vpcCidr: '10.0.0.0/16', specCode: 'geminidb.redis.xlarge.4', nodeIps: ['10.0.1.2', '10.0.1.3'] };
const describeB: InstanceDescription = { instanceId: B, regionCode: 'ap-southeast-3', subnetCidrs: ['10.1.1.0/24'], vpcCidr: '10.1.0.0/16', specCode: 'geminidb.redis.xlarge.4', nodeIps: ['10.1.1.2', '10.1.1.3'] };

function pairOptions(primary: GeminiDbClient, standby: GeminiDbClient, events: WorkflowEvent<PairStep>[] = []) {
  const time = fakeTime();
  return {
    primary: { ...describeA, client: primary },
    standby: { ...describeB, client: standby },
    alias: 'video-dr',
    password: PASSWORD,
    wait: { sleep: time.sleep, now: time.now, initialDelayMs: 1000, minIntervalMs: 1000, maxIntervalMs: 1000, maxWaitMs: 60_000 },
    onEvent: (e: WorkflowEvent<PairStep>) => events.push(e),
  };
}

const route = (c: { method: string; url: string }) => `${c.method} ${new URL(c.url).host} ${new URL(c.url).pathname.replace(/^\/v3\//, '')}${new URL(c.url).search}`;

async function pairError(promise: Promise<unknown>): Promise<PairWorkflowError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PairWorkflowError);
  return error as PairWorkflowError;
}

describe('pairInstances', () => {
  it('prechecks both, constructs the primary, then the standby with the DR ID and the same password, then waits for both jobs', async () => {
    const { api, primary, standby } = clients({ jobs: {} });
    const events: WorkflowEvent<PairStep>[] = [];
    const result = await pairInstances(pairOptions(primary, standby, events));

    expect(api.calls.map(route)).toEqual([
      `POST gaussdb-nosql.ap-southeast-1.myhuaweicloud.com projectprimary/instances/${A}/disaster-recovery/precheck`,
      `POST gaussdb-nosql.ap-southeast-3.myhuaweicloud.com projectstandby/instances/${B}/disaster-recovery/precheck`,
      `POST gaussdb-nosql.ap-southeast-1.myhuaweicloud.com projectprimary/instances/${A}/disaster-recovery/construction`,
      `POST gaussdb-nosql.ap-southeast-3.myhuaweicloud.com projectstandby/instances/${B}/disaster-recovery/construction`,
      'GET gaussdb-nosql.ap-southeast-1.myhuaweicloud.com projectprimary/jobs?id=job-construct-A-1',
      'GET gaussdb-nosql.ap-southeast-3.myhuaweicloud.com projectstandby/jobs?id=job-construct-B-2',
    ]);
    const [precheckA, precheckB, constructA, constructB] = api.calls.map((c) => JSON.parse(c.body || '{}'));
    // Each instance is checked against the *other* instance's network.
    expect(precheckA).toEqual({ operation: 'construction', disaster_recovery_instance: { vpc_cidr: '10.1.0.0/16', spec_code: 'geminidb.redis.xlarge.4', node_ips: ['10.1.1.2', '10.1.1.3'] } });
    expect(precheckB.disaster_recovery_instance.vpc_cidr).toBe('10.0.0.0/16');
    expect(constructA).toEqual({
      alias: 'video-dr',
      password: PASSWORD,
      instance_role: 'master',
      disaster_recovery_instance: { id: B, region_code: 'ap-southeast-3', subnet_cidrs: ['10.1.1.0/24'], node_ips: ['10.1.1.2', '10.1.1.3'] },
    });
    expect(constructB).toEqual({
      id: DR,
      alias: 'video-dr',
      password: PASSWORD,
      instance_role: 'slave',
      disaster_recovery_instance: { id: A, region_code: 'ap-southeast-1', subnet_cidrs: ['10.0.1.0/24'], node_ips: ['10.0.1.2', '10.0.1.3'] },
    });
    // Each side signs with its own keys.
    expect(api.calls[0]?.headers.authorization).toContain('Access=AK-PRIMARY');
    expect(api.calls[3]?.headers.authorization).toContain('Access=AK-STANDBY');

    expect(result).toMatchObject({ disasterRecoveryId: DR, completed: true, primary: { jobId: 'job-construct-A-1', job: { status: 'Completed' } }, standby: { jobId: 'job-construct-B-2' } });
    expect(result.steps.map((s) => `${s.step}:${s.status}`)).toEqual([
      'precheck-primary:done', 'precheck-standby:done', 'construct-primary:done', 'construct-standby:done', 'wait-primary:done', 'wait-standby:done',
    ]);
    expect(events.filter((e) => e.type === 'step' && e.status === 'start').map((e) => (e as { step: string }).step)).toEqual([
      'precheck-primary', 'precheck-standby', 'construct-primary', 'construct-standby', 'wait-primary', 'wait-standby',
    ]);
    // The password is sent, never reported.
    expect(JSON.stringify(events)).not.toContain(PASSWORD);
    expect(JSON.stringify(result)).not.toContain(PASSWORD);
  });

  it('stops at a failed second construction with what exists and what to resume with; nothing is waited for', async () => {
    const { api, primary, standby } = clients({ jobs: {}, fail: { 'POST construction B': () => json(409, { error_code: 'DBS.200019', error_msg: 'busy' }) } });
    const error = await pairError(pairInstances(pairOptions(primary, standby)));
    expect(error.step).toBe('construct-standby');
    expect(error.kind).toBe('failed');
    expect(error.message).toContain('DBS.200019');
    expect(error.state).toEqual({ disasterRecoveryId: DR, primaryJobId: 'job-construct-A-1', standbyJobId: undefined });
    expect(error.resume).toEqual({ disasterRecoveryId: DR, primaryJobId: 'job-construct-A-1' });
    expect(error.steps.map((s) => s.step)).toEqual(['precheck-primary', 'precheck-standby', 'construct-primary']);
    expect(api.calls.some((c) => c.url.includes('/jobs'))).toBe(false);
  });

  it('resumes from a DR ID: skips the primary side, constructs the standby, waits for both', async () => {
    const { api, primary, standby } = clients({ jobs: {} });
    const result = await pairInstances({ ...pairOptions(primary, standby), resume: { disasterRecoveryId: DR, primaryJobId: 'job-earlier' } });
    expect(api.calls.map((c) => `${c.method} ${new URL(c.url).pathname.split('/').at(-1)}${new URL(c.url).search}`)).toEqual([
      'POST precheck',
      'POST construction',
      'GET jobs?id=job-earlier',
      'GET jobs?id=job-construct-B-1',
    ]);
    expect(JSON.parse(api.calls[1]!.body)).toMatchObject({ id: DR, instance_role: 'slave' });
    expect(result.steps.map((s) => `${s.step}:${s.status}`)).toEqual([
      'precheck-primary:skipped', 'precheck-standby:done', 'construct-primary:skipped', 'construct-standby:done', 'wait-primary:done', 'wait-standby:done',
    ]);
  });

  it('resumes with both job IDs by only waiting', async () => {
    const { api, primary, standby } = clients({ jobs: {} });
    const result = await pairInstances({ ...pairOptions(primary, standby), resume: { disasterRecoveryId: DR, primaryJobId: 'j1', standbyJobId: 'j2' } });
    expect(api.calls.map((c) => c.method)).toEqual(['GET', 'GET']);
    expect(result.completed).toBe(true);
  });

  it('a failed standby job resumes by constructing the standby again (its job ID is dropped)', async () => {
    const { primary, standby } = clients({ jobs: { 'job-construct-B-2': 'Failed' } });
    const error = await pairError(pairInstances(pairOptions(primary, standby)));
    expect(error.step).toBe('wait-standby');
    expect(error.message).toContain('disk full');
    expect(error.resume).toEqual({ disasterRecoveryId: DR, primaryJobId: 'job-construct-A-1' });
  });

  it('a failed primary job cannot be resumed: start over', async () => {
    const { primary, standby } = clients({ jobs: { 'job-construct-A-1': 'Failed' } });
    const error = await pairError(pairInstances(pairOptions(primary, standby)));
    expect(error.step).toBe('wait-primary');
    expect(error.resume).toBeUndefined();
    expect(error.advice.join(' ')).toContain('start over');
  });

  it('a wait that runs out of time resumes by waiting for both jobs again', async () => {
    const { primary, standby } = clients({ jobs: { 'job-construct-A-1': 'Running', 'job-construct-B-2': 'Running' } });
    const options = pairOptions(primary, standby);
    const error = await pairError(pairInstances({ ...options, wait: { ...options.wait, maxWaitMs: 5000 } }));
    expect(error.kind).toBe('timeout');
    expect(error.resume).toEqual({ disasterRecoveryId: DR, primaryJobId: 'job-construct-A-1', standbyJobId: 'job-construct-B-2' });
  });

  it('a failed precheck changes nothing: no resume, no construction', async () => {
    const { api, primary, standby } = clients({ jobs: {}, fail: { 'POST precheck B': () => json(400, { error_code: 'DBS.200001', error_msg: 'vpc overlaps' }) } });
    const error = await pairError(pairInstances(pairOptions(primary, standby)));
    expect(error.step).toBe('precheck-standby');
    expect(error.resume).toBeUndefined();
    expect(error.advice[0]).toContain('Nothing was changed');
    expect(api.calls).toHaveLength(2);
  });

  it('no answer to the primary construction is ambiguous: the advice says what to check before retrying', async () => {
    const { primary, standby } = clients({
      jobs: {},
      fail: {
        'POST construction A': () => {
          throw Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }) });
        },
      },
    });
    const error = await pairError(pairInstances(pairOptions(primary, standby)));
    expect(error.step).toBe('construct-primary');
    expect(error.advice[0]).toContain('may or may not have started');
  });

  it('without waiting, returns once both constructions were accepted', async () => {
    const { api, primary, standby } = clients({ jobs: {} });
    const result = await pairInstances({ ...pairOptions(primary, standby), wait: false });
    expect(result.completed).toBe(false);
    expect(api.calls.filter((c) => c.url.includes('/jobs'))).toHaveLength(0);
  });

  it('an abort while waiting stops with kind "aborted" and a resume that only waits', async () => {
    const controller = new AbortController();
    const { primary, standby } = clients({
      jobs: {
        'job-construct-A-1': () => {
          controller.abort();
          return 'Running';
        },
        'job-construct-B-2': 'Running',
      },
    });
    const error = await pairError(pairInstances({ ...pairOptions(primary, standby), signal: controller.signal }));
    expect(error.kind).toBe('aborted');
    expect(error.resume?.standbyJobId).toBe('job-construct-B-2');
  });
});

describe('unpairInstances', () => {
  const unpairOptions = (primary: GeminiDbClient, standby: GeminiDbClient) => {
    const time = fakeTime();
    return { primary: { instanceId: A, client: primary }, standby: { instanceId: B, client: standby }, wait: { sleep: time.sleep, now: time.now, initialDelayMs: 1000 } };
  };

  it('prechecks deconstruction on both, deconstructs both, waits for both', async () => {
    const { api, primary, standby } = clients({ jobs: {} });
    const result = await unpairInstances(unpairOptions(primary, standby));
    expect(api.calls.map((c) => `${c.method} ${new URL(c.url).pathname.split('/').slice(-2).join('/')}`)).toEqual([
      `POST disaster-recovery/precheck`,
      `POST disaster-recovery/precheck`,
      `POST disaster-recovery/deconstruction`,
      `POST disaster-recovery/deconstruction`,
      'GET projectprimary/jobs',
      'GET projectstandby/jobs',
    ]);
    expect(JSON.parse(api.calls[0]!.body)).toEqual({ operation: 'deconstruction' });
    expect(result.completed).toBe(true);
  });

  it('a failed second deconstruction resumes with the first job (that side is skipped)', async () => {
    const { primary, standby } = clients({ jobs: {}, fail: { 'POST deconstruction B': () => json(409, { error_code: 'DBS.200019', error_msg: 'busy' }) } });
    const error = await unpairInstances(unpairOptions(primary, standby)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnpairWorkflowError);
    expect((error as UnpairWorkflowError).resume).toEqual({ primaryJobId: 'job-deconstruct-A-1' });

    const again = clients({ jobs: {} });
    const result = await unpairInstances({ ...unpairOptions(again.primary, again.standby), resume: { primaryJobId: 'job-deconstruct-A-1' } });
    expect(again.api.calls.map((c) => c.method)).toEqual(['POST', 'POST', 'GET', 'GET']);
    expect(result.steps.filter((s) => s.status === 'skipped').map((s) => s.step)).toEqual(['precheck-primary', 'deconstruct-primary']);
  });

  it('a failed deconstruction job is redone on resume; the other job is only awaited', async () => {
    const { primary, standby } = clients({ jobs: { 'job-deconstruct-B-2': 'Failed' } });
    const error = (await unpairInstances(unpairOptions(primary, standby)).catch((e: unknown) => e)) as UnpairWorkflowError;
    expect(error.step).toBe('wait-standby');
    expect(error.resume).toEqual({ primaryJobId: 'job-deconstruct-A-1' });
  });
});
