import { describe, expect, it } from 'vitest';
import { RULES } from '../src/classify.mjs';
import { diffDocuments } from '../src/diff-spec.mjs';

// Small inline OpenAPI 3.1 documents: `base()` is mutated per case and diffed against a fresh copy.

const CONSTRUCT = '/v3/{project_id}/instances/{instance_id}/disaster-recovery/construction';
const POST = `POST ${CONSTRUCT}`;

function base(): any {
  return {
    openapi: '3.1.0',
    info: { title: 'mini', version: '1' },
    paths: {
      [CONSTRUCT]: {
        parameters: [
          { name: 'project_id', in: 'path', required: true, schema: { type: 'string' } },
          { name: 'instance_id', in: 'path', required: true, schema: { type: 'string' } },
        ],
        post: {
          operationId: 'createDisasterRecovery',
          summary: 'Build a DR relationship',
          parameters: [
            { name: 'X-Language', in: 'header', required: false, schema: { type: 'string', enum: ['en-us', 'zh-cn'] } },
            { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100 } },
          ],
          requestBody: {
            required: true,
            content: { 'application/json': { schema: { $ref: '#/components/schemas/ConstructBody' } } },
          },
          responses: {
            '202': {
              description: 'Accepted',
              headers: { 'X-Request-Id': { schema: { type: 'string' } } },
              content: { 'application/json': { schema: { $ref: '#/components/schemas/ConstructResponse' } } },
            },
            '400': { $ref: '#/components/responses/BadRequest' },
          },
        },
        get: {
          operationId: 'showConstruction',
          responses: { '200': { description: 'ok', content: { 'application/json': { schema: { $ref: '#/components/schemas/Job' } } } } },
        },
      },
      '/v3/{project_id}/jobs': {
        get: {
          operationId: 'listJobs',
          parameters: [
            { name: 'project_id', in: 'path', required: true, schema: { type: 'string' } },
            { name: 'id', in: 'query', required: true, schema: { type: 'string' } },
          ],
          responses: { '200': { description: 'ok', content: { 'application/json': { schema: { $ref: '#/components/schemas/Job' } } } } },
        },
      },
    },
    components: {
      schemas: {
        ConstructBody: {
          type: 'object',
          required: ['password', 'instance_role'],
          properties: {
            alias: { type: 'string', maxLength: 64, pattern: '^[A-Za-z0-9 ]+$', description: 'Alias.' },
            password: { type: 'string', format: 'password', writeOnly: true },
            instance_role: { type: 'string', enum: ['master', 'slave'] },
            weight: { type: 'integer' },
            created: { type: 'string', readOnly: true },
            disaster_recovery_instance: { $ref: '#/components/schemas/DrInstance' },
          },
        },
        DrInstance: {
          type: 'object',
          required: ['id'],
          properties: {
            id: { type: 'string' },
            region_code: { type: 'string' },
            node_ips: { type: 'array', minItems: 1, items: { type: 'string', format: 'ipv4' } },
          },
        },
        ConstructResponse: {
          type: 'object',
          required: ['job_id'],
          properties: { job_id: { type: 'string' }, disaster_recovery_id: { type: 'string' } },
        },
        Job: {
          type: 'object',
          properties: {
            status: { $ref: '#/components/schemas/JobStatus' },
            role: { type: 'string', enum: ['master', 'slave'] },
            progress: { type: ['string', 'null'] },
            sync: { $ref: '#/components/schemas/SyncStatus' },
            detail: { anyOf: [{ $ref: '#/components/schemas/DrInstance' }, { type: 'null' }] },
          },
        },
        JobStatus: { type: 'string', enum: ['Running', 'Completed', 'Failed'] },
        SyncStatus: { 'x-open-enum': true, anyOf: [{ type: 'string', enum: ['NEW', 'SYNCING'] }, { type: 'string' }] },
        ErrorResponse: {
          anyOf: [
            { type: 'object', required: ['error_code'], properties: { error_code: { type: 'string' }, error_msg: { type: 'string' } } },
            { type: 'object', required: ['error'], properties: { error: { type: 'object', properties: { code: { type: 'string' } } } } },
          ],
        },
      },
      responses: {
        BadRequest: { description: 'Bad request', content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorResponse' } } } },
      },
    },
  };
}

