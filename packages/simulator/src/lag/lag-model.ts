import type { Clock } from '../clock.js';
import { unitHash } from '../random.js';

/**
 * Replication lag of a DR relationship (GeminiDB) or DR task (DWS), in seconds, as a pure function
 * of the relationship id, the simulator seed and the clock: a slow wave plus a little noise, so lag
 * moves over time the same way on every run with a manual clock. Overrides (`set` / `spike`) replace
 * the natural value while they last, for drills and alert tests.
 */
export interface LagOverride {
  readonly relationshipId: string;
  readonly lagSeconds: number;
  /** Simulator-clock ms when it took effect. */
  readonly from: number;
  /** Simulator-clock ms when it ends; undefined = until cleared. */
  readonly until: number | undefined;
}

/** Bounds checked by `set` (a week of lag is already far past any RPO objective). */
export const MAX_LAG_SECONDS = 7 * 24 * 3600;
export const MAX_LAG_DURATION_MS = 30 * 24 * 3600 * 1000;

export class LagValidationError extends Error {}

const WAVE_BASE_MS = 10 * 60 * 1000;
const NOISE_STEP_MS = 15 * 1000;

export class LagModel {
  readonly #clock: Clock;
  readonly #seed: string;
  #overrides = new Map<string, LagOverride>();

  constructor(clock: Clock, seed: string, overrides: readonly LagOverride[] = []) {
    this.#clock = clock;
    this.#seed = seed;
    for (const o of overrides) this.#overrides.set(o.relationshipId, o);
  }

  /** The lag without overrides: 1-5 s base, a 2-8 s wave over 10-20 minutes (÷ timeScale), ±0.5 s noise. */
  natural(relationshipId: string, now: number = this.#clock.now()): number {
    const u = (part: string | number) => unitHash(this.#seed, relationshipId, part);
    const base = 1 + 4 * u('base');
    const amplitude = 2 + 6 * u('amplitude');
    const period = (WAVE_BASE_MS * (1 + u('period'))) / this.#clock.timeScale;
    const wave = amplitude * (0.5 + 0.5 * Math.sin(2 * Math.PI * (now / period + u('phase'))));
    const step = NOISE_STEP_MS / this.#clock.timeScale;
    const noise = u(Math.floor(now / step)) - 0.5;
    return Math.round((base + wave + noise) * 10) / 10;
  }

  /** The lag now: an active override's value, else the natural one. */
  current(relationshipId: string, now: number = this.#clock.now()): number {
    const o = this.active(relationshipId, now);
    return o ? o.lagSeconds : this.natural(relationshipId, now);
  }

  active(relationshipId: string, now: number = this.#clock.now()): LagOverride | undefined {
    const o = this.#overrides.get(relationshipId);
    if (!o) return undefined;
    if (o.until !== undefined && now >= o.until) {
      this.#overrides.delete(relationshipId);
      return undefined;
    }
    return o;
  }

  /** Sets the lag of one relationship to `lagSeconds`, for `durationMs` of simulator time (default: until cleared). */
  set(relationshipId: string, lagSeconds: number, durationMs?: number): LagOverride {
    if (typeof relationshipId !== 'string' || relationshipId === '' || relationshipId.length > 128) {
      throw new LagValidationError('relationshipId must be a non-empty string of at most 128 characters');
    }
    if (typeof lagSeconds !== 'number' || !Number.isFinite(lagSeconds) || lagSeconds < 0 || lagSeconds > MAX_LAG_SECONDS) {
      throw new LagValidationError(`lagSeconds must be a number from 0 to ${MAX_LAG_SECONDS}`);
    }
    if (durationMs !== undefined && (typeof durationMs !== 'number' || !Number.isInteger(durationMs) || durationMs < 1 || durationMs > MAX_LAG_DURATION_MS)) {
      throw new LagValidationError(`durationMs must be an integer from 1 to ${MAX_LAG_DURATION_MS}`);
    }
    const now = this.#clock.now();
    const override: LagOverride = { relationshipId, lagSeconds, from: now, until: durationMs === undefined ? undefined : now + durationMs };
    this.#overrides.set(relationshipId, override);
    return override;
  }

  clear(relationshipId?: string): boolean {
    if (relationshipId === undefined) {
      const had = this.#overrides.size > 0;
      this.#overrides.clear();
      return had;
    }
    return this.#overrides.delete(relationshipId);
  }

  /** Overrides still in force. */
  overrides(now: number = this.#clock.now()): LagOverride[] {
    return [...this.#overrides.keys()].map((id) => this.active(id, now)).filter((o): o is LagOverride => o !== undefined);
  }
}
