// `--listen` / `listen:` values: `127.0.0.1:9464`, `[::1]:9464`, `localhost:9464`, `0.0.0.0:9464`,
// or a bare port (loopback). `:9464` is refused: in Go tools it means every interface, and an
// exporter must not become reachable from the network by an omission.

export const DEFAULT_LISTEN = '127.0.0.1:9464';

export interface ListenAddress {
  readonly host: string;
  readonly port: number;
}

export class ListenAddressError extends Error {
  override readonly name = 'ListenAddressError';
}

export function parseListenAddress(text: string): ListenAddress {
  const value = text.trim();
  if (/^\d+$/.test(value)) return { host: '127.0.0.1', port: port(value, text) };
  const m = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+):(\d+)$/.exec(value);
  if (!m) {
    throw new ListenAddressError(
      `"${text.slice(0, 100)}" must be host:port, e.g. 127.0.0.1:9464 (this machine only) or 0.0.0.0:9464 (every interface)`,
    );
  }
  const host = m[1]!.startsWith('[') ? m[1]!.slice(1, -1) : m[1]!;
  return { host, port: port(m[2]!, text) };
}

function port(text: string, whole: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new ListenAddressError(`"${whole.slice(0, 100)}": the port must be 0-65535`);
  return n;
}

/** Loopback addresses: reachable from this machine only. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}
