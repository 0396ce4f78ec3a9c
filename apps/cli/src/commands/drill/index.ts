// `hcdr drill ...`: timed DR drills from a plan, with an auditor-ready report.
import type { Command } from 'commander';
import type { Runtime } from '../../context.js';
import { examples } from '../shared.js';
import { registerDrillHistory } from './history.js';
import { registerDrillRun } from './run.js';

export function registerDrill(drill: Command, runtime: Runtime): void {
  examples(drill, 'hcdr drill run drill.yaml --report-dir ./drill-reports --yes', 'hcdr drill run drill.yaml --dry-run', 'hcdr drill history');
  registerDrillRun(drill, runtime);
  registerDrillHistory(drill, runtime);
}
