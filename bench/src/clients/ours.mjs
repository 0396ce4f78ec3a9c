// @ts-check
// hcdr's own clients, configured the way a user would for a local endpoint (AK/SK, explicit project).
import { createDwsClient } from '@hcdr/dws';
import { createGeminiDbClient } from '@hcdr/geminidb';
import {
  ACCESS_KEY_ID,
  CONSTRUCTION_BODY,
  DWS_LIST_QUERY,
  INSTANCE_ID,
  PROJECT_ID,
  SECRET_ACCESS_KEY,
} from '../fixtures.mjs';

/** Options shared by both clients; `env: {}` keeps the machine's HUAWEICLOUD_SDK_* variables out of the run. */
function options(/** @type {string} */ endpoint) {
  return {
    region: 'cn-north-4',
    projectId: PROJECT_ID,
    credentials: { accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET_ACCESS_KEY },
    endpoint,
    env: {},
    userAgent: 'hcdr-bench',
  };
}

/**
 * @param {string} endpoint
 * @returns {{ createDisasterRecovery: () => Promise<string>, listDisasterRecover: () => Promise<number> }}
 *   each resolves to a value read from the response (job id, task count) so a wrong answer is noticed.
 */
export function createOurCalls(endpoint) {
  const gdb = createGeminiDbClient(options(endpoint));
  const dws = createDwsClient(options(endpoint));
  return {
    async createDisasterRecovery() {
      // Methods resolve to the data and throw for any error status.
      const data = await gdb.createDisasterRecovery({ instance_id: INSTANCE_ID, body: CONSTRUCTION_BODY });
      if (!data.job_id) throw new Error('ours: createDisasterRecovery answered without a job_id');
      return data.job_id;
    },
    async listDisasterRecover() {
      const data = await dws.listDisasterRecover({ query: DWS_LIST_QUERY });
      if (!data.disaster_recovery) throw new Error('ours: listDisasterRecover answered without disaster_recovery');
      return data.disaster_recovery.length;
    },
  };
}
