import { describe, expect, it } from 'vitest';
import { HuaweiCloudApiError, isHuaweiCloudApiError } from '../src/errors/api-error.js';
import { ERROR_BRAND, HuaweiCloudError, isHuaweiCloudError } from '../src/errors/base.js';
import {
  HuaweiCloudAbortError,
  HuaweiCloudConfigError,
  HuaweiCloudNetworkError,
  HuaweiCloudTimeoutError,
  HuaweiCloudWaiterError,
  isHuaweiCloudAbortError,
  isHuaweiCloudConfigError,
  isHuaweiCloudNetworkError,
  isHuaweiCloudTimeoutError,
  isHuaweiCloudWaiterError,
} from '../src/errors/errors.js';
import { parseErrorBody, textSnippet } from '../src/errors/parse-error-body.js';
import { toApiError } from '../src/errors/to-api-error.js';
import { HuaweiCloudValidationError, isHuaweiCloudValidationError } from '../src/errors/validation-error.js';

const res = (status: number, headers: Record<string, string> = {}, statusText = '') => new Response(null, { status, statusText, headers });

describe('parseErrorBody', () => {
  it('reads {error_code, error_msg}', () => {
    expect(parseErrorBody({ error_code: 'DBS.200001', error_msg: 'Parameter error' })).toMatchObject({ code: 'DBS.200001', message: 'Parameter error' });
  });
  it('reads {error: {code, message}}', () => {
    expect(parseErrorBody({ error: { code: 'Ecs.0114', message: 'bad' } })).toMatchObject({ code: 'Ecs.0114', message: 'bad' });
  });
  it('reads a service\'s own fields (errorFields) after the shared envelopes, before a bare code/message', () => {
    const fields = { code: ['errCode'], message: ['externalMessage'] };
    expect(parseErrorBody({ errCode: 'SVC.100', externalMessage: 'old api' }, fields)).toMatchObject({ code: 'SVC.100', message: 'old api' });
    expect(parseErrorBody({ errCode: 'SVC.100', externalMessage: 'old api' })).toMatchObject({ code: undefined, message: undefined });
    expect(parseErrorBody({ error_code: 'A.1', errCode: 'SVC.100', code: 'C' }, fields).code).toBe('A.1');
    expect(parseErrorBody({ errCode: 'SVC.100', code: 'C', message: 'm' }, fields)).toMatchObject({ code: 'SVC.100', message: 'm' });
  });
  it('parses a JSON text and picks up request_id and encoded_authorization_message', () => {
    expect(parseErrorBody('{"error_code":"APIGW.0301","error_msg":"x","request_id":"r1","encoded_authorization_message":"enc"}')).toEqual({
      code: 'APIGW.0301',
      message: 'x',
      requestId: 'r1',
      encodedAuthorizationMessage: 'enc',
    });
  });
  it('returns nothing for HTML, arrays and primitives', () => {
    expect(parseErrorBody('<html>x</html>')).toEqual({});
    expect(parseErrorBody([1])).toEqual({});
    expect(parseErrorBody(42)).toEqual({});
    expect(parseErrorBody(undefined)).toEqual({});
  });
});

describe('textSnippet', () => {
  it('strips tags, scripts and entities and collapses whitespace', () => {
    const html = '<html><head><style>body{}</style><script>alert(1)</script><title>502 Bad Gateway</title></head>\n<body><h1>502&nbsp;Bad Gateway</h1><hr><center>nginx &amp; co</center></body></html>';
    expect(textSnippet(html)).toBe('502 Bad Gateway 502 Bad Gateway nginx & co');
  });
  it('truncates long text', () => {
    const s = textSnippet('x'.repeat(1000), 50);
    expect(s).toHaveLength(50);
    expect(s.endsWith('…')).toBe(true);
  });
});

