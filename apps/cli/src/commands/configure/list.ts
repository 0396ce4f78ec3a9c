// `hcdr configure list`: every setting a command would use right now, and where each comes from
// (flag, environment, profile, built-in table), in core's order of precedence: flags, then the
// environment, then the profile. Secrets are reported as set or not, never shown.
import { serviceDescriptor } from '../../config/client-options.js';
import type { AppContext } from '../../context.js';
import type { ProfileLocation } from '../../config/profile-store.js';
import { displayValue, SETTINGS } from './settings.js';

export interface SettingRow {
  setting: string;
  value: string;
  source: string;
}

type Profile = Readonly<Record<string, unknown>>;

export async function listSettings(ctx: AppContext, location: ProfileLocation): Promise<{ rows: SettingRow[]; problems: string[] }> {
  const core = await import('@hcdr/core');
  const env = ctx.term.env;
  const g = ctx.globals;
  const envValue = (name: string) => core.readEnv(env, name);
  const rows: SettingRow[] = [];
  const problems: string[] = [];

  const loaded = core.loadProfileFile(location.path);
  let profile: Profile | undefined;
  let fileState: string;
  if (loaded.status === 'missing') fileState = 'not created yet (hcdr configure)';
  else if (loaded.status === 'invalid') {
    fileState = 'INVALID (see below)';
    problems.push(...loaded.problems.map((p) => p.message));
  } else {
    profile = Object.hasOwn(loaded.file.profiles, location.name) ? (loaded.file.profiles[location.name] as Profile) : undefined;
    fileState = profile ? 'ok' : `has no profile "${location.name}" (profiles: ${Object.keys(loaded.file.profiles).join(', ') || 'none'})`;
    const unknown = Object.hasOwn(loaded.file.unknownKeys, location.name) ? loaded.file.unknownKeys[location.name] : undefined;
    if (unknown?.length) problems.push(`profile "${location.name}" has keys hcdr ignores: ${unknown.join(', ')} (typo?)`);
  }
  const fromProfile = `profile "${location.name}"`;
  const str = (key: string) => (typeof profile?.[key] === 'string' && (profile[key] as string).trim() !== '' ? (profile[key] as string).trim() : undefined);

  rows.push({ setting: 'profile', value: location.name, source: location.nameFrom === 'default' ? 'default (--profile / HCDR_PROFILE not given)' : location.nameFrom });
  rows.push({ setting: 'config_file', value: location.path, source: `${location.pathFrom === 'default' ? 'default' : location.pathFrom}; ${fileState}` });

  // Region and project: flag > environment > profile (a plain project_id only for the profile's own region).
  const region = g.region !== undefined ? { value: g.region, source: '--region' } : envValue(core.ENV.region) ? { value: envValue(core.ENV.region) as string, source: `env ${core.ENV.region}` } : str('region') ? { value: str('region') as string, source: fromProfile } : undefined;
  rows.push({ setting: 'region', value: region?.value ?? '', source: region?.source ?? 'not set' });
  const projects = profile?.['projects'];
  const byRegion = region && typeof projects === 'object' && projects !== null ? (projects as Record<string, unknown>)[region.value] : undefined;
  const project =
    g.projectId !== undefined
      ? { value: g.projectId, source: '--project-id' }
      : envValue(core.ENV.projectId)
        ? { value: envValue(core.ENV.projectId) as string, source: `env ${core.ENV.projectId}` }
        : typeof byRegion === 'string'
          ? { value: byRegion, source: `${fromProfile} (projects.${region?.value})` }
          : str('project_id') && (str('region') === undefined || region === undefined || str('region') === region.value)
            ? { value: str('project_id') as string, source: fromProfile }
            : undefined;
  rows.push({ setting: 'project_id', value: project?.value ?? '', source: project?.source ?? 'not set' });

  // Credentials come as a unit from the first place that has any.
  const credentialRows = (values: Record<string, string | undefined>, source: string) =>
    SETTINGS.filter((s) => ['access_key_id', 'secret_access_key', 'security_token', 'auth_token'].includes(s.key) && values[s.key] !== undefined).map((s) => ({
      setting: s.key,
      value: displayValue(s, values[s.key]),
      source,
    }));
  if (g.credentialsFile !== undefined) {
    rows.push({ setting: 'credentials', value: '(from the file, not read here)', source: `--credentials-file ${g.credentialsFile}` });
  } else if (envValue(core.ENV.accessKeyId) || envValue(core.ENV.secretAccessKey) || envValue(core.ENV.securityToken)) {
    rows.push(
      ...credentialRows(
        { access_key_id: envValue(core.ENV.accessKeyId), secret_access_key: envValue(core.ENV.secretAccessKey), security_token: envValue(core.ENV.securityToken) },
        'env HUAWEICLOUD_SDK_AK/SK',
      ),
    );
  } else if (envValue(core.ENV.authToken)) {
    rows.push(...credentialRows({ auth_token: envValue(core.ENV.authToken) }, `env ${core.ENV.authToken}`));
  } else {
    const found = credentialRows({ access_key_id: str('access_key_id'), secret_access_key: str('secret_access_key'), security_token: str('security_token'), auth_token: str('auth_token') }, fromProfile);
    rows.push(...(found.length ? found : [{ setting: 'credentials', value: '', source: 'not set' }]));
  }

  // Endpoints, per service: --endpoint / HCDR_ENDPOINT > HUAWEICLOUD_SDK_REGION_<SERVICE>_<REGION> > built-in table.
  for (const service of ['geminidb', 'dws'] as const) {
    const descriptor = await serviceDescriptor(service);
    const setting = `endpoint (${service})`;
    if (g.endpoint !== undefined) {
      rows.push({ setting, value: g.endpoint, source: g.endpointFrom ?? '--endpoint' });
      continue;
    }
    if (!region) {
      rows.push({ setting, value: '', source: 'needs a region' });
      continue;
    }
    const variable = core.regionEndpointEnvVar(descriptor, region.value);
    const fromEnv = envValue(variable);
    const table = descriptor.endpoints[region.value];
    if (fromEnv) rows.push({ setting, value: fromEnv, source: `env ${variable}` });
    else rows.push({ setting, value: table ?? '', source: table ? `built-in table (${region.value})` : `unknown region ${region.value}: set ${variable} or --endpoint` });
  }
  return { rows, problems };
}
