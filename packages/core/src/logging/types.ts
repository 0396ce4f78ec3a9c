/** One HTTP attempt, as reported to the opt-in `logger` hook. Contains no secrets. */
export interface RequestLogEvent {
  /** `response` when an HTTP response arrived, `error` for network errors, timeouts and aborts. */
  type: 'response' | 'error';
  /** operationId when known, else `METHOD /path`. */
  operation: string;
  method: string;
  url: string;
  /** 1-based attempt number. */
  attempt: number;
  status?: number | undefined;
  /** Time from sending this attempt to having the full response (or the error). */
  durationMs: number;
  /** X-Request-Id of the response, when present. */
  requestId?: string | undefined;
  /** Request headers: allow-listed values, everything else `[REDACTED]`. */
  headers: Record<string, string>;
  /** Response headers, same redaction rules. */
  responseHeaders?: Record<string, string> | undefined;
  /** AK/SK only: the header names covered by the signature (helps with APIGW.0301). */
  signedHeaders?: string | undefined;
  /** Error class and message for `type: 'error'`. */
  error?: string | undefined;
  /** Present when another attempt will follow. */
  retry?: { delayMs: number; reason: string } | undefined;
}

export type RequestLogger = (event: RequestLogEvent) => void;
