export * from './types.js';
export { DrillPlanError, isDrillPlanError, loadDrillPlan, parseDrillPlan, type PlanProblem } from './load-plan.js';
