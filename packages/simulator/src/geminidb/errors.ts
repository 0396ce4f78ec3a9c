import { ApiError } from '../http/api-error.js';

/**
 * GeminiDB (DBS namespace) errors. DBS.200001 and DBS.200019 are in the reference (§A.4, §C);
 * DBS.200002 / DBS.200004 come from the DBS error table of the sibling DDS service (same
 * namespace; their use by GeminiDB is UNVERIFIED); DBS.03000001 is from the GeminiDB CN docs.
 */
export const geminiErrors = {
  badInput: (detail: string) => new ApiError(400, 'DBS.200001', `Parameter error: ${detail}`),
  instanceNotFound: (id: string) => new ApiError(404, 'DBS.200002', `The DB instance does not exist: ${id}`),
  illegal: (detail: string) => new ApiError(400, 'DBS.200004', `Operation is illegal: ${detail}`),
  busy: () => new ApiError(409, 'DBS.200019', 'Another operation is being performed on the DB instance or the DB instance is faulty'),
  notDualActive: () => new ApiError(400, 'DBS.03000001', 'instance has not build biactive relationship'),
} as const;
