// Public API of @hcdr/dr-ops: the DR-operations tier between the typed clients and the hcdr CLI.
// Each area keeps its own index; this file only re-exports them. Monitoring is the subpath
// `@hcdr/dr-ops/monitoring` (it loads prom-client, yaml and ajv, which workflow users do not need).
export * from './rules/index.js';
export * from './workflows/index.js';
export * from './journal/index.js';
export * from './inspect/index.js';
export * from './drills/index.js';
