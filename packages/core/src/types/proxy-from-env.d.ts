// proxy-from-env 2.1.0 ships no type declarations.
declare module 'proxy-from-env' {
  /** The proxy URL for `url` from *_PROXY / NO_PROXY (either case) in process.env; '' for none. */
  export function getProxyForUrl(url: string | URL): string;
}
