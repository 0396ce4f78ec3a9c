import { ApiError } from '../http/api-error.js';

/**
 * DWS errors. `DWS.10101` (HTTP 400, task not found) is what Terraform relies on. `DWS.0001` and
 * `DWS.0002` are the illustrative codes of specs/dws-dr.yaml; `DWS.0003` and `DWS.0004` are
 * simulator choices. No DWS page documents real codes for these cases.
 */
export const dwsErrors = {
  badInput: (detail: string) => new ApiError(400, 'DWS.0001', `The request contains invalid parameters: ${detail}`),
  invalidStatus: (detail: string) =>
    new ApiError(400, 'DWS.0002', `The current status of the disaster recovery task does not allow this operation: ${detail}`),
  nameTaken: (name: string) => new ApiError(400, 'DWS.0003', `The disaster recovery name already exists: ${name}`),
  taskNotFound: (id: string) => new ApiError(400, 'DWS.10101', `The disaster recovery task does not exist: ${id}`),
  jobNotFound: (id: string) => new ApiError(404, 'DWS.0004', `The job does not exist: ${id}`),
} as const;
