// @ts-check
export { compareSpec, specOperations, KINDS } from './compare.mjs';
export { checkSpec, countByKind, formatReport, isClean } from './report.mjs';
export { extractGo, extractGoFromText } from './extract-go.mjs';
export { extractNode, extractNodeFromText } from './extract-node.mjs';
export { trimFacts, IMPLICIT_PARAMS } from './facts.mjs';
export { targets, loadFacts, loadSpecDocument } from './targets.mjs';
