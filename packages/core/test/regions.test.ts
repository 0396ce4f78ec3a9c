import { describe, expect, it } from 'vitest';
import { isHuaweiCloudConfigError, type HuaweiCloudConfigError } from '../src/errors/errors.js';
import { isLoopbackHost, knownRegions, regionEndpointEnvVar, resolveEndpoint, tryResolveEndpoint } from '../src/regions/resolve-endpoint.js';
import { exampleService } from './helpers.js';

const noEnv = {};

function configError(fn: () => unknown): HuaweiCloudConfigError {
  try {
    fn();
  } catch (e) {
    if (isHuaweiCloudConfigError(e)) return e;
    throw e;
  }
  throw new Error('expected a HuaweiCloudConfigError');
}

describe('endpoint tables (the service descriptor\'s)', () => {
  it('resolves a region from the table, and lists the known regions sorted', () => {
    expect(resolveEndpoint(exampleService, 'cn-north-4', { env: noEnv })).toBe('https://example.cn-north-4.myhuaweicloud.com');
    expect(resolveEndpoint(exampleService, 'eu-west-101', { env: noEnv })).toBe('https://example.eu-west-101.myhuaweicloud.eu');
    expect(knownRegions(exampleService)).toEqual(['ap-southeast-1', 'cn-north-4', 'eu-west-101']);
  });
});

describe('overrides', () => {
  it('names the env override like the official SDKs', () => {
    expect(regionEndpointEnvVar(exampleService, 'cn-north-4')).toBe('HUAWEICLOUD_SDK_REGION_EXAMPLE_CN_NORTH_4');
    expect(regionEndpointEnvVar({ endpointEnvKey: 'GAUSSDBFORNOSQL' }, 'ap-southeast-1')).toBe('HUAWEICLOUD_SDK_REGION_GAUSSDBFORNOSQL_AP_SOUTHEAST_1');
  });

  it('env override wins over the table, explicit option wins over env', () => {
    const env = { HUAWEICLOUD_SDK_REGION_EXAMPLE_CN_NORTH_4: 'https://api.internal.example/' };
    expect(tryResolveEndpoint(exampleService, 'cn-north-4', { env })).toEqual({ ok: true, value: { url: 'https://api.internal.example', source: 'env', envVar: 'HUAWEICLOUD_SDK_REGION_EXAMPLE_CN_NORTH_4' } });
    expect(resolveEndpoint(exampleService, 'cn-north-4', { env, override: 'https://explicit.example/base/' })).toBe('https://explicit.example/base');
  });

  it('env override makes an unknown region usable', () => {
    expect(resolveEndpoint(exampleService, 'xx-new-1', { env: { HUAWEICLOUD_SDK_REGION_EXAMPLE_XX_NEW_1: 'https://g.example' } })).toBe('https://g.example');
  });

  it('an explicit endpoint needs no region', () => {
    expect(resolveEndpoint(exampleService, undefined, { override: 'http://127.0.0.1:4010' })).toBe('http://127.0.0.1:4010');
  });
});

describe('unknown regions', () => {
  it('errors with the known regions and the override that would fix it', () => {
    const e = configError(() => resolveEndpoint(exampleService, 'mars-north-1', { env: noEnv }));
    expect(e.message).toContain('Unknown region "mars-north-1" for example');
    expect(e.message).toContain('cn-north-4');
    expect(e.message).toContain('eu-west-101');
    expect(e.message).toContain('HUAWEICLOUD_SDK_REGION_EXAMPLE_MARS_NORTH_1=https://');
    expect(e.message).toContain('endpoint');
  });

  it('does not treat Object.prototype names as regions', () => {
    expect(() => resolveEndpoint(exampleService, 'constructor', { env: noEnv })).toThrow(/Unknown region "constructor"/);
  });
});

describe('http vs https', () => {
  it.each(['http://127.0.0.1:4010', 'http://localhost:8080', 'http://[::1]:4010', 'http://127.1.2.3'])('allows plain http to loopback %s', (url) => {
    expect(resolveEndpoint(exampleService, undefined, { override: url })).toBe(url);
  });

  it('refuses plain http to a non-loopback host unless allowInsecureHttp', () => {
    const e = configError(() => resolveEndpoint(exampleService, 'cn-north-4', { override: 'http://10.1.2.3:8080' }));
    expect(e.message).toMatch(/plain http to a non-loopback host/);
    expect(e.message).toContain('allowInsecureHttp');
    expect(resolveEndpoint(exampleService, 'cn-north-4', { override: 'http://10.1.2.3:8080', allowInsecureHttp: true })).toBe('http://10.1.2.3:8080');
  });

  it('applies the same rule to env overrides', () => {
    expect(() => resolveEndpoint(exampleService, 'cn-north-4', { env: { HUAWEICLOUD_SDK_REGION_EXAMPLE_CN_NORTH_4: 'http://api.example' } })).toThrow(/plain http/);
  });

  it('rejects other schemes, credentials in the URL, queries and garbage', () => {
    for (const bad of ['ftp://x', 'https://user:pw@x.example', 'https://x.example/?a=1', 'not a url', 'http://localhost.evil.example']) {
      expect(() => resolveEndpoint(exampleService, undefined, { override: bad })).toThrow();
    }
  });

  it('isLoopbackHost', () => {
    expect(isLoopbackHost('127.0.0.1')).toBe(true);
    expect(isLoopbackHost('LOCALHOST')).toBe(true);
    expect(isLoopbackHost('[::1]')).toBe(true);
    expect(isLoopbackHost('127.example.com')).toBe(false);
    expect(isLoopbackHost('10.0.0.1')).toBe(false);
  });
});

describe('{region} placeholder in an endpoint override', () => {
  it('is replaced by the region, wherever it appears', () => {
    expect(resolveEndpoint(exampleService, 'ap-southeast-3', { override: 'http://127.0.0.1:8080/{region}', env: noEnv })).toBe('http://127.0.0.1:8080/ap-southeast-3');
    expect(resolveEndpoint(exampleService, 'cn-north-4', { override: 'https://{region}.dws.example.internal/{region}/', env: noEnv })).toBe(
      'https://cn-north-4.dws.example.internal/cn-north-4',
    );
  });

  it('needs a well-formed region, and says so', () => {
    for (const region of [undefined, '', 'AP_SOUTHEAST', 'x/../y']) {
      const r = tryResolveEndpoint(exampleService, region, { override: 'http://127.0.0.1:8080/{region}', env: noEnv });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.problems[0]).toMatchObject({ setting: 'region', message: expect.stringContaining('{region}') });
    }
  });

  it('flows through resolveClientConfig: the region picks the endpoint path', async () => {
    const { resolveClientConfig } = await import('../src/config/resolve-config.js');
    const base = { service: exampleService, endpoint: 'http://127.0.0.1:9/{region}', projectId: 'p1', credentials: { authToken: 't' }, env: {}, homeDir: '/nonexistent' };
    expect(resolveClientConfig({ ...base, region: 'ap-southeast-1' }).baseUrl).toBe('http://127.0.0.1:9/ap-southeast-1');
    expect(() => resolveClientConfig(base)).toThrow(/needs a region/);
  });
});
