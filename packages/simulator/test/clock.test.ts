import { describe, expect, it } from 'vitest';
import { createClock } from '../src/clock.js';
import { DEFAULT_DWS_CLUSTERS } from '../src/index.js';
import { dwsBase, startHarness } from './helpers/client.js';

describe('clock', () => {
  it('divides the job duration by timeScale', () => {
    expect(createClock().transitionMs).toBe(1500);
    expect(createClock({ jobDurationMs: 1500, timeScale: 30 }).transitionMs).toBe(50);
    expect(() => createClock({ timeScale: 0 })).toThrow(RangeError);
    expect(() => createClock({ jobDurationMs: -1 })).toThrow(RangeError);
  });

  it('finishes a transition exactly when the injected clock reaches jobDurationMs / timeScale', async () => {
    const h = await startHarness({ jobDurationMs: 100, timeScale: 2 });
    try {
      const [primary, standby] = DEFAULT_DWS_CLUSTERS;
      const created = await h.api.call<{ disaster_recovery: { id: string } }>('POST', `${dwsBase()}/disaster-recoveries`, {
        disaster_recovery: { name: 'clock_test', dr_type: 'az', primary_cluster_id: primary?.id, standby_cluster_id: standby?.id, dr_sync_period: '1m' },
      });
      const path = `${dwsBase()}/disaster-recovery/${created.body.disaster_recovery.id}`;
      const status = async () => (await h.api.call<{ disaster_recovery: { status: string } }>('GET', path)).body.disaster_recovery.status;
      h.clock.advance(49);
      expect(await status()).toBe('creating');
      h.clock.advance(1);
      expect(await status()).toBe('unstart');
    } finally {
      await h.close();
    }
  });
});
