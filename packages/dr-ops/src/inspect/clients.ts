// The client types the DR-operations tier works with: clients whose methods resolve to the data
// and throw typed errors (`throwOnError: true` today; the only model once clients throw by default).
import type { DwsClient } from '@hcdr/dws';
import type { GeminiDbClient } from '@hcdr/geminidb';

export type GeminiDbDrClient = GeminiDbClient<true>;
export type DwsDrClient = DwsClient<true>;
