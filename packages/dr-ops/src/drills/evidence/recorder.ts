// Collects the evidence of a drill: every HTTP exchange a client makes (method, path template,
// status, X-Request-Id, duration; never headers or bodies), attributed to a side and to the phase
// running at the time, plus the values decisions were based on. It attaches to a client as
// openapi-fetch middleware and detaches when the drill ends.
import type { EvidenceCall, EvidenceValue } from '../report/model.js';

/** The part of a @hcdr client the recorder needs: its openapi-fetch client's middleware list. */
export interface ObservableClient {
  readonly raw: { use(...middleware: never[]): void; eject(...middleware: never[]): void };
}

/** The openapi-fetch middleware callbacks used here (structural, so no dependency on openapi-fetch's types). */
interface ExchangeMiddleware {
  onRequest(params: { id: string }): undefined;
  onResponse(params: { id: string; request: Request; response: Response; schemaPath: string }): undefined;
  onError(params: { id: string; request: Request; schemaPath: string; error: unknown }): undefined;
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
    const started = new Map<string, number>();
    const record = (id: string, request: Request, schemaPath: string, outcome: Pick<EvidenceCall, 'status' | 'request_id'> & { error?: string }) => {
      const at = started.get(id) ?? this.#clock.now();
      started.delete(id);
      this.#calls.push({ at: this.iso(at), side, method: request.method, path: schemaPath, ...outcome, duration_ms: Math.max(0, this.#clock.now() - at) });
      return undefined;
    };
    const middleware: ExchangeMiddleware = {
      onRequest: ({ id }) => {
        started.set(id, this.#clock.now());
        return undefined;
      },
      onResponse: ({ id, request, response, schemaPath }) => record(id, request, schemaPath, { status: response.status, request_id: response.headers.get('x-request-id') }),
      onError: ({ id, request, schemaPath, error }) =>
        record(id, request, schemaPath, { status: null, request_id: null, error: error instanceof Error ? `${error.name}: ${error.message}`.slice(0, 300) : 'request failed' }),
    };
    client.raw.use(middleware as never);
    const detach = () => client.raw.eject(middleware as never);
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
