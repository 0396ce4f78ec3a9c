import { knownRegions, regionEndpointEnvVar, resolveEndpoint } from '@hcdr/core';
import { describe, expect, it } from 'vitest';
import { vpcService } from '../src/index.js';

const noEnv = {};

describe('VPC endpoint table (service descriptor)', () => {
  it('lists the 34 regions of the official Go SDK, the GeminiDB and DWS regions of the simulator among them', () => {
    expect(knownRegions(vpcService)).toHaveLength(34);
    for (const r of ['ap-southeast-1', 'ap-southeast-3', 'cn-north-4', 'eu-west-101', 'my-kualalumpur-1']) expect(knownRegions(vpcService)).toContain(r);
  });

  it('uses vpc.{region}.myhuaweicloud.com for every region (no .eu or .cn exception)', () => {
    expect(resolveEndpoint(vpcService, 'ap-southeast-1', { env: noEnv })).toBe('https://vpc.ap-southeast-1.myhuaweicloud.com');
    expect(resolveEndpoint(vpcService, 'eu-west-101', { env: noEnv })).toBe('https://vpc.eu-west-101.myhuaweicloud.com');
    for (const [r, url] of Object.entries(vpcService.endpoints)) expect(url).toBe(`https://vpc.${r}.myhuaweicloud.com`);
  });

  it('reads the official SDKs’ endpoint override, HUAWEICLOUD_SDK_REGION_VPC_{REGION}, which wins over the table', () => {
    expect(regionEndpointEnvVar(vpcService, 'ap-southeast-3')).toBe('HUAWEICLOUD_SDK_REGION_VPC_AP_SOUTHEAST_3');
    const env = { HUAWEICLOUD_SDK_REGION_VPC_AP_SOUTHEAST_3: 'https://vpc.internal.example/' };
    expect(resolveEndpoint(vpcService, 'ap-southeast-3', { env })).toBe('https://vpc.internal.example');
  });

  it('refuses a region it does not know, naming it', () => {
    expect(() => resolveEndpoint(vpcService, 'xx-nowhere-9', { env: noEnv })).toThrow(/xx-nowhere-9/);
  });
});
