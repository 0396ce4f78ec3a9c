import { homedir } from 'node:os';
import { HuaweiCloudConfigError, type ConfigProblem } from '../errors/errors.js';
import { fromEcsMetadata } from '../credentials/ecs-metadata.js';
import { hideSecrets } from '../credentials/hide-secrets.js';
import type { CredentialProvider } from '../credentials/types.js';
import { credentialFixes } from './credential-fixes.js';
import { isLoopbackHost, regionEndpointEnvVar, tryResolveEndpoint } from '../regions/resolve-endpoint.js';
import type { ServiceEndpoints } from '../service/service-descriptor.js';
import type { AkSkCredentials } from '../signing/sign-request.js';
import { checkCredential, checkEndpointText, checkProjectId, checkRegion, type CredentialLabels } from './check-settings.js';
import { ENV, readEnv, type EnvLike } from './env.js';
import { defaultConfigFilePath, loadProfileFile, nodeConfigFileSystem, type ConfigFileSystem, type Profile, type ProfileFile } from './profile-file.js';

/** An IAM token (X-Auth-Token), valid 24 h, scoped to a project. */
export interface TokenCredentials {
  authToken: string;
}

export type Credentials = AkSkCredentials | TokenCredentials;

export interface AkSkAuth {
  type: 'aksk';
  accessKeyId: string;
  secretAccessKey: string;
  securityToken?: string | undefined;
}
export interface TokenAuth {
  type: 'token';
  token: string;
}
/** No authentication headers (only for talking to local mocks; never produced by resolveClientConfig). */
export interface NoAuth {
  type: 'none';
}
export type AuthConfig = AkSkAuth | TokenAuth | NoAuth;

export type ConfigSource = 'option' | 'env' | 'profile';

/** Where the credentials come from: a static source, or the ECS/BMS metadata service (temporary, refreshed). */
export type CredentialSource = ConfigSource | 'metadata';

export interface ResolveClientConfigOptions {
  /** The service's endpoint table and override key (a client package's service descriptor). */
  service: ServiceEndpoints;
  /** Region ID, e.g. `cn-north-4`. */
  region?: string | undefined;
  /** IAM project ID for the region (never looked up or created implicitly). */
  projectId?: string | undefined;
  /**
   * Static credentials, or a provider called before every attempt (cache slow sources with
   * refreshingCredentials()). Default: environment, then profile file, then the ECS/BMS metadata service.
   */
  credentials?: Credentials | CredentialProvider | undefined;
  /** Profile name in the profile file (default: $HCDR_PROFILE, else `default`). */
  profile?: string | undefined;
  /** Profile file path (default: $HCDR_CONFIG_FILE, else ~/.hcdr/config.json). */
  configFile?: string | undefined;
  /** Endpoint override, e.g. `http://127.0.0.1:4010` for a local mock. */
  endpoint?: string | undefined;
  /** Allow plain http to a non-loopback endpoint. */
  allowInsecureHttp?: boolean | undefined;
  /** Environment (default: process.env). */
  env?: EnvLike | undefined;
  /** File access (default: node:fs). */
  fs?: ConfigFileSystem | undefined;
  /** Home directory used for the default profile file path (default: os.homedir()). */
  homeDir?: string | undefined;
}

export interface ResolvedClientConfig {
  /** The service's name, e.g. `ecs`. */
  service: string;
  /** Endpoint without trailing slash, e.g. `https://ecs.cn-north-4.myhuaweicloud.com`. */
  baseUrl: string;
  /** Undefined only when an explicit endpoint was given without a region. */
  region: string | undefined;
  projectId: string;
  /**
   * Resolves the credentials for an attempt: the static ones below, the given provider, or the
   * instance's temporary credentials from the metadata service (cached, refreshed ahead of expiry).
   */
  credentials: CredentialProvider;
  /** The static credentials, when that is what was configured; serialises with secrets redacted. */
  auth: AkSkAuth | TokenAuth | undefined;
  /** Where each value came from (for `config show`-style diagnostics). */
  sources: {
    region: ConfigSource | undefined;
    projectId: ConfigSource;
    credentials: CredentialSource;
    endpoint: 'option' | 'env' | 'table';
  };
  /** The profile that was (or would have been) consulted. */
  profile: { name: string; path: string; used: boolean };
}

