/**
 * Small deterministic randomness: the simulator's ids, lag waves and fleets are functions of a seed,
 * so a test with a manual clock and a fixed seed sees the same values on every run.
 */

/** FNV-1a 32-bit hash of a string. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * mulberry32: a tiny PRNG with good enough statistics for simulated data (never for secrets). The same
 * few lines as @hcdr/core/testing's seededRandom, repeated so the simulator has no runtime dependency.
 */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A value in [0, 1) that depends only on its parts. */
export function unitHash(...parts: readonly (string | number)[]): number {
  return prng(hash32(parts.join('\u0000')))();
}

/** 32 lower-case hex characters derived from the parts (project ids, derived node ids). */
export function hex32(...parts: readonly string[]): string {
  const next = prng(hash32(parts.join('\u0000')));
  let out = '';
  while (out.length < 32) out += Math.floor(next() * 0x10000).toString(16).padStart(4, '0');
  return out;
}

/** A UUID-shaped id (version 4 layout) derived from the parts: stable ids for derived resources. */
export function uuidFrom(...parts: readonly string[]): string {
  const h = hex32(...parts);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * UUID-shaped ids from a seed and a counter: deterministic for a given seed and sequence of calls,
 * and resumable (the counter is part of the persisted state).
 */
export class IdSource {
  readonly seed: string;
  #counter: number;

  constructor(seed: string, counter = 0) {
    this.seed = seed;
    this.#counter = counter;
  }

  get counter(): number {
    return this.#counter;
  }

  uuid(): string {
    const h = hex32(this.seed, String(this.#counter++));
    // Version 4 / variant 10 bits, so the ids look like the specs' examples.
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${((Number.parseInt(h[16] ?? '0', 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }
}
