// What @hcdr/core needs to know about the DWS API: where it is, how it reports errors, and the
// generated operation table. Core names no service; this descriptor is the whole link.
import type { ServiceDescriptor } from '@hcdr/core';
import { endpoints } from './endpoints.js';
import { operations, secretFields } from './generated/operations.js';

export const dwsService = {
  name: 'dws',
  endpoints,
  // HUAWEICLOUD_SDK_REGION_DWS_{REGION}, the key the official SDKs use for this API.
  endpointEnvKey: 'DWS',
  // No "busy, nothing was done" codes are documented for DWS, and errors use the shared envelopes.
  operations,
  secretFields,
} as const satisfies ServiceDescriptor;