interface Sourced<T> {
  value: T;
  source: ConfigSource;
}

/**
 * Resolves region, project, credentials and endpoint for one service.
 * Precedence per value: explicit option > environment > profile file. Credentials are taken as a
 * unit from the first source that has any (never an AK from one place and its SK from another).
 * The profile file is read only when a value is still missing, or when a profile or file was named explicitly.
 * Everything missing or invalid is reported in ONE HuaweiCloudConfigError.
 */
export function resolveClientConfig(options: ResolveClientConfigOptions): ResolvedClientConfig {
  // Plain-JS callers of 0.1 passed a service name here.
  if (typeof options.service?.endpoints !== 'object') throw new TypeError('resolveClientConfig: `service` must be a service descriptor from a client package');
  const env = options.env ?? process.env;
  const fs = options.fs ?? nodeConfigFileSystem;
  const problems: ConfigProblem[] = [];

  const profileFromOption = options.profile !== undefined && options.profile !== '' ? options.profile : undefined;
  const profileFromEnv = readEnv(env, ENV.profile);
  const profileName = profileFromOption ?? profileFromEnv ?? 'default';
  const profileExplicit = profileFromOption !== undefined || profileFromEnv !== undefined;
  const pathFromOption = options.configFile !== undefined && options.configFile !== '' ? options.configFile : undefined;
  const pathFromEnv = readEnv(env, ENV.configFile);
  const configPath = pathFromOption ?? pathFromEnv ?? defaultConfigFilePath(options.homeDir ?? homedir());
  const pathExplicit = pathFromOption !== undefined || pathFromEnv !== undefined;
  const profileLabel = `profile "${profileName}" of ${configPath}`;

  let profileState: { loaded: boolean; profile?: Profile | undefined; file?: ProfileFile | undefined; note?: string } | undefined;
  const profile = (): Profile | undefined => {
    if (!profileState) {
      const r = loadProfileFile(configPath, fs);
      if (r.status === 'invalid') {
        problems.push(...r.problems);
        profileState = { loaded: false, note: 'profile file is invalid' };
      } else if (r.status === 'missing') {
        if (profileExplicit || pathExplicit) {
          problems.push({
            setting: 'profile',
            message: `Profile file ${configPath} does not exist (profile "${profileName}" was requested).`,
            fixes: [`Create it (see the @hcdr/core README, "Profile file"), or unset ${ENV.profile} / ${ENV.configFile}.`],
          });
        }
        profileState = { loaded: false, note: `${configPath} not found` };
      } else if (!Object.hasOwn(r.file.profiles, profileName)) {
        const available = Object.keys(r.file.profiles);
        if (profileExplicit) {
          problems.push({
            setting: 'profile',
            message: `Profile "${profileName}" is not in ${configPath}. Available: ${available.length ? available.join(', ') : '(none)'}.`,
          });
        }
        profileState = { loaded: false, file: r.file, note: `no profile "${profileName}" in ${configPath}` };
      } else {
        profileState = { loaded: true, profile: r.file.profiles[profileName], file: r.file };
      }
    }
    return profileState.profile;
  };
  // An explicitly named profile or file is always validated, even when options and env cover everything.
  if (profileExplicit || pathExplicit) profile();

  // Region
  let region: Sourced<string> | undefined;
  if (options.region) region = { value: options.region, source: 'option' };
  else {
    const r = readEnv(env, ENV.region);
    if (r) region = { value: r, source: 'env' };
    else {
      const p = profile()?.region;
      if (p) region = { value: p, source: 'profile' };
    }
  }

  // Project ID: project IDs are per region, so a profile's plain project_id applies only to the profile's own region.
  let projectId: Sourced<string> | undefined;
  if (options.projectId) projectId = { value: options.projectId, source: 'option' };
  else {
    const e = readEnv(env, ENV.projectId);
    if (e) projectId = { value: e, source: 'env' };
    else {
      const p = profile();
      const byRegion = region && p?.projects && Object.hasOwn(p.projects, region.value) ? p.projects[region.value] : undefined;
      if (byRegion) projectId = { value: byRegion, source: 'profile' };
      else if (p?.project_id && (p.region === undefined || region === undefined || p.region === region.value)) {
        projectId = { value: p.project_id, source: 'profile' };
      }
    }
  }

  // Region and project ID go into the URL and headers: a malformed one is refused now, not at the first call.
  const sourceLabel = (source: ConfigSource, envName: string, profileKey: string) =>
    source === 'option' ? 'option' : source === 'env' ? `env ${envName}` : `"${profileKey}" in ${profileLabel}`;
  const regionProblem = region && checkRegion(region.value, sourceLabel(region.source, ENV.region, 'region'));
  if (regionProblem) problems.push(regionProblem);
  const projectProblem = projectId && checkProjectId(projectId.value, sourceLabel(projectId.source, ENV.projectId, 'project_id'));
  if (projectProblem) {
    problems.push(projectProblem);
    projectId = undefined;
  }

  // Credentials: a provider is used as given; static ones are checked now.
  const provider = typeof options.credentials === 'function' ? options.credentials : undefined;
  const credentials = provider ? undefined : resolveCredentials(options.credentials as Credentials | undefined, env, profile, problems, profileLabel);
  const metadataEndpoint = readEnv(env, ENV.metadataEndpoint);
  const metadataProblem = metadataEndpoint !== undefined && metadataEndpoint.toLowerCase() !== 'off' ? checkMetadataEndpoint(metadataEndpoint) : undefined;
  if (metadataProblem) problems.push(metadataProblem);

  // Endpoint
  let endpoint: { url: string; source: 'option' | 'env' | 'table' } | undefined;
  const hasOverride = options.endpoint !== undefined && options.endpoint !== '';
  const endpointProblem = hasOverride
    ? checkEndpointText(options.endpoint, 'option')
    : region && !regionProblem
      ? checkEnvEndpoint(options.service, region.value, env)
      : undefined;
  if (endpointProblem) problems.push(endpointProblem);
  else if ((region && !regionProblem) || hasOverride) {
    const r = tryResolveEndpoint(options.service, regionProblem ? undefined : region?.value, {
      override: options.endpoint,
      env,
      allowInsecureHttp: options.allowInsecureHttp,
    });
    if (r.ok) endpoint = r.value;
    else problems.push(...r.problems);
  }

  const note = profileState?.note ? ` (${profileState.note})` : '';
  const typoNote = (() => {
    // Own keys only: a profile named "constructor" must not find Object.prototype.constructor.
    const keys = profileState?.file?.unknownKeys;
    const unknown = keys && Object.hasOwn(keys, profileName) ? keys[profileName] : undefined;
    return unknown?.length ? [`Note: ${profileLabel} has keys this version ignores: ${unknown.join(', ')} (typo?).`] : [];
  })();

  if (!region && !hasOverride) {
    problems.push({
      setting: 'region',
      message: `No region given${note}.`,
      fixes: [
        "option  region: 'cn-north-4'",
        `env     ${ENV.region}=cn-north-4`,
        `profile "region": "cn-north-4"   in ${profileLabel}`,
        ...typoNote,
      ],
    });
  }
  if (!projectId && !projectProblem) {
    const r = region?.value ?? '<region>';
    problems.push({
      setting: 'projectId',
      message: `No project ID${region ? ` for region ${region.value}` : ''}${note}. It is never looked up or created implicitly.`,
      fixes: [
        "option  projectId: '<project id>'",
        `env     ${ENV.projectId}=<project id>`,
        `profile "projects": { "${r}": "<project id>" }   (or "project_id" for the profile's own region) in ${profileLabel}`,
        'Find it in the console: My Credentials > API Credentials > Projects.',
        ...typoNote,
      ],
    });
  }
  // With nothing configured, the last link is the ECS/BMS metadata service — but not for a local
  // mock or simulator (loopback), which must never be sent an instance's cloud credentials, unless
  // HCDR_METADATA_ENDPOINT names a metadata service explicitly.
  const metadataOff = metadataEndpoint?.toLowerCase() === 'off';
  const loopback = endpoint !== undefined && isLoopbackHost(new URL(endpoint.url).hostname.replace(/^\[|\]$/g, ''));
  const useMetadata = !provider && !credentials && !metadataOff && (metadataEndpoint !== undefined || !loopback);
  const otherProblems = problems.length > 0 || !projectId || !endpoint;
  if (!provider && !credentials && (!useMetadata || otherProblems) && !problems.some((p) => p.setting === 'credentials')) {
    problems.push({
      setting: 'credentials',
      message: useMetadata
        ? `No credentials in options, environment or profile${note}; on an ECS/BMS with an agency they would come from its metadata service.`
        : `No credentials${parenthesised([profileState?.note, metadataOff ? `${ENV.metadataEndpoint}=off` : loopback ? 'the metadata service is not asked for a loopback endpoint' : undefined])}.`,
      fixes: [...credentialFixes(profileLabel), ...typoNote],
    });
  }

  if (problems.length || !projectId || !endpoint || !(provider || credentials || useMetadata)) {
    throw new HuaweiCloudConfigError(dedupe(problems), `Huawei Cloud configuration for ${options.service.name} is incomplete or invalid`);
  }

  const auth = credentials ? hideSecrets(credentials.value) : undefined;
  const settled = auth ? Promise.resolve(auth) : undefined;
  return {
    service: options.service.name,
    baseUrl: endpoint.url,
    region: region?.value,
    projectId: projectId.value,
    credentials:
      provider ??
      (settled ? () => settled : fromEcsMetadata({ endpoint: metadataEndpoint, fixes: [...credentialFixes(profileLabel), ...typoNote] })),
    auth,
    sources: {
      region: region?.source,
      projectId: projectId.source,
      credentials: provider ? 'option' : credentials ? credentials.source : 'metadata',
      endpoint: endpoint.source,
    },
    profile: { name: profileName, path: configPath, used: profileState?.loaded ?? false },
  };
}

