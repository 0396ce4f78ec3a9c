// Fuzz suite of the DWS client: every operation with hostile input, hostile configuration through
// createDwsClient, and secret hygiene against an echoing server. The generators and properties are
// shared with @hcdr/geminidb (packages/core/test/client-fuzz-suite.ts); seeds are fixed, fast-check prints
// the seed and path of any failure.
import { isHuaweiCloudApiError, isHuaweiCloudConfigError, isHuaweiCloudValidationError, knownRegions } from '@hcdr/core';
import { recordingFetch } from '@hcdr/core/testing';
import { verifySignature } from '@hcdr/simulator';
import { defineClientFuzzSuite } from '../../core/test/client-fuzz-suite.js';
import { createDwsClient, dwsService, operations, secretFields } from '../src/index.js';

defineClientFuzzSuite({
  service: 'dws',
  operations,
  operationCount: 15,
  secretFields,
  secretPaths: { createDisasterRecovery: ['disaster_recovery', 'primary_cluster_info', 'db_admin_pwd'] },
  specUrl: new URL('../../../specs/dws-dr.yaml', import.meta.url),
  region: 'cn-north-4',
  origin: 'https://dws.cn-north-4.myhuaweicloud.com',
  knownRegions: knownRegions(dwsService),
  createClient: (options) => createDwsClient(options),
  probeOperation: 'listDisasterRecover',
  isValidationError: isHuaweiCloudValidationError,
  isApiError: isHuaweiCloudApiError,
  isConfigError: isHuaweiCloudConfigError,
  verifySignature: (request, options) => verifySignature(request, options),
  recordingFetch: (handler) => recordingFetch(handler),
  seed: 0xd05d1,
  inputRuns: 150,
  secretRuns: 4,
  configRuns: 120,
});