describe('toApiError', () => {
  it('scrubs a known secret from a text body before shortening it, so no fragment survives at the cut', () => {
    const secret = 'sk-secret-value-0123456789abcdef';
    for (let pad = 180; pad <= 200; pad += 4) {
      const body = `${'x'.repeat(pad)} ${secret} trailing text`;
      const error = toApiError(new Response(body, { status: 502 }), body, 'op', { secrets: [secret] });
      expect(error.message).not.toContain(secret.slice(0, 12));
    }
  });


  it('maps the GeminiDB envelope with request id and operation', () => {
    const e = toApiError(res(400, { 'x-request-id': 'req-123' }), { error_code: 'DBS.200001', error_msg: 'Parameter error' }, 'CreateDisasterRecovery');
    expect(e).toBeInstanceOf(HuaweiCloudApiError);
    expect(e).toBeInstanceOf(HuaweiCloudError);
    expect(e).toMatchObject({ status: 400, code: 'DBS.200001', errorMessage: 'Parameter error', requestId: 'req-123', operation: 'CreateDisasterRecovery', retryable: false, busy: false });
    expect(e.message).toBe('DBS.200001: Parameter error (HTTP 400, CreateDisasterRecovery, request id req-123).');
    expect(e.name).toBe('HuaweiCloudApiError');
  });

  it('maps the nested envelope', () => {
    const e = toApiError(res(404), { error: { code: 'DWS.0001', message: 'not found' } }, 'GET /v2/p/disaster-recovery/x');
    expect(e).toMatchObject({ code: 'DWS.0001', errorMessage: 'not found', operation: 'GET /v2/p/disaster-recovery/x' });
  });

  it('gives a useful error for a gateway HTML page', () => {
    const e = toApiError(res(502, {}, 'Bad Gateway'), '<html><body><h1>502 Bad Gateway</h1><p>openresty</p></body></html>', 'ListJobs');
    expect(e.code).toBeUndefined();
    expect(e.errorMessage).toBe('HTTP 502 Bad Gateway: 502 Bad Gateway openresty');
    expect(e.retryable).toBe(true);
    expect(e.message).not.toContain('<');
  });

  it('handles an empty body', () => {
    const e = toApiError(res(503, {}, 'Service Unavailable'), undefined, 'ListJobs');
    expect(e.errorMessage).toBe('HTTP 503 Service Unavailable');
    expect(e.retryable).toBe(true);
  });

  it('adds the clock-skew / wrong-key hint to APIGW.0301', () => {
    const e = toApiError(res(401), { error_code: 'APIGW.0301', error_msg: 'Incorrect IAM authentication information: verify aksk signature fail', request_id: 'gw-1' }, 'ListJobs');
    expect(e.hint).toMatch(/clock/);
    expect(e.hint).toMatch(/access key/);
    expect(e.message).toContain('Hint:');
    expect(e.requestId).toBe('gw-1');
    const other = toApiError(res(401), { error_code: 'APIGW.0302', error_msg: 'x' }, 'op');
    expect(other.hint).toBeUndefined();
  });

  it('marks the service\'s busy codes as retryable and busy; no code is busy by default', () => {
    const rules = { busyCodes: ['SVC.BUSY'], errorFields: { code: ['errCode'] } };
    expect(toApiError(res(409), { error_code: 'SVC.BUSY', error_msg: 'Another operation' }, 'op', rules)).toMatchObject({ busy: true, retryable: true });
    expect(toApiError(res(409), { errCode: 'SVC.BUSY' }, 'op', rules)).toMatchObject({ code: 'SVC.BUSY', busy: true });
    expect(toApiError(res(409), { error_code: 'SVC.BUSY', error_msg: 'Another operation' }, 'op')).toMatchObject({ busy: false, retryable: false });
  });

  it('falls back to the URL path when no operation is given', () => {
    const r = res(500);
    Object.defineProperty(r, 'url', { value: 'https://h/v3/p/jobs?id=1' });
    expect(toApiError(r, {}).operation).toBe('/v3/p/jobs');
  });

  it('keeps a redacted copy of the body and scrubs echoed secrets', () => {
    const e = toApiError(
      res(401),
      { error_code: 'APIGW.0301', error_msg: 'canonical request: x-security-token:SECRETTOKENVALUE\nhost:h', password: 'p@ss' },
      'op',
      { secrets: ['EXTRA-KNOWN-SECRET'] },
    );
    expect(e.message).not.toContain('SECRETTOKENVALUE');
    expect(e.details).toMatchObject({ password: '[REDACTED]' });
    expect(JSON.stringify(e.details)).not.toContain('SECRETTOKENVALUE');
  });
});

describe('HuaweiCloudConfigError message', () => {
  it('shows control and bidi characters from user-supplied values escaped, keeping its own line breaks', () => {
    const path = '/tmp/\u001b[2Jevil\rprofile\u202Etxt.json';
    const error = new HuaweiCloudConfigError([{ setting: 'configFile', message: `Profile file ${path} does not exist.`, fixes: ['Create it.'] }]);
    for (const raw of ['\u001b', '\r', '\u202E']) expect(error.message).not.toContain(raw);
    expect(error.message).toContain('\\u001b[2Jevil\\u000dprofile\\u202etxt.json');
    expect(error.message.split('\n')).toHaveLength(3);
  });
});

