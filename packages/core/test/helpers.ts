// Re-exported so core's own tests use the same doubles that users get from `@hcdr/core/testing`.
export * from '../src/testing/index.js';

export const TEST_AK = 'TESTACCESSKEYID0001';
export const TEST_SK = 'test-secret-key-DO-NOT-LEAK-7f3a9c';
export const TEST_SECURITY_TOKEN = 'test-security-token-DO-NOT-LEAK-b81d';
export const TEST_AUTH_TOKEN = 'test-auth-token-DO-NOT-LEAK-MIIEvg';
export const TEST_PASSWORD = 'Pass@word-DO-NOT-LEAK-1234';
export const TEST_PROJECT = '0123456789abcdef0123456789abcdef';
export const ALL_TEST_SECRETS = [TEST_SK, TEST_SECURITY_TOKEN, TEST_AUTH_TOKEN, TEST_PASSWORD];
