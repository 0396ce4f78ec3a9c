/** A DWS cluster the simulator starts with. */
export interface DwsClusterSeed {
  readonly id: string;
  readonly name: string;
  readonly region: string;
  readonly availabilityZone: string;
  /** IAM project the cluster belongs to. Default: the region's default project (`defaultProjectId(region)`). */
  readonly projectId?: string;
  readonly specId?: string;
  readonly dnNum?: number;
  readonly datastoreType?: string;
  readonly datastoreVersion?: string;
  readonly diskCapacity?: string;
  readonly diskUsed?: string;
  readonly obsBucket?: string;
  /**
   * The cluster's network, served by `listClusters` and by the VPC reads (`showSubnet`, `showVpc`).
   * Default: one VPC `10.20.0.0/16` per region and project, one `/24` subnet per availability zone
   * (`10.20.1.0/24` for zone a, ...), with ids derived from region, project and zone.
   */
  readonly vpcId?: string;
  readonly vpcCidr?: string;
  readonly subnetId?: string;
  readonly subnetCidr?: string;
  readonly securityGroupId?: string;
  /** Creation time, ISO 8601. Default `2025-03-01T08:00:00Z`. */
  readonly created?: string;
}

/** A DWS job served by `listJobDetails` (DR calls never create jobs). Field names as on the wire. */
export interface DwsJobSeed {
  readonly job_id: string;
  readonly job_name: string;
  readonly status: string;
  readonly begin_time: string;
  readonly end_time: string;
  readonly progress: string;
  readonly failed_code?: string;
  readonly failed_detail?: string;
  /** Where the job is visible. Default: cn-north-4 and its default project (where the seeded clusters are). */
  readonly region?: string;
  readonly projectId?: string;
}

/** A DR task that already exists when the simulator starts (e.g. a seeded fleet). */
export interface DwsTaskSeed {
  readonly id: string;
  readonly name: string;
  readonly drType: 'az' | 'region';
  readonly primaryClusterId: string;
  readonly standbyClusterId: string;
  readonly drSyncPeriod: string;
  /** Default `running`. */
  readonly status?: 'running' | 'unstart' | 'stopped';
  /** When synchronisation started (simulator clock ms). Default: the start time. */
  readonly startedAt?: number;
}

/**
 * Primary and standby follow the IDs of specs/dws-dr.yaml's examples (the documented primary ID
 * with its missing character restored). The third cluster is a second DR candidate in the
 * standby's AZ, useful for listAvailableDisasterClusters and "cluster already in DR" cases.
 */
export const DEFAULT_DWS_CLUSTERS: readonly DwsClusterSeed[] = [
  {
    id: '3ef5daaa-d017-4354-80b3-8a69caf2e09c',
    name: 'dws-prod',
    region: 'cn-north-4',
    availabilityZone: 'cn-north-4a',
    obsBucket: 'dws-dr-primary-bucket',
  },
  {
    id: 'e7fed7fe-f4a7-499a-afed-1fdb5c1978cb',
    name: 'dws-standby',
    region: 'cn-north-4',
    availabilityZone: 'cn-north-4b',
    obsBucket: 'dws-dr-standby-bucket',
  },
  {
    id: 'b5a4c3d2-e1f0-4a9b-8c7d-6e5f4a3b2c1d',
    name: 'dws-analytics',
    region: 'cn-north-4',
    availabilityZone: 'cn-north-4b',
    obsBucket: 'dws-analytics-bucket',
  },
];

export const DEFAULT_DWS_JOBS: readonly DwsJobSeed[] = [
  {
    job_id: 'ff80808287d8d4a30187e15ce9b00c1f',
    job_name: 'CREATE_CLUSTER',
    status: 'SUCCESS',
    begin_time: '2025-03-10T08:00:00Z',
    end_time: '2025-03-10T08:12:41Z',
    progress: '100%',
    failed_code: '',
    failed_detail: '',
  },
  {
    job_id: 'ff80808287d8d4a30187e15ce9b00c20',
    job_name: 'RESIZE_CLUSTER',
    status: 'FAIL',
    begin_time: '2025-03-11T08:00:00Z',
    end_time: '2025-03-11T08:05:09Z',
    progress: '20%',
    failed_code: 'DWS.5000',
    failed_detail: 'Insufficient resources in the selected availability zone.',
  },
];
