/**
 * Method + path-template matching, e.g. `/v3/{project_id}/instances/{instance_id}/instance-role`.
 * Templates are matched segment by segment against the RAW request path (the bytes the client sent),
 * and parameter values are percent-decoded. When several templates match, the one with more literal
 * segments wins, so `/instances/disaster-recovery/settings` beats `/instances/{instance_id}/...`.
 */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';

export interface RouteSpec<H> {
  readonly method: HttpMethod;
  readonly path: string;
  readonly operationId: string;
  readonly handler: H;
}

export interface RouteMatch<R> {
  readonly route: R;
  readonly params: Readonly<Record<string, string>>;
}

type AnyRoute = Pick<RouteSpec<unknown>, 'method' | 'path'>;

interface CompiledRoute<R> {
  readonly route: R;
  readonly segments: readonly Segment[];
  readonly literalCount: number;
}

type Segment = { readonly literal: string } | { readonly param: string };

function compile(path: string): Segment[] {
  if (!path.startsWith('/')) throw new Error(`route path must start with "/": ${path}`);
  return path
    .slice(1)
    .split('/')
    .map((part) => {
      const m = /^\{([A-Za-z0-9_]+)\}$/.exec(part);
      return m?.[1] !== undefined ? { param: m[1] } : { literal: part };
    });
}

export class Router<R extends AnyRoute> {
  readonly #routes: CompiledRoute<R>[];

  constructor(routes: readonly R[]) {
    this.#routes = routes.map((route) => {
      const segments = compile(route.path);
      return { route, segments, literalCount: segments.filter((s) => 'literal' in s).length };
    });
    const seen = new Set<string>();
    for (const r of this.#routes) {
      const key = `${r.route.method} ${r.route.path}`;
      if (seen.has(key)) throw new Error(`duplicate route ${key}`);
      seen.add(key);
    }
  }

  get routes(): readonly R[] {
    return this.#routes.map((r) => r.route);
  }

  match(method: string, rawPath: string): RouteMatch<R> | undefined {
    if (!rawPath.startsWith('/')) return undefined;
    const parts = rawPath.slice(1).split('/');
    let best: { compiled: CompiledRoute<R>; params: Record<string, string> } | undefined;
    for (const compiled of this.#routes) {
      if (compiled.route.method !== method || compiled.segments.length !== parts.length) continue;
      const params = matchSegments(compiled.segments, parts);
      if (params && (!best || compiled.literalCount > best.compiled.literalCount)) best = { compiled, params };
    }
    return best && { route: best.compiled.route, params: best.params };
  }
}

function matchSegments(segments: readonly Segment[], parts: readonly string[]): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  for (const [i, segment] of segments.entries()) {
    const part = parts[i];
    if (part === undefined) return undefined;
    if ('literal' in segment) {
      if (segment.literal !== part) return undefined;
      continue;
    }
    if (part === '') return undefined;
    try {
      params[segment.param] = decodeURIComponent(part);
    } catch {
      return undefined;
    }
  }
  return params;
}