function resolveCredentials(
  explicit: Credentials | undefined,
  env: EnvLike,
  profile: () => Profile | undefined,
  problems: ConfigProblem[],
  profileLabel: string,
): Sourced<AkSkAuth | TokenAuth> | undefined {
  const found = findCredentials(explicit, env, profile, problems, profileLabel);
  if (!found) return undefined;
  const labels = CREDENTIAL_LABELS[found.source](profileLabel);
  const auth = found.value;
  const parts: Array<[keyof CredentialLabels, unknown]> =
    auth.type === 'token'
      ? [['authToken', auth.token]]
      : [
          ['accessKeyId', auth.accessKeyId],
          ['secretAccessKey', auth.secretAccessKey],
          ...(auth.securityToken !== undefined ? [['securityToken', auth.securityToken] as [keyof CredentialLabels, unknown]] : []),
        ];
  const malformed = parts.map(([part, value]) => checkCredential(part, value, labels)).filter((p) => p !== undefined);
  if (malformed.length) {
    problems.push(...malformed);
    return undefined;
  }
  return found;
}

const CREDENTIAL_LABELS: Record<ConfigSource, (profileLabel: string) => CredentialLabels> = {
  option: () => ({
    accessKeyId: 'option credentials.accessKeyId',
    secretAccessKey: 'option credentials.secretAccessKey',
    securityToken: 'option credentials.securityToken',
    authToken: 'option credentials.authToken',
  }),
  env: () => ({
    accessKeyId: `env ${ENV.accessKeyId}`,
    secretAccessKey: `env ${ENV.secretAccessKey}`,
    securityToken: `env ${ENV.securityToken}`,
    authToken: `env ${ENV.authToken}`,
  }),
  profile: (profileLabel) => ({
    accessKeyId: `"access_key_id" in ${profileLabel}`,
    secretAccessKey: `"secret_access_key" in ${profileLabel}`,
    securityToken: `"security_token" in ${profileLabel}`,
    authToken: `"auth_token" in ${profileLabel}`,
  }),
};

