// @ts-check
export { diffDocuments } from './diff-spec.mjs';
export { RULES, SEVERITIES, classify, countBySeverity } from './classify.mjs';
export { compareSpec, diffAllSpecs } from './compare.mjs';
export { resolveBase, EMPTY_TREE } from './base.mjs';
export { changesetsSince, releaseFor, readChangesetConfig } from './changesets.mjs';
export { runGate, howToAdd } from './gate.mjs';
export { renderDiffText, renderGateText, diffJson, gateJson } from './report.mjs';
export { main, USAGE } from './cli.mjs';
