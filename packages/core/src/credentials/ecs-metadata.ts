/**
 * Temporary AK/SK + security token of the ECS/BMS's agency, from the instance metadata service, as
 * the official SDKs read them (huaweicloud-sdk-go-v3 core/auth/internal/metadata_accessor.go):
 * PUT /meta-data/latest/api/token (X-Metadata-Token-Ttl-Seconds) for a session token — a 404, 405
 * or 503 means the service does not use one — then GET /openstack/latest/securitykey (with
 * X-Metadata-Token), answering `{ credential: { access, secret, securitytoken, expires_at } }`.
 * A 401 not caused by a missing agency renews the session token once.
 */
import { credentialFixes } from '../config/credential-fixes.js';
import { HuaweiCloudConfigError } from '../errors/errors.js';
import { AttemptTimedOut, type HttpHandler } from '../transport/http-handler.js';
import { createNodeHttpHandler } from '../transport/node-http-handler.js';
import { hideSecrets } from './hide-secrets.js';
import { refreshingCredentials, type RefreshingCredentialsOptions } from './refreshing-credentials.js';
import type { CredentialIdentity, CredentialProvider } from './types.js';

export const DEFAULT_METADATA_ENDPOINT = 'http://169.254.169.254';
const TOKEN_PATH = '/meta-data/latest/api/token';
const SECURITY_KEY_PATH = '/openstack/latest/securitykey';
const TOKEN_TTL_SECONDS = 6 * 60 * 60;
const NO_AGENCY = 'Please configure Cloud Service Agency first';

/** Options of fromEcsMetadata: where the metadata service is, how long to wait, and the cache's refresh timing. */
export interface EcsMetadataOptions extends RefreshingCredentialsOptions {
  /** Metadata service base URL (default http://169.254.169.254; tests point it at a local fake). */
  endpoint?: string | undefined;
  /** Per request to the metadata service (default 2 000 ms; it answers in milliseconds on an ECS). */
  timeoutMs?: number | undefined;
  /** Used instead of a fresh node:http handler without proxy (the metadata service is link-local). */
  handler?: HttpHandler | undefined;
  /** The ways to provide credentials listed when the service has none (default: the generic list). */
  fixes?: readonly string[] | undefined;
}

/** Why the metadata service gave no credentials, as a config error listing every other way. */
function unavailable(endpoint: string, reason: string, fixes: readonly string[]): HuaweiCloudConfigError {
  return new HuaweiCloudConfigError(
    [
      {
        setting: 'credentials',
        message: `No credentials in options, environment or profile, and none from the ECS/BMS metadata service at ${endpoint}: ${reason}.`,
        fixes: [...fixes],
      },
    ],
    'Huawei Cloud credentials are missing',
  );
}

interface Answer {
  status: number;
  text: string;
}

/**
 * A provider of the instance's temporary credentials, cached and refreshed ahead of `expires_at`
 * (5 minutes by default). Each refresh makes one or two requests to the metadata service, never
 * through a proxy.
 */
export function fromEcsMetadata(options: EcsMetadataOptions = {}): CredentialProvider {
  const endpoint = (options.endpoint ?? DEFAULT_METADATA_ENDPOINT).replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? 2_000;
  const handler = options.handler ?? createNodeHttpHandler({ proxy: false });
  const fixes = options.fixes ?? credentialFixes('the profile file');
  const fail = (reason: string) => unavailable(endpoint, reason, fixes);
  let sessionToken: string | undefined;
  let tokenChecked = false;

  const call = async (method: string, path: string, headers: Record<string, string>): Promise<Answer> => {
    try {
      const response = await handler({ method, url: new URL(endpoint + path), headers }, { timeoutMs, maxResponseBytes: 64 * 1024 });
      return { status: response.status, text: new TextDecoder().decode(response.body) };
    } catch (error) {
      const why =
        error instanceof AttemptTimedOut
          ? `no answer within ${timeoutMs} ms (not running on an ECS/BMS?)`
          : `${(error as { code?: string }).code ?? 'network error'} (not running on an ECS/BMS?)`;
      throw fail(why);
    }
  };

  const renewToken = async (required: boolean): Promise<void> => {
    tokenChecked = true;
    const answer = await call('PUT', TOKEN_PATH, { 'x-metadata-token-ttl-seconds': String(TOKEN_TTL_SECONDS) });
    if (answer.status === 200) sessionToken = answer.text.trim();
    else if (!required && (answer.status === 404 || answer.status === 405 || answer.status === 503)) sessionToken = undefined;
    else throw fail(`the session-token request answered HTTP ${answer.status}`);
  };

  const securityKey = () => call('GET', SECURITY_KEY_PATH, sessionToken ? { 'x-metadata-token': sessionToken } : {});

  const fetchIdentity = async (): Promise<CredentialIdentity> => {
    if (!tokenChecked) await renewToken(false);
    let answer = await securityKey();
    if (answer.status === 401 && !answer.text.includes(NO_AGENCY)) {
      await renewToken(true);
      answer = await securityKey();
    }
    // Only this fixed phrase is ever quoted: a metadata answer can hold secrets.
    if (answer.text.includes(NO_AGENCY)) throw fail('the instance has no agency ("Please configure Cloud Service Agency first")');
    if (answer.status !== 200) throw fail(`the security-key request answered HTTP ${answer.status}`);
    const identity = parseSecurityKey(answer.text);
    if (!identity) throw fail('its answer is not a {credential: {access, secret, securitytoken, expires_at}} object');
    return identity;
  };

  return refreshingCredentials(fetchIdentity, options);
}

function parseSecurityKey(text: string): CredentialIdentity | undefined {
  let credential: Record<string, unknown> | undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    const inner = typeof parsed === 'object' && parsed !== null ? (parsed as { credential?: unknown }).credential : undefined;
    credential = typeof inner === 'object' && inner !== null ? (inner as Record<string, unknown>) : undefined;
  } catch {
    credential = undefined;
  }
  const field = (name: string) => (typeof credential?.[name] === 'string' && credential[name] !== '' ? (credential[name] as string) : undefined);
  const accessKeyId = field('access');
  const secretAccessKey = field('secret');
  const securityToken = field('securitytoken');
  const expiresAt = Date.parse(field('expires_at') ?? '');
  if (!accessKeyId || !secretAccessKey || !securityToken || Number.isNaN(expiresAt)) return undefined;
  return hideSecrets({ type: 'aksk', accessKeyId, secretAccessKey, securityToken, expiresAt });
}
