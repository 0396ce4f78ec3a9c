// Assertions shared by the workflow files: everything that went through `prism proxy --errors` conformed.
import { expect } from 'vitest';
import type { Observation } from './recorder.ts';

/** No call carried `sl-violations`, no body broke the spec, and every call got a response. */
export function expectZeroViolations(observations: readonly Observation[]): void {
  expect(observations.length, 'the workflow made calls').toBeGreaterThan(0);
  const problems = observations
    .filter((o) => o.status === null || o.violations !== null || o.schemaErrors.length > 0 || o.operationId === null)
    .map((o) => `${o.method} ${o.route} → ${o.status ?? o.error}: ${o.violations ?? o.schemaErrors.join('; ')}`);
  expect(problems, 'calls through prism proxy --errors with violations').toEqual([]);
}
