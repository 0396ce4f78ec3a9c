import { describe, expect, it } from 'vitest';
import { Router, type RouteSpec } from '../src/http/router.js';

const route = (method: RouteSpec<string>['method'], path: string): RouteSpec<string> => ({ method, path, operationId: path, handler: path });

describe('Router', () => {
  const router = new Router([
    route('GET', '/v2/{project_id}/disaster-recovery/{disaster_recovery_id}'),
    route('GET', '/v2/{project_id}/disaster-recovery/check-name'),
    route('PUT', '/v3/{project_id}/instances/disaster-recovery/settings'),
    route('PUT', '/v3/{project_id}/instances/{instance_id}/disaster-recovery/switchover'),
  ]);

  it('prefers literal segments over parameters', () => {
    expect(router.match('GET', '/v2/p/disaster-recovery/check-name')?.route.path).toBe('/v2/{project_id}/disaster-recovery/check-name');
    expect(router.match('GET', '/v2/p/disaster-recovery/abc')?.params).toEqual({ project_id: 'p', disaster_recovery_id: 'abc' });
    expect(router.match('PUT', '/v3/p/instances/disaster-recovery/settings')?.route.path).toBe('/v3/{project_id}/instances/disaster-recovery/settings');
  });

  it('matches method and segment count exactly and decodes parameters', () => {
    expect(router.match('POST', '/v2/p/disaster-recovery/abc')).toBeUndefined();
    expect(router.match('GET', '/v2/p/disaster-recovery/abc/extra')).toBeUndefined();
    expect(router.match('GET', '/v2/p/disaster-recovery/')).toBeUndefined();
    expect(router.match('GET', '/v2/p/disaster-recovery/a%20b')?.params.disaster_recovery_id).toBe('a b');
    expect(router.match('GET', '/v2/p/disaster-recovery/%E0%A4%A')).toBeUndefined();
  });

  it('refuses duplicate routes', () => {
    expect(() => new Router([route('GET', '/a'), route('GET', '/a')])).toThrow(/duplicate/);
  });
});
