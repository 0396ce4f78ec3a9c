import { HuaweiCloudConfigError, type ConfigProblem } from '../errors/errors.js';
import type { EnvLike } from '../config/env.js';
import type { ServiceEndpoints } from '../service/service-descriptor.js';

/**
 * In an endpoint override, `{region}` stands for the resolved region, so one override can address
 * every region of a multi-region stand-in (e.g. the hcdr simulator: `http://127.0.0.1:8080/{region}`).
 */
export const REGION_PLACEHOLDER = '{region}';

/** Region IDs are lower-case words joined by `-`; only such a value is put into a URL. */
const REGION_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export interface ResolveEndpointOptions {
  /** Explicit endpoint (client option); wins over the environment and the table. `{region}` is replaced by the region. */
  override?: string | undefined;
  /** Environment to read HUAWEICLOUD_SDK_REGION_{SERVICE}_{REGION} from. Default: process.env. */
  env?: EnvLike | undefined;
  /** Allow plain http:// to a non-loopback host. Off by default: it would send credentials in clear. */
  allowInsecureHttp?: boolean | undefined;
}

export interface EndpointResolution {
  /** Base URL without a trailing slash. */
  url: string;
  source: 'option' | 'env' | 'table';
  /** The environment variable used, when source is `env`. */
  envVar?: string | undefined;
}

/** `HUAWEICLOUD_SDK_REGION_{SERVICE}_{REGION}` (upper-case, `-` → `_`), as the Go/Python/Java SDKs read it. */
export function regionEndpointEnvVar(service: Pick<ServiceEndpoints, 'endpointEnvKey'>, region: string): string {
  return `HUAWEICLOUD_SDK_REGION_${service.endpointEnvKey}_${region.toUpperCase().replace(/-/g, '_')}`;
}

/** Region IDs with a built-in endpoint, sorted. */
export function knownRegions(service: Pick<ServiceEndpoints, 'endpoints'>): string[] {
  return Object.keys(service.endpoints).sort();
}

const LOOPBACK_HOSTS = new Set(['localhost', '[::1]']);

/** True for localhost, 127.0.0.0/8 and ::1: the only hosts plain http is allowed to without opting in. */
export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname.toLowerCase()) || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

/**
 * Checks an endpoint URL and returns it without a trailing slash, or a problem description.
 * https is always fine (TLS verification is never disabled); http only to loopback or when allowed.
 */
export function checkEndpointUrl(
  value: string,
  options: { allowInsecureHttp?: boolean | undefined; label: string },
): { url: string } | { problem: string } {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { problem: `${options.label} "${value}" is not an absolute URL (expected e.g. https://host or http://127.0.0.1:4010).` };
  }
  if (url.username || url.password) return { problem: `${options.label} must not contain a user name or password.` };
  if (url.search || url.hash) return { problem: `${options.label} must not contain a query string or fragment.` };
  if (url.protocol === 'http:') {
    if (!isLoopbackHost(url.hostname) && !options.allowInsecureHttp) {
      return {
        problem:
          `${options.label} "${url.origin}" uses plain http to a non-loopback host, which would expose credentials and data. ` +
          'Use https, or set allowInsecureHttp: true if this is really intended (e.g. a test network).',
      };
    }
  } else if (url.protocol !== 'https:') {
    return { problem: `${options.label} "${value}" must use https:// (or http:// to localhost/127.0.0.1).` };
  }
  return { url: url.href.replace(/\/+$/, '') };
}

/**
 * Resolves an endpoint without throwing: option > env override > built-in table.
 * `region` may be undefined only when an explicit override is given.
 */
export function tryResolveEndpoint(
  service: ServiceEndpoints,
  region: string | undefined,
  options: ResolveEndpointOptions = {},
): { ok: true; value: EndpointResolution } | { ok: false; problems: ConfigProblem[] } {
  const env = options.env ?? process.env;
  type Result = { ok: true; value: EndpointResolution } | { ok: false; problems: ConfigProblem[] };
  const check = (value: string, label: string, source: EndpointResolution['source'], envVar?: string): Result => {
    const r = checkEndpointUrl(value, { allowInsecureHttp: options.allowInsecureHttp, label });
    if ('url' in r) return { ok: true, value: { url: r.url, source, envVar } };
    return { ok: false, problems: [{ setting: 'endpoint', message: r.problem }] };
  };

  if (options.override !== undefined && options.override !== '') {
    if (!options.override.includes(REGION_PLACEHOLDER)) return check(options.override, 'Endpoint', 'option');
    if (region === undefined || region === '' || !REGION_ID.test(region)) {
      return { ok: false, problems: [{ setting: 'region', message: `The endpoint contains ${REGION_PLACEHOLDER}, so it needs a region (e.g. cn-north-4).` }] };
    }
    return check(options.override.split(REGION_PLACEHOLDER).join(region), 'Endpoint', 'option');
  }
  if (region === undefined || region === '') {
    return { ok: false, problems: [{ setting: 'endpoint', message: 'Cannot choose an endpoint without a region.' }] };
  }
  const envVar = regionEndpointEnvVar(service, region);
  const fromEnv = env[envVar];
  if (fromEnv !== undefined && fromEnv.trim() !== '') return check(fromEnv.trim(), `Endpoint from ${envVar}`, 'env', envVar);

  if (Object.hasOwn(service.endpoints, region)) return { ok: true, value: { url: service.endpoints[region] as string, source: 'table' } };

  return {
    ok: false,
    problems: [
      {
        setting: 'region',
        message: `Unknown region "${region}" for ${service.name}. Known regions: ${knownRegions(service).join(', ')}.`,
        fixes: [
          'Use one of the known regions, or give the endpoint explicitly:',
          `  option endpoint: 'https://...'`,
          `  env ${envVar}=https://...`,
        ],
      },
    ],
  };
}

/** Resolves the base URL for `service` in `region`; throws HuaweiCloudConfigError when it cannot. */
export function resolveEndpoint(service: ServiceEndpoints, region: string | undefined, options: ResolveEndpointOptions = {}): string {
  const r = tryResolveEndpoint(service, region, options);
  if (!r.ok) throw new HuaweiCloudConfigError(r.problems, `Cannot resolve the ${service.name} endpoint`);
  return r.value.url;
}
