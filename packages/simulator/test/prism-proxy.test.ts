import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_DWS_CLUSTERS, DEFAULT_GEMINIDB_INSTANCES } from '../src/index.js';
import { client, project, startHarness, type CallOptions, type Harness, type Reply } from './helpers/client.js';
import { startPrismProxy, type PrismProxy } from './helpers/prism.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const prismBin = `${root}node_modules/@stoplight/prism-cli/dist/index.js`;
const geminiSpec = `${root}specs/geminidb-dr.yaml`;
const dwsSpec = `${root}specs/dws-dr.yaml`;
const vpcSpec = `${root}specs/vpc.yaml`;
const ready = [prismBin, geminiSpec, dwsSpec, vpcSpec].every((f) => existsSync(f));

type Seed = (typeof DEFAULT_GEMINIDB_INSTANCES)[number];
const [A, B, C] = DEFAULT_GEMINIDB_INSTANCES as [Seed, Seed, Seed];
const [PRIMARY, STANDBY] = DEFAULT_DWS_CLUSTERS as [(typeof DEFAULT_DWS_CLUSTERS)[number], (typeof DEFAULT_DWS_CLUSTERS)[number]];

/**
 * Every call goes through `prism proxy --errors`, which validates the request AND the simulator's
 * response against the spec. A violation shows as an `sl-violations` header or a 422/500 from Prism.
 * One proxy per region, each with the simulator's region endpoint (`${url}/{region}`) as upstream,
 * as a client of the real regional hosts would see it: spec paths, one project per region.
 */
