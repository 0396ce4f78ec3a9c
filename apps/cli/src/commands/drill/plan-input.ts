// Reading a drill plan on the command line: an invalid plan is a usage error (exit 2) that names
// each field and line; nothing is sent.
import type { ResolvedDrillPlan } from '@hcdr/dr-ops';
import { UsageError } from '../../io/errors.js';
import { quote } from '../../io/sanitize.js';

/** `label` names where the plan came from in errors: `<plan>` (argument) or `--plan` (flag). */
export async function loadPlanOrUsage(file: string, label: string, service?: 'geminidb' | 'dws'): Promise<ResolvedDrillPlan> {
  const { loadDrillPlan, isDrillPlanError } = await import('@hcdr/dr-ops');
  let plan: ResolvedDrillPlan;
  try {
    plan = await loadDrillPlan(file);
  } catch (error) {
    if (isDrillPlanError(error)) {
      throw new UsageError(
        error.problems.map((p) => ({ flag: `${label} ${quote(file)} ${p.field}${p.line ? ` (line ${p.line})` : ''}`, message: p.message })),
        { note: 'the plan was not run; nothing was sent' },
      );
    }
    throw error;
  }
  if (service && plan.plan.service !== service) {
    throw new UsageError([{ flag: `${label} ${quote(file)} service`, message: `is ${plan.plan.service}; this command checks ${service}` }]);
  }
  return plan;
}