function changes(mutate: (doc: any) => void) {
  const head = base();
  mutate(head);
  return diffDocuments(base(), head);
}

/** The one change a mutation causes (fails if there are none or several). */
function only(mutate: (doc: any) => void) {
  const found = changes(mutate);
  expect(found.map((c) => `${c.kind} @ ${c.location}`)).toHaveLength(1);
  return found[0]!;
}

/** kind, severity and path of each change. Job is returned by two operations, so its changes show up twice. */
const kinds = (mutate: (d: any) => void) => changes(mutate).map((c) => [c.kind, c.severity, c.location.split(' ')[1]]);

const schemas = (d: any) => d.components.schemas;
const op = (d: any) => d.paths[CONSTRUCT].post;

describe('diffDocuments', () => {
  it('reports nothing for identical documents', () => {
    expect(diffDocuments(base(), base())).toEqual([]);
  });

  it('classifies every kind it emits (no unclassified kinds)', () => {
    for (const c of changes((d) => {
      delete d.paths['/v3/{project_id}/jobs'];
      schemas(d).ConstructBody.required.push('alias');
    })) {
      expect(RULES[c.kind]).toBeDefined();
    }
  });
});

describe('breaking changes', () => {
  const cases: [string, (d: any) => void, string, string, RegExp][] = [
    ['path removed', (d) => delete d.paths['/v3/{project_id}/jobs'], 'path-removed', '/v3/{project_id}/jobs', /GET \(listJobs\)/],
    ['operation removed', (d) => delete d.paths[CONSTRUCT].get, 'operation-removed', `GET ${CONSTRUCT}`, /showConstruction/],
    [
      'response field removed (through $ref)',
      (d) => delete schemas(d).ConstructResponse.properties.disaster_recovery_id,
      'response-property-removed',
      `${POST} response 202 body: field "disaster_recovery_id"`,
      /field removed/,
    ],
    [
      'request field added as required',
      (d) => {
        schemas(d).ConstructBody.properties.vpc_id = { type: 'string' };
        schemas(d).ConstructBody.required.push('vpc_id');
      },
      'request-property-added-required',
      `${POST} request body: field "vpc_id"`,
      /new required field/,
    ],
    [
      'optional request field made required',
      (d) => schemas(d).ConstructBody.required.push('alias'),
      'request-property-became-required',
      `${POST} request body: field "alias"`,
      /now required \(was optional\)/,
    ],
    [
      'optional parameter made required',
      (d) => (op(d).parameters[0].required = true),
      'parameter-became-required',
      `${POST} header parameter "X-Language"`,
      /now required/,
    ],
    [
      'new required parameter',
      (d) => op(d).parameters.push({ name: 'region', in: 'query', required: true, schema: { type: 'string' } }),
      'parameter-added-required',
      `${POST} query parameter "region"`,
      /new required parameter/,
    ],
    [
      'enum value removed from a request field',
      (d) => (schemas(d).ConstructBody.properties.instance_role.enum = ['master']),
      'request-enum-value-removed',
      `${POST} request body: field "instance_role"`,
      /"slave" removed/,
    ],
    [
      'enum value removed from a request parameter',
      (d) => (op(d).parameters[0].schema.enum = ['en-us']),
      'request-enum-value-removed',
      `${POST} header parameter "X-Language"`,
      /"zh-cn" removed/,
    ],
    [
      'enum value removed from a response field (closed enum via $ref)',
      (d) => (schemas(d).JobStatus.enum = ['Running', 'Completed']),
      'response-enum-value-removed',
      'GET /v3/{project_id}/jobs response 200 body: field "status"',
      /"Failed" removed/,
    ],
    [
      'request type changed',
      (d) => (schemas(d).ConstructBody.properties.alias.type = 'integer'),
      'request-type-changed',
      `${POST} request body: field "alias"`,
      /from string to integer/,
    ],
    [
      'parameter type changed',
      (d) => (op(d).parameters[1].schema.type = 'string'),
      'request-type-changed',
      `${POST} query parameter "limit"`,
      /from integer to string/,
    ],
    [
      'response type changed (3.1 type array)',
      (d) => (schemas(d).Job.properties.progress.type = ['integer', 'null']),
      'response-type-changed',
      'GET /v3/{project_id}/jobs response 200 body: field "progress"',
      /string \| null to integer \| null/,
    ],
    [
      'response field may now be null',
      (d) => (schemas(d).ConstructResponse.properties.job_id.type = ['string', 'null']),
      'response-type-changed',
      `${POST} response 202 body: field "job_id"`,
      /from string to string \| null/,
    ],
    [
      'required response field made optional',
      (d) => (schemas(d).ConstructResponse.required = []),
      'response-property-became-optional',
      `${POST} response 202 body: field "job_id"`,
      /now optional/,
    ],
    [
      'success status removed',
      (d) => delete op(d).responses['202'],
      'success-status-removed',
      `${POST} response 202`,
      /202 removed/,
    ],
    [
      'operationId changed (generated method renamed)',
      (d) => (op(d).operationId = 'constructDisasterRecovery'),
      'operation-id-changed',
      POST,
      /createDisasterRecovery to constructDisasterRecovery/,
    ],
    [
      'component schema removed (its exported type disappears)',
      (d) => {
        d.components.responses.BadRequest.content['application/json'].schema = schemas(d).ErrorResponse;
        delete schemas(d).ErrorResponse;
      },
      'schema-removed',
      'schema "ErrorResponse"',
      /exported type ErrorResponse/,
    ],
  ];

  it.each(cases)('%s', (_name, mutate, kind, location, message) => {
    const found = changes(mutate);
    const match = found.find((c) => c.kind === kind && c.location === location);
    expect(match, JSON.stringify(found, null, 2)).toBeDefined();
    expect(match!.severity).toBe('breaking');
    expect(match!.message).toMatch(message);
  });

  it('success status changed 202 → 200, and the body is still compared', () => {
    const found = changes((d) => {
      op(d).responses['200'] = op(d).responses['202'];
      delete op(d).responses['202'];
      delete schemas(d).ConstructResponse.properties.disaster_recovery_id;
    });
    expect(found.map((c) => [c.severity, c.kind, c.location])).toEqual([
      ['breaking', 'success-status-changed', `${POST} response 200`],
      ['breaking', 'response-property-removed', `${POST} response 200 body: field "disaster_recovery_id"`],
    ]);
    expect(found[0]!.message).toBe('success status changed from 202 to 200');
  });

  it('operation moved to another path keeps its identity (one breaking change)', () => {
    const found = changes((d) => {
      d.paths['/v3/{project_id}/job-list'] = d.paths['/v3/{project_id}/jobs'];
      delete d.paths['/v3/{project_id}/jobs'];
    });
    expect(found.map((c) => [c.severity, c.kind])).toEqual([['breaking', 'operation-path-changed']]);
    expect(found[0]!.message).toMatch(/listJobs moved from GET \/v3\/\{project_id\}\/jobs to GET \/v3\/\{project_id\}\/job-list/);
  });

  it('renamed path template variables are a removed parameter plus a new required one', () => {
    const found = changes((d) => {
      const item = d.paths[CONSTRUCT];
      delete d.paths[CONSTRUCT];
      item.parameters[1].name = 'id';
      d.paths['/v3/{project_id}/instances/{id}/disaster-recovery/construction'] = item;
    });
    expect(found.map((c) => `${c.severity} ${c.kind} ${c.location.split(' ').slice(-2).join(' ')}`)).toEqual([
      'potentially-breaking parameter-removed parameter "instance_id"',
      'breaking parameter-added-required parameter "id"',
      'potentially-breaking parameter-removed parameter "instance_id"',
      'breaking parameter-added-required parameter "id"',
    ]);
  });
});

