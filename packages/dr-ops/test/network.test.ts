// Network discovery for pairing: with only the two instance IDs (and a VPC client per side) the
// subnet and VPC CIDR blocks are read from the listing and the VPC API; given values win; the 192/172
// rule is applied to what was read and a refusal names the value and the call it came from.
import { DEFAULT_GEMINIDB_INSTANCES, type GeminiDbInstanceSeed } from '@hcdr/simulator';
import { afterEach, describe, expect, it } from 'vitest';
import { discoverGeminiDbPairNetwork, failoverGeminiDb, pairGeminiDb, readListedInstanceNetworks, recoverGeminiDb, type DrEvent } from '../src/index.js';
import { discoverySides, FAST_WAIT, PASSWORD, PRIMARY, STANDBY, startWorld, type World } from './helpers/world.js';

const [A, B, C] = DEFAULT_GEMINIDB_INSTANCES as [GeminiDbInstanceSeed, GeminiDbInstanceSeed, GeminiDbInstanceSeed];

let world: World;
afterEach(() => world?.close());

describe('pairing with only the instance IDs', () => {
  it('looks the CIDR blocks up, pairs, and reports what was found and where', async () => {
    world = await startWorld();
    const events: DrEvent[] = [];
    const r = await pairGeminiDb({ ...discoverySides(world), alias: 'video-dr', password: PASSWORD, wait: FAST_WAIT, onEvent: (e) => events.push(e) });
    expect(r.outcome).toBe('completed');
    expect(r.steps.filter((s) => s.status === 'done').map((s) => s.step)).toEqual([
      'discover-primary', 'discover-standby', 'precheck-primary', 'precheck-standby', 'construct-primary', 'construct-standby', 'wait-primary', 'wait-standby',
    ]);
    expect(r.network?.primary).toMatchObject({
      subnetCidrs: { value: ['10.0.1.0/24'], source: { kind: 'api', operation: 'showSubnet', resourceId: A.subnetId, region: 'ap-southeast-1' } },
      vpcCidr: { value: '10.0.0.0/16', source: { kind: 'api', operation: 'showVpc', resourceId: A.vpcId, region: 'ap-southeast-1' } },
      nodeIps: { value: ['10.0.1.2', '10.0.1.3', '10.0.1.4'], source: { operation: 'listInstances' } },
    });
    expect(r.network?.standby?.subnetCidrs.value).toEqual(['10.1.1.0/24']);
    // What each construction told the peer is what the VPC API says (the simulator checks it against the real peer).
    const constructions = world.sim.requests.list({ operationId: 'createDisasterRecovery' });
    expect(constructions.map((c) => c.status)).toEqual([202, 202]);
    // The listing was read once per side by the pairing itself: no extra listInstances for the lookup.
    expect(world.sim.requests.list({ operationId: 'showSubnet' })).toHaveLength(2);
    expect(world.sim.requests.list({ operationId: 'showVpc' })).toHaveLength(2);
    const step = events.find((e) => e.type === 'step' && e.step === 'discover-primary' && e.status === 'done');
    expect(step).toMatchObject({ detail: { subnet_cidrs: '10.0.1.0/24', vpc_cidr: '10.0.0.0/16' } });
  });

  it('given values win: nothing is read for a side whose blocks are given', async () => {
    world = await startWorld();
    const sides = discoverySides(world);
    const r = await pairGeminiDb({ ...sides, primary: { ...sides.primary, subnetCidrs: ['10.0.1.0/24'], vpcCidr: '10.0.0.0/16' }, alias: 'video-dr', password: PASSWORD, wait: FAST_WAIT });
    expect(r.outcome).toBe('completed');
    expect(r.network?.primary?.vpcCidr.source).toEqual({ kind: 'given', field: 'primary.vpcCidr' });
    expect(world.sim.requests.list({ operationId: 'showSubnet' }).map((q) => q.region)).toEqual(['ap-southeast-3']);
  });

  it('a re-run of an active pairing reads no network at all', async () => {
    world = await startWorld();
    await pairGeminiDb({ ...discoverySides(world), alias: 'video-dr', password: PASSWORD, wait: FAST_WAIT });
    world.sim.requests.clear();
    const again = await pairGeminiDb({ ...discoverySides(world), alias: 'video-dr', password: PASSWORD, wait: FAST_WAIT });
    expect(again.outcome).toBe('already-done');
    expect(world.sim.requests.list({ operationId: 'showSubnet' })).toEqual([]);
    expect(again.network).toBeUndefined();
  });

  it('refuses a 192.*/172.* block it found, naming the value and the call, before anything is changed', async () => {
    const instances = [{ ...A, subnetCidr: '192.168.1.0/24', vpcCidr: '192.168.0.0/16', nodeIps: ['192.168.1.2', '192.168.1.3'] }, B, C];
    world = await startWorld({ geminidb: { instances } });
    const error = await pairGeminiDb({ ...discoverySides(world), alias: 'video-dr', password: PASSWORD, wait: FAST_WAIT }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'DrOperationError', kind: 'refused', step: 'discover-primary' });
    const message = (error as Error).message;
    expect(message).toContain(`"192.168.1.0/24" of subnet ${A.subnetId} of the primary ${PRIMARY} (read with showSubnet ${A.subnetId} in ap-southeast-1) must not start with 192 or 172`);
    expect(message).toContain(`"192.168.0.0/16" of the VPC of the primary ${PRIMARY} (read with showVpc ${A.vpcId} in ap-southeast-1)`);
    expect(world.sim.requests.list({ method: 'POST' })).toEqual([]);
  });

  it('a VPC read the credentials may not make stops the pairing with the call, the cause and what to do', async () => {
    world = await startWorld();
    world.sim.faults.add({ match: { service: 'vpc', operationId: 'showVpc' }, fault: { kind: 'status', status: 403, body: { error_code: 'APIGW.0302', error_msg: 'The IAM user is not authorized to access the API.' } }, times: 'unlimited' });
    const error = await pairGeminiDb({ ...discoverySides(world), alias: 'video-dr', password: PASSWORD, wait: FAST_WAIT }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'DrOperationError', kind: 'failed', cause: { name: 'HuaweiCloudApiError', status: 403 } });
    expect((error as Error).message).toMatch(/Could not look up the network of the (primary|standby) .*: showVpc .* failed: .*not authorized/);
    expect((error as { advice: string[] }).advice.join(' ')).toContain('vpc:vpcs:get');
    expect(world.sim.requests.list({ method: 'POST' })).toEqual([]);
  });

  it('without a VPC client the blocks are required, named by field', async () => {
    world = await startWorld();
    const { primary, standby } = discoverySides(world);
    await expect(pairGeminiDb({ primary: { ...primary, vpc: undefined }, standby, alias: 'x', password: PASSWORD })).rejects.toMatchObject({
      name: 'DrInputError',
      problems: [
        { field: 'primary.subnetCidrs', message: expect.stringContaining('unless a VPC client') },
        { field: 'primary.vpcCidr', message: expect.stringContaining('unless a VPC client') },
      ],
    });
  });

  it('recovery after a failover rebuilds with the looked-up networks (old primary as standby)', async () => {
    world = await startWorld();
    const sides = discoverySides(world);
    await pairGeminiDb({ ...sides, alias: 'video-dr', password: PASSWORD, wait: FAST_WAIT });
    await failoverGeminiDb({ primary: sides.primary, standby: sides.standby, wait: FAST_WAIT });
    world.sim.requests.clear();
    const r = await recoverGeminiDb({ newPrimary: sides.standby, oldPrimary: sides.primary, alias: 'video-dr', password: PASSWORD, wait: FAST_WAIT });
    expect(r.outcome).toBe('completed');
    expect(r.steps.map((s) => s.step)).toContain('discover-primary');
    // Recovery names its sides newPrimary/oldPrimary; the old primary's network was read in its region.
    expect(world.sim.requests.list({ operationId: 'showSubnet' }).map((q) => q.region).sort()).toEqual(['ap-southeast-1', 'ap-southeast-3']);
  });
});

