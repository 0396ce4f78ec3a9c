// Test doubles for code that uses @hcdr clients: no mocking library, everything is injected
// (fetch, sleep, random, now). Published as `@hcdr/core/testing`; not imported by the runtime.

/** Deterministic PRNG (mulberry32) so back-off tests are reproducible. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface RecordedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
  signal: AbortSignal;
}

export type Handler = (request: Request, index: number) => Response | Promise<Response>;

/** A fetch that records every request it receives (headers and body) and answers with `handler`. */
export function recordingFetch(handler: Handler) {
  const calls: RecordedRequest[] = [];
  const fetch = async (request: Request): Promise<Response> => {
    const body = request.body === null ? '' : await request.clone().text();
    const headers: Record<string, string> = {};
    request.headers.forEach((v, k) => {
      headers[k] = v;
    });
    calls.push({ method: request.method, url: request.url, headers, body, signal: request.signal });
    return handler(request, calls.length - 1);
  };
  return { fetch, calls };
}

/** Answers from a list, one response per call (the last one repeats). */
export function sequence(...makers: Array<() => Response | Promise<Response>>): Handler {
  return (_request, index) => {
    const make = makers[Math.min(index, makers.length - 1)];
    if (!make) throw new Error('sequence() needs at least one response');
    return make();
  };
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
}

/** A manual clock plus a sleep that advances it instantly and records each requested delay. */
export function fakeTime(startMs = Date.UTC(2024, 0, 1)) {
  let current = startMs;
  const sleeps: number[] = [];
  return {
    now: () => current,
    advance: (ms: number) => {
      current += ms;
    },
    sleeps,
    sleep: async (ms: number, signal?: AbortSignal) => {
      if (signal?.aborted) throw signal.reason;
      sleeps.push(ms);
      current += ms;
    },
  };
}

/** An Error shaped like undici's "fetch failed" with a Node system error as its cause. */
export function networkError(code: string): TypeError {
  const cause = Object.assign(new Error(`connect ${code} 10.0.0.1:443`), { code });
  return new TypeError('fetch failed', { cause });
}

