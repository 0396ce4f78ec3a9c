// Every GeminiDB DR operation, through the typed client, against a Prism mock of specs/geminidb-dr.yaml,
// with token auth and with AK/SK signing.
import { type OperationId, operations } from '@hcdr/geminidb';
import { inject } from 'vitest';
import { geminidb } from './helpers/clients.ts';
import { describeContract } from './helpers/contract-suite.ts';
import { cases } from './helpers/geminidb-cases.ts';

describeContract('geminidb-dr', (auth) => geminidb({ url: inject('geminidbMockUrl'), auth }), cases, (id: OperationId) => operations[id].successStatuses);
