import { hex32 } from '../random.js';

/**
 * Regions and projects. In Huawei Cloud every region has its own endpoint and its own IAM project
 * (a project belongs to exactly one region). The simulator serves every region on one port, under
 * a region path prefix: `http://127.0.0.1:PORT/{region}/v3/{project_id}/...` stands for
 * `https://gaussdb-nosql.{region}.myhuaweicloud.com/v3/{project_id}/...`. A request sees only the
 * resources of its region AND project, as in the cloud.
 */

/** Region ids such as `ap-southeast-1`, `cn-north-4`, `eu-west-101`, `my-kualalumpur-1`. */
export const REGION_PATTERN = /^[a-z]{2}-[a-z]+-\d{1,3}$/;

/** The default project of ap-southeast-1 (the seeded GeminiDB primary's region); the specs' example project id. */
export const DEMO_PROJECT_ID = '0123456789abcdef0123456789abcdef';

const FIXED_PROJECTS: Readonly<Record<string, string>> = { 'ap-southeast-1': DEMO_PROJECT_ID };

/**
 * The default project of a region: fixed for ap-southeast-1, otherwise 32 hex characters derived
 * from the region name, so every region (seeded or not) has a stable project id.
 */
export function defaultProjectId(region: string): string {
  return FIXED_PROJECTS[region] ?? hex32('hcdr-simulator-project', region);
}

/** Where a resource lives. */
export interface Placement {
  readonly region: string;
  readonly projectId: string;
}

/**
 * What a request can see: one region and one project (`/{region}/v3/{project_id}/...`), or
 * `all` for a path without a region prefix (the old region-blind behaviour, kept only for
 * `legacyRegionless` simulators).
 */
export type Scope = Placement | 'all';

export function visible(scope: Scope, placement: Placement): boolean {
  return scope === 'all' || (scope.region === placement.region && scope.projectId === placement.projectId);
}

/**
 * Splits `/{region}/rest` into region and rest. Paths whose first segment is not a region id are
 * returned unchanged with no region (API versions like `v3` and `v1.0` never match the pattern).
 */
export function splitRegionPrefix(rawPath: string): { region: string | undefined; path: string } {
  const slash = rawPath.indexOf('/', 1);
  if (slash === -1) return { region: undefined, path: rawPath };
  const first = rawPath.slice(1, slash);
  return REGION_PATTERN.test(first) ? { region: first, path: rawPath.slice(slash) } : { region: undefined, path: rawPath };
}

/**
 * The region in a real regional host name (`gaussdb-nosql.ap-southeast-1.myhuaweicloud.com`,
 * `dws.cn-north-4.myhuaweicloud.cn`, `vpc.ap-southeast-3.myhuaweicloud.com`), for clients that reach
 * the simulator under the cloud's own host names (a hosts-file entry or a proxy that keeps Host).
 * Undefined for any other host.
 */
export function regionFromHost(host: string | undefined): string | undefined {
  const m = /^(?:gaussdb-nosql|dws|vpc)\.([a-z0-9-]+)\.myhuaweicloud\.(?:com|cn|eu)(?::\d+)?$/.exec((host ?? '').toLowerCase());
  return m?.[1] !== undefined && REGION_PATTERN.test(m[1]) ? m[1] : undefined;
}
