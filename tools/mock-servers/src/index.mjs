// @ts-check
export { startPrism } from './prism.mjs';
export { freePort } from './free-port.mjs';
export { startConnectProxy } from './connect-proxy.mjs';
export { TLS_FIXTURES } from './tls-fixtures.mjs';
export { startTlsFront } from './tls-front.mjs';
