import { describe, expect, it } from 'vitest';
import { startPrism } from '../src/index.mjs';

describe('startPrism', () => {
  // Prism takes ~4 s to start alone, far longer while CI runs other suites in parallel.
  it('serves the spec on a free port and stops without leaving the process behind', { timeout: 90_000 }, async () => {
    const prism = await startPrism({ spec: 'geminidb-dr' });
    try {
      const res = await fetch(`${prism.url}/v3/0123456789abcdef0123456789abcdef/jobs?id=job-1`, { headers: { 'X-Auth-Token': 't' } });
      expect(res.status).toBe(200);
      expect(await res.json()).toHaveProperty('jobs');
    } finally {
      await prism.stop();
    }
    await expect(fetch(`${prism.url}/v3/p/jobs`)).rejects.toThrow();
  });
});
