// What @hcdr/core needs to know about the VPC API: where it is, how it reports errors, and the
// generated operation table. Core names no service; this descriptor is the whole link.
import type { ServiceDescriptor } from '@hcdr/core';
import { endpoints } from './endpoints.js';
import { operations, secretFields } from './generated/operations.js';

export const vpcService = {
  name: 'vpc',
  endpoints,
  // HUAWEICLOUD_SDK_REGION_VPC_{REGION}, the key the official SDKs use for this API.
  endpointEnvKey: 'VPC',
  // The VPC v1 pages answer `{"code", "message"}`, which core reads as its last resort; no busy codes (reads only).
  operations,
  secretFields,
} as const satisfies ServiceDescriptor;
