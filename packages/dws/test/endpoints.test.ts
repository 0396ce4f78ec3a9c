import { knownRegions, regionEndpointEnvVar, resolveEndpoint } from '@hcdr/core';
import { describe, expect, it } from 'vitest';
import { dwsService } from '../src/index.js';

const noEnv = {};

describe('DWS endpoint table (service descriptor)', () => {
  it('lists the 31 regions of the official SDK', () => {
    expect(knownRegions(dwsService)).toHaveLength(31);
    expect(knownRegions(dwsService)).toContain('my-kualalumpur-1');
  });

  it('uses .com hosts, .eu for eu-west-101 and the five .cn exceptions', () => {
    expect(resolveEndpoint(dwsService, 'ap-southeast-1', { env: noEnv })).toBe('https://dws.ap-southeast-1.myhuaweicloud.com');
    expect(resolveEndpoint(dwsService, 'eu-west-101', { env: noEnv })).toBe('https://dws.eu-west-101.myhuaweicloud.eu');
    for (const r of ['cn-south-4', 'cn-east-4', 'tr-west-1', 'ap-southeast-4', 'cn-north-12']) {
      expect(resolveEndpoint(dwsService, r, { env: noEnv })).toBe(`https://dws.${r}.myhuaweicloud.cn`);
    }
  });

  it('every entry is https on the service host', () => {
    for (const [r, url] of Object.entries(dwsService.endpoints)) expect(url).toMatch(new RegExp(`^https://dws\\.${r}\\.myhuaweicloud\\.(com|eu|cn)$`));
  });

  it('reads the official SDKs’ endpoint override, HUAWEICLOUD_SDK_REGION_DWS_{REGION}, which wins over the table', () => {
    expect(regionEndpointEnvVar(dwsService, 'cn-north-4')).toBe('HUAWEICLOUD_SDK_REGION_DWS_CN_NORTH_4');
    const env = { HUAWEICLOUD_SDK_REGION_DWS_CN_NORTH_4: 'https://dws.internal.example/' };
    expect(resolveEndpoint(dwsService, 'cn-north-4', { env })).toBe('https://dws.internal.example');
  });
});