describe('potentially breaking: request constraints narrowed', () => {
  const cases: [string, (d: any) => void, string, RegExp][] = [
    ['pattern changed', (d) => (schemas(d).ConstructBody.properties.alias.pattern = '^[a-z]+$'), 'field "alias"', /pattern changed/],
    ['maxLength lowered', (d) => (schemas(d).ConstructBody.properties.alias.maxLength = 32), 'field "alias"', /maxLength changed from 64 to 32/],
    ['minimum raised', (d) => (op(d).parameters[1].schema.minimum = 5), 'query parameter "limit"', /minimum changed from 1 to 5/],
    ['maximum added', (d) => (schemas(d).ConstructBody.properties.weight.maximum = 10), 'field "weight"', /maximum 10 added/],
    ['minItems raised (through $ref)', (d) => (schemas(d).DrInstance.properties.node_ips.minItems = 3), 'field "disaster_recovery_instance.node_ips"', /minItems changed from 1 to 3/],
    ['format added', (d) => (schemas(d).DrInstance.properties.region_code.format = 'uuid'), 'field "disaster_recovery_instance.region_code"', /format "uuid" added/],
    ['additionalProperties: false added', (d) => (schemas(d).ConstructBody.additionalProperties = false), 'request body', /additionalProperties false added/],
  ];
  it.each(cases)('%s', (_name, mutate, where, message) => {
    // (DrInstance is also used in responses: those sides show up as non-breaking response-constraint-changed)
    const narrowed = changes(mutate).filter((c) => c.severity !== 'non-breaking');
    expect(narrowed).toHaveLength(1);
    const c = narrowed[0]!;
    expect(c.kind).toBe('request-constraint-narrowed');
    expect(c.severity).toBe('potentially-breaking');
    expect(c.location.endsWith(where)).toBe(true);
    expect(c.message).toMatch(message);
  });

  it('the same constraint change in a response is non-breaking', () => {
    // DrInstance is used in a request (construction) and in responses (Job.detail): only the request side tightens.
    const found = changes((d) => (schemas(d).DrInstance.properties.region_code.maxLength = 8));
    expect(found.map((x) => [x.severity, x.kind, x.location.split(' ')[0]])).toEqual([
      ['non-breaking', 'response-constraint-changed', 'GET'],
      ['potentially-breaking', 'request-constraint-narrowed', 'POST'],
      ['non-breaking', 'response-constraint-changed', 'GET'],
    ]);
  });
});

