// The Response the transport hands back, served from the bytes it already read.
import { describe, expect, it } from 'vitest';
import { BufferedResponse } from '../src/transport/buffered-response.js';

const bytes = () => new TextEncoder().encode('{"job_id":"j-1","n":2}');
const make = () => new BufferedResponse(bytes(), { status: 202, statusText: 'Accepted', headers: { 'content-type': 'application/json', 'x-request-id': 'r-1' } }, 'http://h.example/v3/p/x');

describe('BufferedResponse', () => {
  it('is a Response with status, headers and url, and parses its bytes once', async () => {
    const r = make();
    expect(r).toBeInstanceOf(Response);
    expect(r).toMatchObject({ status: 202, ok: true, statusText: 'Accepted', url: 'http://h.example/v3/p/x', bodyUsed: false });
    expect(r.headers.get('x-request-id')).toBe('r-1');
    expect(await r.json()).toEqual({ job_id: 'j-1', n: 2 });
    expect(r.bodyUsed).toBe(true);
    await expect(r.text()).rejects.toThrow(TypeError);
    expect(() => r.clone()).toThrow(TypeError);
  });

  it('clones into independent readers; text, arrayBuffer and blob give the same bytes', async () => {
    const r = make();
    const a = r.clone();
    const b = r.clone();
    expect(await a.text()).toBe('{"job_id":"j-1","n":2}');
    expect(new Uint8Array(await b.arrayBuffer())).toEqual(bytes());
    const blob = await r.blob();
    expect(blob.type).toBe('application/json');
    expect(await blob.text()).toBe('{"job_id":"j-1","n":2}');
  });

  it('offers the body as a stream for callers that read it that way', async () => {
    const r = make();
    const body = r.body;
    expect(body).not.toBeNull();
    expect(r.body).toBe(body);
    const text = await new Response(body).text();
    expect(text).toBe('{"job_id":"j-1","n":2}');
  });

  it('an arrayBuffer is a copy: changing it does not change what the next clone reads', async () => {
    const r = make();
    const copy = r.clone();
    const buffer = new Uint8Array(await r.arrayBuffer());
    buffer[0] = 0x5b;
    expect(await copy.json()).toEqual({ job_id: 'j-1', n: 2 });
  });
});

describe('BufferedResponse JSON handed over by the client check', () => {
  it('json() returns the remembered value once, and a clone parses its own copy', async () => {
    const r = make();
    const remembered = { job_id: 'remembered' };
    r.rememberJson(remembered);
    const copy = r.clone();
    expect(await r.json()).toBe(remembered);
    await expect(r.json()).rejects.toThrow(TypeError);
    expect(await copy.json()).toEqual({ job_id: 'j-1', n: 2 });
  });
});
