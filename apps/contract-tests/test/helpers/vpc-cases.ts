// One valid call per VPC operation (inputs follow the spec examples), shared by the contract and error tests.
import type { OperationId, VpcClient } from '@hcdr/vpc';
import { expect } from 'vitest';
import { VPC } from './constants.ts';
import { type ContractCase, caseFor } from './contract.ts';

const op = caseFor<VpcClient>();

/** One valid call per operation. The mapped type makes a missing operation a compile error too. */
export const cases: { [K in OperationId]: ContractCase<VpcClient> } = {
  showSubnet: op(
    (c, o) => c.withResponse.showSubnet({ subnet_id: VPC.subnet }, o),
    (d) => {
      expect(d.subnet.cidr).toMatch(/^\d+\.\d+\.\d+\.\d+\/\d+$/);
      expect(typeof d.subnet.vpc_id).toBe('string');
    },
  ),
  showVpc: op(
    (c, o) => c.withResponse.showVpc({ vpc_id: VPC.vpc }, o),
    (d) => expect(d.vpc.cidr).toMatch(/^\d+\.\d+\.\d+\.\d+\/\d+$/),
  ),
};