describe('non-breaking changes', () => {
  const cases: [string, (d: any) => void, string, string][] = [
    [
      'operation added',
      (d) => (d.paths['/v3/{project_id}/regions'] = { get: { operationId: 'showInstanceBiactiveRegions', responses: { '200': { description: 'ok' } } } }),
      'operation-added',
      'GET /v3/{project_id}/regions',
    ],
    ['optional request field added', (d) => (schemas(d).ConstructBody.properties.note = { type: 'string' }), 'request-property-added-optional', `${POST} request body: field "note"`],
    ['optional parameter added', (d) => op(d).parameters.push({ name: 'offset', in: 'query', schema: { type: 'integer' } }), 'parameter-added-optional', `${POST} query parameter "offset"`],
    ['enum value added to a request enum', (d) => schemas(d).ConstructBody.properties.instance_role.enum.push('witness'), 'request-enum-value-added', `${POST} request body: field "instance_role"`],
    ['response field added', (d) => (schemas(d).ConstructResponse.properties.eta = { type: 'integer' }), 'response-property-added', `${POST} response 202 body: field "eta"`],
    ['operation description changed', (d) => (op(d).summary = 'Create a DR relationship'), 'description-changed', POST],
    ['field description changed', (d) => (schemas(d).ConstructBody.properties.alias.description = 'Alias of the relationship.'), 'description-changed', `${POST} request body: field "alias"`],
    ['request constraint relaxed', (d) => (schemas(d).ConstructBody.properties.alias.maxLength = 128), 'request-constraint-relaxed', `${POST} request body: field "alias"`],
    ['required request field made optional', (d) => (schemas(d).ConstructBody.required = ['password']), 'request-property-became-optional', `${POST} request body: field "instance_role"`],
    ['request type widened (integer → number)', (d) => (schemas(d).ConstructBody.properties.weight.type = 'number'), 'request-type-widened', `${POST} request body: field "weight"`],
    ['error response added', (d) => (op(d).responses['409'] = { description: 'busy' }), 'error-response-added', `${POST} response 409`],
    ['success status added', (d) => (op(d).responses['200'] = op(d).responses['202']), 'success-status-added', `${POST} response 200`],
    ['operation deprecated', (d) => (op(d).deprecated = true), 'deprecated', POST],
    ['schema added', (d) => (schemas(d).Extra = { type: 'string' }), 'schema-added', 'schema "Extra"'],
  ];
  it.each(cases)('%s', (_name, mutate, kind, location) => {
    const c = only(mutate);
    expect(c).toMatchObject({ kind, location, severity: 'non-breaking' });
  });

  it('readOnly fields are not part of a request; writeOnly fields not part of a response', () => {
    expect(changes((d) => delete schemas(d).ConstructBody.properties.created)).toEqual([]);
    expect(changes((d) => (schemas(d).ConstructBody.properties.secret = { type: 'string', readOnly: true }))).toEqual([]);
  });
});