describe('discoverGeminiDbPairNetwork (what a pairing would send, read without changing anything)', () => {
  it('returns every value with its source, node IPs and spec code included', async () => {
    world = await startWorld();
    const found = await discoverGeminiDbPairNetwork(discoverySides(world));
    expect(found.standby).toMatchObject({
      instanceId: STANDBY,
      region: 'ap-southeast-3',
      subnetCidrs: { value: ['10.1.1.0/24'] },
      vpcCidr: { value: '10.1.0.0/16' },
      nodeIps: { value: ['10.1.1.2', '10.1.1.3', '10.1.1.4'] },
      specCode: { value: 'geminidb.redis.xlarge.4' },
    });
    expect(world.sim.requests.list({ method: 'POST' })).toEqual([]);
  });

  it('an instance of another region is not found (refused, naming region and project)', async () => {
    world = await startWorld();
    const sides = discoverySides(world);
    const error = await discoverGeminiDbPairNetwork({ ...sides, standby: { ...sides.standby, client: world.gemini('ap-southeast-1'), vpc: world.vpc('ap-southeast-1') } }).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'refused', message: expect.stringContaining(`The standby instance ${STANDBY} was not found in ap-southeast-1`) });
  });
});

describe('readListedInstanceNetworks (instances list)', () => {
  it('reads each distinct subnet and VPC once and maps them to the instances', async () => {
    world = await startWorld();
    const { instances = [] } = await world.gemini('ap-southeast-3').listInstances();
    const { byInstance, failures } = await readListedInstanceNetworks(world.vpc('ap-southeast-3'), instances);
    expect(failures).toEqual([]);
    expect(byInstance.get(B.id)).toEqual({ subnetCidrs: ['10.1.1.0/24'], vpcCidr: '10.1.0.0/16' });
    expect(byInstance.get(C.id)).toEqual({ subnetCidrs: ['10.1.2.0/24'], vpcCidr: '10.1.0.0/16' });
    // B and C share their VPC: two subnets, one VPC read.
    expect(world.sim.requests.list({ operationId: 'showVpc' })).toHaveLength(1);
  });

  it('a failed read leaves null and is reported, the rest is still read', async () => {
    world = await startWorld();
    world.sim.faults.add({ match: { service: 'vpc', operationId: 'showVpc' }, fault: { kind: 'status', status: 403, body: { error_code: 'APIGW.0302', error_msg: 'denied' } } });
    const { instances = [] } = await world.gemini('ap-southeast-1').listInstances();
    const { byInstance, failures } = await readListedInstanceNetworks(world.vpc('ap-southeast-1'), instances);
    expect(byInstance.get(A.id)).toEqual({ subnetCidrs: ['10.0.1.0/24'], vpcCidr: null });
    expect(failures).toMatchObject([{ operation: 'showVpc', resourceId: A.vpcId, error: { status: 403 } }]);
  });
});