describe('error classes and guards', () => {
  const all = [
    [new HuaweiCloudApiError({ status: 500, errorMessage: 'x', operation: 'op', retryable: false }), isHuaweiCloudApiError],
    [new HuaweiCloudNetworkError({ operation: 'op', beforeSend: false, attempts: 1 }), isHuaweiCloudNetworkError],
    [new HuaweiCloudTimeoutError({ operation: 'op', scope: 'attempt', timeoutMs: 1, attempts: 1 }), isHuaweiCloudTimeoutError],
    [new HuaweiCloudAbortError({ operation: 'op' }), isHuaweiCloudAbortError],
    [new HuaweiCloudConfigError([{ setting: 'region', message: 'missing' }]), isHuaweiCloudConfigError],
    [new HuaweiCloudWaiterError({ kind: 'timeout', attempts: 1, elapsedMs: 1 }), isHuaweiCloudWaiterError],
    [new HuaweiCloudValidationError({ operation: 'showInstanceRole', field: 'instance_id', rule: 'is required' }), isHuaweiCloudValidationError],
  ] as const;

  it('each guard recognises exactly its own class, and all are HuaweiCloudError', () => {
    for (const [error] of all) {
      expect(isHuaweiCloudError(error)).toBe(true);
      expect(error).toBeInstanceOf(Error);
      expect(error).toBeInstanceOf(HuaweiCloudError);
      for (const [other, otherGuard] of all) expect(otherGuard(error)).toBe(other === error);
    }
  });

  it('guards reject non-errors', () => {
    for (const v of [null, undefined, 'HuaweiCloudApiError', {}, new Error('x'), { name: 'HuaweiCloudApiError' }]) {
      expect(isHuaweiCloudError(v)).toBe(false);
      expect(isHuaweiCloudApiError(v)).toBe(false);
    }
  });

  it('recognises an error from a duplicated package copy (same Symbol.for brand, different class)', () => {
    // Simulates another copy of @hcdr/core: its own class, branded through the global symbol registry.
    class ForeignApiError extends Error {}
    const foreign = new ForeignApiError('from another copy');
    Object.defineProperty(foreign, Symbol.for('@hcdr/core/error-brand'), { value: ['HuaweiCloudError', 'HuaweiCloudApiError'] });
    expect(ERROR_BRAND).toBe(Symbol.for('@hcdr/core/error-brand'));
    expect(isHuaweiCloudApiError(foreign)).toBe(true);
    expect(isHuaweiCloudError(foreign)).toBe(true);
    expect(isHuaweiCloudNetworkError(foreign)).toBe(false);
    expect(foreign instanceof HuaweiCloudApiError).toBe(true);
    expect(foreign instanceof HuaweiCloudNetworkError).toBe(false);
  });

  it('user subclasses keep ordinary instanceof semantics', () => {
    class MyApiError extends HuaweiCloudApiError {}
    const plain = new HuaweiCloudApiError({ status: 400, errorMessage: 'x', operation: 'op', retryable: false });
    const mine = new MyApiError({ status: 400, errorMessage: 'x', operation: 'op', retryable: false });
    expect(plain instanceof MyApiError).toBe(false);
    expect(mine instanceof MyApiError).toBe(true);
    expect(isHuaweiCloudApiError(mine)).toBe(true);
  });

  it('validation errors name the operation, field and rule', () => {
    const e = new HuaweiCloudValidationError({ operation: 'showInstanceRole', field: 'instance_id', rule: 'is required' });
    expect(e.message).toBe('showInstanceRole: instance_id is required.');
    expect(e).toMatchObject({ operation: 'showInstanceRole', field: 'instance_id', rule: 'is required', name: 'HuaweiCloudValidationError' });
  });

  it('config errors list every problem with its fixes', () => {
    const e = new HuaweiCloudConfigError([
      { setting: 'region', message: 'No region.', fixes: ['env HUAWEICLOUD_SDK_REGION_ID'] },
      { setting: 'projectId', message: 'No project.' },
    ]);
    expect(e.message).toBe('Invalid Huawei Cloud configuration:\n  - region: No region.\n      env HUAWEICLOUD_SDK_REGION_ID\n  - projectId: No project.');
  });

  it('waiter error messages say what happened', () => {
    expect(new HuaweiCloudWaiterError({ kind: 'failed', reason: 'disk full', attempts: 3, elapsedMs: 61_000, description: 'GeminiDB job j1' }).message).toBe(
      'GeminiDB job j1 failed: disk full (after 3 checks, 61 s).',
    );
    expect(new HuaweiCloudWaiterError({ kind: 'timeout', reason: 'Running', attempts: 1, elapsedMs: 1000 }).message).toBe(
      'Operation did not finish within the wait limit (1 check, 1 s); last status: Running.',
    );
  });
});
