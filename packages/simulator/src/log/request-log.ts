import type { ServiceName } from '../http/context.js';

/**
 * Every API request the simulator handled, for tests and drills to count and inspect (e.g.
 * constructions minus deconstructions per instance). Control-plane (`/__sim/...`) calls are not
 * recorded. Never holds headers, query strings or bodies (they carry signatures and passwords).
 */
export interface RequestLogEntry {
  /** 1, 2, 3, ... in arrival order; `since` filters on it. */
  readonly seq: number;
  /** Simulator-clock time the request arrived, ISO 8601. */
  readonly time: string;
  readonly requestId: string;
  readonly method: string;
  /** Raw path as received (region prefix included), without the query string. */
  readonly path: string;
  readonly service?: ServiceName;
  readonly operationId?: string;
  readonly region?: string;
  readonly projectId?: string;
  readonly instanceId?: string;
  readonly drId?: string;
  /** HTTP status sent, or `reset` when the connection was dropped without a response. */
  readonly status: number | 'reset';
  /** The fault kind that shaped the answer, if any. */
  readonly fault?: string;
}

export interface RequestLogFilter {
  readonly operationId?: string;
  readonly instanceId?: string;
  readonly drId?: string;
  readonly region?: string;
  readonly projectId?: string;
  readonly method?: string;
  readonly status?: number | 'reset';
  /** Only entries with `seq` greater than this. */
  readonly since?: number;
}

export const DEFAULT_REQUEST_LOG_LIMIT = 10_000;

export class RequestLog {
  readonly #limit: number;
  #entries: RequestLogEntry[] = [];
  #seq = 0;

  constructor(limit = DEFAULT_REQUEST_LOG_LIMIT) {
    if (!Number.isInteger(limit) || limit < 0) throw new RangeError(`requestLogLimit must be an integer >= 0, got ${limit}`);
    this.#limit = limit;
  }

  /** Allocates the next sequence number (at arrival, so order reflects arrival, not completion). */
  nextSeq(): number {
    return ++this.#seq;
  }

  add(entry: RequestLogEntry): void {
    if (this.#limit === 0) return;
    this.#entries.push(entry);
    // Oldest first out; trimming in batches keeps this O(1) amortised.
    if (this.#entries.length > this.#limit * 1.25) this.#entries = this.#entries.slice(-this.#limit);
  }

  list(filter: RequestLogFilter = {}): RequestLogEntry[] {
    const kept = this.#entries.length > this.#limit ? this.#entries.slice(-this.#limit) : this.#entries;
    return kept
      .filter(
        (e) =>
          (filter.since === undefined || e.seq > filter.since) &&
          (filter.operationId === undefined || e.operationId === filter.operationId) &&
          (filter.instanceId === undefined || e.instanceId === filter.instanceId) &&
          (filter.drId === undefined || e.drId === filter.drId) &&
          (filter.region === undefined || e.region === filter.region) &&
          (filter.projectId === undefined || e.projectId === filter.projectId) &&
          (filter.method === undefined || e.method === filter.method.toUpperCase()) &&
          (filter.status === undefined || e.status === filter.status),
      )
      .sort((a, b) => a.seq - b.seq);
  }

  clear(): void {
    this.#entries = [];
  }
}
