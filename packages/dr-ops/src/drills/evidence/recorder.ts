// Collects the evidence of a drill: every HTTP exchange a client makes (method, path template,
// status, X-Request-Id, duration; never headers or bodies), attributed to a side and to the phase
// running at the time, plus the values decisions were based on. It attaches to a client as a call
// observer and detaches when the drill ends.
import type { CallObserver, ObservedCall } from '@hcdr/core';
import type { EvidenceCall, EvidenceValue } from '../report/model.js';

/** The part of a @hcdr client the recorder needs: attaching a call observer. */
export interface ObservableClient {
  observe(observer: CallObserver): () => void;
}

export interface EvidenceClock {
  /** Wall clock, ms since the epoch. */
  now(): number;
}

export class EvidenceRecorder {
  readonly #clock: EvidenceClock;
  #calls: EvidenceCall[] = [];
  #values: EvidenceValue[] = [];
  readonly #detach: (() => void)[] = [];

  constructor(clock: EvidenceClock) {
    this.#clock = clock;
  }

  iso(ms = this.#clock.now()): string {
    return new Date(ms).toISOString();
  }

  /** Records every exchange `client` makes from now on as `side`. Returns a function that detaches. */
  attach(client: ObservableClient, side: string): () => void {
    const started = new WeakMap<ObservedCall, number>();
    const record = (call: ObservedCall, outcome: Pick<EvidenceCall, 'status' | 'request_id'> & { error?: string }) => {
      const at = started.get(call) ?? this.#clock.now();
      this.#calls.push({ at: this.iso(at), side, method: call.method, path: call.path, ...outcome, duration_ms: Math.max(0, this.#clock.now() - at) });
    };
    const detach = client.observe({
      onRequest: (call) => {
        started.set(call, this.#clock.now());
      },
      onResponse: (call, response) => record(call, { status: response.status, request_id: response.headers['x-request-id'] ?? null }),
      onError: (call, error) => record(call, { status: null, request_id: null, error: error instanceof Error ? `${error.name}: ${error.message}`.slice(0, 300) : 'request failed' }),
    });
    this.#detach.push(detach);
    return detach;
  }

  detachAll(): void {
    for (const detach of this.#detach.splice(0)) detach();
  }

  /** Records a value read from the API that a decision is based on. */
  value(name: string, value: EvidenceValue['value'], source: string, at = this.#clock.now()): EvidenceValue {
    const entry = { at: this.iso(at), name, value, source };
    this.#values.push(entry);
    return entry;
  }

  /** A position in the call list, for callsSince(). */
  mark(): number {
    return this.#calls.length;
  }

  /** Calls recorded since `mark` (they stay recorded for the phase). */
  callsSince(mark: number): EvidenceCall[] {
    return this.#calls.slice(mark);
  }

  /** Everything recorded since the last take (a phase's evidence), and forgets it. */
  take(): { calls: EvidenceCall[]; values: EvidenceValue[] } {
    const taken = { calls: this.#calls, values: this.#values };
    this.#calls = [];
    this.#values = [];
    return taken;
  }
}

/**
 * The recorder to use for a one-off read (readiness outside a drill): the caller's, or a new one
 * attached to the clients; `release` detaches what was attached here.
 */
export function evidenceFor(given: EvidenceRecorder | undefined, now: () => number, clients: readonly (readonly [ObservableClient, string])[]): { recorder: EvidenceRecorder; release: () => void } {
  if (given) return { recorder: given, release: () => {} };
  const recorder = new EvidenceRecorder({ now });
  // One client serving both sides (same account and endpoint) is attached once, labelled with both.
  const labels = new Map<ObservableClient, string[]>();
  for (const [client, side] of clients) labels.set(client, [...(labels.get(client) ?? []), side]);
  for (const [client, sides] of labels) recorder.attach(client, sides.join('+'));
  return { recorder, release: () => recorder.detachAll() };
}
