import { HuaweiCloudError, brand, brandClass, hasErrorBrand } from './base.js';

/**
 * A call was rejected before sending because an input the API requires is missing or malformed
 * (e.g. an empty instance_id would otherwise produce `/instances//...`).
 */
export class HuaweiCloudValidationError extends HuaweiCloudError {
  /** operationId of the call. */
  readonly operation: string;
  /** The offending input, e.g. `instance_id`, `query.dr_name`, `body`. */
  readonly field: string;
  /** What the field must satisfy, e.g. `is required`. */
  readonly rule: string;

  constructor(init: { operation: string; field: string; rule: string }) {
    super(`${init.operation}: ${init.field} ${init.rule}.`);
    brand(this, 'HuaweiCloudValidationError');
    this.operation = init.operation;
    this.field = init.field;
    this.rule = init.rule;
  }
}
brandClass(HuaweiCloudValidationError, 'HuaweiCloudValidationError');

export function isHuaweiCloudValidationError(value: unknown): value is HuaweiCloudValidationError {
  return hasErrorBrand(value, 'HuaweiCloudValidationError');
}
