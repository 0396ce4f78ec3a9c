// The positive contract suite, defined once for both APIs so they are held to the same checks.
import { describe, expect, it } from 'vitest';
import { AUTH_MODES, type AuthMode } from './constants.ts';
import { type ContractCase, expectAccepted, successPreferences } from './contract.ts';
import type { Recorder } from './recorder.ts';
import { type SpecName, responseExamples } from './specs.ts';

/**
 * Per auth mode: every operation's valid call is accepted by the mock with a typed, valid response, and
 * every documented success status and example (selected with `Prefer`) parses.
 */
export function describeContract<C, Id extends string>(
  spec: SpecName,
  connect: (auth: AuthMode) => { client: C; recorder: Recorder },
  cases: Record<Id, ContractCase<C>>,
  successStatuses: (id: Id) => readonly number[],
): void {
  describe.each(AUTH_MODES)(`${spec} contract [%s auth]`, (auth) => {
    const { client, recorder } = connect(auth);

    it.each(Object.keys(cases) as Id[])('%s: accepted by the mock, response typed and valid', async (id) => {
      const result = await cases[id].call(client, {});
      expectAccepted(spec, id, result, recorder);
      if (result.data !== undefined) cases[id].check(result.data);
    });

    it.each(Object.keys(cases) as Id[])('%s: every documented success status and example parses', async (id) => {
      const prefs = successPreferences((s) => responseExamples(spec, id, s).map((e) => e.name), successStatuses(id));
      for (const prefer of prefs) {
        const result = await cases[id].call(client, { headers: { Prefer: prefer } });
        expect(`code=${result.response.status}`, prefer).toBe(prefer.split(',')[0]);
        expectAccepted(spec, id, result, recorder);
        if (result.data !== undefined) cases[id].check(result.data);
      }
    });
  });
}
