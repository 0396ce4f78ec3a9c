// The fuzz suite every typed client runs (see packages/geminidb/test/client-fuzz.test.ts and the dws one):
// 1. hostile input for every operation: refused before sending with the field named, or sent faithfully
//    and correctly signed; 2. hostile configuration through the client's own factory; 3. secret hygiene
//    against a server that echoes credentials and the request body back in its errors.
import { inspect } from 'node:util';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFetchHandler } from '../src/transport/fetch-handler.js';
import {
  callArbitrary,
  exampleBodies,
  findLeak,
  renderings,
  runFuzzCall,
  watchUnhandledRejections,
  type OperationMethod,
  type OperationRow,
  type ReceivedRequestLike,
  type RecordedCall,
  type ValidationErrorLike,
} from './client-fuzz-harness.js';
import { configCaseArbitrary, runConfigCase, type ConfigErrorLike, type ConfigFuzzStats } from './config-fuzz-harness.js';

export interface ClientFuzzTarget {
  service: string;
  operations: Readonly<Record<string, OperationRow>>;
  /** How many operations the spec has: the suite fails if the table and this disagree. */
  operationCount: number;
  /** `secretFields` of the generated table. */
  secretFields: readonly string[];
  /** Where each operation with a secret field carries it in its body. */
  secretPaths: Readonly<Record<string, readonly string[]>>;
  specUrl: URL;
  region: string;
  origin: string;
  knownRegions: readonly string[];
  createClient: (options: Record<string, unknown>) => unknown;
  /** The operation of the config fuzz's first call (one that needs no input, or `probeInput`). */
  probeOperation: string;
  /** Input of the probe call, for a service whose every operation needs one (an ID). */
  probeInput?: Record<string, unknown>;
  isValidationError: (e: unknown) => e is ValidationErrorLike;
  isApiError: (e: unknown) => boolean;
  isConfigError: (e: unknown) => e is ConfigErrorLike;
  verifySignature: (request: ReceivedRequestLike, options: { secretFor: (ak: string) => string | undefined; now: number }) => { ok: boolean };
  recordingFetch: (handler: (request: Request) => Response | Promise<Response>) => {
    fetch: (request: Request) => Promise<Response>;
    calls: RecordedCall[];
  };
  seed: number;
  /** Generated calls per operation for the input fuzz. */
  inputRuns: number;
  /** Generated secret sets per operation for the hygiene check (each is tried in every mode). */
  secretRuns: number;
  configRuns: number;
}

const NOW = Date.UTC(2025, 0, 15, 12, 0, 0);
const PROJECT = '0123456789abcdef0123456789abcdef';
const AK = 'FUZZACCESSKEY0001';
const FUZZ_SK = 'fuzz-sk-Qm9vYmFy-DO-NOT-LEAK';
const FUZZ_ST = 'fuzz-st-R2VtaW5p-DO-NOT-LEAK';
const FUZZ_TOKEN = 'fuzz-token-TUlJRXZn-DO-NOT-LEAK';

type Client = Record<string, OperationMethod>;
type Auth = 'aksk' | 'token';

/** Valid-looking path values (a 36-character id like the services use). */
const SAMPLE_ID = 'a1b2c3d4e5f64a7b8c9d0e1f2a3b4c5din12';

function setPath(root: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let node = root;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    node[key] = typeof next === 'object' && next !== null ? next : {};
    node = node[key] as Record<string, unknown>;
  }
  node[path[path.length - 1] as string] = value;
}

/** Alternates random letters/digits with characters that end a redaction regex early, so every 8-character piece is unique. */
function secretArbitrary(tricky: readonly string[]): fc.Arbitrary<string> {
  const alnum = fc.constantFrom(...'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789');
  return fc.array(fc.tuple(alnum, fc.constantFrom(...tricky)), { minLength: 5, maxLength: 16 }).map((pairs) => pairs.flat().join(''));
}

