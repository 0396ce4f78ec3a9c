// Fuzz suite of the GeminiDB client: every operation with hostile input, hostile configuration through
// createGeminiDbClient, and secret hygiene against an echoing server. The generators and properties are
// shared with @hcdr/dws (packages/core/test/client-fuzz-suite.ts); seeds are fixed, fast-check prints
// the seed and path of any failure.
import { isHuaweiCloudApiError, isHuaweiCloudConfigError, isHuaweiCloudValidationError, knownRegions } from '@hcdr/core';
import { recordingFetch } from '@hcdr/core/testing';
import { verifySignature } from '@hcdr/simulator';
import { defineClientFuzzSuite } from '../../core/test/client-fuzz-suite.js';
import { createGeminiDbClient, geminiDbService, operations, secretFields } from '../src/index.js';

defineClientFuzzSuite({
  service: 'geminidb',
  operations,
  operationCount: 16,
  secretFields,
  secretPaths: { createDisasterRecovery: ['password'] },
  specUrl: new URL('../../../specs/geminidb-dr.yaml', import.meta.url),
  region: 'ap-southeast-1',
  origin: 'https://gaussdb-nosql.ap-southeast-1.myhuaweicloud.com',
  knownRegions: knownRegions(geminiDbService),
  createClient: (options) => createGeminiDbClient(options),
  probeOperation: 'listJobs',
  isValidationError: isHuaweiCloudValidationError,
  isApiError: isHuaweiCloudApiError,
  isConfigError: isHuaweiCloudConfigError,
  verifySignature: (request, options) => verifySignature(request, options),
  recordingFetch: (handler) => recordingFetch(handler),
  seed: 0x6e0d1,
  inputRuns: 150,
  secretRuns: 4,
  configRuns: 120,
});
