import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_DWS_CLUSTERS, DEFAULT_GEMINIDB_INSTANCES, defaultProjectId } from '../src/index.js';
import { project, startHarness, type Harness } from './helpers/client.js';

type Seed = (typeof DEFAULT_GEMINIDB_INSTANCES)[number];
const [A, B, C] = DEFAULT_GEMINIDB_INSTANCES as [Seed, Seed, Seed];
const [P1, P2] = DEFAULT_DWS_CLUSTERS as [(typeof DEFAULT_DWS_CLUSTERS)[number], (typeof DEFAULT_DWS_CLUSTERS)[number]];
const OTHER_PROJECT = 'fedcba9876543210fedcba9876543210';

describe('per-region and per-project state', () => {
  let h: Harness;
  afterEach(() => h.close());

  const list = async (region: string, projectId = project(region)) =>
    (await h.api.call<{ instances: { id: string }[]; total_count: number }>('GET', `/${region}/v3/${projectId}/instances`)).body.instances.map((i) => i.id);

  it('each region has its own project id; an instance is seen only in its region and project', async () => {
    h = await startHarness();
    expect(new Set(['ap-southeast-1', 'ap-southeast-3', 'cn-north-4'].map(defaultProjectId)).size).toBe(3);
    expect(h.sim.regions).toEqual([
      { region: 'ap-southeast-1', projectIds: [project('ap-southeast-1')] },
      { region: 'ap-southeast-3', projectIds: [project('ap-southeast-3')] },
      { region: 'cn-north-4', projectIds: [project('cn-north-4')] },
    ]);
    expect(await list('ap-southeast-1')).toEqual([A.id]);
    expect(await list('ap-southeast-3')).toEqual([B.id, C.id]);
    // The wrong region (with its own project), the right region with another project, an unseeded region: nothing.
    expect(await list('eu-west-101')).toEqual([]);
    expect(await list('ap-southeast-1', OTHER_PROJECT)).toEqual([]);
    expect(await list('ap-southeast-1', project('ap-southeast-3'))).toEqual([]);
    for (const [region, projectId] of [
      ['ap-southeast-3', project('ap-southeast-3')],
      ['ap-southeast-1', OTHER_PROJECT],
    ] as const) {
      const role = await h.api.call('GET', `/${region}/v3/${projectId}/instances/${A.id}/instance-role`);
      expect(role).toMatchObject({ status: 404, body: { error_code: 'DBS.200002' } });
      const settings = await h.api.call('PUT', `/${region}/v3/${projectId}/instances/disaster-recovery/settings`, {
        disaster_recovery_settings: [{ instance_id: A.id, switchover_ratio: 50 }],
      });
      expect(settings.status).toBe(404);
    }
  });

  it('a cross-region pair is built from both regions; each side\'s jobs are listed in its own region only', async () => {
    h = await startHarness({ requirePrecheck: false });
    const base = (x: Seed) => `/${x.region}/v3/${project(x.region)}`;
    const peer = (x: Seed) => ({ id: x.id, region_code: x.region, subnet_cidrs: [x.subnetCidr], node_ips: [...x.nodeIps] });
    const primary = await h.api.call<{ job_id: string; disaster_recovery_id: string }>('POST', `${base(A)}/instances/${A.id}/disaster-recovery/construction`, {
      alias: 'x', password: 'Pw#12345', instance_role: 'master', disaster_recovery_instance: peer(B),
    });
    expect(primary.status).toBe(202);
    // The standby cannot be addressed through the primary's region...
    const wrong = await h.api.call('POST', `${base(A)}/instances/${B.id}/disaster-recovery/construction`, {
      id: primary.body.disaster_recovery_id, alias: 'x', password: 'Pw#12345', instance_role: 'slave', disaster_recovery_instance: peer(A),
    });
    expect(wrong.status).toBe(404);
    // ...only through its own.
    const standby = await h.api.call<{ job_id: string }>('POST', `${base(B)}/instances/${B.id}/disaster-recovery/construction`, {
      id: primary.body.disaster_recovery_id, alias: 'x', password: 'Pw#12345', instance_role: 'slave', disaster_recovery_instance: peer(A),
    });
    expect(standby.status).toBe(202);
    const jobIds = async (x: Seed) => (await h.api.call<{ jobs: { id: string }[] }>('GET', `${base(x)}/jobs`)).body.jobs.map((j) => j.id);
    expect(await jobIds(A)).toEqual([primary.body.job_id]);
    expect(await jobIds(B)).toEqual([standby.body.job_id]);
    h.tick();
    const listed = await h.api.call<{ instances: { id: string; dr_instance_id?: string }[] }>('GET', `${base(A)}/instances`);
    expect(listed.body.instances[0]?.dr_instance_id).toBe(B.id);
  });

  it('a DWS task is seen from its clusters\' region and project only', async () => {
    h = await startHarness();
    const v2 = (region: string, projectId = project(region)) => `/${region}/v2/${projectId}`;
    const created = await h.api.call<{ disaster_recovery: { id: string } }>('POST', `${v2(P1.region)}/disaster-recoveries`, {
      disaster_recovery: { name: 'regional', dr_type: 'az', primary_cluster_id: P1.id, standby_cluster_id: P2.id, dr_sync_period: '5m' },
    });
    expect(created.status).toBe(200);
    const id = created.body.disaster_recovery.id;
    expect((await h.api.call('GET', `${v2(P1.region)}/disaster-recovery/${id}`)).status).toBe(200);
    for (const elsewhere of [v2('ap-southeast-1'), v2(P1.region, OTHER_PROJECT)]) {
      expect((await h.api.call('GET', `${elsewhere}/disaster-recovery/${id}`)).body).toMatchObject({ error_code: 'DWS.10101' });
      expect((await h.api.call('GET', `${elsewhere}/disaster-recoveries`)).body).toEqual({ disaster_recovery: [] });
      expect((await h.api.call('POST', `${elsewhere}/disaster-recovery/${id}/start`)).status).toBe(400);
      // A cluster of another region cannot be the primary of a task created here.
      const foreign = await h.api.call('POST', `${elsewhere}/disaster-recoveries`, {
        disaster_recovery: { name: 'foreign', dr_type: 'az', primary_cluster_id: P1.id, standby_cluster_id: P2.id, dr_sync_period: '5m' },
      });
      expect(foreign.body).toMatchObject({ error_code: 'DWS.0001' });
    }
    expect((await h.api.call('GET', `/${P1.region}/v1.0/${project(P1.region)}/job/ff80808287d8d4a30187e15ce9b00c1f`)).status).toBe(200);
    expect((await h.api.call('GET', `/ap-southeast-1/v1.0/${project('ap-southeast-1')}/job/ff80808287d8d4a30187e15ce9b00c1f`)).status).toBe(404);
  });

  it('a path without a region is not an API (404 with the way to address a region), unless the regional host name says it', async () => {
    h = await startHarness();
    const bare = await h.api.call('GET', `/v3/${project('ap-southeast-1')}/instances`);
    expect(bare.status).toBe(404);
    expect(String(bare.body.error_msg)).toContain('/ap-southeast-1/v3/{project_id}');
    // Addressed as the real regional host (e.g. a hosts-file entry), the region comes from Host.
    const { request } = await import('node:http');
    const url = new URL(h.api.baseUrl);
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        { host: url.hostname, port: url.port, path: `/v3/${project('ap-southeast-3')}/instances`, headers: { Host: 'gaussdb-nosql.ap-southeast-3.myhuaweicloud.com', 'X-Auth-Token': 'test-token-abcdef' } },
        (res) => {
          let text = '';
          res.on('data', (c: Buffer) => (text += c.toString()));
          res.on('end', () => resolve(res.statusCode === 200 ? (JSON.parse(text) as { total_count: number }).total_count : -(res.statusCode ?? 0)));
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(2);
  });

  it('legacyRegionless: the old region-blind view, only when asked for', async () => {
    h = await startHarness({ legacyRegionless: true });
    const all = await h.api.call<{ total_count: number }>('GET', `/v3/${OTHER_PROJECT}/instances`);
    expect(all.body.total_count).toBe(3);
  });
});
