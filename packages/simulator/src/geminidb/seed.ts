/** A GeminiDB (Redis) instance the simulator starts with. */
export interface GeminiDbInstanceSeed {
  readonly id: string;
  readonly name: string;
  readonly region: string;
  /** IAM project the instance belongs to. Default: the region's default project (`defaultProjectId(region)`). */
  readonly projectId?: string;
  readonly availabilityZone: string;
  readonly vpcId: string;
  readonly vpcCidr: string;
  readonly subnetId: string;
  readonly subnetCidr: string;
  readonly securityGroupId: string;
  /** Private IPs of the instance's nodes; construction must name exactly these for the peer. */
  readonly nodeIps: readonly string[];
  /** The docs require 8635 on both sides of a DR relationship. Default "8635". */
  readonly port?: string;
  readonly specCode?: string;
  readonly datastoreVersion?: string;
  readonly mode?: string;
}

/** A DR relationship that already exists when the simulator starts (both sides constructed, syncing). */
export interface GeminiDbRelationshipSeed {
  readonly id: string;
  readonly alias: string;
  /** The current primary. */
  readonly masterId: string;
  /** The current standby. */
  readonly slaveId: string;
  /** Synchronisation paused on both sides. Default false. */
  readonly paused?: boolean;
}

/**
 * IDs, names and addresses follow the examples in specs/geminidb-dr.yaml, except that the standby
 * lives in another region (ap-southeast-3) so the pair is a real cross-region DR pair. The third
 * instance (the spec's dual-active example peer) is there for negative cases and dual-active.
 */
export const DEFAULT_GEMINIDB_INSTANCES: readonly GeminiDbInstanceSeed[] = [
  {
    id: 'a1b2c3d4e5f64a7b8c9d0e1f2a3b4c5din12',
    name: 'redis-video-primary',
    region: 'ap-southeast-1',
    availabilityZone: 'ap-southeast-1a',
    vpcId: '3d2c1b0a-9f8e-4d7c-b6a5-0e1f2a3b4c5d',
    vpcCidr: '10.0.0.0/16',
    subnetId: '8e7d6c5b-4a39-4281-90fe-dcba98765432',
    subnetCidr: '10.0.1.0/24',
    securityGroupId: '5b6c7d8e-9f0a-4b1c-8d2e-3f4a5b6c7d8e',
    nodeIps: ['10.0.1.2', '10.0.1.3', '10.0.1.4'],
  },
  {
    id: 'f0e1d2c3b4a54968a7b6c5d4e3f2a1b0in12',
    name: 'redis-video-standby',
    region: 'ap-southeast-3',
    availabilityZone: 'ap-southeast-3a',
    vpcId: '7a6b5c4d-3e2f-4a1b-9c0d-8e7f6a5b4c3d',
    vpcCidr: '10.1.0.0/16',
    subnetId: '4c3b2a19-0f8e-47d6-a5b4-c3d2e1f0a9b8',
    subnetCidr: '10.1.1.0/24',
    securityGroupId: '9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b',
    nodeIps: ['10.1.1.2', '10.1.1.3', '10.1.1.4'],
  },
  {
    id: '9c8b7a6f5e4d4c3b2a1f0e9d8c7b6a5fin06',
    name: 'redis-session-cache',
    region: 'ap-southeast-3',
    availabilityZone: 'ap-southeast-3b',
    vpcId: '7a6b5c4d-3e2f-4a1b-9c0d-8e7f6a5b4c3d',
    vpcCidr: '10.1.0.0/16',
    subnetId: '2a1b0c9d-8e7f-4a6b-95c4-d3e2f1a0b9c8',
    subnetCidr: '10.1.2.0/24',
    securityGroupId: '9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b',
    nodeIps: ['10.1.2.2', '10.1.2.3', '10.1.2.4'],
  },
];