export function defineClientFuzzSuite(t: ClientFuzzTarget): void {
  const ids = Object.keys(t.operations);
  const bodies = exampleBodies(t.specUrl);
  const rejections = watchUnhandledRejections();
  const totals = { sent: 0, rejected: 0, fields: new Map<string, number>() };

  const clientFor = (auth: Auth, fetch: (r: Request) => Promise<Response>, extra: Record<string, unknown> = {}): Client =>
    t.createClient({
      region: t.region,
      projectId: PROJECT,
      credentials: auth === 'aksk' ? { accessKeyId: AK, secretAccessKey: FUZZ_SK, securityToken: FUZZ_ST } : { authToken: FUZZ_TOKEN },
      env: {},
      httpHandler: createFetchHandler(fetch),
      maxRetries: 0,
      now: () => NOW,
      ...extra,
    }) as Client;

  const verify = (request: ReceivedRequestLike) => t.verifySignature(request, { secretFor: (ak) => (ak === AK ? FUZZ_SK : undefined), now: NOW }).ok;

  describe(`${t.service} client fuzz`, () => {
    beforeAll(() => {
      totals.sent = 0;
      totals.rejected = 0;
    });
    afterAll(() => {
      rejections.stop();
    });

    it(`iterates all ${t.operationCount} operations of the table, each with a method`, () => {
      expect(ids).toHaveLength(t.operationCount);
      const client = clientFor('aksk', async () => new Response('{}'));
      for (const id of ids) expect(typeof client[id], id).toBe('function');
      // Every operation with a request body has a spec example to mutate.
      for (const id of ids) if (t.operations[id]?.body !== 'none') expect(bodies[id], `example body of ${id}`).toBeDefined();
    });

    describe('hostile input: refused before sending with the field named, or sent faithfully and signed', () => {
      it.each(ids.map((id, i) => [id, i] as const))(`%s (${t.inputRuns} generated calls)`, async (id, index) => {
        const row = t.operations[id] as OperationRow;
        const recorder = t.recordingFetch(() => new Response('{}', { status: 200, headers: { 'content-type': 'application/json' } }));
        const clients: Record<string, Client> = {
          'aksk/data': clientFor('aksk', recorder.fetch),
          'token/data': clientFor('token', recorder.fetch),
        };
        // The withResponse view of the same client goes through the same checks.
        clients['aksk/withResponse'] = (clients['aksk/data'] as Client)['withResponse'] as unknown as Client;
        let sent = 0;
        let rejected = 0;
        await fc.assert(
          fc.asyncProperty(callArbitrary(row, bodies[id]), fc.constantFrom('aksk/data', 'aksk/withResponse', 'token/data'), async (call, mode) => {
            const outcome = await runFuzzCall({
              operationId: id,
              row,
              call,
              method: (clients[mode] as Client)[id] as OperationMethod,
              calls: recorder.calls,
              isValidationError: t.isValidationError,
              context: { origin: t.origin, projectId: PROJECT, auth: mode.startsWith('aksk') ? 'aksk' : 'token', token: FUZZ_TOKEN, verify },
            });
            if (outcome === 'sent') sent++;
            else rejected++;
          }),
          { seed: t.seed + index, numRuns: t.inputRuns },
        );
        totals.sent += sent;
        totals.rejected += rejected;
        // fast-check counts shrinking runs too when a property fails; on success these are the generated cases.
        expect(sent + rejected).toBe(t.inputRuns);
        expect(sent, 'no valid call was generated').toBeGreaterThan(0);
        expect(rejected, 'no invalid call was generated').toBeGreaterThan(0);
      });

      it('reports the totals; no unhandled rejection happened', () => {
        console.info(
          `[client-fuzz] ${t.service}: ${ids.length} operations x ${t.inputRuns} = ${totals.sent + totals.rejected} generated calls, ${totals.sent} sent and verified, ${totals.rejected} refused before sending (seed ${t.seed}+i)`,
        );
        expect(totals.sent + totals.rejected).toBe(ids.length * t.inputRuns);
        expect(rejections.stop()).toEqual([]);
      });
    });

    describe('secret hygiene against a server that echoes credentials and the request body in its errors', () => {
      it('covers every secret field of the spec', () => {
        const covered = new Set(Object.values(t.secretPaths).map((path) => path[path.length - 1]));
        expect([...covered].sort()).toEqual([...t.secretFields].sort());
        for (const [id, path] of Object.entries(t.secretPaths)) {
          expect(t.operations[id]?.body, id).not.toBe('none');
          expect(path.length).toBeGreaterThan(0);
        }
      });

      const modes = (['aksk', 'token'] as const).flatMap((auth) =>
        (['data', 'withResponse'] as const).flatMap((view) => (['flat', 'nested', 'text'] as const).map((envelope) => ({ auth, view, envelope }))),
      );

      it.each(ids)(`%s: nothing secret in errors, results or logs (${t.secretRuns} secret sets x ${modes.length} modes)`, async (id) => {
        const row = t.operations[id] as OperationRow;
        let checks = 0;
        // SKs and IAM/security tokens are base64-like in practice. (Printable ASCII is accepted; a token
        // containing one of `"',;&}` is cut by scrubText's key=value pattern before the exact value is
        // replaced, see client-fuzz-known-leaks.test.ts.) The DR password may be anything.
        const credential = secretArbitrary(['-', '_', '.', '+', '/', '=']);
        const password = secretArbitrary([' ', '"', "'", ',', ';', '&', '}', '\\', ':', '=', 'é', '😀', '#', '%']);
        await fc.assert(
          fc.asyncProperty(fc.record({ sk: credential, st: credential, token: credential, password, padding: fc.nat(260) }), async (s) => {
            for (const mode of modes) {
              const input: Record<string, unknown> = {};
              for (const name of row.pathParams) if (name !== 'project_id') input[name] = SAMPLE_ID;
              if (row.requiredQueryParams.length) input['query'] = Object.fromEntries(row.requiredQueryParams.map((q) => [q, 'value-1']));
              const secretPath = t.secretPaths[id];
              if (row.body !== 'none') {
                const body = structuredClone(bodies[id] ?? {});
                if (secretPath) setPath(body, secretPath, s.password);
                input['body'] = body;
              }
              let echoed = '';
              const respond = async (request: Request): Promise<Response> => {
                const text = request.body === null ? '' : await request.text();
                const h = (name: string) => request.headers.get(name) ?? '';
                echoed = `authorization=${h('authorization')} x-auth-token=${h('x-auth-token')} x-security-token=${h('x-security-token')} body=${text}`;
                const detail = { headers: { authorization: h('authorization'), 'x-auth-token': h('x-auth-token'), 'x-security-token': h('x-security-token') }, body: text, echoed: [h('x-auth-token'), h('x-security-token'), text] };
                if (mode.envelope === 'flat') return jsonResponse(400, { error_code: 'DBS.280001', error_msg: `Invalid request: ${echoed}`, request: detail });
                if (mode.envelope === 'nested') return jsonResponse(400, { error: { code: 'DWS.0001', message: `Invalid request: ${echoed}`, details: detail } });
                // A gateway page; the padding moves the secrets across the 200-character snippet limit.
                return new Response(`<html><body><h1>400</h1><p>${'x'.repeat(s.padding)} ${echoed}</p></body></html>`, {
                  status: 400,
                  headers: { 'content-type': 'text/html' },
                });
              };
              const events: unknown[] = [];
              const client = t.createClient({
                region: t.region,
                projectId: PROJECT,
                credentials: mode.auth === 'aksk' ? { accessKeyId: AK, secretAccessKey: s.sk, securityToken: s.st } : { authToken: s.token },
                env: {},
                httpHandler: createFetchHandler(respond),
                maxRetries: 0,
                now: () => NOW,
                logger: (event: unknown) => events.push(event),
              }) as Client;
              const outputs: Record<string, string> = {};
              const view = (mode.view === 'data' ? client : client['withResponse']) as unknown as Client;
              const error = await (view[id] as OperationMethod)(input).then(
                () => new Error(`${id} resolved although the server answered 400`),
                (e: unknown) => e,
              );
              expect(t.isApiError(error), inspect(error)).toBe(true);
              Object.assign(outputs, renderings('error', error));
              outputs['log events'] = JSON.stringify(events);
              outputs['log events inspect'] = inspect(events, { depth: 10 });
              // The double really echoed what must not come back out.
              const used = mode.auth === 'aksk' ? [s.st] : [s.token];
              if (secretPath) used.push(s.password);
              for (const secret of used) expect(echoed.includes(secret) || echoed.includes(JSON.stringify(secret).slice(1, -1))).toBe(true);
              const leak = findLeak(outputs, [s.sk, s.st, s.token, s.password]);
              expect(leak, `${id} ${JSON.stringify(mode)}: ${leak}`).toBeUndefined();
              checks++;
            }
          }),
          { seed: t.seed + 1000, numRuns: t.secretRuns },
        );
        expect(checks).toBe(t.secretRuns * modes.length);
      });
    });

    describe('hostile configuration through the client factory', () => {
      it(`throws one HuaweiCloudConfigError naming the setting, never quoting a secret (${t.configRuns} cases)`, async () => {
        const stats: ConfigFuzzStats = { runs: 0, accepted: 0, refused: 0, bySetting: {} };
        const known = new Set(t.knownRegions);
        await fc.assert(
          fc.asyncProperty(configCaseArbitrary(t.region), (c) =>
            runConfigCase({
              c,
              create: t.createClient,
              call: (client) => ((client as Client)[t.probeOperation] as OperationMethod)(t.probeInput),
              isConfigError: t.isConfigError,
              isKnownRegion: (r) => known.has(r),
              stats,
            }),
          ),
          { seed: t.seed + 2000, numRuns: t.configRuns },
        );
        console.info(`[config-fuzz] ${t.service} factory: ${stats.runs} cases, ${stats.accepted} accepted, ${stats.refused} refused`, stats.bySetting);
        expect(stats.runs).toBe(t.configRuns);
        expect(stats.accepted).toBeGreaterThan(0);
        expect(stats.refused).toBeGreaterThan(0);
      });
    });
  });
}

function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}
