import { describe, expect, it } from 'vitest';
import { isHuaweiCloudConfigError, type HuaweiCloudConfigError } from '../src/errors/errors.js';
import { DWS_ENDPOINTS, GEMINIDB_ENDPOINTS, knownRegions } from '../src/regions/endpoints.js';
import { isLoopbackHost, regionEndpointEnvVar, resolveEndpoint, tryResolveEndpoint } from '../src/regions/resolve-endpoint.js';

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

describe('endpoint tables', () => {
  it('lists the 27 GeminiDB and 31 DWS regions from the official SDKs', () => {
    expect(Object.keys(GEMINIDB_ENDPOINTS)).toHaveLength(27);
    expect(Object.keys(DWS_ENDPOINTS)).toHaveLength(31);
    expect(knownRegions('dws')).toContain('my-kualalumpur-1');
    expect(knownRegions('geminidb')).not.toContain('my-kualalumpur-1');
  });

  it('uses the normal .com hosts', () => {
    expect(resolveEndpoint('geminidb', 'cn-north-4', { env: noEnv })).toBe('https://gaussdb-nosql.cn-north-4.myhuaweicloud.com');
    expect(resolveEndpoint('dws', 'ap-southeast-1', { env: noEnv })).toBe('https://dws.ap-southeast-1.myhuaweicloud.com');
  });

  it('has the .eu exception for both services', () => {
    expect(resolveEndpoint('geminidb', 'eu-west-101', { env: noEnv })).toBe('https://gaussdb-nosql.eu-west-101.myhuaweicloud.eu');
    expect(resolveEndpoint('dws', 'eu-west-101', { env: noEnv })).toBe('https://dws.eu-west-101.myhuaweicloud.eu');
  });

  it('has the DWS-only .cn exceptions, which GeminiDB does not share', () => {
    for (const r of ['cn-south-4', 'cn-east-4', 'tr-west-1', 'ap-southeast-4']) {
      expect(resolveEndpoint('dws', r, { env: noEnv })).toBe(`https://dws.${r}.myhuaweicloud.cn`);
      expect(resolveEndpoint('geminidb', r, { env: noEnv })).toBe(`https://gaussdb-nosql.${r}.myhuaweicloud.com`);
    }
    expect(resolveEndpoint('dws', 'cn-north-12', { env: noEnv })).toBe('https://dws.cn-north-12.myhuaweicloud.cn');
  });

  it('every table entry is https and matches its service host', () => {
    for (const [r, url] of Object.entries(GEMINIDB_ENDPOINTS)) expect(url).toMatch(new RegExp(`^https://gaussdb-nosql\\.${r}\\.myhuaweicloud\\.(com|eu)$`));
    for (const [r, url] of Object.entries(DWS_ENDPOINTS)) expect(url).toMatch(new RegExp(`^https://dws\\.${r}\\.myhuaweicloud\\.(com|eu|cn)$`));
  });
});

describe('overrides', () => {
  it('names the env override like the official SDKs', () => {
    expect(regionEndpointEnvVar('geminidb', 'cn-north-4')).toBe('HUAWEICLOUD_SDK_REGION_GAUSSDBFORNOSQL_CN_NORTH_4');
    expect(regionEndpointEnvVar('dws', 'cn-north-4')).toBe('HUAWEICLOUD_SDK_REGION_DWS_CN_NORTH_4');
  });

  it('env override wins over the table, explicit option wins over env', () => {
    const env = { HUAWEICLOUD_SDK_REGION_DWS_CN_NORTH_4: 'https://dws.internal.example/' };
    expect(tryResolveEndpoint('dws', 'cn-north-4', { env })).toEqual({ ok: true, value: { url: 'https://dws.internal.example', source: 'env', envVar: 'HUAWEICLOUD_SDK_REGION_DWS_CN_NORTH_4' } });
    expect(resolveEndpoint('dws', 'cn-north-4', { env, override: 'https://explicit.example/base/' })).toBe('https://explicit.example/base');
  });

  it('env override makes an unknown region usable', () => {
    expect(resolveEndpoint('geminidb', 'xx-new-1', { env: { HUAWEICLOUD_SDK_REGION_GAUSSDBFORNOSQL_XX_NEW_1: 'https://g.example' } })).toBe('https://g.example');
  });

  it('an explicit endpoint needs no region', () => {
    expect(resolveEndpoint('dws', undefined, { override: 'http://127.0.0.1:4010' })).toBe('http://127.0.0.1:4010');
  });
});

