// @ts-check
export { startPrism } from './prism.mjs';
export { freePort } from './free-port.mjs';
