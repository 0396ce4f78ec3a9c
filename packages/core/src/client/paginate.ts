// The engine behind the generated `paginate<Operation>` functions of the client packages: APIs that
// page with `offset` (items to skip) and `limit` (items per page).
import type { CallOptions } from './operation-types.js';

export interface PaginateOptions<PageSize extends number = number> {
  /** Items per request (default: the most the API allows). */
  pageSize?: PageSize | undefined;
  /** Cancels the iteration, including a request in flight. */
  signal?: AbortSignal | undefined;
}

/** Where a list operation's answer keeps its items and total, and its largest page. */
export interface OffsetPaging {
  /** The array property holding the items, e.g. `jobs`. */
  readonly items: string;
  /** The integer property holding the total number of items, e.g. `total_count`, when the API has one. */
  readonly total?: string | undefined;
  /** The page size used when neither `options.pageSize` nor `input.query.limit` gives one. */
  readonly pageSize: number;
}

/**
 * Yields every item of an offset/limit list operation, one request per page, starting at
 * `input.query.offset` (default 0). It stops at an empty page, once `offset` reaches the total the API
 * reports, or, when it reports none, at a page shorter than the page size. Other query fields (filters)
 * are sent with every page. Errors of a page are thrown from the iteration.
 */
export async function* paginateOffset<Input extends { query?: object | undefined }, Item>(
  fetchPage: (input: Input, call: CallOptions) => Promise<unknown>,
  input: Input | undefined,
  paging: OffsetPaging,
  options: PaginateOptions = {},
): AsyncGenerator<Item, void, undefined> {
  const query = (input?.query ?? {}) as { offset?: number | undefined; limit?: number | undefined };
  const limit = options.pageSize ?? query.limit ?? paging.pageSize;
  let offset = query.offset ?? 0;
  const call: CallOptions = options.signal ? { signal: options.signal } : {};
  for (;;) {
    const page = (await fetchPage({ ...input, query: { ...query, offset, limit } } as Input, call)) as Record<string, unknown> | undefined;
    const items = page?.[paging.items];
    if (!Array.isArray(items) || items.length === 0) return;
    yield* items as Item[];
    offset += items.length;
    const total = paging.total === undefined ? undefined : page?.[paging.total];
    if (typeof total === 'number' ? offset >= total : items.length < limit) return;
  }
}
