import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { resolveClientConfig } from '../src/config/resolve-config.js';
import { toApiError } from '../src/errors/to-api-error.js';
import { ALWAYS_REDACTED_HEADERS, redactHeaders } from '../src/logging/headers.js';
import { redact, redactJsonText, scrubText } from '../src/logging/redact.js';
import type { RequestLogEvent } from '../src/logging/types.js';
import { createTransport } from '../src/transport/create-transport.js';
import { poll } from '../src/waiters/poll.js';
import { ALL_TEST_SECRETS, TEST_AK, TEST_AUTH_TOKEN, TEST_PASSWORD, TEST_PROJECT, TEST_SECURITY_TOKEN, TEST_SK, json, networkError, exampleService } from './helpers.js';

describe('redact()', () => {
  it('redacts secret keys deeply, in objects and arrays, leaving other values alone', () => {
    const body = {
      alias: 'dr-test',
      password: TEST_PASSWORD,
      disaster_recovery_instance: { id: 'inst-b', node_ips: ['10.0.0.1'] },
      disaster_recovery: { primary_cluster_info: { db_admin_pwd: TEST_PASSWORD, cluster_id: 'c1' } },
      users: [{ name: 'a', new_password: 'x1' }, { name: 'b', adminPwd: 'x2' }],
      credentials: { secret_access_key: TEST_SK },
      'X-Auth-Token': TEST_AUTH_TOKEN,
      security_token: TEST_SECURITY_TOKEN,
      count: 3,
      nothing: null,
    };
    const out = redact(body);
    expect(out).toEqual({
      alias: 'dr-test',
      password: '[REDACTED]',
      disaster_recovery_instance: { id: 'inst-b', node_ips: ['10.0.0.1'] },
      disaster_recovery: { primary_cluster_info: { db_admin_pwd: '[REDACTED]', cluster_id: 'c1' } },
      users: [
        { name: 'a', new_password: '[REDACTED]' },
        { name: 'b', adminPwd: '[REDACTED]' },
      ],
      credentials: '[REDACTED]',
      'X-Auth-Token': '[REDACTED]',
      security_token: '[REDACTED]',
      count: 3,
      nothing: null,
    });
    expect(body.password).toBe(TEST_PASSWORD); // input untouched
  });

  it('supports extra keys and a custom replacement', () => {
    expect(redact({ alias: 'a', name: 'n' }, { keys: ['alias'], replacement: '***' })).toEqual({ alias: '***', name: 'n' });
  });

  it('survives cycles and leaves class instances and primitives as they are', () => {
    const a: Record<string, unknown> = { password: 'p' };
    a['self'] = a;
    expect(redact(a)).toEqual({ password: '[REDACTED]', self: '[Circular]' });
    const d = new Date(0);
    expect(redact({ when: d }).when).toBe(d);
    expect(redact('plain')).toBe('plain');
  });

  it('redactJsonText handles JSON and refuses to show non-JSON bodies', () => {
    expect(redactJsonText(`{"password":"${TEST_PASSWORD}","alias":"x"}`)).toBe('{"password":"[REDACTED]","alias":"x"}');
    expect(redactJsonText(`password=${TEST_PASSWORD}`)).toBe('[non-JSON body, 35 characters, not shown]');
    expect(redactJsonText('')).toBe('');
  });

  it('scrubText removes token-looking assignments and known secret values', () => {
    expect(scrubText('x-security-token:abc123\nhost:h')).toBe('x-security-token:[REDACTED]\nhost:h');
    expect(scrubText('Authorization=SDK-HMAC-SHA256 Signature=deadbeef')).toBe('Authorization=[REDACTED] Signature=[REDACTED]');
    expect(scrubText(`key ${TEST_SK} here`, [TEST_SK])).toBe('key [REDACTED] here');
  });
});

describe('redactHeaders()', () => {
  it('shows allow-listed values and redacts the rest', () => {
    const h = new Headers({ 'content-type': 'application/json', 'x-project-id': 'p', 'x-custom': 'c', authorization: 'SDK-HMAC-SHA256 Access=AK, Signature=s' });
    expect(redactHeaders(h)).toEqual({ 'content-type': 'application/json', 'x-project-id': 'p', 'x-custom': '[REDACTED]', authorization: '[REDACTED]' });
  });

  it('never shows credentials headers, even when allow-listed', () => {
    const h = new Headers({ authorization: 'a', 'x-auth-token': 'b', 'x-security-token': 'c', 'x-custom': 'd' });
    expect(redactHeaders(h, [...ALWAYS_REDACTED_HEADERS, 'x-custom'])).toEqual({ authorization: '[REDACTED]', 'x-auth-token': '[REDACTED]', 'x-security-token': '[REDACTED]', 'x-custom': 'd' });
  });
});

