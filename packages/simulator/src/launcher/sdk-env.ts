/** Service keys of `HUAWEICLOUD_SDK_REGION_{SERVICE}_{REGION}` (the official SDKs' endpoint override; @hcdr/core reads it too). */
export const SDK_SERVICE_KEYS = ['GAUSSDBFORNOSQL', 'DWS', 'VPC'] as const;

export function regionEndpointVariable(service: (typeof SDK_SERVICE_KEYS)[number], region: string): string {
  return `HUAWEICLOUD_SDK_REGION_${service}_${region.toUpperCase().replace(/-/g, '_')}`;
}
