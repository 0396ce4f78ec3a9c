// The generator's spec-driven parts: documented client methods, waiters from x-hcdr-*, paginators,
// secret fields, and descriptions on properties reached through $ref.
import { describe, expect, it } from 'vitest';
import { collectSecretFields, loadSpec, pagingOf, renderMethods, renderPaginators, renderTypes, renderWaiters, withReferencedDescriptions } from '../src/index.mjs';

const geminidb = loadSpec('specs/geminidb-dr.yaml');
const dws = loadSpec('specs/dws-dr.yaml');

/** A minimal spec around one schema or one operation. */
const docWith = (extra: Record<string, unknown>) => ({ openapi: '3.1.0', info: { title: 't', version: '1' }, paths: {}, ...extra });

describe('methods.ts: one documented method per operation', () => {
  const methods = renderMethods(geminidb);

  it('documents each method with summary, description, route, errors and a docs link', () => {
    const block = methods.slice(methods.indexOf('Create a DR relationship with a specified instance'), methods.indexOf('  createDisasterRecovery('));
    expect(block).toContain('The relationship exists only');
    expect(block).toContain('`POST /v3/{project_id}/instances/{instance_id}/disaster-recovery/construction` (API `CreateDisasterRecovery`)');
    expect(block).toContain('Wait for it with `waitUntilCreateDisasterRecoveryDone`');
    expect(block).toContain('@throws `HuaweiCloudApiError` with status 409: The instance is busy');
    expect(block).toContain('@see {@link https://support.huaweicloud.com/intl/en-us/api-nosql/constructDisasterRecovery.html');
  });

  it('falls back to the spec’s own documentation link, and names every operation', () => {
    const block = methods.slice(methods.indexOf('Query instances'), methods.indexOf('  listInstances('));
    expect(block).toContain('@see {@link https://support.huaweicloud.com/intl/en-us/api-nosql/index.html');
    for (const id of ['checkDisasterRecoveryOperation', 'showPauseResumeStutus', 'listJobs']) expect(methods).toContain(`  ${id}(...args: OperationArgs<operations['${id}']>)`);
  });

  it('cannot be closed early by a description containing */', () => {
    const doc = docWith({ paths: { '/x': { get: { operationId: 'getX', summary: 'S', description: 'a */ b\n@internal c', responses: { '200': { description: 'ok' } } } } } });
    const text = renderMethods({ ...geminidb, doc });
    expect(text).toContain('a *\\/ b');
    expect(text).toContain('\\@internal c');
  });
});

describe('waiters.ts: from x-hcdr-async, x-hcdr-target-status, x-hcdr-failure-status and x-hcdr-gone-when', () => {
  it('generates one waiter per asynchronous operation and none for the others', () => {
    const text = renderWaiters(dws) ?? '';
    expect(text.match(/^export function waitUntil\w+Done/gm)).toHaveLength(7);
    expect(text).not.toContain('waitUntilShowDisasterDetailDone');
    expect(text).toContain("return waitUntilDone(client, 'startDisasterRecovery', ref, options);");
  });

  it('documents the statuses and the gone-when rule of each operation', () => {
    const text = renderWaiters(dws) ?? '';
    expect(text).toContain('Done when the status is `running`. Fails on `start_failed`, `abnormal`.');
    expect(text).toContain('Also done once the resource is gone: HTTP 404 or `DWS.10101`.');
    expect(text).toContain('UNVERIFIED');
  });

  it('generates no file for a spec without asynchronous operations', () => {
    expect(renderWaiters({ ...geminidb, doc: docWith({}) })).toBeUndefined();
  });
});

describe('paginators.ts: offset/limit list operations', () => {
  it('finds the three GeminiDB list operations that page, with their largest page size', () => {
    const text = renderPaginators(geminidb) ?? '';
    expect(text).toContain("{ items: 'jobs', total: 'total_count', pageSize: 50 }");
    expect(text).toContain("{ items: 'instances', total: 'total_count', pageSize: 100 }");
    expect(text).toContain("{ items: 'disaster_recovery_settings', total: 'total_count', pageSize: 50 }");
    expect(renderPaginators(dws)).toBeUndefined();
  });

  it('refuses an operation that pages but answers with more than one list', () => {
    const limit = { name: 'limit', in: 'query', schema: { type: 'integer', maximum: 10 } };
    const offset = { name: 'offset', in: 'query', schema: { type: 'integer' } };
    const body = { type: 'object', properties: { a: { type: 'array' }, b: { type: 'array' } } };
    const operation = { operationId: 'listX', responses: { '200': { description: 'ok', content: { 'application/json': { schema: body } } } } };
    expect(() => pagingOf(docWith({}), operation, [limit, offset])).toThrow(/2 arrays/);
  });
});

describe('secret fields', () => {
  it('are the fields the specs mark format: password / writeOnly', () => {
    expect(collectSecretFields(geminidb.doc)).toEqual(['password']);
    expect(collectSecretFields(dws.doc)).toContain('db_admin_pwd');
  });

  it('a secret-looking property the spec forgot to mark fails generation', () => {
    const doc = docWith({ components: { schemas: { Login: { type: 'object', properties: { admin_password: { type: 'string' }, name: { type: 'string' } } } } } });
    expect(() => collectSecretFields(doc)).toThrow(/#\/components\/schemas\/Login\/properties\/admin_password/);
  });
});

describe('hover docs on properties reached through $ref', () => {
  it('copies the referenced schema’s description onto a bare $ref property (and an array of one)', () => {
    const doc = docWith({
      components: {
        schemas: {
          Peer: { type: 'object', description: 'The peer instance.' },
          Body: { type: 'object', properties: { peer: { $ref: '#/components/schemas/Peer' }, peers: { type: 'array', items: { $ref: '#/components/schemas/Peer' } }, own: { $ref: '#/components/schemas/Peer', description: 'Mine.' } } },
        },
      },
    });
    const props = withReferencedDescriptions(doc).components.schemas.Body.properties;
    expect(props.peer.description).toBe('The peer instance.');
    expect(props.peers.description).toBe('The peer instance.');
    expect(props.own.description).toBe('Mine.');
    // The input document is left alone.
    expect(JSON.stringify(doc)).not.toContain('"peer":{"$ref":"#/components/schemas/Peer","description"');
  });

  it('the generated types carry it: disaster_recovery_instance is documented where a request uses it', async () => {
    const types = await renderTypes(geminidb);
    const at = types.indexOf('disaster_recovery_instance: components["schemas"]["ConstructDisasterRecoveryInstance"]');
    expect(types.slice(at - 250, at)).toContain('@description The peer (DR) instance');
  });
});
