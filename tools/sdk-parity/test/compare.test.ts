import { describe, expect, it } from 'vitest';
import { compareSpec } from '../src/compare.mjs';
import { checkSpec, countByKind, formatReport, isClean } from '../src/report.mjs';

// A one-operation spec and SDK extract that agree; each test breaks one thing and expects its kind.
function baseSpec(): any {
  return {
    paths: {
      '/v3/{project_id}/things/{thing_id}': {
        parameters: [
          { name: 'project_id', in: 'path', required: true, schema: { type: 'string' } },
          { name: 'thing_id', in: 'path', required: true, schema: { type: 'string' } },
        ],
        post: {
          operationId: 'createThing',
          'x-huawei-api-name': 'CreateThing',
          parameters: [{ $ref: '#/components/parameters/Limit' }],
          requestBody: {
            required: true,
            content: { 'application/json': { schema: { $ref: '#/components/schemas/ThingBody' } } },
          },
          responses: {
            '202': { description: 'ok', content: { 'application/json': { schema: { $ref: '#/components/schemas/ThingResult' } } } },
          },
        },
      },
    },
    components: {
      parameters: { Limit: { name: 'limit', in: 'query', schema: { type: 'integer', format: 'int32', enum: [10, 20] } } },
      schemas: {
        ThingBody: {
          type: 'object',
          required: ['role'],
          properties: { role: { type: 'string', enum: ['master', 'slave'] }, tags: { type: 'array', items: { type: 'string' } } },
        },
        ThingResult: {
          type: 'object',
          required: ['id'],
          properties: {
            id: { type: 'string' },
            size: { type: 'integer', format: 'int64' },
            state: { 'x-open-enum': true, anyOf: [{ type: 'string', enum: ['ok', 'bad'] }, { type: 'string' }] },
          },
        },
      },
    },
  };
}

function baseFacts(): any {
  return {
    source: { sdk: 'test', service: 'svc', version: '0' },
    operations: {
      CreateThing: {
        sdkName: 'CreateThing',
        method: 'POST',
        path: '/v3/{project_id}/things/{thing_id}',
        contentType: 'application/json',
        params: [
          { name: 'thing_id', in: 'path', required: true, schema: { type: 'string' } },
          { name: 'limit', in: 'query', required: false, schema: { type: 'integer', format: 'int32', documented: [10, 20] } },
        ],
        body: { required: true, schema: { model: 'Body' } },
        response: { schema: { model: 'Result' }, headers: [] },
      },
    },
    models: {
      Body: {
        fields: [
          { name: 'role', required: true, schema: { type: 'string', documented: ['master', 'slave'] } },
          { name: 'tags', required: false, schema: { type: 'array', items: { type: 'string' } } },
        ],
      },
      Result: {
        fields: [
          { name: 'id', required: true, schema: { type: 'string' } },
          { name: 'size', required: false, schema: { type: 'integer', format: 'int64' } },
          { name: 'state', required: false, schema: { type: 'string', enum: ['ok', 'bad'] } },
        ],
      },
    },
  };
}

const kinds = (spec: any, facts: any) => compareSpec(spec, facts, 'go').map((d) => `${d.at}: ${d.kind}`);

describe('compareSpec', () => {
  it('finds nothing when the spec and the SDK agree (project_id is filled by the SDK, not compared)', () => {
    expect(compareSpec(baseSpec(), baseFacts(), 'go')).toEqual([]);
  });

  it('reports a missing operation, a different method and a different path', () => {
    const facts = baseFacts();
    expect(kinds(baseSpec(), { ...facts, operations: {} })).toEqual(['operation: operation']);
    facts.operations.CreateThing.method = 'PUT';
    facts.operations.CreateThing.path = '/v3/{project_id}/thing/{thing_id}';
    expect(kinds(baseSpec(), facts)).toEqual(['operation: method', 'operation: path']);
  });

  it('reports parameters: location, required-ness, type, width, missing and extra', () => {
    const facts = baseFacts();
    const [thing, limit] = facts.operations.CreateThing.params;
    thing.in = 'query';
    limit.required = true;
    limit.schema = { type: 'string' };
    facts.operations.CreateThing.params.push({ name: 'offset', in: 'query', required: false, schema: { type: 'integer' } });
    const spec = baseSpec();
    spec.paths['/v3/{project_id}/things/{thing_id}'].post.parameters.push({ name: 'marker', in: 'query', schema: { type: 'string' } });
    expect(kinds(spec, facts)).toEqual([
      'request query thing_id: location',
      'request query limit: required',
      'request query limit: type',
      'request query offset: missing',
      'request query marker: extra',
    ]);
    const width = baseFacts();
    width.operations.CreateThing.params[1].schema.format = 'int64';
    expect(kinds(baseSpec(), width)).toEqual(['request query limit: format']);
  });

  it('reports the content type the SDK sends and the body required-ness it enforces', () => {
    const facts = baseFacts();
    facts.operations.CreateThing.contentType = 'application/json;charset=UTF-8';
    facts.operations.CreateThing.body.required = false;
    expect(kinds(baseSpec(), facts)).toEqual(['request body: required', 'request body: content-type']);
    delete facts.operations.CreateThing.body.required; // unknown (the Go SDK): not compared
    expect(kinds(baseSpec(), facts)).toEqual(['request body: content-type']);
  });

  it('reports fields: missing, extra, wire name, type, required, nested items', () => {
    const facts = baseFacts();
    facts.models.Body.fields.push({ name: 'alias', required: false, schema: { type: 'string' } });
    facts.models.Result.fields[0].required = false;
    facts.models.Result.fields[1].schema = { type: 'string' };
    facts.models.Body.fields[1].schema.items = { type: 'integer', format: 'int32' };
    const spec = baseSpec();
    spec.components.schemas.ThingResult.properties.jobId = { type: 'string' };
    facts.models.Result.fields.push({ name: 'job_id', required: false, schema: { type: 'string' } });
    spec.components.schemas.ThingResult.properties.extra = { type: 'string' };
    expect(kinds(spec, facts)).toEqual([
      'request body alias: missing',
      'request body tags[]: type',
      'response body job_id: wire-name',
      'response body extra: extra',
      'response body id: required',
      'response body size: type',
    ]);
  });

  it('reads a JavaScript number as integer or number, but not as string', () => {
    const facts = baseFacts();
    facts.models.Result.fields[1].schema = { type: 'number' };
    expect(kinds(baseSpec(), facts)).toEqual([]);
    const spec = baseSpec();
    spec.components.schemas.ThingResult.properties.size = { type: 'string' };
    expect(kinds(spec, facts)).toEqual(['response body size: type']);
  });

  it('requires request enums to be the SDK values, and response enums to be open and know the SDK values', () => {
    const facts = baseFacts();
    facts.models.Body.fields[0].schema = { type: 'string' }; // no documented values any more
    facts.models.Result.fields[2].schema.enum = ['ok', 'bad', 'ugly'];
    const spec = baseSpec();
    spec.components.schemas.ThingResult.properties.id = { type: 'string', enum: ['a'] };
    expect(kinds(spec, facts)).toEqual(['request body role: enum', 'response body id: enum', 'response body state: enum']);
    const free = baseSpec();
    delete free.components.parameters.Limit.schema.enum;
    expect(kinds(free, baseFacts())).toEqual(['request query limit: enum']);
  });
});

