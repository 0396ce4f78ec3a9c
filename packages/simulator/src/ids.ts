import { randomUUID } from 'node:crypto';

/** Job ids, DR relationship ids and DR task ids are UUIDs, as in the specs' examples. */
export function uuid(): string {
  return randomUUID();
}