function findCredentials(
  explicit: Credentials | undefined,
  env: EnvLike,
  profile: () => Profile | undefined,
  problems: ConfigProblem[],
  profileLabel: string,
): Sourced<AkSkAuth | TokenAuth> | undefined {
  if (explicit !== undefined && explicit !== null) {
    // Plain JavaScript callers can pass anything here; `in` on a string would throw a TypeError.
    if (typeof explicit !== 'object') {
      problems.push({ setting: 'credentials', message: 'option credentials must be { accessKeyId, secretAccessKey, securityToken? } or { authToken }.' });
      return undefined;
    }
    if ('authToken' in explicit) {
      if (explicit.authToken) return { value: { type: 'token', token: explicit.authToken }, source: 'option' };
      problems.push({ setting: 'credentials', message: 'option credentials.authToken is empty.' });
      return undefined;
    }
    return akskFrom(
      { ak: explicit.accessKeyId, sk: explicit.secretAccessKey, st: explicit.securityToken },
      'option',
      { ak: 'option credentials.accessKeyId', sk: 'option credentials.secretAccessKey' },
      problems,
    );
  }

  const ak = readEnv(env, ENV.accessKeyId);
  const sk = readEnv(env, ENV.secretAccessKey);
  const st = readEnv(env, ENV.securityToken);
  if (ak || sk || st) return akskFrom({ ak, sk, st }, 'env', { ak: `env ${ENV.accessKeyId}`, sk: `env ${ENV.secretAccessKey}` }, problems);
  const token = readEnv(env, ENV.authToken);
  if (token) return { value: { type: 'token', token }, source: 'env' };

  const p = profile();
  if (p && (p.access_key_id || p.secret_access_key || p.security_token)) {
    return akskFrom(
      { ak: p.access_key_id, sk: p.secret_access_key, st: p.security_token },
      'profile',
      { ak: `"access_key_id" in ${profileLabel}`, sk: `"secret_access_key" in ${profileLabel}` },
      problems,
    );
  }
  if (p?.auth_token) return { value: { type: 'token', token: p.auth_token }, source: 'profile' };
  return undefined;
}

