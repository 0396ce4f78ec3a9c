// The client types the DR-operations tier works with: clients whose methods resolve to the data
// and throw typed errors (the clients' only result model).
import type { DwsClient } from '@hcdr/dws';
import type { GeminiDbClient } from '@hcdr/geminidb';
import type { VpcClient } from '@hcdr/vpc';

export type GeminiDbDrClient = GeminiDbClient;
export type DwsDrClient = DwsClient;
/** Reads subnets and VPCs (their CIDR blocks) in one region and project: network discovery. */
export type VpcDrClient = VpcClient;
