// GeminiDB (GaussDB NoSQL) API v3 endpoints by region, written out literally: `eu-west-101` uses
// `.myhuaweicloud.eu`, every other region `.myhuaweicloud.com` (unlike DWS, which has `.cn` hosts).
// Source: GaussDBforNoSQLRegion.js of npm @huaweicloud/huaweicloud-sdk-gaussdbfornosql 3.1.215.
// The spec's `servers` entry has only the `{region}` pattern, so this table is hand-written here.

export const endpoints: Readonly<Record<string, string>> = Object.freeze({
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
