import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createSimulator } from '../src/index.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const specs = { geminidb: `${root}specs/geminidb-dr.yaml`, dws: `${root}specs/dws-dr.yaml`, vpc: `${root}specs/vpc.yaml` } as const;

const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

function operations(file: string): string[] {
  const doc = parse(readFileSync(file, 'utf8')) as { paths: Record<string, Record<string, { operationId?: string }>> };
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.includes(method))
      .map(([method, op]) => `${method.toUpperCase()} ${path} ${op.operationId ?? '?'}`),
  );
}

describe('route tables match the specs', () => {
  const sim = createSimulator();
  for (const service of ['geminidb', 'dws', 'vpc'] as const) {
    it.skipIf(!existsSync(specs[service]))(`${service}: one route per spec operation, same method, path and operationId`, () => {
      const mine = sim.routes.filter((r) => r.service === service).map((r) => `${r.method} ${r.path} ${r.operationId}`);
      expect([...mine].sort()).toEqual(operations(specs[service]).sort());
    });
  }
});
