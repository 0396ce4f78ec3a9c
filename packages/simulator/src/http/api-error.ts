/**
 * An error that becomes an HTTP response with the Huawei error envelope `{error_code, error_msg}`.
 * Handlers throw it; the server turns it into the response, so state code never touches `res`.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  /** Extra top-level fields, e.g. `request_id` in API Gateway errors. */
  readonly extra: Readonly<Record<string, string>>;

  constructor(status: number, code: string, message: string, extra: Record<string, string> = {}) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.extra = extra;
  }

  toBody(): Record<string, string> {
    return { error_code: this.code, error_msg: this.message, ...this.extra };
  }
}

/** API Gateway answer for a path/method it does not know (real APIGW code, used for every unknown route). */
export function unknownRoute(method: string, path: string): ApiError {
  return new ApiError(404, 'APIGW.0101', `The API does not exist or has not been published in the environment: ${method} ${path}`);
}
