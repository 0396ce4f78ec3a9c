import { describe, expect, it } from 'vitest';
import { paginateOffset } from '../src/client/paginate.js';

type Input = { query?: { offset?: number; limit?: number; status?: string } };

/** A list of `size` items served by offset/limit, recording each request. */
function listOf(size: number, options: { cap?: number; total?: boolean } = {}) {
  const requests: Input['query'][] = [];
  const fetchPage = async (input: Input) => {
    requests.push(input.query);
    const offset = input.query?.offset ?? 0;
    const limit = Math.min(input.query?.limit ?? 10, options.cap ?? Number.POSITIVE_INFINITY);
    const items = Array.from({ length: Math.max(0, Math.min(limit, size - offset)) }, (_, i) => offset + i);
    return options.total === false ? { items } : { items, total_count: size };
  };
  return { fetchPage, requests };
}

async function all(iterable: AsyncIterable<number>): Promise<number[]> {
  const out: number[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

describe('paginateOffset', () => {
  it('walks every item once, page by page, keeping the other query fields', async () => {
    const list = listOf(25);
    const items = await all(paginateOffset<Input, number>(list.fetchPage, { query: { status: 'x' } }, { items: 'items', total: 'total_count', pageSize: 10 }));
    expect(items).toEqual(Array.from({ length: 25 }, (_, i) => i));
    expect(list.requests).toEqual([
      { status: 'x', offset: 0, limit: 10 },
      { status: 'x', offset: 10, limit: 10 },
      { status: 'x', offset: 20, limit: 10 },
    ]);
  });

  it('trusts the total over a short page (a server that caps the page below the limit)', async () => {
    const list = listOf(7, { cap: 3 });
    expect(await all(paginateOffset<Input, number>(list.fetchPage, undefined, { items: 'items', total: 'total_count', pageSize: 50 }))).toHaveLength(7);
    expect(list.requests.map((q) => q?.offset)).toEqual([0, 3, 6]);
  });

  it('without a total, stops at the first short page; an exact multiple costs one empty page', async () => {
    const short = listOf(15, { total: false });
    expect(await all(paginateOffset<Input, number>(short.fetchPage, undefined, { items: 'items', pageSize: 10 }))).toHaveLength(15);
    expect(short.requests).toHaveLength(2);
    const exact = listOf(20, { total: false });
    expect(await all(paginateOffset<Input, number>(exact.fetchPage, undefined, { items: 'items', pageSize: 10 }))).toHaveLength(20);
    expect(exact.requests).toHaveLength(3);
  });

  it('takes the page size from options, then from input.query.limit, and starts at input.query.offset', async () => {
    const list = listOf(30);
    await all(paginateOffset<Input, number>(list.fetchPage, { query: { offset: 5, limit: 20 } }, { items: 'items', total: 'total_count', pageSize: 10 }, { pageSize: 15 }));
    expect(list.requests).toEqual([
      { offset: 5, limit: 15 },
      { offset: 20, limit: 15 },
    ]);
  });

  it('stops when a page has no items array (nothing to iterate), without looping', async () => {
    const requests: unknown[] = [];
    const items = await all(
      paginateOffset<Input, number>(async (input) => (requests.push(input), { total_count: 100 }), undefined, { items: 'items', total: 'total_count', pageSize: 10 }),
    );
    expect(items).toEqual([]);
    expect(requests).toHaveLength(1);
  });

  it('passes the signal to every page request', async () => {
    const signal = new AbortController().signal;
    const seen: unknown[] = [];
    await all(paginateOffset<Input, number>(async (_input, call) => (seen.push(call.signal), { items: [1] }), undefined, { items: 'items', pageSize: 10 }, { signal }));
    expect(seen).toEqual([signal]);
  });
});
