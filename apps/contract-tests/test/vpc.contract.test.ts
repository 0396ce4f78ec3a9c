// Both VPC operations, through the typed client, against a Prism mock of specs/vpc.yaml,
// with token auth and with AK/SK signing.
import { type OperationId, operations } from '@hcdr/vpc';
import { inject } from 'vitest';
import { vpc } from './helpers/clients.ts';
import { describeContract } from './helpers/contract-suite.ts';
import { cases } from './helpers/vpc-cases.ts';

describeContract('vpc', (auth) => vpc({ url: inject('vpcMockUrl'), auth }), cases, (id: OperationId) => operations[id].successStatuses);
