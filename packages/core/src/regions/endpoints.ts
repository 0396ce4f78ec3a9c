/**
 * Region → endpoint tables, written out literally rather than computed from a pattern because the
 * exceptions differ per service (huawei-dr-api.md §D.4): `eu-west-101` uses `.myhuaweicloud.eu` for
 * both, and DWS uses `.myhuaweicloud.cn` in five regions where GeminiDB keeps `.com`.
 * Sources: GaussDBforNoSQLRegion.js (npm @huaweicloud/huaweicloud-sdk-gaussdbfornosql 3.1.215),
 * DwsRegion.ts (huaweicloud-sdk-nodejs-v3 3.1.209).
 */

/** Services known to @hcdr/core. */
export type ServiceName = 'geminidb' | 'dws';

/** Service keys used by the official SDKs in HUAWEICLOUD_SDK_REGION_{SERVICE}_{REGION} overrides. */
export const SERVICE_ENV_KEYS: Readonly<Record<ServiceName, string>> = Object.freeze({
  geminidb: 'GAUSSDBFORNOSQL',
  dws: 'DWS',
});

/** GeminiDB (GaussDB NoSQL) API v3 endpoints. */
export const GEMINIDB_ENDPOINTS: Readonly<Record<string, string>> = Object.freeze({
  'af-south-1': 'https://gaussdb-nosql.af-south-1.myhuaweicloud.com',
  'cn-north-4': 'https://gaussdb-nosql.cn-north-4.myhuaweicloud.com',
  'cn-north-1': 'https://gaussdb-nosql.cn-north-1.myhuaweicloud.com',
  'cn-east-2': 'https://gaussdb-nosql.cn-east-2.myhuaweicloud.com',
  'cn-east-3': 'https://gaussdb-nosql.cn-east-3.myhuaweicloud.com',
  'cn-south-1': 'https://gaussdb-nosql.cn-south-1.myhuaweicloud.com',
  'cn-southwest-2': 'https://gaussdb-nosql.cn-southwest-2.myhuaweicloud.com',
  'ap-southeast-2': 'https://gaussdb-nosql.ap-southeast-2.myhuaweicloud.com',
  'ap-southeast-1': 'https://gaussdb-nosql.ap-southeast-1.myhuaweicloud.com',
  'ap-southeast-3': 'https://gaussdb-nosql.ap-southeast-3.myhuaweicloud.com',
  'ap-southeast-4': 'https://gaussdb-nosql.ap-southeast-4.myhuaweicloud.com',
  'ap-southeast-5': 'https://gaussdb-nosql.ap-southeast-5.myhuaweicloud.com',
  'me-east-1': 'https://gaussdb-nosql.me-east-1.myhuaweicloud.com',
  'cn-east-4': 'https://gaussdb-nosql.cn-east-4.myhuaweicloud.com',
  'cn-south-4': 'https://gaussdb-nosql.cn-south-4.myhuaweicloud.com',
  'cn-southwest-3': 'https://gaussdb-nosql.cn-southwest-3.myhuaweicloud.com',
  'tr-west-1': 'https://gaussdb-nosql.tr-west-1.myhuaweicloud.com',
  'ru-northwest-2': 'https://gaussdb-nosql.ru-northwest-2.myhuaweicloud.com',
  'cn-south-2': 'https://gaussdb-nosql.cn-south-2.myhuaweicloud.com',
  'cn-north-2': 'https://gaussdb-nosql.cn-north-2.myhuaweicloud.com',
  'la-north-2': 'https://gaussdb-nosql.la-north-2.myhuaweicloud.com',
  'sa-brazil-1': 'https://gaussdb-nosql.sa-brazil-1.myhuaweicloud.com',
  'la-south-2': 'https://gaussdb-nosql.la-south-2.myhuaweicloud.com',
  'cn-north-9': 'https://gaussdb-nosql.cn-north-9.myhuaweicloud.com',
  'eu-west-101': 'https://gaussdb-nosql.eu-west-101.myhuaweicloud.eu',
  'cn-north-11': 'https://gaussdb-nosql.cn-north-11.myhuaweicloud.com',
  'ru-moscow-1': 'https://gaussdb-nosql.ru-moscow-1.myhuaweicloud.com',
});

/** GaussDB(DWS) API endpoints. */
export const DWS_ENDPOINTS: Readonly<Record<string, string>> = Object.freeze({
  'eu-west-101': 'https://dws.eu-west-101.myhuaweicloud.eu',
  'cn-north-9': 'https://dws.cn-north-9.myhuaweicloud.com',
  'cn-east-3': 'https://dws.cn-east-3.myhuaweicloud.com',
  'cn-east-2': 'https://dws.cn-east-2.myhuaweicloud.com',
  'cn-north-1': 'https://dws.cn-north-1.myhuaweicloud.com',
  'cn-north-4': 'https://dws.cn-north-4.myhuaweicloud.com',
  'cn-southwest-2': 'https://dws.cn-southwest-2.myhuaweicloud.com',
  'cn-north-2': 'https://dws.cn-north-2.myhuaweicloud.com',
  'cn-south-1': 'https://dws.cn-south-1.myhuaweicloud.com',
  'cn-south-4': 'https://dws.cn-south-4.myhuaweicloud.cn',
  'cn-north-12': 'https://dws.cn-north-12.myhuaweicloud.cn',
  'cn-east-4': 'https://dws.cn-east-4.myhuaweicloud.cn',
  'ap-southeast-1': 'https://dws.ap-southeast-1.myhuaweicloud.com',
  'ap-southeast-2': 'https://dws.ap-southeast-2.myhuaweicloud.com',
  'ap-southeast-3': 'https://dws.ap-southeast-3.myhuaweicloud.com',
  'ap-southeast-4': 'https://dws.ap-southeast-4.myhuaweicloud.cn',
  'ap-southeast-5': 'https://dws.ap-southeast-5.myhuaweicloud.com',
  'af-south-1': 'https://dws.af-south-1.myhuaweicloud.com',
  'af-north-1': 'https://dws.af-north-1.myhuaweicloud.com',
  'la-south-2': 'https://dws.la-south-2.myhuaweicloud.com',
  'la-north-2': 'https://dws.la-north-2.myhuaweicloud.com',
  'sa-brazil-1': 'https://dws.sa-brazil-1.myhuaweicloud.com',
  'na-mexico-1': 'https://dws.na-mexico-1.myhuaweicloud.com',
  'tr-west-1': 'https://dws.tr-west-1.myhuaweicloud.cn',
  'cn-east-5': 'https://dws.cn-east-5.myhuaweicloud.com',
  'ru-moscow-1': 'https://dws.ru-moscow-1.myhuaweicloud.com',
  'ae-ad-1': 'https://dws.ae-ad-1.myhuaweicloud.com',
  'my-kualalumpur-1': 'https://dws.my-kualalumpur-1.myhuaweicloud.com',
  'cn-north-11': 'https://dws.cn-north-11.myhuaweicloud.com',
  'cn-southwest-3': 'https://dws.cn-southwest-3.myhuaweicloud.com',
  'me-east-1': 'https://dws.me-east-1.myhuaweicloud.com',
});

export const ENDPOINTS: Readonly<Record<ServiceName, Readonly<Record<string, string>>>> = Object.freeze({
  geminidb: GEMINIDB_ENDPOINTS,
  dws: DWS_ENDPOINTS,
});

/** Region IDs with a built-in endpoint for `service`, sorted. */
export function knownRegions(service: ServiceName): string[] {
  return Object.keys(ENDPOINTS[service]).sort();
}
