import { ENV } from './env.js';

/** Every way to provide credentials, for "no credentials" errors (from the config check and from the metadata provider). */
export function credentialFixes(profileLabel: string): string[] {
  return [
    'option  credentials: { accessKeyId, secretAccessKey, securityToken? }   or   credentials: { authToken }   or a provider function',
    `env     ${ENV.accessKeyId} + ${ENV.secretAccessKey} (+ ${ENV.securityToken})   or   ${ENV.authToken}`,
    `profile "access_key_id" + "secret_access_key" (+ "security_token")   or   "auth_token"   in ${profileLabel}`,
    `ECS/BMS an agency attached to the instance: temporary credentials come from its metadata service (for a loopback endpoint only with ${ENV.metadataEndpoint} set)`,
  ];
}
