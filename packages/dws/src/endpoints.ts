// GaussDB(DWS) API endpoints by region, written out literally: `eu-west-101` uses `.myhuaweicloud.eu`
// and five regions use `.myhuaweicloud.cn` (where GeminiDB keeps `.com`).
// Source: DwsRegion.ts of huaweicloud-sdk-nodejs-v3 3.1.209.
// The spec's `servers` entry has only the `{region}` pattern, so this table is hand-written here.

export const endpoints: Readonly<Record<string, string>> = Object.freeze({
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
