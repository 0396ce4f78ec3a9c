// Hostile configuration for any client factory: every bad setting must end in ONE HuaweiCloudConfigError
// naming it (never a TypeError from `Headers` at the first call), and no message may carry a secret.
// Like client-fuzz-harness.ts it imports nothing from @hcdr/*: the caller passes factory and guards.
import { inspect } from 'node:util';
import fc from 'fast-check';
import { expect } from 'vitest';
import { hostileString, wrongType } from './client-fuzz-harness.js';

/** Embedded in every generated SK/token, so a partial leak is found even when the rest is mangled. */
const MARKER = 'Zq7SecretMarker';

type Source = 'option' | 'env' | 'profile';

export interface ConfigCase {
  source: Source;
  region: unknown;
  projectId: unknown;
  endpoint: unknown;
  credentials: { type: 'aksk'; ak: unknown; sk: unknown; st: unknown } | { type: 'token'; token: unknown };
}

const secretValue = (valid: string) =>
  fc.oneof(
    { weight: 5, arbitrary: fc.constant(valid) },
    { weight: 4, arbitrary: fc.tuple(hostileString, fc.boolean()).map(([h, front]) => (front ? `${MARKER}${h}` : `${h}${MARKER}`)) },
    { weight: 2, arbitrary: hostileString },
    { weight: 1, arbitrary: fc.constantFrom(`${MARKER}${'x'.repeat(100 * 1024)}`, `${MARKER}\u00e9\u00e9`, `${MARKER}\r\nX-Evil: 1`, '', '   ') },
    { weight: 1, arbitrary: wrongType },
  );

const ENDPOINTS = [
  'https://proxy.example',
  'https://proxy.example:8443/base/',
  'http://127.0.0.1:4010',
  'http://localhost:4010/',
  'http://[::1]:4010',
  'javascript:alert(1)',
  'data:text/plain,x',
  'file:///etc/passwd',
  'ftp://proxy.example',
  'http://evil.example',
  'http://10.0.0.1:4010',
  'http://u:p@127.0.0.1:4010',
  'https://user:secret@proxy.example',
  'https://proxy.example\r\n.evil',
  'https://proxy.exa\tmple',
  'https://proxy.example?',
  'https://proxy.example/#',
  'https://proxy.example?x=1',
  'https://例え.jp',
  'https://',
  '//proxy.example',
  'proxy.example',
  ' https://proxy.example',
  'https://proxy.example ',
];

export function configCaseArbitrary(validRegion: string): fc.Arbitrary<ConfigCase> {
  const valid = fc.constant;
  return fc.record({
    source: fc.constantFrom<Source>('option', 'env', 'profile'),
    region: fc.oneof({ weight: 6, arbitrary: valid(validRegion) }, { weight: 3, arbitrary: hostileString }, { weight: 1, arbitrary: wrongType }),
    projectId: fc.oneof(
      { weight: 6, arbitrary: valid('0123456789abcdef0123456789abcdef') },
      { weight: 3, arbitrary: hostileString },
      { weight: 1, arbitrary: wrongType },
    ),
    endpoint: fc.oneof(
      { weight: 8, arbitrary: fc.constant(undefined) },
      { weight: 4, arbitrary: fc.constantFrom(...ENDPOINTS) },
      { weight: 1, arbitrary: hostileString },
      { weight: 1, arbitrary: wrongType },
    ),
    credentials: fc.oneof(
      fc.record({
        type: fc.constant('aksk' as const),
        ak: fc.oneof({ weight: 6, arbitrary: valid('FUZZAK0123456789') }, { weight: 3, arbitrary: hostileString }, { weight: 1, arbitrary: wrongType }),
        sk: secretValue(`${MARKER}-sk-0123456789`),
        st: fc.oneof({ weight: 4, arbitrary: fc.constant(undefined) }, { weight: 4, arbitrary: secretValue(`${MARKER}-st-0123456789`) }),
      }),
      fc.record({ type: fc.constant('token' as const), token: secretValue(`${MARKER}-token-0123456789`) }),
    ),
  });
}

