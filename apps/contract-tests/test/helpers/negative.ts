// Negative cases: requests that break the spec must be rejected by the mock with the violation named, and
// documented error responses must surface as typed HuaweiCloudApiError.
import { type HuaweiCloudApiError, isHuaweiCloudApiError } from '@hcdr/core';

/** The API gateway's authentication failure (bad or expired signature, unknown AK). */
const APIGW_AUTH_ERROR_CODE = 'APIGW.0301';
import { expect } from 'vitest';
import type { Recorder } from './recorder.ts';
import { type SpecName, requestIdExample, responseExamples } from './specs.ts';

export interface Violation {
  location: (string | number)[];
  code: string | number;
  message: string;
  severity: string;
}

/** Parses Prism's `sl-violations` header. */
export function violationsOf(response: Response): Violation[] {
  const header = response.headers.get('sl-violations');
  if (header === null) return [];
  return JSON.parse(header) as Violation[];
}

/**
 * The mock rejected the request (4xx) with `sl-violations` naming `field` (in the location path or the
 * message), answered with the spec's first 400 example, and the recorder logged the call as not accepted.
 */
export async function expectRejected(
  specName: SpecName,
  operationId: string,
  sent: Response | { response: Response; error?: unknown },
  field: string,
  recorder?: Recorder,
): Promise<Violation[]> {
  // openapi-fetch has already read the body into `error`; a plain fetch Response still has it.
  const response = sent instanceof Response ? sent : sent.response;
  const body = sent instanceof Response ? await sent.clone().json() : sent.error;
  expect(response.status, `${operationId}: status`).toBeGreaterThanOrEqual(400);
  expect(response.status).toBeLessThan(500);
  const violations = violationsOf(response);
  expect(violations.length, `${operationId}: sl-violations header`).toBeGreaterThan(0);
  const named = violations.filter((v) => v.location.map(String).includes(field) || v.message.includes(field));
  expect(named, `${operationId}: a violation names "${field}": ${JSON.stringify(violations)}`).not.toEqual([]);
  if (response.status === 400) {
    // Prism answers an invalid request with the spec's declared 400 and its first example.
    const first = responseExamples(specName, operationId, 400)[0]?.value;
    expect(body).toEqual(first);
  }
  if (recorder) {
    const last = recorder.observations.at(-1);
    expect(last?.operationId).toBe(operationId);
    expect(last?.accepted).toBe(false);
    expect(last?.violations).not.toBeNull();
  }
  return violations;
}

/** The error code and message an error example carries, in either envelope. */
export function exampleError(value: any): { code: string | undefined; message: string | undefined; requestId: string | undefined } {
  return {
    // The shared envelopes first, then the VPC pages' bare {code, message}: the order core reads them in.
    code: value?.error_code ?? value?.error?.code ?? value?.code,
    message: value?.error_msg ?? value?.error?.message ?? value?.message,
    requestId: value?.request_id ?? value?.error?.request_id,
  };
}

/**
 * `call` must reject with the HuaweiCloudApiError that the documented example implies: status, code,
 * message, X-Request-Id, operation, and the derived flags (busy, retryable, clock-skew hint).
 */
export async function expectDocumentedError(
  specName: SpecName,
  operationId: string,
  status: number,
  example: { name: string; value: unknown },
  call: () => Promise<unknown>,
  recorder: Recorder,
): Promise<HuaweiCloudApiError> {
  const caught = await call().then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  expect(caught.ok, `${operationId} with Prefer code=${status}, example=${example.name} resolved instead of throwing`).toBe(false);
  const error = (caught as { error: unknown }).error;
  expect(isHuaweiCloudApiError(error), `not a HuaweiCloudApiError: ${String(error)}`).toBe(true);
  const e = error as HuaweiCloudApiError;
  const documented = exampleError(example.value);
  expect(e.status).toBe(status);
  expect(e.code).toBe(documented.code);
  expect(e.errorMessage).toBe(documented.message);
  expect(e.operation).toBe(operationId);
  // Prism sends the spec's X-Request-Id header example; the header wins over the body's request_id.
  expect(e.requestId).toBe(requestIdExample(specName));
  expect(e.message).toContain(`HTTP ${status}`);
  expect(e.message).toContain(operationId);
  expect(e.busy).toBe(documented.code === 'DBS.200019');
  expect(e.retryable).toBe([429, 502, 503, 504].includes(status) || documented.code === 'DBS.200019');
  if (documented.code === APIGW_AUTH_ERROR_CODE) {
    expect(e.hint).toMatch(/clock/i);
    expect(e.hint).toContain('15 minutes');
    expect(e.message).toContain('Hint:');
  } else {
    expect(e.hint).toBeUndefined();
  }
  // The error response itself conforms to the spec (no violations, body matches ErrorResponse).
  const last = recorder.observations.at(-1);
  expect(last?.operationId).toBe(operationId);
  expect(last?.status).toBe(status);
  expect(last?.violations).toBeNull();
  expect(last?.schemaErrors).toEqual([]);
  return e;
}

/**
 * Replays every example of every given error status through `call` (with the `Prefer` header that selects
 * it) and expects the documented error each time (expectDocumentedError).
 */
export async function expectEveryDocumentedError(
  specName: SpecName,
  operationId: string,
  statuses: readonly number[],
  call: (prefer: string) => Promise<unknown>,
  recorder: Recorder,
): Promise<void> {
  for (const status of statuses) {
    const examples = responseExamples(specName, operationId, status);
    expect(examples.length, `${operationId} ${status} has examples`).toBeGreaterThan(0);
    for (const example of examples) {
      const prefer = `code=${status}, example=${example.name}`;
      await expectDocumentedError(specName, operationId, status, example, () => call(prefer), recorder);
    }
  }
}
