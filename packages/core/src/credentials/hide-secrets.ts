import { REDACTED } from '../logging/redact.js';
import type { AkSkAuth, TokenAuth } from '../config/resolve-config.js';

const INSPECT = Symbol.for('nodejs.util.inspect.custom');

/** Keeps secrets out of JSON.stringify / console.log output of a credentials object (in place). */
export function hideSecrets<T extends AkSkAuth | TokenAuth>(auth: T): T {
  const safe = () =>
    auth.type === 'aksk'
      ? { type: auth.type, accessKeyId: auth.accessKeyId, secretAccessKey: REDACTED, ...(auth.securityToken ? { securityToken: REDACTED } : {}) }
      : { type: auth.type, token: REDACTED };
  Object.defineProperty(auth, 'toJSON', { value: safe, enumerable: false });
  Object.defineProperty(auth, INSPECT, { value: safe, enumerable: false });
  return auth;
}
