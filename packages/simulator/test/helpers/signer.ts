import { createHash, createHmac } from 'node:crypto';

/**
 * A deliberately separate SDK-HMAC-SHA256 signer for tests (it shares no code with src/auth), so a
 * request accepted by the simulator shows that two independent readings of §D.2 agree.
 */
function enc(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function sdkDate(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

export interface SignInput {
  readonly method: string;
  readonly url: string;
  /** Headers to send and sign (besides host and x-sdk-date, which are added). */
  readonly headers: Record<string, string>;
  readonly body: string;
  readonly accessKey: string;
  readonly secretKey: string;
  readonly date: string;
  /** Host to sign when it differs from the URL's (e.g. a proxy that rewrites Host). */
  readonly host?: string;
  /** Payload hash to sign instead of the body's (what a stated X-Sdk-Content-Sha256 does). */
  readonly payloadHash?: string;
}

/** Returns the headers to send: the given ones plus X-Sdk-Date and Authorization (host is sent by fetch). */
export function sign(input: SignInput): Record<string, string> {
  const url = new URL(input.url);
  const toSign: Record<string, string> = { host: input.host ?? url.host, 'x-sdk-date': input.date };
  for (const [k, v] of Object.entries(input.headers)) toSign[k.toLowerCase()] = v;
  const names = Object.keys(toSign).sort();

  let path = decodeURIComponent(url.pathname).split('/').map(enc).join('/');
  if (!path.endsWith('/')) path += '/';
  const params = [...url.searchParams.entries()].sort(([ak, av], [bk, bv]) => (ak === bk ? (av < bv ? -1 : 1) : ak < bk ? -1 : 1));
  const query = params.map(([k, v]) => `${enc(k)}=${enc(v)}`).join('&');

  const canonical = [
    input.method,
    path,
    query,
    names.map((n) => `${n}:${toSign[n]}\n`).join(''),
    names.join(';'),
    input.payloadHash ?? createHash('sha256').update(input.body).digest('hex'),
  ].join('\n');
  const stringToSign = `SDK-HMAC-SHA256\n${input.date}\n${createHash('sha256').update(canonical).digest('hex')}`;
  const signature = createHmac('sha256', input.secretKey).update(stringToSign).digest('hex');
  const out: Record<string, string> = { ...input.headers, 'X-Sdk-Date': input.date };
  out.Authorization = `SDK-HMAC-SHA256 Access=${input.accessKey}, SignedHeaders=${names.join(';')}, Signature=${signature}`;
  return out;
}