describe('no secret ever appears in a log line or an error message', () => {
  it('scans every captured log event and error produced by a range of failures', async () => {
    const lines: string[] = [];
    const capture = (e: RequestLogEvent) => lines.push(JSON.stringify(e), inspect(e, { depth: 10 }));
    const errors: unknown[] = [];
    const body = JSON.stringify({ alias: 'dr', password: TEST_PASSWORD, instance_role: 'master' });
    const akskAuth = { type: 'aksk' as const, accessKeyId: TEST_AK, secretAccessKey: TEST_SK, securityToken: TEST_SECURITY_TOKEN };
    const tokenAuth = { type: 'token' as const, token: TEST_AUTH_TOKEN };

    // 1. APIGW.0301 whose message echoes the canonical request (incl. the signed security token) and the SK
    for (const auth of [akskAuth, tokenAuth]) {
      const transport = createTransport({
        auth,
        projectId: TEST_PROJECT,
        logger: capture,
        sleep: async () => {},
        fetch: async (req) =>
          json(401, {
            error_code: 'APIGW.0301',
            // The gateway can only echo what it received: every header value, bare and as name:value.
            error_msg: `Incorrect IAM authentication information: canonical request ${[...req.headers].map(([k, v]) => `${k}:${v}`).join('\n')} values ${[...req.headers.values()].join(' ')}`,
            request_id: 'r',
          }),
      });
      const res = await transport(new Request('https://h.example/v3/p/instances/i/disaster-recovery/construction', { method: 'POST', body }));
      errors.push(toApiError(res, await res.json(), 'CreateDisasterRecovery'));
    }

    // 2. network error, 3. timeout, 4. abort, 5. retried 503s with logging
    const failing = [
      createTransport({ auth: akskAuth, logger: capture, maxRetries: 0, fetch: async () => { throw networkError('ECONNRESET'); } }),
      createTransport({ auth: akskAuth, logger: capture, maxRetries: 0, timeoutMs: 5, fetch: () => new Promise<Response>(() => {}) }),
    ];
    for (const t of failing) errors.push(await t(new Request('https://h.example/x', { method: 'POST', body })).catch((e: unknown) => e));
    const aborting = createTransport({ auth: tokenAuth, logger: capture, fetch: () => new Promise<Response>(() => {}) });
    errors.push(await aborting(new Request('https://h.example/x', { signal: AbortSignal.timeout(5) })).catch((e: unknown) => e));
    const retrying = createTransport({ auth: akskAuth, logger: capture, sleep: async () => {}, fetch: async () => json(503, { error_msg: 'busy' }) });
    await retrying(new Request('https://h.example/x', { headers: { 'x-extra': 'v' } }));

    // 6. configuration errors with secrets present in env and in a badly-protected profile file
    const env = { HUAWEICLOUD_SDK_SK: TEST_SK, HUAWEICLOUD_SDK_SECURITY_TOKEN: TEST_SECURITY_TOKEN, HUAWEICLOUD_SDK_AUTH_TOKEN: TEST_AUTH_TOKEN };
    const fs = { readFile: () => JSON.stringify({ profiles: { default: { secret_access_key: TEST_SK, auth_token: TEST_AUTH_TOKEN } } }), fileMode: () => 0o644 };
    for (const e of [env, {}]) {
      try {
        resolveClientConfig({ service: exampleService, env: e, fs, homeDir: '/h' });
      } catch (err) {
        errors.push(err);
      }
    }

    // 7. a waiter failure whose state carries a password
    const waited = await poll({ fetchState: async () => ({ status: 'Failed', password: TEST_PASSWORD }), classify: () => ({ status: 'failure', reason: 'x' }), initialDelayMs: 0 });
    expect(waited.state).toBe('failed');

    // 8. a --dry-run style body dump
    lines.push(JSON.stringify(redact(JSON.parse(body))));

    expect(errors).toHaveLength(7);
    expect(lines.length).toBeGreaterThan(10);
    const texts = [
      ...lines,
      ...errors.flatMap((e) => [String(e), (e as Error).message, JSON.stringify(e), inspect(e, { depth: 10 })]),
    ];
    for (const text of texts) {
      for (const secret of ALL_TEST_SECRETS) expect(text).not.toContain(secret);
    }
    // sanity: the scan looks at real content
    expect(texts.join('\n')).toContain('APIGW.0301');
    expect(texts.join('\n')).toContain(TEST_PROJECT);
  });
});
