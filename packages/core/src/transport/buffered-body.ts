/**
 * The bytes behind each Response the transport returns. The transport has read every body into
 * memory already; a later check of those bytes (the client's JSON guard) looks them up here instead
 * of cloning the Response, which would tee its stream and copy the body again.
 */
const bodies = new WeakMap<Response, Uint8Array>();

export function rememberBufferedBody(response: Response, bytes: Uint8Array): void {
  bodies.set(response, bytes);
}

/** The buffered bytes of a Response this transport produced; undefined for any other Response. */
export function bufferedBodyOf(response: Response): Uint8Array | undefined {
  return bodies.get(response);
}