const REGION = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const PROJECT_ID = /^[A-Za-z0-9_-]{1,64}$/;
const VISIBLE_ASCII = /^[\x21-\x7e]+$/;

/** What the resolver sees: options are taken as given (a falsy one is unset), env and profile values trimmed. */
function seen(source: Source, value: unknown): unknown {
  if (source === 'option') return value || undefined;
  if (typeof value !== 'string') return undefined; // only strings can be put there; see toOptions
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

function credentialOk(value: unknown, max: number, isAk = false): boolean {
  return typeof value === 'string' && value.length <= max && VISIBLE_ASCII.test(value) && !(isAk && value.includes(','));
}

function endpointOk(value: string): boolean {
  if (value.length > 2048 || !VISIBLE_ASCII.test(value) || value.includes('?') || value.includes('#')) return false;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.username || url.password) return false;
  const loopback = url.hostname === 'localhost' || url.hostname === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(url.hostname);
  return url.protocol === 'https:' || (url.protocol === 'http:' && loopback);
}

/** The settings the resolver must name (an independent statement of the rules). */
export function expectedConfigProblems(c: ConfigCase, isKnownRegion: (region: string) => boolean): Set<string> {
  const bad = new Set<string>();
  const override = c.endpoint !== undefined && c.endpoint !== '';
  const region = seen(c.source, c.region);
  if (region === undefined) {
    if (!override) bad.add('region');
  } else if (typeof region !== 'string' || region.length > 64 || !REGION.test(region) || (!override && !isKnownRegion(region))) {
    bad.add('region');
  }
  const project = seen(c.source, c.projectId);
  if (typeof project !== 'string' || !PROJECT_ID.test(project)) bad.add('projectId');
  if (override && (typeof c.endpoint !== 'string' || !endpointOk(c.endpoint))) bad.add('endpoint');
  const cred = c.credentials;
  if (cred.type === 'token') {
    const token = seen(c.source, cred.token);
    if (!credentialOk(token, 64 * 1024)) bad.add('credentials');
  } else {
    const [ak, sk, st] = [seen(c.source, cred.ak), seen(c.source, cred.sk), seen(c.source, cred.st)];
    if (ak === undefined && sk === undefined && st === undefined) bad.add('credentials');
    else if (!credentialOk(ak, 256, true) || !credentialOk(sk, 256) || (st !== undefined && !credentialOk(st, 64 * 1024))) bad.add('credentials');
  }
  return bad;
}

/** Options that deliver the case's values through its source (option, environment, or a profile file). */
export function toOptions(c: ConfigCase): Record<string, unknown> {
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  // The metadata fallback is off: this property is about the static settings (credentials.test.ts covers the fallback).
  const noMetadata = { HCDR_METADATA_ENDPOINT: 'off' };
  const base: Record<string, unknown> = { env: noMetadata, homeDir: '/nonexistent-home', ...(c.endpoint !== undefined && { endpoint: c.endpoint }) };
  const cred = c.credentials;
  if (c.source === 'option') {
    const credentials =
      cred.type === 'token' ? { authToken: cred.token } : { accessKeyId: cred.ak, secretAccessKey: cred.sk, ...(cred.st !== undefined && { securityToken: cred.st }) };
    return { ...base, region: c.region, projectId: c.projectId, credentials };
  }
  if (c.source === 'env') {
    const env: Record<string, string | undefined> = {
      ...noMetadata,
      HUAWEICLOUD_SDK_REGION_ID: str(c.region),
      HUAWEICLOUD_SDK_PROJECT_ID: str(c.projectId),
      ...(cred.type === 'token'
        ? { HUAWEICLOUD_SDK_AUTH_TOKEN: str(cred.token) }
        : { HUAWEICLOUD_SDK_AK: str(cred.ak), HUAWEICLOUD_SDK_SK: str(cred.sk), HUAWEICLOUD_SDK_SECURITY_TOKEN: str(cred.st) }),
    };
    return { ...base, env };
  }
  const profile = {
    region: str(c.region),
    project_id: str(c.projectId),
    ...(cred.type === 'token'
      ? { auth_token: str(cred.token) }
      : { access_key_id: str(cred.ak), secret_access_key: str(cred.sk), security_token: str(cred.st) }),
  };
  const text = JSON.stringify({ profiles: { default: profile } });
  return {
    ...base,
    configFile: '/fuzz/config.json',
    fs: { readFile: (path: string) => (path === '/fuzz/config.json' ? text : undefined), fileMode: () => 0o600 },
  };
}

