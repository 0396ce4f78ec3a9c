// Reads a drill plan (YAML, or JSON which is YAML too), validates it against the shipped JSON Schema
// and the rules a schema cannot express, and resolves durations and defaults. Every problem names
// the field (and its line), all at once, before anything is sent.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { isMap, isNode, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import { parseDuration } from '../duration.js';
import { DRILL_PLAN_SCHEMA_FILE, validateAgainst, type SchemaProblem } from '../schemas.js';
import { BUDGETED_PHASES, PLAN_DEFAULTS, type BudgetedPhase, type DrillPlan, type ResolvedDrillPlan } from './types.js';

export interface PlanProblem extends SchemaProblem {
  /** 1-based line in the plan file, when the field (or its parent) is in it. */
  line?: number | undefined;
}

/** The plan is invalid: nothing was sent. The CLI maps it to exit code 2. */
export class DrillPlanError extends Error {
  override readonly name = 'DrillPlanError';
  readonly problems: readonly PlanProblem[];
  readonly source: string;

  constructor(source: string, problems: readonly PlanProblem[]) {
    super(`Invalid drill plan ${source}:\n${problems.map((p) => `  ${p.field}${p.line ? ` (line ${p.line})` : ''}: ${p.message}`).join('\n')}`);
    this.problems = problems;
    this.source = source;
  }
}

export function isDrillPlanError(error: unknown): error is DrillPlanError {
  return error instanceof Error && error.name === 'DrillPlanError' && Array.isArray((error as DrillPlanError).problems);
}

const MAX_PLAN_BYTES = 256 * 1024;
const DAY_MS = 86_400_000;

/** Reads and resolves a plan file. Throws DrillPlanError for anything wrong with it. */
export async function loadDrillPlan(path: string): Promise<ResolvedDrillPlan> {
  let text: string;
  try {
    const bytes = await readFile(path);
    if (bytes.byteLength > MAX_PLAN_BYTES) throw new DrillPlanError(path, [{ field: '(file)', message: `is ${bytes.byteLength} bytes; a plan is at most ${MAX_PLAN_BYTES}` }]);
    text = bytes.toString('utf8');
  } catch (error) {
    if (isDrillPlanError(error)) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new DrillPlanError(path, [{ field: '(file)', message: code === 'ENOENT' ? 'does not exist' : `cannot be read (${code ?? String(error)})` }]);
  }
  return parseDrillPlan(text, path);
}

/** Parses and resolves plan text; `source` names it in errors. */
export function parseDrillPlan(text: string, source = 'plan'): ResolvedDrillPlan {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new DrillPlanError(
      source,
      doc.errors.map((e) => ({ field: '(yaml)', message: e.message.split(' at line ')[0] ?? e.message, line: e.linePos?.[0]?.line })),
    );
  }
  const value: unknown = doc.toJS({ maxAliasCount: 10 });
  /** Line of the deepest key of `field` present in the file (a missing field points at its parent). */
  const lineOf = (field: string): number | undefined => {
    let node: unknown = doc.contents;
    let line: number | undefined;
    for (const segment of field.split(/\.|\[(\d+)\]/).filter((p) => p !== undefined && p !== '')) {
      if (isMap(node)) {
        const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === segment);
        if (!pair) break;
        if (isNode(pair.key) && pair.key.range) line = lineCounter.linePos(pair.key.range[0]).line;
        node = pair.value;
      } else if (isSeq(node) && /^\d+$/.test(segment)) {
        node = node.items[Number(segment)];
        if (isNode(node) && node.range) line = lineCounter.linePos(node.range[0]).line;
      } else break;
    }
    return line;
  };
  const withLines = (problems: readonly SchemaProblem[]): PlanProblem[] => problems.map((p) => ({ ...p, line: p.field.startsWith('(') ? undefined : lineOf(p.field) }));

  const schemaProblems = validateAgainst(DRILL_PLAN_SCHEMA_FILE, value);
  if (schemaProblems.length > 0) throw new DrillPlanError(source, withLines(schemaProblems));
  const plan = value as DrillPlan;

  const problems: SchemaProblem[] = [];
  const duration = (field: string, text: string, limits: { min?: number; max?: number } = {}): number => {
    const ms = parseDuration(text);
    if (ms === undefined) {
      problems.push({ field, message: 'must be a duration with units, such as 30s, 10m, 1h30m or 500ms' });
      return 0;
    }
    const { min = 1, max = DAY_MS } = limits;
    if (ms < min) problems.push({ field, message: `must be at least ${min} ms` });
    if (ms > max) problems.push({ field, message: `must be at most ${max / 3_600_000} h` });
    return ms;
  };
  const rtoMs = duration('objectives.rto', plan.objectives.rto);
  const rpoMs = duration('objectives.rpo', plan.objectives.rpo);
  const holdMs = duration('hold', plan.hold ?? PLAN_DEFAULTS.hold, { min: 0 });
  const sampleIntervalMs = duration('sample_interval', plan.sample_interval ?? PLAN_DEFAULTS.sample_interval, { min: 100, max: 3_600_000 });
  const pollIntervalMs = duration('poll_interval', plan.poll_interval ?? PLAN_DEFAULTS.poll_interval, { min: 100, max: 600_000 });
  const maxLagMs = plan.abort?.max_lag === undefined ? rpoMs : duration('abort.max_lag', plan.abort.max_lag);
  const budgetsMs = {} as Record<BudgetedPhase, number>;
  for (const phase of BUDGETED_PHASES) {
    const given = plan.budgets?.[phase];
    budgetsMs[phase] = duration(`budgets.${phase}`, given ?? PLAN_DEFAULTS.budgets[phase], { min: 1000 });
  }
  if (plan.service === 'geminidb' && plan.target.primary.instance === plan.target.standby.instance) {
    problems.push({ field: 'target.standby.instance', message: 'must differ from target.primary.instance' });
  }
  if (problems.length > 0) throw new DrillPlanError(source, withLines(problems));

  return {
    plan,
    sha256: createHash('sha256').update(text).digest('hex'),
    objectives: { rtoMs, rpoMs },
    holdMs,
    sampleIntervalMs,
    pollIntervalMs,
    abort: { maxLagMs, onReadinessWarning: plan.abort?.on_readiness_warning ?? PLAN_DEFAULTS.on_readiness_warning },
    budgetsMs,
  };
}
