// @ts-check
export { specs, findSpec, repoRoot } from './registry.mjs';
export { loadSpec, listOperations, deref, resolvePointer, sha256 } from './load-spec.mjs';
export { renderAll, renderTypes, renderOperations, renderMethods, renderWaiters, renderPaginators, collectSecretFields, withReferencedDescriptions, pagingOf, waiterName, paginatorName } from './generate.mjs';
export { findDrift, writeGenerated } from './drift.mjs';
export { collectExamples, createExampleValidator, findInvalidExamples } from './examples.mjs';
