/**
 * The Response the transport returns: the body is already in memory (read under the attempt's
 * timeout and size limit), so it is served from those bytes instead of being wrapped in a new body
 * stream — on Node 20 a stream per response costs more than parsing the JSON. Everything a caller
 * can do with a Response works: json/text/arrayBuffer/blob/formData once (then "Body is unusable",
 * as with fetch), clone(), and `body` (a stream made on first access).
 */
const decoder = new TextDecoder();

export class BufferedResponse extends Response {
  readonly #bytes: Uint8Array<ArrayBuffer>;
  readonly #init: ResponseInit;
  #used = false;
  /** Set by a caller that already parsed the bytes (the client's JSON check), so json() need not again. */
  #parsed: { value: unknown } | undefined;
  #stream: ReadableStream<Uint8Array> | null = null;

  constructor(bytes: Uint8Array<ArrayBuffer>, init: ResponseInit, url: string) {
    super(null, init);
    this.#bytes = bytes;
    this.#init = init;
    Object.defineProperty(this, 'url', { value: url });
  }

  /** The buffered body bytes (not a copy: do not modify). */
  get bytes(): Uint8Array<ArrayBuffer> {
    return this.#bytes;
  }

  /** The bytes for a reader, once. */
  takeBytes(): Uint8Array<ArrayBuffer> {
    if (this.#used) throw new TypeError('Body is unusable: Body has already been read');
    this.#used = true;
    return this.#bytes;
  }

  /** Records the JSON value of the bytes, parsed by whoever checked them first. */
  rememberJson(value: unknown): void {
    this.#parsed = { value };
  }

  /** The JSON value of the bytes, once (as json() on a Response). */
  takeJson(): unknown {
    const bytes = this.takeBytes();
    return this.#parsed ? this.#parsed.value : JSON.parse(decoder.decode(bytes));
  }

  wasRead(): boolean {
    return this.#used;
  }

  streamOfBody(): ReadableStream<Uint8Array> | null {
    if (this.#stream === null) this.#stream = new Response(this.#bytes).body;
    return this.#stream;
  }

  copy(): BufferedResponse {
    if (this.#used) throw new TypeError('Response.clone: Body has already been consumed.');
    return new BufferedResponse(this.#bytes, { ...this.#init, headers: new Headers(this.headers) }, this.url);
  }
}

// The Response members are replaced on the prototype: TypeScript types them as properties, so a
// class body cannot override them.
const method = (fn: (this: BufferedResponse) => unknown): PropertyDescriptor => ({ value: fn, configurable: true, writable: true });
Object.defineProperties(BufferedResponse.prototype, {
  body: {
    get(this: BufferedResponse) {
      return this.streamOfBody();
    },
    configurable: true,
  },
  bodyUsed: {
    get(this: BufferedResponse) {
      return this.wasRead();
    },
    configurable: true,
  },
  json: method(async function (this: BufferedResponse) {
    return this.takeJson();
  }),
  text: method(async function (this: BufferedResponse) {
    return decoder.decode(this.takeBytes());
  }),
  arrayBuffer: method(async function (this: BufferedResponse) {
    return this.takeBytes().slice().buffer;
  }),
  blob: method(async function (this: BufferedResponse) {
    return new Blob([this.takeBytes()], { type: this.headers.get('content-type') ?? '' });
  }),
  formData: method(async function (this: BufferedResponse) {
    return new Response(this.takeBytes(), { headers: this.headers }).formData();
  }),
  clone: method(function (this: BufferedResponse) {
    return this.copy();
  }),
});
