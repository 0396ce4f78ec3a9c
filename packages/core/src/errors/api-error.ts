import { HuaweiCloudError, brand, brandClass, hasErrorBrand } from './base.js';

/** Fields of an HTTP error answered by Huawei Cloud (or by a gateway in front of it). */
export interface HuaweiCloudApiErrorInit {
  /** HTTP status code. */
  status: number;
  /** Service error code such as `APIGW.0301`, when the body had one. */
  code?: string | undefined;
  /** Service error message, or a short text snippet of a non-JSON body. */
  errorMessage: string;
  /** `X-Request-Id` response header (falls back to the body's `request_id`). */
  requestId?: string | undefined;
  /** operationId when known, else `METHOD /path`. */
  operation: string;
  /** True when the same request may succeed later (429/502/503/504 or a busy code). */
  retryable: boolean;
  /** True when the code is one of the service's "busy, nothing was done" codes. */
  busy?: boolean | undefined;
  /** Extra advice, e.g. for APIGW.0301 (clock skew, wrong keys). */
  hint?: string | undefined;
  /** The parsed error body with secret-looking fields redacted (undefined for non-JSON bodies). */
  details?: unknown;
}

/** An HTTP error response from a Huawei Cloud API. */
export class HuaweiCloudApiError extends HuaweiCloudError {
  readonly status: number;
  readonly code: string | undefined;
  readonly errorMessage: string;
  readonly requestId: string | undefined;
  readonly operation: string;
  readonly retryable: boolean;
  readonly busy: boolean;
  readonly hint: string | undefined;
  readonly details: unknown;

  constructor(init: HuaweiCloudApiErrorInit) {
    super(formatApiErrorMessage(init));
    brand(this, 'HuaweiCloudApiError');
    this.status = init.status;
    this.code = init.code;
    this.errorMessage = init.errorMessage;
    this.requestId = init.requestId;
    this.operation = init.operation;
    this.retryable = init.retryable;
    this.busy = init.busy ?? false;
    this.hint = init.hint;
    this.details = init.details;
  }
}
brandClass(HuaweiCloudApiError, 'HuaweiCloudApiError');

function formatApiErrorMessage(init: HuaweiCloudApiErrorInit): string {
  const head = init.code ? `${init.code}: ${init.errorMessage}` : init.errorMessage;
  const where = [`HTTP ${init.status}`, init.operation];
  if (init.requestId) where.push(`request id ${init.requestId}`);
  const hint = init.hint ? ` Hint: ${init.hint}` : '';
  return `${head} (${where.join(', ')}).${hint}`;
}

/** Works across duplicated copies of @hcdr/core (brand check, not only instanceof). */
export function isHuaweiCloudApiError(value: unknown): value is HuaweiCloudApiError {
  return hasErrorBrand(value, 'HuaweiCloudApiError');
}
