// Coverage of the specs by recorded calls: which operations had an accepted contract call, in which auth
// mode, from which tests. Read by the coverage gate (coverage-gate.test.ts), which runs last.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Observation } from './recorder.ts';
import { OPERATION_TABLES, SPEC_NAMES, type SpecName, specOperationIds } from './specs.ts';

export function readObservations(dir: string): Observation[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl'))
    .flatMap((f) =>
      readFileSync(path.join(dir, f), 'utf8')
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => JSON.parse(line) as Observation),
    );
}

export interface OperationCoverage {
  spec: SpecName;
  operationId: string;
  method: string;
  path: string;
  /** Accepted calls against the Prism mock with token auth. */
  token: number;
  /** Accepted calls against the Prism mock with AK/SK auth whose signature verified. */
  aksk: number;
  /** Documented error responses (4xx/5xx without violations, conforming body) seen from the mock. */
  errors: number;
  /** Requests the mock rejected with sl-violations (negative cases). */
  rejected: number;
  /** Accepted calls through `prism proxy --errors` in front of the simulator. */
  workflow: number;
  /** Distinct `file > test` names with an accepted mock call. */
  coveredBy: string[];
}

export function coverage(observations: readonly Observation[], specs: readonly SpecName[] = SPEC_NAMES): OperationCoverage[] {
  return specs.flatMap((specName) =>
    specOperationIds(specName).map((operationId) => {
      const row = OPERATION_TABLES[specName][operationId];
      const mine = observations.filter((o) => o.spec === specName && o.operationId === operationId);
      const mock = mine.filter((o) => o.target === 'mock');
      const accepted = mock.filter((o) => o.accepted);
      return {
        spec: specName,
        operationId,
        method: row?.method ?? '?',
        path: row?.path ?? '(not in the generated table)',
        token: accepted.filter((o) => o.auth === 'token' && o.wire?.scheme === 'X-Auth-Token').length,
        aksk: accepted.filter((o) => o.auth === 'aksk' && o.wire?.scheme === 'SDK-HMAC-SHA256' && o.wire.signatureOk === true).length,
        errors: mock.filter((o) => o.status !== null && o.status >= 400 && o.violations === null && o.schemaErrors.length === 0).length,
        rejected: mock.filter((o) => o.violations !== null).length,
        workflow: mine.filter((o) => o.target === 'proxy' && o.accepted).length,
        coveredBy: [...new Set(accepted.map((o) => `${o.file} > ${o.test}`))].sort(),
      };
    }),
  );
}

/** Specs the gate checks: all, or the comma-separated HCDR_CONTRACT_SPECS (e.g. `geminidb-dr`). */
export function gatedSpecs(env: NodeJS.ProcessEnv = process.env): SpecName[] {
  const wanted = env.HCDR_CONTRACT_SPECS?.split(',').map((s) => s.trim()).filter(Boolean);
  if (!wanted || wanted.length === 0) return [...SPEC_NAMES];
  const unknown = wanted.filter((w) => !(SPEC_NAMES as readonly string[]).includes(w));
  if (unknown.length) throw new Error(`HCDR_CONTRACT_SPECS: unknown spec(s) ${unknown.join(', ')}; known: ${SPEC_NAMES.join(', ')}`);
  return wanted as SpecName[];
}

export function formatTable(rows: readonly OperationCoverage[]): string {
  const header = ['spec', 'operationId', 'method path', 'token', 'aksk', 'errors', 'rejected', 'workflow', 'covered by'];
  const body = rows.map((r) => [
    r.spec,
    r.operationId,
    `${r.method} ${r.path}`,
    String(r.token),
    String(r.aksk),
    String(r.errors),
    String(r.rejected),
    String(r.workflow),
    r.coveredBy.length === 0 ? 'NOT COVERED' : `${r.coveredBy.length} test(s)`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  const out = [line(header), line(widths.map((w) => '-'.repeat(w)))];
  rows.forEach((r, i) => {
    out.push(line(body[i]!));
    for (const name of r.coveredBy) out.push(`${' '.repeat(widths[0]! + 2)}- ${name}`);
  });
  const covered = (spec: SpecName) => rows.filter((r) => r.spec === spec && r.token > 0 && r.aksk > 0).length;
  const specs = [...new Set(rows.map((r) => r.spec))];
  const total = (spec: SpecName) => rows.filter((r) => r.spec === spec).length;
  const inWorkflows = (spec: SpecName) => rows.filter((r) => r.spec === spec && r.workflow > 0).length;
  out.push(
    '',
    ...specs.map(
      (s) =>
        `${s}: ${covered(s)}/${total(s)} operations covered against the mock (token and AK/SK); ` +
        `${inWorkflows(s)}/${total(s)} also exercised in simulator workflows through prism proxy --errors`,
    ),
  );
  return out.join('\n');
}