describe('enum policy', () => {
  it('request enum: removing a value is breaking, adding one is not', () => {
    expect(only((d) => (schemas(d).ConstructBody.properties.instance_role.enum = ['master'])).severity).toBe('breaking');
    expect(only((d) => schemas(d).ConstructBody.properties.instance_role.enum.push('witness')).severity).toBe('non-breaking');
  });

  it('response closed enum: removing a value is breaking (the generated union narrows)', () => {
    expect(kinds((d) => (schemas(d).Job.properties.role.enum = ['master']))).toEqual([
      ['response-enum-value-removed', 'breaking', CONSTRUCT],
      ['response-enum-value-removed', 'breaking', '/v3/{project_id}/jobs'],
    ]);
  });

  it('response closed enum: adding a value is non-breaking but flagged as type-level (exhaustive switches)', () => {
    const found = changes((d) => schemas(d).JobStatus.enum.push('Cancelled'));
    expect(found).toHaveLength(2);
    for (const c of found) expect(c).toMatchObject({ kind: 'response-enum-value-added', severity: 'non-breaking', message: 'enum value "Cancelled" added' });
    expect(RULES['response-enum-value-added']!.why).toMatch(/exhaustive/);
  });

  it('open enum (x-open-enum, anyOf [enum, string]): values added or removed are non-breaking', () => {
    const added = changes((d) => schemas(d).SyncStatus.anyOf[0].enum.push('SUSPENDED'));
    expect(added[0]).toMatchObject({ kind: 'open-enum-changed', severity: 'non-breaking', location: `GET ${CONSTRUCT} response 200 body: field "sync"`, message: 'open enum: added "SUSPENDED"' });
    expect(kinds((d) => (schemas(d).SyncStatus.anyOf[0].enum = ['NEW']))).toEqual([
      ['open-enum-changed', 'non-breaking', CONSTRUCT],
      ['open-enum-changed', 'non-breaking', '/v3/{project_id}/jobs'],
    ]);
  });

  it('adding an open enum to a free request value (or dropping one) restricts nothing: non-breaking', () => {
    const free = () => {
      const d = base();
      op(d).parameters[0].schema = { type: 'string' };
      return d;
    };
    const withOpen = () => {
      const d = base();
      op(d).parameters[0].schema = { 'x-open-enum': true, anyOf: [{ type: 'string', enum: ['en-us'] }, { type: 'string' }] };
      return d;
    };
    const added = diffDocuments(free(), withOpen());
    expect(added.map((c) => [c.kind, c.severity, c.message])).toEqual([
      ['open-enum-changed', 'non-breaking', 'open enum added: known values "en-us" (any value still accepted)'],
    ]);
    expect(diffDocuments(withOpen(), free()).map((c) => [c.kind, c.severity])).toEqual([['open-enum-changed', 'non-breaking']]);
  });

  it('closing an open enum in a request is breaking; opening a closed response enum is not', () => {
    const closed = changes((d) => {
      op(d).parameters[0].schema = { anyOf: [{ type: 'string', enum: ['en-us', 'zh-cn'] }, { type: 'string' }] };
    });
    expect(closed.map((c) => [c.kind, c.severity])).toEqual([['request-enum-relaxed', 'non-breaking']]);
    const reverse = diffDocuments(
      (() => {
        const d = base();
        op(d).parameters[0].schema = { anyOf: [{ type: 'string', enum: ['en-us', 'zh-cn'] }, { type: 'string' }] };
        return d;
      })(),
      base(),
    );
    expect(reverse.map((c) => [c.kind, c.severity])).toEqual([['request-enum-introduced', 'breaking']]);
    expect(kinds((d) => (schemas(d).Job.properties.role = { anyOf: [{ type: 'string', enum: ['master', 'slave'] }, { type: 'string' }] }))).toEqual([
      ['response-enum-relaxed', 'non-breaking', CONSTRUCT],
      ['response-enum-relaxed', 'non-breaking', '/v3/{project_id}/jobs'],
    ]);
  });
});

