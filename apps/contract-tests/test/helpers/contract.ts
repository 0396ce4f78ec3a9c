// Shared assertions: "Prism accepted the request and the response is the documented, typed result".
import type { CallOptions } from '@hcdr/core';
import { expect } from 'vitest';
import type { Observation, Recorder } from './recorder.ts';
import { OPERATION_TABLES, type SpecName, validateResponse } from './specs.ts';

/** What a client's `withResponse` method resolves to. */
export interface CallResult {
  data: unknown;
  response: Response;
}

export interface ContractCase<C> {
  /** Calls the operation's typed method with valid input (and the per-call options, e.g. a Prefer header). */
  call: (client: C, options: CallOptions) => Promise<CallResult>;
  /** Typed checks on the parsed data (compile-time proof that the typed result has these fields). */
  check: (data: any) => void;
}

/** `caseFor<Client>()((c, o) => c.op(input, o), (data) => …)`: `data` is typed from the method's result. */
export function caseFor<C>() {
  return <R extends CallResult>(
    call: (client: C, options: CallOptions) => Promise<R>,
    check: (data: NonNullable<R['data']>) => void = () => {},
  ): ContractCase<C> => ({ call, check: check as (data: any) => void });
}

/**
 * The request was accepted by the mock (no 4xx, no `sl-violations`), the status is one of the operation's
 * documented success statuses, the body validates against the spec's schema for that status, and the
 * recorder saw the call under the expected operationId (so the method hit the right route).
 */
export function expectAccepted(specName: SpecName, operationId: string, result: CallResult, recorder: Recorder): void {
  const { response } = result;
  const violations = response.headers.get('sl-violations');
  expect(violations, `${operationId}: Prism reported violations`).toBeNull();
  expect(OPERATION_TABLES[specName][operationId]!.successStatuses, `${operationId}: HTTP ${response.status}`).toContain(response.status);
  const text = result.data === undefined ? '' : JSON.stringify(result.data);
  expect(validateResponse(specName, operationId, response.status, result.data, text), `${operationId}: response schema`).toEqual([]);
  const last = recorder.observations.at(-1);
  expect(last?.operationId, 'recorded operationId').toBe(operationId);
  expect(last?.accepted, `recorded as accepted: ${JSON.stringify(last)}`).toBe(true);
  expectWireAuth(last);
}

/** The request carried the client's credentials as they should go on the wire; AK/SK signatures verify. */
export function expectWireAuth(observation: Observation | undefined): void {
  if (observation?.auth === 'aksk') {
    expect(observation.wire?.scheme, 'AK/SK request was signed').toBe('SDK-HMAC-SHA256');
    expect(observation.wire?.signatureProblem, 'signature verifies over the bytes sent').toBeUndefined();
    expect(observation.wire?.signatureOk).toBe(true);
  } else {
    expect(observation?.wire?.scheme, 'token request carried X-Auth-Token').toBe('X-Auth-Token');
  }
}

/** The `Prefer` values that select every documented success status and every named example of it. */
export function successPreferences(examplesFor: (status: number) => string[], statuses: readonly number[]): string[] {
  return statuses.flatMap((status) => {
    const names = examplesFor(status);
    return names.length === 0 ? [`code=${status}`] : names.map((name) => `code=${status}, example=${name}`);
  });
}
