// Every GeminiDB DR operation, through the typed client, against a Prism mock of specs/geminidb-dr.yaml,
// with token auth and with AK/SK signing.
import { type OperationId, operations } from '@hcdr/geminidb';
import { describe, expect, inject, it } from 'vitest';
import { geminidb } from './helpers/clients.ts';
import { AUTH_MODES } from './helpers/constants.ts';
import { expectAccepted, successPreferences } from './helpers/contract.ts';
import { cases } from './helpers/geminidb-cases.ts';
import { responseExamples } from './helpers/specs.ts';

const SPEC = 'geminidb-dr';

describe.each(AUTH_MODES)('geminidb-dr contract [%s auth]', (auth) => {
  const { client, recorder } = geminidb({ url: inject('geminidbMockUrl'), auth });

  it.each(Object.keys(cases) as OperationId[])('%s: accepted by the mock, response typed and valid', async (id) => {
    const result = await cases[id].call(client, {});
    expectAccepted(SPEC, id, result, recorder);
    if (result.data !== undefined) cases[id].check(result.data);
  });

  it.each(Object.keys(cases) as OperationId[])('%s: every documented success status and example parses', async (id) => {
    const prefs = successPreferences((s) => responseExamples(SPEC, id, s).map((e) => e.name), operations[id].successStatuses);
    for (const prefer of prefs) {
      const result = await cases[id].call(client, { headers: { Prefer: prefer } });
      expect(`code=${result.response.status}`, prefer).toBe(prefer.split(',')[0]);
      expectAccepted(SPEC, id, result, recorder);
      if (result.data !== undefined) cases[id].check(result.data);
    }
  });
});