describe('unknown regions', () => {
  it('errors with the known regions and the override that would fix it', () => {
    const e = configError(() => resolveEndpoint('dws', 'mars-north-1', { env: noEnv }));
    expect(e.message).toContain('Unknown region "mars-north-1" for dws');
    expect(e.message).toContain('cn-north-4');
    expect(e.message).toContain('my-kualalumpur-1');
    expect(e.message).toContain('HUAWEICLOUD_SDK_REGION_DWS_MARS_NORTH_1=https://');
    expect(e.message).toContain('endpoint');
  });

  it('does not treat Object.prototype names as regions', () => {
    expect(() => resolveEndpoint('dws', 'constructor', { env: noEnv })).toThrow(/Unknown region "constructor"/);
  });
});

describe('http vs https', () => {
  it.each(['http://127.0.0.1:4010', 'http://localhost:8080', 'http://[::1]:4010', 'http://127.1.2.3'])('allows plain http to loopback %s', (url) => {
    expect(resolveEndpoint('geminidb', undefined, { override: url })).toBe(url);
  });

  it('refuses plain http to a non-loopback host unless allowInsecureHttp', () => {
    const e = configError(() => resolveEndpoint('geminidb', 'cn-north-4', { override: 'http://10.1.2.3:8080' }));
    expect(e.message).toMatch(/plain http to a non-loopback host/);
    expect(e.message).toContain('allowInsecureHttp');
    expect(resolveEndpoint('geminidb', 'cn-north-4', { override: 'http://10.1.2.3:8080', allowInsecureHttp: true })).toBe('http://10.1.2.3:8080');
  });

  it('applies the same rule to env overrides', () => {
    expect(() => resolveEndpoint('dws', 'cn-north-4', { env: { HUAWEICLOUD_SDK_REGION_DWS_CN_NORTH_4: 'http://dws.example' } })).toThrow(/plain http/);
  });

  it('rejects other schemes, credentials in the URL, queries and garbage', () => {
    for (const bad of ['ftp://x', 'https://user:pw@x.example', 'https://x.example/?a=1', 'not a url', 'http://localhost.evil.example']) {
      expect(() => resolveEndpoint('dws', undefined, { override: bad })).toThrow();
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
    expect(resolveEndpoint('geminidb', 'ap-southeast-3', { override: 'http://127.0.0.1:8080/{region}', env: noEnv })).toBe('http://127.0.0.1:8080/ap-southeast-3');
    expect(resolveEndpoint('dws', 'cn-north-4', { override: 'https://{region}.dws.example.internal/{region}/', env: noEnv })).toBe(
      'https://cn-north-4.dws.example.internal/cn-north-4',
    );
  });

  it('needs a well-formed region, and says so', () => {
    for (const region of [undefined, '', 'AP_SOUTHEAST', 'x/../y']) {
      const r = tryResolveEndpoint('geminidb', region, { override: 'http://127.0.0.1:8080/{region}', env: noEnv });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.problems[0]).toMatchObject({ setting: 'region', message: expect.stringContaining('{region}') });
    }
  });

  it('flows through resolveClientConfig: the region picks the endpoint path', async () => {
    const { resolveClientConfig } = await import('../src/config/resolve-config.js');
    const base = { service: 'geminidb' as const, endpoint: 'http://127.0.0.1:9/{region}', projectId: 'p1', credentials: { authToken: 't' }, env: {}, homeDir: '/nonexistent' };
    expect(resolveClientConfig({ ...base, region: 'ap-southeast-1' }).baseUrl).toBe('http://127.0.0.1:9/ap-southeast-1');
    expect(() => resolveClientConfig(base)).toThrow(/needs a region/);
  });
});
