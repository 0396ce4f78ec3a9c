// Every DWS DR operation, through the typed client, against a Prism mock of specs/dws-dr.yaml,
// with token auth and with AK/SK signing.
import { type OperationId, operations } from '@hcdr/dws';
import { inject } from 'vitest';
import { dws } from './helpers/clients.ts';
import { describeContract } from './helpers/contract-suite.ts';
import { cases } from './helpers/dws-cases.ts';

describeContract('dws-dr', (auth) => dws({ url: inject('dwsMockUrl'), auth }), cases, (id: OperationId) => operations[id].successStatuses);
