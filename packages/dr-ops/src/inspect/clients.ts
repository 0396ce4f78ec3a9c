// The client types the DR-operations tier works with: clients whose methods resolve to the data
// and throw typed errors (the clients' only result model).
import type { DwsClient } from '@hcdr/dws';
import type { GeminiDbClient } from '@hcdr/geminidb';

export type GeminiDbDrClient = GeminiDbClient;
export type DwsDrClient = DwsClient;
