// Re-exported so core's own tests use the same doubles that users get from `@hcdr/core/testing`.
export * from '../src/testing/index.js';

export const TEST_AK = 'TESTACCESSKEYID0001';
export const TEST_SK = 'test-secret-key-DO-NOT-LEAK-7f3a9c';
export const TEST_SECURITY_TOKEN = 'test-security-token-DO-NOT-LEAK-b81d';
export const TEST_AUTH_TOKEN = 'test-auth-token-DO-NOT-LEAK-MIIEvg';
export const TEST_PASSWORD = 'Pass@word-DO-NOT-LEAK-1234';
export const TEST_PROJECT = '0123456789abcdef0123456789abcdef';
export const ALL_TEST_SECRETS = [TEST_SK, TEST_SECURITY_TOKEN, TEST_AUTH_TOKEN, TEST_PASSWORD];

/**
 * A made-up service for core's own tests: core knows no real service (the client packages describe
 * theirs). Its region table has the shapes real tables have: a `.com` host, a `.eu` host.
 */
export const exampleService = {
  name: 'example',
  endpointEnvKey: 'EXAMPLE',
  endpoints: {
    'cn-north-4': 'https://example.cn-north-4.myhuaweicloud.com',
    'ap-southeast-1': 'https://example.ap-southeast-1.myhuaweicloud.com',
    'eu-west-101': 'https://example.eu-west-101.myhuaweicloud.eu',
  },
} as const;

/** exampleService as a full descriptor around an operation table (for createApiClient). */
export function exampleDescriptor<T extends import('../src/client/operation-types.js').OperationTable>(operations: T, extra: { busyCodes?: readonly string[]; secretFields?: readonly string[] } = {}) {
  return { ...exampleService, operations, secretFields: extra.secretFields ?? [], busyCodes: extra.busyCodes };
}

/** A GET operation with no query and no body (the shape most tests of the call path need). */
export function getOperation(path: string, pathParams: readonly string[]): import('../src/client/operation-types.js').OperationDescriptor {
  return {
    method: 'GET',
    path,
    summary: '',
    tag: 'test',
    successStatuses: [200],
    pathParams: [...pathParams],
    queryParams: [],
    requiredQueryParams: [],
    body: 'none',
    async: null,
    waitStatuses: null,
    apiName: null,
  };
}