/** ` (a; b)` for the given notes, '' for none. */
function parenthesised(notes: ReadonlyArray<string | undefined>): string {
  const present = notes.filter((n): n is string => n !== undefined && n !== '');
  return present.length ? ` (${present.join('; ')})` : '';
}

/** HCDR_METADATA_ENDPOINT: an http(s) base URL (a local fake in tests) or `off`. */
function checkMetadataEndpoint(value: string): ConfigProblem | undefined {
  const url = URL.canParse(value) ? new URL(value) : undefined;
  if (url && (url.protocol === 'http:' || url.protocol === 'https:') && !url.username && !url.password && !url.search && !url.hash) return undefined;
  return {
    setting: 'credentials',
    message: `env ${ENV.metadataEndpoint} must be an http(s) URL without user info, query or fragment, or "off".`,
    fixes: [`${ENV.metadataEndpoint}=http://169.254.169.254   (the default)   or   ${ENV.metadataEndpoint}=off`],
  };
}

/** The per-region endpoint variable is checked like the option (URL parsing would drop an embedded newline). */
function checkEnvEndpoint(service: ServiceEndpoints, region: string, env: EnvLike): ConfigProblem | undefined {
  const envVar = regionEndpointEnvVar(service, region);
  const value = env[envVar]?.trim();
  return value ? checkEndpointText(value, `env ${envVar}`) : undefined;
}

function akskFrom(
  v: { ak?: string | undefined; sk?: string | undefined; st?: string | undefined },
  source: ConfigSource,
  names: { ak: string; sk: string },
  problems: ConfigProblem[],
): Sourced<AkSkAuth> | undefined {
  const missing = [!v.ak ? names.ak : undefined, !v.sk ? names.sk : undefined].filter((x): x is string => x !== undefined);
  if (missing.length) {
    problems.push({
      setting: 'credentials',
      message: `Incomplete AK/SK credentials from ${source}: missing ${missing.join(' and ')}. AK, SK (and security token) must come from the same place.`,
    });
    return undefined;
  }
  const auth: AkSkAuth = { type: 'aksk', accessKeyId: v.ak as string, secretAccessKey: v.sk as string };
  if (v.st) auth.securityToken = v.st;
  return { value: auth, source };
}

function dedupe(problems: ConfigProblem[]): ConfigProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.setting}\n${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

