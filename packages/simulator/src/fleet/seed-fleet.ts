import type { DwsClusterSeed, DwsTaskSeed } from '../dws/seed.js';
import type { GeminiDbInstanceSeed, GeminiDbRelationshipSeed } from '../geminidb/seed.js';
import { hex32, prng, uuidFrom } from '../random.js';
import { defaultProjectId, REGION_PATTERN } from '../regions/scope.js';

/**
 * A large, deterministic fleet for scale tests, monitoring and drills: GeminiDB relationships
 * (two instances each, in two different regions, already constructed and syncing; about 1 in 20
 * paused) and DWS DR tasks (two clusters each, most cross-region, running). Everything derives from
 * `seed`, so two simulators with the same options hold the same fleet.
 */
export interface FleetOptions {
  readonly seed?: string | number;
  readonly geminiDbRelationships?: number;
  readonly dwsTasks?: number;
  /** Regions to spread over (at least 2). Default: ap-southeast-1, ap-southeast-3, cn-north-4, cn-east-3. */
  readonly regions?: readonly string[];
  /** Projects per region (the region's default project plus derived ones). Default 2. */
  readonly projectsPerRegion?: number;
}

export interface Fleet {
  readonly geminidb: { readonly instances: GeminiDbInstanceSeed[]; readonly relationships: GeminiDbRelationshipSeed[] };
  readonly dws: { readonly clusters: DwsClusterSeed[]; readonly tasks: DwsTaskSeed[] };
}

export const DEFAULT_FLEET_REGIONS = ['ap-southeast-1', 'ap-southeast-3', 'cn-north-4', 'cn-east-3'] as const;
export const MAX_FLEET_SIZE = 5_000;

const PERIODS = ['5m', '10m', '20m', '1H'] as const;

export function fleetProjectId(region: string, index: number, seed: string): string {
  return index === 0 ? defaultProjectId(region) : hex32('hcdr-simulator-fleet-project', seed, region, String(index));
}

export function validateFleetOptions(options: FleetOptions): void {
  const count = (name: string, v: number | undefined) => {
    if (v !== undefined && (!Number.isInteger(v) || v < 0 || v > MAX_FLEET_SIZE)) {
      throw new RangeError(`fleet.${name} must be an integer from 0 to ${MAX_FLEET_SIZE}, got ${v}`);
    }
  };
  count('geminiDbRelationships', options.geminiDbRelationships);
  count('dwsTasks', options.dwsTasks);
  const regions = options.regions ?? DEFAULT_FLEET_REGIONS;
  if (regions.length < 2 || new Set(regions).size !== regions.length) throw new RangeError('fleet.regions must list at least 2 different regions');
  for (const r of regions) if (!REGION_PATTERN.test(r)) throw new RangeError(`fleet.regions: "${r}" is not a region id such as ap-southeast-1`);
  const ppr = options.projectsPerRegion;
  if (ppr !== undefined && (!Number.isInteger(ppr) || ppr < 1 || ppr > 20)) throw new RangeError(`fleet.projectsPerRegion must be an integer from 1 to 20, got ${ppr}`);
}

export function seedFleet(options: FleetOptions, now: number): Fleet {
  validateFleetOptions(options);
  const seed = String(options.seed ?? 1);
  const regions = options.regions ?? DEFAULT_FLEET_REGIONS;
  const projects = options.projectsPerRegion ?? 2;
  const random = prng(Number.parseInt(hex32('hcdr-fleet', seed).slice(0, 8), 16));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

  const instances: GeminiDbInstanceSeed[] = [];
  const relationships: GeminiDbRelationshipSeed[] = [];
  let subnet = 0;
  const instance = (i: number, side: 'p' | 's', region: string, projectIndex: number): GeminiDbInstanceSeed => {
    const n = subnet++;
    const second = 100 + Math.floor(n / 256);
    const third = n % 256;
    return {
      id: `${hex32(seed, 'fleet-gdb', String(i), side)}in12`,
      name: `fleet-redis-${String(i).padStart(4, '0')}-${side === 'p' ? 'primary' : 'standby'}`,
      region,
      projectId: fleetProjectId(region, projectIndex, seed),
      availabilityZone: `${region}a`,
      vpcId: uuidFrom(seed, 'fleet-vpc', region),
      vpcCidr: `10.${second}.0.0/16`,
      subnetId: uuidFrom(seed, 'fleet-subnet', String(n)),
      subnetCidr: `10.${second}.${third}.0/24`,
      securityGroupId: uuidFrom(seed, 'fleet-sg', region),
      nodeIps: [2, 3, 4].map((host) => `10.${second}.${third}.${host}`),
    };
  };
  for (let i = 0; i < (options.geminiDbRelationships ?? 0); i++) {
    const a = Math.floor(random() * regions.length);
    const b = (a + 1 + Math.floor(random() * (regions.length - 1))) % regions.length;
    const projectIndex = Math.floor(random() * projects);
    const primary = instance(i, 'p', regions[a] as string, projectIndex);
    const standby = instance(i, 's', regions[b] as string, projectIndex);
    instances.push(primary, standby);
    relationships.push({
      id: uuidFrom(seed, 'fleet-relationship', String(i)),
      alias: `fleet-dr-${String(i).padStart(4, '0')}`,
      masterId: primary.id,
      slaveId: standby.id,
      paused: random() < 0.05,
    });
  }

  const clusters: DwsClusterSeed[] = [];
  const tasks: DwsTaskSeed[] = [];
  for (let j = 0; j < (options.dwsTasks ?? 0); j++) {
    const a = Math.floor(random() * regions.length);
    const crossRegion = random() < 0.7;
    const b = crossRegion ? (a + 1 + Math.floor(random() * (regions.length - 1))) % regions.length : a;
    const projectIndex = Math.floor(random() * projects);
    const cluster = (side: 'p' | 's', region: string, az: string): DwsClusterSeed => ({
      id: uuidFrom(seed, 'fleet-dws', String(j), side),
      name: `fleet-dws-${String(j).padStart(4, '0')}-${side === 'p' ? 'primary' : 'standby'}`,
      region,
      projectId: fleetProjectId(region, projectIndex, seed),
      availabilityZone: `${region}${az}`,
    });
    const primary = cluster('p', regions[a] as string, 'a');
    const standby = cluster('s', regions[b] as string, crossRegion ? 'a' : 'b');
    clusters.push(primary, standby);
    const drSyncPeriod = pick(PERIODS);
    tasks.push({
      id: uuidFrom(seed, 'fleet-dws-task', String(j)),
      name: `fleet_dr_${String(j).padStart(4, '0')}`,
      drType: crossRegion ? 'region' : 'az',
      primaryClusterId: primary.id,
      standbyClusterId: standby.id,
      drSyncPeriod,
      startedAt: now - Math.floor(random() * 6 * 3600 * 1000),
    });
  }
  return { geminidb: { instances, relationships }, dws: { clusters, tasks } };
}