describe('declarations', () => {
  it('a difference is declared by an entry of its kind on the node that holds it; others stay undeclared', () => {
    const spec = baseSpec();
    const facts = baseFacts();
    facts.models.Result.fields[1].schema = { type: 'string' };
    facts.models.Result.fields.push({ name: 'lb_port', required: false, schema: { type: 'string' } });
    spec.components.schemas.ThingResult.properties.size['x-hcdr-sdk-differences'] = [
      { kind: 'type', reason: 'The service documents an integer; the SDK is wrong here.' },
    ];
    spec.components.schemas.ThingResult['x-hcdr-sdk-differences'] = [
      { kind: 'missing', field: 'other', reason: 'Declared for another field, so it must not match.' },
    ];
    const result = checkSpec('spec.yaml', spec, [{ sdk: 'go', facts }]);
    expect(result.differences.map((d) => [d.at, d.kind, Boolean(d.declared)])).toEqual([
      ['response body lb_port', 'missing', false],
      ['response body size', 'type', true],
    ]);
    expect(result.stale.map((s) => s.entry.field)).toEqual(['other']);
    expect(isClean(result)).toBe(false);
    expect(countByKind(result.differences).missing).toEqual({ found: 1, declared: 0, followsSdk: 0, undeclared: 1 });
    expect(formatReport([result])).toContain('UNDECLARED [go] createThing response body lb_port: missing');
    expect(formatReport([result])).toContain('STALE declaration at #/components/schemas/ThingResult/x-hcdr-sdk-differences');
  });

  it('an entry limited to one SDK does not declare the other SDK\'s difference, and a reason is required', () => {
    const spec = baseSpec();
    spec.paths['/v3/{project_id}/things/{thing_id}'].post['x-hcdr-sdk-differences'] = [{ kind: 'operation', sdk: 'node', reason: 'x' }];
    const result = checkSpec('spec.yaml', spec, [{ sdk: 'go', facts: { ...baseFacts(), operations: {} } }]);
    expect(result.differences[0]?.declared).toBeUndefined();
    expect(result.unexplained).toHaveLength(1);
    expect(isClean(checkSpec('spec.yaml', baseSpec(), [{ sdk: 'go', facts: baseFacts() }]))).toBe(true);
  });

  it('where two SDKs disagree, matching one of them settles the other\'s difference, but only where it has no difference itself', () => {
    const newer = baseFacts();
    newer.models.Result.fields.push({ name: 'lb_port', required: true, schema: { type: 'string' } });
    const spec = baseSpec();
    spec.components.schemas.ThingResult.properties.lb_port = { type: 'string' };
    const older = baseFacts();
    const result = checkSpec('spec.yaml', spec, [
      { sdk: 'go', facts: older },
      { sdk: 'node', facts: newer },
    ]);
    // Both report lb_port: the spec matches neither SDK there, so nothing is settled.
    expect(result.differences.map((d) => [d.sdk, d.at, d.kind, d.followsSdk])).toEqual([
      ['go', 'response body lb_port', 'extra', undefined],
      ['node', 'response body lb_port', 'required', undefined],
    ]);
    expect(isClean(result)).toBe(false);
    // Once the spec matches node (required), go's "extra" is the SDKs' disagreement: settled.
    spec.components.schemas.ThingResult.required.push('lb_port');
    const settled = checkSpec('spec.yaml', spec, [
      { sdk: 'go', facts: older },
      { sdk: 'node', facts: newer },
    ]);
    expect(settled.differences.map((d) => [d.sdk, d.at, d.kind, d.followsSdk])).toEqual([['go', 'response body lb_port', 'extra', 'node']]);
    expect(isClean(settled)).toBe(true);
    expect(formatReport([settled], { all: true })).toContain('follows node [go] createThing response body lb_port: extra');
  });
});
