import { HuaweiCloudError, brand, brandClass, hasErrorBrand } from './base.js';

/**
 * What was wrong with the response:
 * - `invalid-json`: a success status whose body is not valid JSON (truncated, HTML, plain text).
 * - `too-large`: the body is larger than the transport's `maxResponseBytes`.
 */
export type InvalidResponseKind = 'invalid-json' | 'too-large';

/** What an invalid-response error reports about the response it could not use. */
export function responseFacts(response: { status: number; headers: Headers }): { status: number; requestId: string | undefined; contentType: string | undefined } {
  return {
    status: response.status,
    requestId: response.headers.get('x-request-id') ?? undefined,
    contentType: response.headers.get('content-type') ?? undefined,
  };
}

export interface HuaweiCloudInvalidResponseErrorInit {
  kind: InvalidResponseKind;
  /** operationId when known, else `METHOD /path`. */
  operation: string;
  /** HTTP status of the response. */
  status: number;
  /** `X-Request-Id` response header, for Huawei Cloud support. */
  requestId?: string | undefined;
  /** `Content-Type` response header. */
  contentType?: string | undefined;
  /** Body bytes received (the whole body for `invalid-json`; bytes read before stopping for `too-large`). */
  bytesRead: number;
  /** `Content-Length` the server announced, if any. */
  declaredBytes?: number | undefined;
  /** The `maxResponseBytes` limit (`too-large`). */
  limitBytes?: number | undefined;
  /** Short, tag-stripped, scrubbed excerpt: only for bodies that do not look like JSON (never DR data). */
  excerpt?: string | undefined;
  /** For `invalid-json`: the body stops in the middle of a value (as a cut-off transfer would). */
  endsEarly?: boolean | undefined;
  attempts?: number | undefined;
}

/**
 * The server answered, but with something the client cannot use: a success response whose body is
 * not JSON, or a body over the size limit. Not retried: neither is a transient condition, and the
 * request did reach the server. Never carries the body itself (it could hold DR passwords).
 */
export class HuaweiCloudInvalidResponseError extends HuaweiCloudError {
  readonly kind: InvalidResponseKind;
  readonly operation: string;
  readonly status: number;
  readonly requestId: string | undefined;
  readonly contentType: string | undefined;
  readonly bytesRead: number;
  readonly declaredBytes: number | undefined;
  readonly limitBytes: number | undefined;
  readonly excerpt: string | undefined;
  readonly endsEarly: boolean;
  /** Attempts made, when the transport raised it (`too-large`); undefined for `invalid-json`. */
  readonly attempts: number | undefined;

  constructor(init: HuaweiCloudInvalidResponseErrorInit) {
    super(formatMessage(init));
    brand(this, 'HuaweiCloudInvalidResponseError');
    this.kind = init.kind;
    this.operation = init.operation;
    this.status = init.status;
    this.requestId = init.requestId;
    this.contentType = init.contentType;
    this.bytesRead = init.bytesRead;
    this.declaredBytes = init.declaredBytes;
    this.limitBytes = init.limitBytes;
    this.excerpt = init.excerpt;
    this.endsEarly = init.endsEarly ?? false;
    this.attempts = init.attempts;
  }
}
brandClass(HuaweiCloudInvalidResponseError, 'HuaweiCloudInvalidResponseError');

function formatMessage(init: HuaweiCloudInvalidResponseErrorInit): string {
  const where = [`HTTP ${init.status}`];
  if (init.contentType) where.push(`content-type ${init.contentType}`);
  if (init.requestId) where.push(`request id ${init.requestId}`);
  if (init.kind === 'too-large') {
    const announced = init.declaredBytes !== undefined ? `; the server announced ${init.declaredBytes} bytes` : '';
    return (
      `${init.operation} returned a response body over the ${init.limitBytes ?? '?'}-byte limit (maxResponseBytes)${announced}; ` +
      `stopped reading after ${init.bytesRead} bytes (${where.join(', ')}).`
    );
  }
  const shape = init.bytesRead === 0 ? 'an empty body' : `${init.bytesRead} bytes`;
  const early = init.endsEarly ? ', ends early' : '';
  const excerpt = init.excerpt ? ` Body starts: "${init.excerpt}"` : '';
  return `${init.operation} returned HTTP ${init.status} with a body that is not valid JSON (${shape}${early}; ${where.slice(1).join(', ') || 'no details'}).${excerpt}`;
}

export function isHuaweiCloudInvalidResponseError(value: unknown): value is HuaweiCloudInvalidResponseError {
  return hasErrorBrand(value, 'HuaweiCloudInvalidResponseError');
}