describe.skipIf(!ready)('contract: the simulator behind prism proxy --errors', () => {
  let h: Harness;
  const proxies = new Map<string, PrismProxy>();
  /** The VPC API of ap-southeast-1 (its paths share /v1/{project_id} with other specs, so it has a proxy of its own). */
  let vpcProxy: PrismProxy;
  const regionOfProject = new Map(['ap-southeast-1', 'ap-southeast-3', 'cn-north-4'].map((r) => [project(r), r]));

  beforeAll(async () => {
    h = await startHarness();
    const started = await Promise.all([
      startPrismProxy(prismBin, geminiSpec, h.sim.endpoint('ap-southeast-1'), 85_000),
      startPrismProxy(prismBin, geminiSpec, h.sim.endpoint('ap-southeast-3'), 85_000),
      startPrismProxy(prismBin, dwsSpec, h.sim.endpoint('cn-north-4'), 85_000),
      startPrismProxy(prismBin, vpcSpec, h.sim.endpoint('ap-southeast-1'), 85_000),
    ]);
    vpcProxy = started[3] as PrismProxy;
    for (const [i, region] of ['ap-southeast-1', 'ap-southeast-3', 'cn-north-4'].entries()) proxies.set(region, started[i] as PrismProxy);
  }, 90_000);

  afterAll(async () => {
    await Promise.all([...proxies.values(), ...(vpcProxy ? [vpcProxy] : [])].map((p) => p.stop()));
    await h?.close();
  });

  /** The proxy of the region whose project the path names. */
  function proxyFor(path: string): PrismProxy {
    const region = regionOfProject.get(/^\/v[0-9.]+\/([^/]+)/.exec(path)?.[1] ?? '');
    const p = region === undefined ? undefined : proxies.get(region);
    if (!p) throw new Error(`no proxy for ${path}`);
    return p;
  }

  function via() {
    return async <T = Record<string, unknown>>(method: string, path: string, body?: unknown, options: CallOptions = { auth: 'token' }): Promise<Reply<T>> => {
      const p = proxyFor(path);
      const res = await client(p.url, h.clock.now).call<T>(method, path, body, options);
      const violations = res.headers.get('sl-violations');
      expect(violations, `${method} ${path}: ${violations}\n${res.text}`).toBeNull();
      expect([422, 500], `${method} ${path} answered ${res.status}: ${res.text}`).not.toContain(res.status);
      return res;
    };
  }
  const g = via();
  const d = via();
  const base = (x: Seed) => `/v3/${project(x.region)}`;
  const P = base(A);
  const inst = (id: string) => `${base(DEFAULT_GEMINIDB_INSTANCES.find((x) => x.id === id) ?? A)}/instances/${id}`;
  const peer = (x: Seed) => ({ id: x.id, region_code: x.region, subnet_cidrs: [x.subnetCidr], node_ips: [...x.nodeIps] });

  it('drives a whole GeminiDB lifecycle with zero violations', async () => {
    const jobDone = async (jobId: string, on: Seed = A) => {
      const running = await g<{ jobs: { status: string }[] }>('GET', `${base(on)}/jobs?id=${jobId}`);
      expect(running.body.jobs[0]?.status).toBe('Running');
      h.tick();
      const done = await g<{ jobs: { status: string }[] }>('GET', `${base(on)}/jobs?id=${jobId}&limit=10`);
      expect(done.body.jobs[0]?.status).toBe('Completed');
    };
    const jobOf = (res: Reply<{ job_id: string }>) => {
      expect([200, 202]).toContain(res.status);
      return res.body.job_id;
    };

    expect((await g('GET', `${P}/instances?datastore_type=redis&limit=10`)).status).toBe(200);
    for (const [x, y] of [
      [A, B],
      [B, A],
    ] as const) {
      const res = await g('POST', `${inst(x.id)}/disaster-recovery/precheck`, {
        operation: 'construction',
        disaster_recovery_instance: { vpc_cidr: y.vpcCidr, spec_code: 'geminidb.redis.xlarge.4', node_ips: [...y.nodeIps] },
      });
      expect(res.status).toBe(204);
    }
    const primary = await g<{ job_id: string; disaster_recovery_id: string }>('POST', `${inst(A.id)}/disaster-recovery/construction`, {
      alias: 'contract DR',
      password: 'Dr-Cluster#2024',
      instance_role: 'master',
      disaster_recovery_instance: peer(B),
    });
    expect(primary.status).toBe(202);
    const busy = await g('GET', `${P}/instances?id=${A.id}`);
    expect(busy.body).toMatchObject({ instances: [{ actions: ['ConstructDisasterRecovery'] }] });
    const standby = await g<{ job_id: string }>('POST', `${inst(B.id)}/disaster-recovery/construction`, {
      id: primary.body.disaster_recovery_id,
      alias: 'contract DR',
      password: 'Dr-Cluster#2024',
      instance_role: 'slave',
      disaster_recovery_instance: peer(A),
    });
    await jobDone(jobOf(standby), B);
    expect((await g('GET', `${P}/instances`)).body).toMatchObject({ instances: [{ dr_instance_id: B.id }] });
    expect((await g('GET', `${base(B)}/instances`)).body).toMatchObject({ instances: [{ dr_instance_id: A.id }, {}] });
    expect((await g('GET', `${inst(A.id)}/instance-role`)).body).toEqual({ role: 'master' });
    expect((await g('GET', `${inst(A.id)}/disaster-recovery/data-synchronization`)).body).toMatchObject({ status: 'SYNCING' });
    expect((await g('GET', `${inst(B.id)}/disaster-recovery/data-synchronization`)).status).toBe(200);

    for (const action of ['pause', 'resume']) {
      for (const x of [A, B]) await jobDone(jobOf(await g('POST', `${inst(x.id)}/disaster-recovery/data-synchronization`, { action })), x);
      if (action === 'pause') expect((await g('GET', `${inst(A.id)}/disaster-recovery/data-synchronization`)).body).toMatchObject({ status: 'SUSPENDED' });
    }
    await jobDone(jobOf(await g('POST', `${inst(A.id)}/switchover-slave`)));
    // invalid transition answered with a declared error
    expect((await g('POST', `${inst(A.id)}/switchover-slave`)).body).toMatchObject({ error_code: 'DBS.200004' });
    await jobDone(jobOf(await g('POST', `${inst(B.id)}/switchover-master`, { force: false })), B);
    const swap = await g<{ job_id: string }>('PUT', `${inst(B.id)}/disaster-recovery/switchover`);
    expect((await g('POST', `${inst(A.id)}/switchover-slave`)).status).toBe(409);
    await jobDone(jobOf(swap), B);
    await jobDone(jobOf(await g('POST', `${inst(B.id)}/switchover-master`, { force: true })), B);
    expect((await g('GET', `${inst(B.id)}/disaster-recovery/data-synchronization`)).body).toMatchObject({ status: 'NA' });

    const settings = await g('PUT', `${P}/instances/disaster-recovery/settings`, {
      disaster_recovery_settings: [{ instance_id: A.id, switchover_ratio: 70, sync_delay: 60 }],
    });
    expect(settings.status).toBe(200);
    expect((await g('GET', `${P}/instances/disaster-recovery/settings?instance_id=${A.id}&limit=10`)).body).toMatchObject({ total_count: 1 });

    for (const x of [A, B]) expect((await g('POST', `${inst(x.id)}/disaster-recovery/precheck`, { operation: 'deconstruction' })).status).toBe(204);
    for (const x of [A, B]) await jobDone(jobOf(await g('POST', `${inst(x.id)}/disaster-recovery/deconstruction`)), x);
    expect((await g('GET', `${inst(A.id)}/instance-role`)).body).toMatchObject({ error_code: 'DBS.200004' });
    expect((await g('GET', `${inst('unknownin12')}/instance-role`)).status).toBe(404);
    expect((await g('GET', `${inst(C.id)}/disaster-recovery/regions`)).status).toBe(200);
    await jobDone(jobOf(await g('POST', `${inst(C.id)}/dual-active-relationship`, { destination_region: 'ap-southeast-1', destination_instance_id: A.id, tables: ['ks1.orders'] })), C);
    expect((await g('GET', `${base(C)}/instances?id=${C.id}`)).body).toMatchObject({ instances: [{ dual_active_info: { destination_instance_id: A.id } }] });
    await jobDone(jobOf(await g('DELETE', `${inst(C.id)}/dual-active-relationship`)), C);

    expect((await g('GET', `${P}/jobs?status=Completed`)).status).toBe(200);
  });

  it('drives a whole DWS lifecycle with zero violations', async () => {
    const V2 = `/v2/${project(PRIMARY.region)}`;
    const status = async (id: string) => (await d<{ disaster_recovery: { status: string } }>('GET', `${V2}/disaster-recovery/${id}`)).body.disaster_recovery.status;
    const act = async (id: string, action: string, via: string, end: string) => {
      expect((await d('POST', `${V2}/disaster-recovery/${id}/${action}`)).status).toBe(200);
      expect(await status(id)).toBe(via);
      h.tick();
      expect(await status(id)).toBe(end);
    };

    expect((await d('GET', `${V2}/disaster-recovery/check-name?dr_name=contract_dr&type=az`)).status).toBe(200);
    expect((await d('GET', `${V2}/disaster-recovery-clusters?primary_cluster_id=${PRIMARY.id}&standby_az_code=cn-north-4b`)).status).toBe(200);
    const created = await d<{ disaster_recovery: { id: string } }>('POST', `${V2}/disaster-recoveries`, {
      disaster_recovery: { name: 'contract_dr', dr_type: 'az', primary_cluster_id: PRIMARY.id, standby_cluster_id: STANDBY.id, dr_sync_period: '5m' },
    });
    const id = created.body.disaster_recovery.id;
    expect(await status(id)).toBe('creating');
    h.tick();
    expect(await status(id)).toBe('unstart');
    expect((await d('GET', `${V2}/disaster-recovery/check-name?dr_name=contract_dr`)).status).toBe(400);
    expect((await d('PUT', `${V2}/disaster-recovery/${id}`, { disaster_recovery: { dr_sync_period: '30m' } })).status).toBe(200);
    await act(id, 'start', 'starting', 'running');
    expect((await d('GET', `/v1/${project(PRIMARY.region)}/disaster-recovery/${id}/show-progress`)).status).toBe(200);
    expect((await d('GET', `${V2}/disaster-recoveries?id=${id}`)).body).toMatchObject({ disaster_recovery: [{ id, status: 'running' }] });
    await act(id, 'switchover', 'switchovering', 'running');
    expect((await d('POST', `${V2}/disaster-recovery/${id}/recovery`)).body).toMatchObject({ error_code: 'DWS.0002' });
    await act(id, 'failover', 'switchovering', 'abnormal');
    const listed = await d<{ clusters: { id: string; status: string }[] }>('GET', `/v1.0/${project(PRIMARY.region)}/clusters`);
    // Switchover then failover: the first primary is primary again, and the other (the failed old primary) is unavailable.
    expect(listed.body.clusters.find((c) => c.id === STANDBY.id)?.status).toBe('FAILED');
    expect(listed.body.clusters.find((c) => c.id === PRIMARY.id)?.status).toBe('ACTIVE');
    await act(id, 'recovery', 'starting', 'running');
    await act(id, 'pause', 'stopping', 'stopped');
    expect((await d('DELETE', `${V2}/disaster-recovery/${id}?need_send_request=0`)).body).toEqual({});
    h.tick();
    expect((await d('GET', `${V2}/disaster-recovery/${id}`)).body).toMatchObject({ error_code: 'DWS.10101' });
    expect((await d('GET', `/v1.0/${project(PRIMARY.region)}/job/ff80808287d8d4a30187e15ce9b00c1f`)).body).toMatchObject({ status: 'SUCCESS' });
    expect((await d('GET', `/v1.0/${project(PRIMARY.region)}/job/ff80808287d8d4a30187e15ce9b00c99`)).status).toBe(404);
  });

  it('serves the VPC reads of an instance\'s network with zero violations', async () => {
    const v = async <T>(path: string) => {
      const res = await client(vpcProxy.url, h.clock.now).call<T>('GET', `/v1/${project(A.region)}${path}`, undefined, { auth: 'token' });
      expect(res.headers.get('sl-violations'), res.text).toBeNull();
      return res;
    };
    expect((await v<{ subnet: { cidr: string } }>(`/subnets/${A.subnetId}`)).body.subnet.cidr).toBe(A.subnetCidr);
    expect((await v<{ vpc: { cidr: string } }>(`/vpcs/${A.vpcId}`)).body.vpc.cidr).toBe(A.vpcCidr);
    expect((await v(`/subnets/${B.subnetId}`)).status).toBe(404); // B is in ap-southeast-3
  });

  it('would notice: a non-conforming simulator response comes back as 500 with sl-violations', async () => {
    const p = proxyFor(`${P}/jobs`);
    h.sim.faults.add({ match: { operationId: 'listJobs' }, fault: { kind: 'status', status: 200, body: { jobs: 'not-an-array' } } });
    const res = await client(p.url, h.clock.now).call('GET', `${P}/jobs`, undefined, { auth: 'token' });
    expect(res.status).toBe(500);
    expect(res.headers.get('sl-violations')).toContain('jobs must be array');
    const badRequest = await client(p.url, h.clock.now).call('POST', `${inst(A.id)}/disaster-recovery/precheck`, { operation: 'nope' }, { auth: 'token' });
    expect(badRequest.status).toBe(422);
  });

  it('Prism rewrites Host to the upstream and re-serialises JSON bodies (what AK/SK through the proxy needs)', async () => {
    const p = proxyFor(`${base(C)}/instances`);
    const path = `${base(C)}/instances?limit=10`;
    // Signed for the host the client talks to (the proxy): Prism swaps Host and adds the region base path, so it no longer matches...
    expect((await client(p.url, h.clock.now).call('GET', path)).status).toBe(401);
    // ...until the simulator trusts that host: then a signature over the proxy's host and the spec path is accepted.
    h.sim.trustSignedHost(new URL(p.url).host);
    expect((await client(p.url, h.clock.now).call('GET', path)).status).toBe(200);
    // A compact body survives Prism's JSON round trip; the same JSON with spaces does not.
    const compact = await client(p.url, h.clock.now).call('POST', `${inst(C.id)}/disaster-recovery/precheck`, { operation: 'construction' });
    expect(compact.status).toBe(204);
    const spaced = await client(p.url, h.clock.now).call('POST', `${inst(C.id)}/disaster-recovery/precheck`, { operation: 'construction' }, { rawBody: '{ "operation": "construction" }' });
    expect(spaced.status).toBe(401);
  });
});
