import { knownRegions, regionEndpointEnvVar, resolveEndpoint } from '@hcdr/core';
import { describe, expect, it } from 'vitest';
import { geminiDbService } from '../src/index.js';

const noEnv = {};

describe('GeminiDB endpoint table (service descriptor)', () => {
  it('lists the 27 regions of the official SDK', () => {
    expect(knownRegions(geminiDbService)).toHaveLength(27);
    expect(knownRegions(geminiDbService)).not.toContain('my-kualalumpur-1');
  });

  it('uses .com hosts everywhere but eu-west-101 (.eu), including where DWS uses .cn', () => {
    expect(resolveEndpoint(geminiDbService, 'cn-north-4', { env: noEnv })).toBe('https://gaussdb-nosql.cn-north-4.myhuaweicloud.com');
    expect(resolveEndpoint(geminiDbService, 'eu-west-101', { env: noEnv })).toBe('https://gaussdb-nosql.eu-west-101.myhuaweicloud.eu');
    for (const r of ['cn-south-4', 'cn-east-4', 'tr-west-1', 'ap-southeast-4']) {
      expect(resolveEndpoint(geminiDbService, r, { env: noEnv })).toBe(`https://gaussdb-nosql.${r}.myhuaweicloud.com`);
    }
  });

  it('every entry is https on the service host', () => {
    for (const [r, url] of Object.entries(geminiDbService.endpoints)) expect(url).toMatch(new RegExp(`^https://gaussdb-nosql\\.${r}\\.myhuaweicloud\\.(com|eu)$`));
  });

  it('reads the official SDKs’ endpoint override, HUAWEICLOUD_SDK_REGION_GAUSSDBFORNOSQL_{REGION}', () => {
    expect(regionEndpointEnvVar(geminiDbService, 'cn-north-4')).toBe('HUAWEICLOUD_SDK_REGION_GAUSSDBFORNOSQL_CN_NORTH_4');
    const env = { HUAWEICLOUD_SDK_REGION_GAUSSDBFORNOSQL_XX_NEW_1: 'https://g.example' };
    expect(resolveEndpoint(geminiDbService, 'xx-new-1', { env })).toBe('https://g.example');
  });
});
