/** Environment variables read by @hcdr/core. HUAWEICLOUD_SDK_* names match the official SDKs. */
export const ENV = Object.freeze({
  accessKeyId: 'HUAWEICLOUD_SDK_AK',
  secretAccessKey: 'HUAWEICLOUD_SDK_SK',
  securityToken: 'HUAWEICLOUD_SDK_SECURITY_TOKEN',
  projectId: 'HUAWEICLOUD_SDK_PROJECT_ID',
  region: 'HUAWEICLOUD_SDK_REGION_ID',
  /** Ours (the official SDKs have no token variable): an IAM token for X-Auth-Token auth. */
  authToken: 'HUAWEICLOUD_SDK_AUTH_TOKEN',
  /** Ours: path of the profile file. */
  configFile: 'HCDR_CONFIG_FILE',
  /** Ours: profile name. */
  profile: 'HCDR_PROFILE',
  /** Ours: the ECS/BMS metadata service for temporary credentials (default http://169.254.169.254), or `off`. */
  metadataEndpoint: 'HCDR_METADATA_ENDPOINT',
} as const);

export type EnvLike = Readonly<Record<string, string | undefined>>;

/** Reads a variable; empty or blank values count as unset (a common CI artefact). */
export function readEnv(env: EnvLike, name: string): string | undefined {
  const v = env[name];
  if (v === undefined) return undefined;
  const trimmed = v.trim();
  return trimmed === '' ? undefined : trimmed;
}
