// IDs used against the Prism mocks; they follow the specs' examples so the requests look real.
export const PROJECT_ID = '0123456789abcdef0123456789abcdef';

export const GEMINIDB = {
  primary: 'a1b2c3d4e5f64a7b8c9d0e1f2a3b4c5din12',
  standby: 'f0e1d2c3b4a54968a7b6c5d4e3f2a1b0in12',
  dualActivePeer: '9c8b7a6f5e4d4c3b2a1f0e9d8c7b6a5fin06',
  drId: '04efe8e2-9255-44ae-a98b-d87cae411890',
  jobId: 'c010abd0-48cf-4fa8-8cbc-090f093eaa2f',
} as const;

export const DWS = {
  primaryCluster: '3ef5daaa-d017-4354-80b3-8a69caf2e09c',
  standbyCluster: 'e7fed7fe-f4a7-499a-afed-1fdb5c1978cb',
  taskId: 'e59d6b86-9072-46eb-a996-13f8b44994c1',
  jobId: 'ff80808287d8d4a30187e15ce9b00c1f',
} as const;

export const VPC = {
  subnet: '8e7d6c5b-4a39-4281-90fe-dcba98765432',
  vpc: '3d2c1b0a-9f8e-4d7c-b6a5-0e1f2a3b4c5d',
} as const;

/** Credentials for the mocks (Prism only checks that an auth header is present). */
export const TOKEN_CREDENTIALS = { authToken: 'contract-test-token' } as const;
export const AKSK_CREDENTIALS = { accessKeyId: 'HCDRCONTRACTAK', secretAccessKey: 'contract-test-secret-key' } as const;

export type AuthMode = 'token' | 'aksk';
export const AUTH_MODES: readonly AuthMode[] = ['token', 'aksk'];

export function credentialsFor(mode: AuthMode) {
  return mode === 'token' ? { ...TOKEN_CREDENTIALS } : { ...AKSK_CREDENTIALS };
}