describe('$ref handling', () => {
  it('a change in a $ref’d schema is reported at every operation that uses it, with the right direction', () => {
    const found = changes((d) => delete schemas(d).DrInstance.properties.region_code);
    expect(found.map((c) => [c.severity, c.kind, c.location])).toEqual([
      ['breaking', 'response-property-removed', `GET ${CONSTRUCT} response 200 body: field "detail.region_code"`],
      ['potentially-breaking', 'request-property-removed', `${POST} request body: field "disaster_recovery_instance.region_code"`],
      ['breaking', 'response-property-removed', 'GET /v3/{project_id}/jobs response 200 body: field "detail.region_code"'],
    ]);
  });

  it('a nested $ref’d field made required is seen through two refs: breaking in the request, fine in responses', () => {
    const found = changes((d) => schemas(d).DrInstance.required.push('region_code'));
    expect(found.map((c) => [c.severity, c.kind, c.location])).toEqual([
      ['non-breaking', 'response-property-became-required', `GET ${CONSTRUCT} response 200 body: field "detail.region_code"`],
      ['breaking', 'request-property-became-required', `${POST} request body: field "disaster_recovery_instance.region_code"`],
      ['non-breaking', 'response-property-became-required', 'GET /v3/{project_id}/jobs response 200 body: field "detail.region_code"'],
    ]);
  });

  it('sibling keywords next to $ref (3.1) are compared', () => {
    const c = only((d) => (schemas(d).ConstructBody.properties.disaster_recovery_instance = { $ref: '#/components/schemas/DrInstance', description: 'Peer.' }));
    expect(c).toMatchObject({ kind: 'description-changed', location: `${POST} request body: field "disaster_recovery_instance"` });
  });

  it('recursive schemas terminate', () => {
    const make = () => {
      const d = base();
      schemas(d).DrInstance.properties.peer = { $ref: '#/components/schemas/DrInstance' };
      return d;
    };
    const head = make();
    schemas(head).DrInstance.properties.extra = { type: 'string' };
    const found = diffDocuments(make(), head);
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((c) => c.severity === 'non-breaking')).toBe(true);
  });

  it('anyOf [X, null] is read as nullable X (a nullable field made non-nullable in a response is fine)', () => {
    expect(kinds((d) => (schemas(d).Job.properties.detail = { $ref: '#/components/schemas/DrInstance' }))).toEqual([
      ['response-type-narrowed', 'non-breaking', CONSTRUCT],
      ['response-type-narrowed', 'non-breaking', '/v3/{project_id}/jobs'],
    ]);
    expect(kinds((d) => (schemas(d).Job.properties.status = { anyOf: [{ $ref: '#/components/schemas/JobStatus' }, { type: 'null' }] }))[0]).toEqual([
      'response-type-changed',
      'breaking',
      CONSTRUCT,
    ]);
  });

  it('error envelope unions: removing a variant from a response is non-breaking, adding one is breaking', () => {
    const removed = changes((d) => schemas(d).ErrorResponse.anyOf.pop());
    expect(removed.map((c) => [c.kind, c.severity])).toEqual([['response-union-variant-removed', 'non-breaking']]);
    const added = changes((d) => schemas(d).ErrorResponse.anyOf.push({ type: 'object', properties: { message: { type: 'string' } } }));
    expect(added.map((c) => [c.kind, c.severity])).toEqual([['response-union-variant-added', 'breaking']]);
  });
});
