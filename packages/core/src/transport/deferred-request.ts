/**
 * The Request class our clients hand to openapi-fetch (its `Request` option). openapi-fetch builds
 * one Request per call only to pass it to middleware and then to `fetch`; on Node 20 an undici
 * Request with a body costs more than the rest of the client put together (a body stream and an
 * AbortSignal, both "transferable" objects), and the transport would then read that stream back.
 * A DeferredRequest keeps the parts (url, method, headers, the serialized body) and builds a real
 * Request only if something asks for a part it does not keep (a middleware reading `body`, calling
 * `clone()`...). The transport sends from the parts directly.
 */

/** A never-aborting signal for requests made without one (a Request always has a signal). */
const NEVER = new AbortController().signal;

type BodyText = string | Uint8Array<ArrayBuffer>;

function isCheapBody(body: unknown): body is BodyText | null | undefined {
  return body === undefined || body === null || typeof body === 'string' || body instanceof Uint8Array;
}

export class DeferredRequest {
  readonly url: string;
  readonly method: string;
  readonly headers: Headers;
  readonly signal: AbortSignal;
  readonly redirect: NonNullable<RequestInit['redirect']>;
  /** The body exactly as serialized (undefined: none), when it could be kept without a stream. */
  readonly bodyText: BodyText | undefined;
  #init: RequestInit;
  #real: Request | undefined;

  constructor(input: string | URL, init: RequestInit = {}) {
    this.url = new URL(String(input)).href;
    this.method = (init.method ?? 'GET').toUpperCase();
    this.headers = new Headers(init.headers);
    this.signal = init.signal ?? NEVER;
    this.redirect = init.redirect ?? 'follow';
    this.#init = init;
    if (isCheapBody(init.body)) {
      this.bodyText = init.body ?? undefined;
      if (typeof init.body === 'string' && !this.headers.has('content-type')) this.headers.set('content-type', 'text/plain;charset=UTF-8');
    } else {
      // FormData, streams, blobs: let undici handle them from the start.
      this.bodyText = undefined;
      this.#real = new Request(this.url, init);
    }
  }

  /** True for DeferredRequests only (unlike `instanceof`, see below). */
  static is(value: unknown): value is DeferredRequest {
    return typeof value === 'object' && value !== null && #init in value;
  }

  /**
   * openapi-fetch checks a middleware's result with `instanceof` against the Request class it was
   * given — this one — so a middleware returning a real `new Request(...)` must pass as well.
   */
  static [Symbol.hasInstance](value: unknown): boolean {
    return value instanceof Request;
  }

  /** The equivalent undici Request, built once on first need (from the current headers). */
  toRequest(): Request {
    this.#real ??= new Request(this.url, { ...this.#init, method: this.method, headers: this.headers, signal: this.signal, redirect: this.redirect });
    return this.#real;
  }

  /** Whether the body lives in a real Request (read it from there) rather than in `bodyText`. */
  get materialized(): boolean {
    return this.#real !== undefined;
  }

  get body(): ReadableStream<Uint8Array> | null {
    return this.toRequest().body;
  }
  get bodyUsed(): boolean {
    return this.#real?.bodyUsed ?? false;
  }
  clone(): Request {
    return this.toRequest().clone();
  }
  arrayBuffer(): Promise<ArrayBuffer> {
    return this.toRequest().arrayBuffer();
  }
  text(): Promise<string> {
    return this.toRequest().text();
  }
  json(): Promise<unknown> {
    return this.toRequest().json();
  }
  blob(): Promise<Blob> {
    return this.toRequest().blob();
  }
  formData(): Promise<FormData> {
    return this.toRequest().formData();
  }
}

// openapi-fetch and user middleware may test `request instanceof Request`; the prototype chain
// says yes, and every Request member a DeferredRequest does not define is reached through a real one.
Object.setPrototypeOf(DeferredRequest.prototype, Request.prototype);
for (const key of ['cache', 'credentials', 'destination', 'integrity', 'keepalive', 'mode', 'referrer', 'referrerPolicy', 'duplex'] as const) {
  Object.defineProperty(DeferredRequest.prototype, key, {
    get(this: DeferredRequest) {
      return (this.toRequest() as unknown as Record<string, unknown>)[key];
    },
    configurable: true,
  });
}
