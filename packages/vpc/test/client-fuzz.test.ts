// Fuzz suite of the VPC client: both operations with hostile input, hostile configuration through
// createVpcClient, and secret hygiene against an echoing server (the VPC reads carry no secret field,
// so only credentials are at stake). Shared with @hcdr/geminidb and @hcdr/dws
// (packages/core/test/client-fuzz-suite.ts); seeds are fixed.
import { isHuaweiCloudApiError, isHuaweiCloudConfigError, isHuaweiCloudValidationError, knownRegions } from '@hcdr/core';
import { recordingFetch } from '@hcdr/core/testing';
import { verifySignature } from '@hcdr/simulator';
import { defineClientFuzzSuite } from '../../core/test/client-fuzz-suite.js';
import { createVpcClient, operations, secretFields, vpcService } from '../src/index.js';

defineClientFuzzSuite({
  service: 'vpc',
  operations,
  operationCount: 2,
  secretFields,
  secretPaths: {},
  specUrl: new URL('../../../specs/vpc.yaml', import.meta.url),
  region: 'ap-southeast-1',
  origin: 'https://vpc.ap-southeast-1.myhuaweicloud.com',
  knownRegions: knownRegions(vpcService),
  createClient: (options) => createVpcClient(options),
  probeOperation: 'showSubnet',
  probeInput: { subnet_id: '8e7d6c5b-4a39-4281-90fe-dcba98765432' },
  isValidationError: isHuaweiCloudValidationError,
  isApiError: isHuaweiCloudApiError,
  isConfigError: isHuaweiCloudConfigError,
  verifySignature: (request, options) => verifySignature(request, options),
  recordingFetch: (handler) => recordingFetch(handler),
  seed: 0x7bc1,
  inputRuns: 150,
  secretRuns: 4,
  configRuns: 120,
});
