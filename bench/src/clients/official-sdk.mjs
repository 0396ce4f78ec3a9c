// @ts-check
// The official Huawei Cloud Node.js SDK (v3) against the same loopback server.
// GeminiDB: the published @huaweicloud/huaweicloud-sdk-gaussdbfornosql client, used as its README shows.
// DWS: the DWS service package is not published on npm (404), so `OfficialStyleDwsClient` below does
// exactly what the generated DwsClient does (huaweicloud/huaweicloud-sdk-nodejs-v3,
// services/dws/v2/DwsClient.ts: listDisasterRecover → ParamCreater options → hcClient.sendRequest)
// on the official core's ClientBuilder / HcClient / BasicCredentials.
import { createRequire } from 'node:module';
import {
  ACCESS_KEY_ID,
  CONSTRUCTION_BODY,
  DWS_LIST_QUERY,
  INSTANCE_ID,
  PROJECT_ID,
  SECRET_ACCESS_KEY,
} from '../fixtures.mjs';

const require = createRequire(import.meta.url);
/** @type {typeof import('@huaweicloud/huaweicloud-sdk-gaussdbfornosql')} */
const nosql = require('@huaweicloud/huaweicloud-sdk-gaussdbfornosql');
/** @type {typeof import('@huaweicloud/huaweicloud-sdk-core')} */
const core = require('@huaweicloud/huaweicloud-sdk-core');
const { ClientBuilder } = /** @type {{ ClientBuilder: new (init: (hc: HcClientLike) => OfficialStyleDwsClient) => DwsBuilder }} */ (
  require('@huaweicloud/huaweicloud-sdk-core/ClientBuilder')
);

/**
 * @typedef {{ sendRequest: (options: object) => Promise<Record<string, unknown>> }} HcClientLike
 * @typedef {{
 *   withCredential: (c: unknown) => DwsBuilder,
 *   withEndpoint: (e: string) => DwsBuilder,
 *   build: () => OfficialStyleDwsClient,
 * }} DwsBuilder
 */

/**
 * The SDK logs through log4js to stdout ("colored" console appender, configured when the core is
 * loaded): HcClient at INFO, DefaultHttpClient at ERROR (every non-2xx answer). Turn log4js off so
 * nothing reaches our console; the bench checks answers itself.
 */
function silenceOfficialSdkLogging() {
  const coreRequire = createRequire(require.resolve('@huaweicloud/huaweicloud-sdk-core'));
  const log4js = /** @type {{ configure: (config: object) => void }} */ (coreRequire('log4js'));
  log4js.configure({ appenders: { off: { type: 'stdout' } }, categories: { default: { appenders: ['off'], level: 'off' } } });
}
silenceOfficialSdkLogging();

/** Same shape as the generated DwsClient (constructor takes the HcClient; one method per operation). */
class OfficialStyleDwsClient {
  /** @param {HcClientLike} hcClient */
  constructor(hcClient) {
    this.hcClient = hcClient;
  }

  /**
   * DwsClient.listDisasterRecover: ParamCreater().listDisasterRecover(request), then sendRequest.
   * @param {{ primary_cluster_id?: string, standby_cluster_id?: string, id?: string }} [request]
   */
  listDisasterRecover(request) {
    /** @type {Record<string, string>} */
    const localVarQueryParameter = {};
    if (request?.primary_cluster_id != null) localVarQueryParameter['primary_cluster_id'] = request.primary_cluster_id;
    if (request?.standby_cluster_id != null) localVarQueryParameter['standby_cluster_id'] = request.standby_cluster_id;
    if (request?.id != null) localVarQueryParameter['id'] = request.id;
    const options = {
      method: 'GET',
      url: '/v2/{project_id}/disaster-recoveries',
      contentType: 'application/json',
      queryParams: localVarQueryParameter,
      pathParams: {},
      headers: {},
      responseHeaders: [''],
    };
    return this.hcClient.sendRequest(options);
  }
}

function credentials() {
  return new core.BasicCredentials().withAk(ACCESS_KEY_ID).withSk(SECRET_ACCESS_KEY).withProjectId(PROJECT_ID);
}

/**
 * @param {string} endpoint
 * @returns {{ createDisasterRecovery: () => Promise<string>, listDisasterRecover: () => Promise<number> }}
 */
export function createOfficialSdkCalls(endpoint) {
  const gdb = nosql.GaussDBforNoSQLClient.newBuilder().withCredential(credentials()).withEndpoint(endpoint).build();
  const dws = new ClientBuilder((hc) => new OfficialStyleDwsClient(hc)).withCredential(credentials()).withEndpoint(endpoint).build();
  const dr = CONSTRUCTION_BODY.disaster_recovery_instance;
  return {
    async createDisasterRecovery() {
      // Model classes, as the SDK's generated examples build requests.
      const body = new nosql.ConstructDisasterRecoveryBody()
        .withAlias(CONSTRUCTION_BODY.alias)
        .withPassword(CONSTRUCTION_BODY.password)
        .withInstanceRole(CONSTRUCTION_BODY.instance_role)
        .withDisasterRecoveryInstance(
          new nosql.ConstructDisasterRecoveryInstance().withId(dr.id).withRegionCode(dr.region_code).withSubnetCidrs(dr.subnet_cidrs).withNodeIps(dr.node_ips),
        );
      const result = await gdb.createDisasterRecovery(new nosql.CreateDisasterRecoveryRequest().withInstanceId(INSTANCE_ID).withBody(body));
      // HcClient returns the parsed JSON (snake_case keys) plus httpStatusCode, not a model instance.
      const jobId = Reflect.get(result, 'job_id');
      if (result.httpStatusCode !== 202 || typeof jobId !== 'string') throw new Error(`official SDK: createDisasterRecovery answered ${result.httpStatusCode}`);
      return jobId;
    },
    async listDisasterRecover() {
      const result = await dws.listDisasterRecover(DWS_LIST_QUERY);
      const list = result['disaster_recovery'];
      if (result['httpStatusCode'] !== 200 || !Array.isArray(list)) throw new Error(`official SDK: listDisasterRecover answered ${result['httpStatusCode']}`);
      return list.length;
    },
  };
}