export interface ConfigErrorLike extends Error {
  problems: ReadonlyArray<{ setting: string; message: string }>;
}

function secretsOf(c: ConfigCase): string[] {
  const cred = c.credentials;
  const values = cred.type === 'token' ? [cred.token] : [cred.sk, cred.st];
  return values.filter((v): v is string => typeof v === 'string' && v.trim().length >= 8);
}

/** No secret (as is or JSON-escaped) and no secret marker in any rendering of the error. */
function expectNoSecret(renderings: string[], c: ConfigCase): void {
  for (const text of renderings) {
    expect(text.includes(MARKER), 'secret marker in output').toBe(false);
    for (const secret of secretsOf(c)) {
      expect(text.includes(secret) || text.includes(JSON.stringify(secret).slice(1, -1)), 'secret in output').toBe(false);
    }
  }
}

export interface ConfigFuzzStats {
  runs: number;
  accepted: number;
  refused: number;
  bySetting: Record<string, number>;
}

/**
 * Runs one case: either the factory throws a config error naming (at least) every expected setting,
 * with no secret in it; or it succeeds, the config serialises without secrets, and a first call goes
 * out with CR/LF-free headers.
 */
export async function runConfigCase(args: {
  c: ConfigCase;
  create: (options: Record<string, unknown>) => unknown;
  /** Makes one call through the client (which was created with a recording fetch). */
  call: (client: unknown) => Promise<unknown>;
  isConfigError: (e: unknown) => e is ConfigErrorLike;
  isKnownRegion: (region: string) => boolean;
  stats: ConfigFuzzStats;
}): Promise<void> {
  const { c, stats } = args;
  stats.runs++;
  const expected = expectedConfigProblems(c, args.isKnownRegion);
  const sent: Request[] = [];
  const fetch = async (request: Request) => {
    sent.push(request);
    return new Response('{}', { status: 200, headers: { 'content-type': 'application/json' } });
  };
  let client: unknown;
  try {
    client = args.create({ ...toOptions(c), fetch, maxRetries: 0 });
  } catch (error) {
    if (!args.isConfigError(error)) throw new Error(`expected a HuaweiCloudConfigError, got ${inspect(error)}`);
    const settings = new Set(error.problems.map((p) => p.setting));
    if (expected.size === 0) throw new Error(`a valid configuration was refused: ${error.message}`);
    for (const setting of expected) expect(settings.has(setting), `${setting} not named in: ${error.message}`).toBe(true);
    expectNoSecret([error.message, inspect(error, { depth: 10 }), JSON.stringify(error), String(error.stack)], c);
    stats.refused++;
    for (const s of settings) stats.bySetting[s] = (stats.bySetting[s] ?? 0) + 1;
    return;
  }
  if (expected.size > 0) throw new Error(`expected problems with ${[...expected].join(', ')}, but the client was created`);
  const config = (client as { config: unknown }).config;
  expectNoSecret([JSON.stringify(config), inspect(config, { depth: 10 })], c);
  await args.call(client);
  expect(sent).toHaveLength(1);
  for (const [name, value] of sent[0]?.headers ?? []) expect(/[\r\n\0]/.test(value), name).toBe(false);
  stats.accepted++;
}
