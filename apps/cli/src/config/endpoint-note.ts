// Which endpoint a request went to, and why that one: a stale HCDR_ENDPOINT, a per-region override
// variable or the wrong --region all end in the same "connection refused", and the fix depends on
// where the URL came from. Each client is wrapped so that any error it throws carries the note;
// the error printer (main.ts) shows it. Kept free of @hcdr/core imports (the brand check is local).
import type { ResolvedClientConfig } from '@hcdr/core';

export interface EndpointNote {
  /** The base URL requests were sent to. */
  url: string;
  /** Where it came from, in the user's words: `HCDR_ENDPOINT`, `--endpoint`, `the built-in endpoint of region x (--region)`. */
  source: string;
  /** What to do about it when it is wrong. */
  advice: string;
}

/** Where each connection value came from, when not from the global flag of the same name. */
export interface ConnectionOrigins {
  /** `--endpoint` (default), `HCDR_ENDPOINT`, `--primary-endpoint`... */
  endpoint?: string | undefined;
  /** `--region` (default), `--primary-region`... */
  region?: string | undefined;
}

const notes = new WeakMap<object, EndpointNote>();

/** The note attached to `error` or to an error in its cause chain. */
export function endpointNoteOf(error: unknown): EndpointNote | undefined {
  let current: unknown = error;
  for (let depth = 0; typeof current === 'object' && current !== null && depth < 8; depth++) {
    const note = notes.get(current);
    if (note) return note;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function attach(error: unknown, note: EndpointNote): void {
  if (typeof error === 'object' && error !== null && !notes.has(error)) notes.set(error, note);
}

/**
 * The client with every method's rejection tagged with `note`. A Proxy rather than a copy: waiters
 * and workflows receive the client and call whatever methods they need.
 */
export function withEndpointNote<C extends object>(client: C, note: EndpointNote): C {
  return new Proxy(client, {
    get(target, key, receiver) {
      const value: unknown = Reflect.get(target, key, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        try {
          const result: unknown = value.apply(target, args);
          if (result instanceof Promise) {
            return result.catch((error: unknown) => {
              attach(error, note);
              throw error;
            });
          }
          return result;
        } catch (error) {
          attach(error, note);
          throw error;
        }
      };
    },
  });
}

/** Describes the endpoint a client resolved: its URL, where it came from and how to change it. */
export function describeEndpoint(
  config: Pick<ResolvedClientConfig, 'baseUrl' | 'region' | 'sources' | 'profile' | 'service'>,
  options: { override?: string | undefined; origins?: ConnectionOrigins | undefined; regionEnvVar: (service: ResolvedClientConfig['service'], region: string) => string },
): EndpointNote {
  const url = config.baseUrl;
  if (options.override !== undefined) {
    const from = options.origins?.endpoint ?? '--endpoint';
    const advice =
      from === 'HCDR_ENDPOINT'
        ? 'HCDR_ENDPOINT is set in the environment (left over from a simulator session?): unset it to use the region endpoint, or start the simulator again.'
        : `Check ${from}, or omit it to use the region endpoint.`;
    return { url, source: from, advice };
  }
  const region = config.region ?? '?';
  if (config.sources.endpoint === 'env') {
    const variable = options.regionEnvVar(config.service, region);
    return { url, source: variable, advice: `Check ${variable}, or unset it to use the built-in endpoint of ${region}.` };
  }
  const regionFlag = options.origins?.region ?? '--region';
  const regionFrom =
    config.sources.region === 'option'
      ? regionFlag
      : config.sources.region === 'env'
        ? 'HUAWEICLOUD_SDK_REGION_ID'
        : `profile "${config.profile.name}" in ${config.profile.path}`;
  return {
    url,
    source: `the built-in endpoint of region ${region} (region from ${regionFrom})`,
    advice: `Check the region (${regionFlag}, HUAWEICLOUD_SDK_REGION_ID or the profile), the network and any proxy; --endpoint sends requests elsewhere.`,
  };
}
