import { formatIsoSeconds } from './clock.js';
import type { DwsSimulation } from './dws/state.js';
import type { FaultRule } from './faults/types.js';
import type { GeminiDbSimulation } from './geminidb/state.js';
import type { LagModel, LagOverride } from './lag/lag-model.js';

/** A read-only JSON view of the whole simulator (`sim.state`, `GET /__sim/state`). Never holds secrets. */
export interface SimulatorSnapshot {
  readonly now: string;
  readonly geminidb: {
    readonly instances: readonly {
      readonly id: string;
      readonly name: string;
      readonly region: string;
      readonly projectId: string;
      readonly status: 'normal' | 'abnormal';
      readonly drRelationshipId: string | null;
      readonly drRole: 'master' | 'slave' | null;
      readonly drConstructed: boolean;
      readonly drPeerId: string | null;
      readonly syncPaused: boolean;
      readonly actions: readonly string[];
    }[];
    readonly relationships: readonly {
      readonly id: string;
      readonly alias: string;
      readonly masterInstanceId: string;
      readonly slaveInstanceId: string;
      readonly active: boolean;
      /** Replication lag in seconds now (active relationships only). */
      readonly lagSeconds: number | null;
    }[];
    readonly jobs: readonly {
      readonly id: string;
      readonly name: string;
      readonly status: 'Running' | 'Completed' | 'Failed';
      readonly instanceId: string;
      readonly failReason: string;
    }[];
  };
  readonly dws: {
    readonly clusters: readonly {
      readonly id: string;
      readonly name: string;
      readonly region: string;
      readonly projectId: string;
      readonly availabilityZone: string;
    }[];
    readonly tasks: readonly {
      readonly id: string;
      readonly name: string;
      readonly status: string;
      readonly primaryClusterId: string;
      readonly standbyClusterId: string;
      readonly drSyncPeriod: string;
      readonly failedOver: boolean;
      /** Last completed synchronisation (ISO), null before the first. */
      readonly lastSyncTime: string | null;
    }[];
  };
  readonly faults: readonly FaultRule[];
  /** Lag overrides in force (`sim.setLag`). */
  readonly lagOverrides: readonly LagOverride[];
}

export function takeSnapshot(
  now: number,
  geminidb: GeminiDbSimulation,
  dws: DwsSimulation,
  faults: readonly FaultRule[],
  lag: LagModel,
): SimulatorSnapshot {
  const instances = geminidb.instances();
  return {
    now: formatIsoSeconds(now),
    geminidb: {
      instances: instances.map((i) => ({
        id: i.seed.id,
        name: i.seed.name,
        region: i.seed.region,
        projectId: i.seed.projectId,
        status: i.abnormal ? 'abnormal' : 'normal',
        drRelationshipId: i.dr?.pairId ?? null,
        drRole: i.dr?.role ?? null,
        drConstructed: i.dr?.constructed ?? false,
        drPeerId: geminidb.drPeerId(i.seed.id) ?? null,
        syncPaused: i.syncPaused,
        actions: geminidb.actions(i.seed.id),
      })),
      relationships: geminidb.pairs().map((p) => ({
        id: p.id,
        alias: p.alias,
        masterInstanceId: p.masterId,
        slaveInstanceId: p.slaveId,
        active: geminidb.relationshipActive(p.id),
        lagSeconds: geminidb.lagSeconds(p.id) ?? null,
      })),
      jobs: geminidb.jobList().map((j) => ({ id: j.id, name: j.name, status: j.status, instanceId: j.instanceId, failReason: j.failReason })),
    },
    dws: {
      clusters: dws.clusters().map((c) => ({
        id: c.seed.id,
        name: c.seed.name,
        region: c.seed.region,
        projectId: c.seed.projectId,
        availabilityZone: c.seed.availabilityZone,
      })),
      tasks: dws.tasks().map((t) => ({
        id: t.id,
        name: t.name,
        status: t.status,
        primaryClusterId: t.primaryClusterId,
        standbyClusterId: t.standbyClusterId,
        drSyncPeriod: t.drSyncPeriod,
        failedOver: t.failedOver,
        lastSyncTime: ((last) => (last === undefined ? null : formatIsoSeconds(last)))(dws.lastSuccessTime(t)),
      })),
    },
    faults,
    lagOverrides: lag.overrides(now),
  };
}
