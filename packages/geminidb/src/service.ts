// What @hcdr/core needs to know about the GeminiDB API: where it is, how it reports errors, and the
// generated operation table. Core names no service; this descriptor is the whole link.
import type { ServiceDescriptor } from '@hcdr/core';
import { endpoints } from './endpoints.js';
import { operations, secretFields } from './generated/operations.js';

export const geminiDbService = {
  name: 'geminidb',
  endpoints,
  // HUAWEICLOUD_SDK_REGION_GAUSSDBFORNOSQL_{REGION}, the key the official SDKs use for this API.
  endpointEnvKey: 'GAUSSDBFORNOSQL',
  // "Another operation is being performed" / "instance busy": nothing was done, so the call may be
  // repeated. terraform-provider-huaweicloud retries these for GeminiDB; here only with retryBusy.
  busyCodes: ['DBS.200019', 'DBS.201015', 'DBS.280005'],
  // Older DBS APIs answer `{errCode, externalMessage}` instead of `{error_code, error_msg}`.
  errorFields: { code: ['errCode'], message: ['externalMessage'] },
  operations,
  secretFields,
} as const satisfies ServiceDescriptor;
